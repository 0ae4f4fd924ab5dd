// Sources of items as the feature sees them: what a source is, its polling state, and the reader port
// the infrastructure implements (HTTP or files, RSS/Atom, iCalendar, the EU portal's JSON).
import type { Result } from '../../core/index.ts';
import type { ItemInput, ItemKind, ParsedInput } from './news-item.ts';

export const SOURCE_KINDS = ['rss', 'ical', 'eu-portal', 'eu-bulk', 'manual'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const POLLED_KINDS = ['rss', 'ical', 'eu-portal', 'eu-bulk'] as const;

/** How often each kind is polled unless the admin says otherwise (cron, network time zone). */
export const DEFAULT_EVERY: Record<SourceKind, string> = {
  rss: '0 * * * *',
  ical: '0 */6 * * *',
  'eu-portal': '0 */6 * * *',
  'eu-bulk': '30 3 * * *',
  manual: '0 0 1 1 *',
};

/**
 * One truth per field: who is believed when sources disagree. The portal's topic data (search API) is
 * the authority on an EU call; the nightly bulk file is the same data but older; a feed or calendar
 * repeats what others publish; a hand entry fills gaps until a source knows better. See news-merge.ts.
 */
export const SOURCE_RANK: Record<SourceKind, number> = { 'eu-portal': 4, 'eu-bulk': 3, ical: 2, rss: 2, manual: 1 };

/** What a source carries: every record it yields becomes this kind of item. */
export const CARRIES = ['calls', 'events', 'news'] as const;
export type Carries = (typeof CARRIES)[number];
/** What a source carries unless its admin says otherwise: feeds are news until declared otherwise. */
export const DEFAULT_CARRIES: Record<SourceKind, Carries> = { rss: 'news', ical: 'events', 'eu-portal': 'calls', 'eu-bulk': 'calls', manual: 'calls' };

export interface NewsSource {
  id: string;
  kind: SourceKind;
  /** An http(s) address, a file:// URL or a path on disk. */
  url: string;
  every: string;
  state: 'new' | 'ok' | 'failing';
  lastError?: string;
  failingSince?: Date;
  lastPolledAt?: Date;
  lastSuccessAt?: Date;
  etag?: string;
  lastModified?: string;
  lastImported: number;
  lastSkipped: number;
  /** How many records the source said it had at the last poll, and how many lay beyond the page cap. */
  lastTotal?: number;
  lastLeft?: number;
  /** What it carries and the defaults its items get when they say nothing themselves. */
  carries: Carries;
  programme?: string;
  countries: string[];
  topics: string[];
  /** A paused source is not polled; its items stay. */
  paused: boolean;
  createdAt: Date;
}

/** What an admin states about a source when adding or editing it. */
export type SourceDeclaration = Partial<Pick<NewsSource, 'carries' | 'programme' | 'countries' | 'topics'>>;

/** One record from a source: an item, or the reason it could not be one (it is skipped and counted). */
export type ReadRecord = { ok: true; input: ItemInput } | { ok: false; reason: string; fatal?: boolean };

export type ReadOutcome =
  | { status: 'not-modified' }
  /** Records stream: a bulk file is never held whole. A body that breaks midway ends with a `fatal` record. */
  | {
      status: 'fetched';
      records: AsyncIterable<ReadRecord>;
      etag?: string;
      lastModified?: string;
      /** How many records the source says it has (a search API's totalResults). */
      total?: number;
      /** How many of those lie beyond the page cap and are not read this time, and the cap. */
      left?: number;
      cap?: number;
    };

export interface SourceReader {
  /** Conditional where the server allows (ETag, Last-Modified); an error value when unreachable or unreadable. */
  read(source: Pick<NewsSource, 'kind' | 'url' | 'etag' | 'lastModified'>, now: Date): Promise<Result<ReadOutcome, string>>;
}

/** The parts of a source that shape its records. */
export type IngestSource = Pick<NewsSource, 'id' | 'kind'> & Partial<Pick<NewsSource, 'carries' | 'programme' | 'countries' | 'topics'>>;

/**
 * A record as its source declares: a news source's entries are news (never calls), an events source
 * keeps only dated entries, a calls source turns undeclared entries into calls (explicit event markup
 * stays an event); the source's programme, countries and topics fill what the record leaves open.
 */
export function asDeclared(input: ParsedInput, source: IngestSource): ParsedInput | { skip: string } {
  const carries = source.carries ?? DEFAULT_CARRIES[source.kind];
  let kind: ItemKind = input.kind;
  if (carries === 'news') kind = 'news';
  else if (carries === 'events') {
    if (!input.startAt) return { skip: 'entry without an event date' };
    kind = 'event';
  } else if (input.kind === 'news') kind = 'call';
  const shaped: ParsedInput = { ...input, kind };
  if (kind === 'news') {
    for (const key of [
      'identifier',
      'status',
      'openingAt',
      'deadlineModel',
      'budget',
      'currency',
      'actionType',
      'startAt',
      'endAt',
      'allDay',
      'timeZone',
    ] as const)
      delete shaped[key];
    shaped.deadlines = [];
  }
  if (!shaped.programme && source.programme && kind !== 'event') shaped.programme = source.programme;
  if (shaped.countries.length === 0 && source.countries?.length) shaped.countries = [...source.countries];
  if (source.topics?.length) shaped.topics = [...shaped.topics, ...source.topics];
  return shaped;
}
