// RSS 2.0 and Atom feeds through rss-parser (documents arrive decoded, whatever their encoding). An
// entry with event dates (mod_event's ev:startdate) is an event, any other a call; what the source
// declares it carries decides in the end (news-ingest.ts), so a news feed's posts never become calls.
// Whole call identifiers written in titles (HORIZON-MISS-2027-05-SOIL-01-two-stage) are picked up so
// the same call from the portal and from a newsletter becomes one item. The publication date is kept;
// the key is the entry's own guid (Atom id). Entries without a title are skipped and counted.
import Parser from 'rss-parser';
import { err, ok, type Result } from '../../core/index.ts';
import { findIdentifier, type ItemInput } from '../../features/news/news-item.ts';
import type { ReadRecord } from '../../features/news/news-sources.ts';

type Extra = {
  id?: string;
  deadline?: string;
  'ev:startdate'?: string;
  'ev:enddate'?: string;
  'ev:location'?: string;
  'ev:organizer'?: string;
  'ft:programme'?: string;
  'ft:budget'?: string;
};

const parser = (): Parser<Record<string, unknown>, Extra> =>
  new Parser({ customFields: { item: ['id', 'deadline', 'ev:startdate', 'ev:enddate', 'ev:location', 'ev:organizer', 'ft:programme', 'ft:budget'] } });

const iso = (value: unknown): string | undefined => {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  const t = Date.parse(value.trim());
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
};

const textOf = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value.trim() || undefined;
  if (value && typeof value === 'object' && '_' in value) return textOf((value as { _: unknown })._);
  return undefined;
};

export function rssEntryToRecord(entry: Parser.Item & Extra): ReadRecord {
  const title = textOf(entry.title);
  if (!title) return { ok: false, reason: 'entry without a title' };
  const link = textOf(entry.link);
  const key = textOf(entry.guid) ?? textOf(entry.id) ?? link ?? title;
  const topics = (entry.categories ?? []).map((c) => textOf(c) ?? '').filter(Boolean);
  const summary = textOf(entry.contentSnippet)?.slice(0, 1000);
  const identifier = findIdentifier(title) ?? findIdentifier(summary ?? '');
  const start = iso(entry['ev:startdate']);
  if (entry['ev:startdate'] !== undefined && !start) return { ok: false, reason: 'event with an unreadable start' };
  const published = iso(entry.isoDate) ?? iso(entry.pubDate);
  const base = {
    externalKey: key,
    title,
    topics,
    ...(link ? { link } : {}),
    ...(summary ? { summary } : {}),
    ...(published ? { publishedAt: published } : {}),
  };
  if (start) {
    const end = iso(entry['ev:enddate']);
    const input: ItemInput = { ...base, kind: 'event', startAt: start, ...(end ? { endAt: end } : {}) };
    const place = textOf(entry['ev:location']);
    const organiser = textOf(entry['ev:organizer']);
    if (place) input.place = place;
    if (organiser) input.organiser = organiser;
    return { ok: true, input };
  }
  const deadline = iso(entry.deadline);
  if (entry.deadline !== undefined && !deadline) return { ok: false, reason: 'unreadable deadline' };
  const budget = Number(textOf(entry['ft:budget']));
  const programme = textOf(entry['ft:programme']);
  const input: ItemInput = {
    ...base,
    kind: 'call',
    ...(identifier ? { identifier } : {}),
    ...(deadline ? { deadlines: [deadline] } : {}),
    ...(programme ? { programme } : {}),
    ...(Number.isFinite(budget) && budget > 0 ? { budget } : {}),
  };
  return { ok: true, input };
}

/** Parses a whole feed; a document that is not RSS or Atom is an error value. */
export async function parseFeed(xml: string): Promise<Result<ReadRecord[], string>> {
  try {
    const feed = await parser().parseString(xml);
    if (!Array.isArray(feed.items)) return err('not an RSS or Atom feed');
    return ok(feed.items.map((entry) => rssEntryToRecord(entry)));
  } catch {
    return err('not a valid RSS or Atom feed');
  }
}
