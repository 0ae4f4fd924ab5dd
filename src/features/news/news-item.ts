// The news item model: funding calls, events and news (articles that are neither) as zod data
// (instants as UTC ISO strings), the input a source hands in, and the keys that make one item out of
// many sources: the whole call identifier, else the source's own key (guid, UID) for its record.
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const ITEM_KINDS = ['call', 'event', 'news'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
export const CALL_STATUSES = ['forthcoming', 'open', 'closed'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];
export const DEADLINE_MODELS = ['single-stage', 'two-stage', 'multiple-cut-off'] as const;
export type DeadlineModel = (typeof DEADLINE_MODELS)[number];

const Iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO instant');

/** What a source says about one item. Every field but kind and title is optional. */
export const ItemInputSchema = z.object({
  kind: z.enum(ITEM_KINDS),
  /** The source's own key for this record (guid, UID, portal identifier). */
  externalKey: z.string().min(1),
  title: z.string().min(1),
  summary: z.string().optional(),
  link: z.string().optional(),
  identifier: z.string().optional(),
  topics: z.array(z.string()).default([]),
  programme: z.string().optional(),
  actionType: z.string().optional(),
  status: z.enum(CALL_STATUSES).optional(),
  openingAt: Iso.optional(),
  deadlines: z.array(Iso).default([]),
  deadlineModel: z.enum(DEADLINE_MODELS).optional(),
  budget: z.number().nonnegative().optional(),
  currency: z.string().optional(),
  countries: z.array(z.string()).default([]),
  startAt: Iso.optional(),
  endAt: Iso.optional(),
  timeZone: z.string().optional(),
  allDay: z.boolean().optional(),
  place: z.string().optional(),
  online: z.boolean().optional(),
  organiser: z.string().optional(),
  /** When the source published the entry (RSS pubDate, Atom published/updated). */
  publishedAt: Iso.optional(),
});
export type ItemInput = z.input<typeof ItemInputSchema>;
export type ParsedInput = z.output<typeof ItemInputSchema>;

export const NewsItemSchema = ItemInputSchema.omit({ externalKey: true }).extend({
  id: z.string(),
  version: z.number().int().positive(),
  firstSeenAt: Iso,
  changedAt: Iso.optional(),
  /** How authoritative the source of the dates, status and budget is (see SOURCE_RANK); items stored before per-field owners. */
  rank: z.number().int().optional(),
  /** Per field, which source's value the item holds and how authoritative it is (see news-merge.ts). */
  owners: z.record(z.string(), z.object({ rank: z.number().int(), source: z.string() })).optional(),
  /** What the latest change was, for digests' "changed" group. */
  lastChanges: z
    .array(z.object({ field: z.enum(['deadlines', 'status', 'budget', 'openingAt', 'startAt']), before: z.string(), after: z.string() }))
    .optional(),
});
export type NewsItem = z.output<typeof NewsItemSchema>;

/** A recorded change of a known item, announced to its followers. */
export interface ItemChange {
  field: 'deadlines' | 'status' | 'budget' | 'openingAt' | 'startAt';
  before: string;
  after: string;
}

const stripAccents = (s: string): string => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');

/** Lowercase, unaccented, punctuation folded to single spaces: the form titles and topics compare in. */
export function normaliseText(s: string): string {
  return stripAccents(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A link reduced to host + path + meaningful query: scheme, www., fragments, trackers and trailing slashes do not count. */
export function normaliseLink(url: string): string | undefined {
  try {
    const u = new URL(url.trim());
    const params = [...u.searchParams.entries()].filter(([k]) => !/^(utm_|fbclid|gclid|mc_)/i.test(k)).sort(([a], [b]) => a.localeCompare(b));
    const query = params.length ? '?' + params.map(([k, v]) => `${k}=${v}`).join('&') : '';
    const path = decodeURIComponent(u.pathname).replace(/\/+$/, '').toLowerCase();
    return `${u.hostname.replace(/^www\./, '').toLowerCase()}${path}${query}`;
  } catch {
    return undefined;
  }
}

export const normaliseIdentifier = (id: string): string => id.trim().toUpperCase();

/** The keys one item is known by, strongest first. */
export function dedupeKeys(input: Pick<ParsedInput, 'kind' | 'identifier' | 'link' | 'title' | 'startAt'>): {
  identifier?: string;
  linkKey?: string;
  titleKey: string;
} {
  const identifier = input.identifier ? normaliseIdentifier(input.identifier) : undefined;
  // An event's day is part of what it is: a weekly webinar is one item per occurrence.
  const day = input.kind === 'event' && input.startAt ? `@${input.startAt.slice(0, 10)}` : '';
  const link = input.link ? normaliseLink(input.link) : undefined;
  const linkKey = link ? `${link}${day}` : undefined;
  return {
    ...(identifier ? { identifier } : {}),
    ...(linkKey ? { linkKey } : {}),
    titleKey: `${input.kind}:${normaliseText(input.title)}${day}`,
  };
}

/**
 * A short, stable, typable id: from the whole identifier when the item has one, else from the source
 * and that source's own key for the record (so two posts with the same title or link stay two items).
 */
export function itemIdFor(basis: string): string {
  return BigInt('0x' + createHash('sha256').update(basis).digest('hex').slice(0, 12))
    .toString(36)
    .slice(0, 7)
    .padStart(7, '0');
}

export const idBasis = (identifier: string | undefined, sourceId: string, externalKey: string): string =>
  identifier ? normaliseIdentifier(identifier) : `${sourceId}\u0000${externalKey}`;

/** How long a news article stays current after it was published. */
export const NEWS_DAYS = 30;
const newsUntil = (item: Pick<NewsItem, 'publishedAt' | 'firstSeenAt'>): string =>
  new Date(Date.parse(item.publishedAt ?? item.firstSeenAt) + NEWS_DAYS * 86_400_000).toISOString();

/** The next deadline after `now`, if any. */
export function nextDeadline(item: Pick<NewsItem, 'deadlines'>, now: Date): string | undefined {
  return [...item.deadlines].sort().find((d) => Date.parse(d) > now.getTime());
}

/** The last moment the item matters: its latest deadline, or the end (else start) of an event. */
export function relevantTo(item: Pick<NewsItem, 'kind' | 'deadlines' | 'startAt' | 'endAt' | 'publishedAt' | 'firstSeenAt'>): string | undefined {
  if (item.kind === 'event') return item.endAt ?? item.startAt;
  if (item.kind === 'news') return newsUntil(item);
  return [...item.deadlines].sort().at(-1);
}

/** Whether a call is closed (by status or because every deadline passed) or an event is over. */
export function isOver(item: NewsItem, now: Date): boolean {
  if (item.kind === 'call') {
    if (item.status === 'closed') return true;
    return item.deadlines.length > 0 && !nextDeadline(item, now);
  }
  if (item.kind === 'news') return Date.parse(newsUntil(item)) < now.getTime();
  const end = item.endAt ?? item.startAt;
  return end !== undefined && Date.parse(end) < now.getTime();
}

/**
 * Whole EU-style identifiers found in free text: HORIZON-MISS-2027-05-SOIL-01-two-stage,
 * HORIZON-CL6-2025-CircBio-02-1-two-stage, SMP-COSME-2026-CLUSTER-01. An upper-case programme prefix,
 * then at least two hyphenated segments of letters (any case) and digits, a programme year among them
 * (not last); the match runs to the end of the token so no identifier is cut short.
 */
export function findIdentifier(text: string): string | undefined {
  for (const m of text.matchAll(/(?<![A-Za-z0-9-])[A-Z][A-Z0-9]{1,15}(?:-[A-Za-z0-9]{1,24}){2,14}(?![A-Za-z0-9])/g)) {
    const id = m[0].replace(/-+$/, '');
    // A programme year before the end (…-2027-…) tells a call identifier from "COVID-19-related" or "ISO-9001-2015".
    const parts = id.split('-');
    if (parts.slice(1, -1).some((p) => /^(19|20)\d\d$/.test(p))) return id;
  }
  return undefined;
}
