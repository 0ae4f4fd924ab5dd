// Merging what a source says into the item we know: new facts fill gaps, fresher structured facts
// (deadlines, status, budget, dates) replace older ones, and every such replacement is recorded as a
// change so followers can be told "deadline extended" or "now open".
import { dedupeKeys, itemIdFor, type ItemChange, type NewsItem, type ParsedInput } from './news-item.ts';

const uniq = (values: string[]): string[] => {
  const seen = new Map<string, string>();
  for (const v of values) {
    const trimmed = v.trim();
    if (trimmed && !seen.has(trimmed.toLowerCase())) seen.set(trimmed.toLowerCase(), trimmed);
  }
  return [...seen.values()];
};

const canonicalInstant = (iso: string): string => new Date(iso).toISOString();

/** A brand-new item from one source's record; `rank` is how much its source is trusted on dates and money. */
export function newItem(input: ParsedInput, now: Date, rank = 0, keys = dedupeKeys(input)): NewsItem {
  const { externalKey: _key, ...rest } = input;
  void _key;
  const item: NewsItem = {
    ...rest,
    topics: uniq(rest.topics),
    countries: uniq(rest.countries.map((c) => c.toUpperCase())),
    deadlines: uniq(rest.deadlines.map(canonicalInstant)).sort(),
    id: itemIdFor(keys),
    version: 1,
    firstSeenAt: now.toISOString(),
    rank,
  };
  for (const key of ['openingAt', 'startAt', 'endAt'] as const) {
    const value = item[key];
    if (value) item[key] = canonicalInstant(value);
  }
  return item;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const show = (v: unknown): string => (v === undefined || v === null ? '' : Array.isArray(v) ? v.join(',') : String(v));

/**
 * Folds a source's record into a known item. Returns the merged item and the recorded changes; the
 * version goes up only when something a follower cares about changed. A less trusted source (a news
 * feed repeating a portal call) fills gaps in dates, status and budget but never overrides them, so
 * two sources that disagree do not flip an item back and forth.
 */
export function mergeItem(existing: NewsItem, input: ParsedInput, now: Date, rank = 0): { item: NewsItem; changes: ItemChange[] } {
  const fresh = newItem(input, now, rank);
  const merged: NewsItem = { ...existing };
  const changes: ItemChange[] = [];
  const trusted = rank >= (existing.rank ?? 0);
  if (trusted) merged.rank = rank;

  const tracked = (field: ItemChange['field'], next: unknown, present: boolean) => {
    if (!present) return;
    const before = existing[field];
    const empty = before === undefined || (Array.isArray(before) && before.length === 0);
    if (!trusted && !empty) return;
    if (before !== undefined && (!Array.isArray(before) || before.length > 0) && !same(before, next)) {
      changes.push({ field, before: show(before), after: show(next) });
    }
    (merged as Record<string, unknown>)[field] = next;
  };
  tracked('deadlines', fresh.deadlines, fresh.deadlines.length > 0);
  tracked('status', fresh.status, fresh.status !== undefined);
  tracked('budget', fresh.budget, fresh.budget !== undefined);
  tracked('openingAt', fresh.openingAt, fresh.openingAt !== undefined);
  tracked('startAt', fresh.startAt, fresh.startAt !== undefined);

  // Descriptive fields: a more trusted source rewrites them (the portal's title and page over a
  // newsletter's); otherwise they only fill what is missing.
  const better = rank > (existing.rank ?? 0);
  for (const key of [
    'title',
    'summary',
    'link',
    'identifier',
    'programme',
    'actionType',
    'deadlineModel',
    'currency',
    'endAt',
    'timeZone',
    'allDay',
    'place',
    'online',
    'organiser',
  ] as const) {
    if (fresh[key] !== undefined && (merged[key] === undefined || better)) (merged as Record<string, unknown>)[key] = fresh[key];
  }
  if (fresh.endAt !== undefined && fresh.startAt !== undefined) merged.endAt = fresh.endAt;
  merged.topics = uniq([...existing.topics, ...fresh.topics]);
  merged.countries = uniq([...existing.countries, ...fresh.countries]);

  if (changes.length > 0) {
    merged.version = existing.version + 1;
    merged.changedAt = now.toISOString();
    merged.lastChanges = changes;
  }
  return { item: merged, changes };
}
