// Merging what a source says into the item we know, with one truth per field. Each field remembers
// which source gave its value and how authoritative that source is (SOURCE_RANK: the portal's topic
// data > the bulk file > a feed or calendar > a hand entry). A source writes a field when the field is
// empty, when it outranks the field's owner, or when it is the owner; anything else is ignored. So two
// sources that disagree never flip a value back and forth, and a change is recorded (and announced to
// followers) only when the authoritative value itself changes.
import { itemIdFor, idBasis, type ItemChange, type NewsItem, type ParsedInput } from './news-item.ts';

/** Who is speaking: the source's rank and its id (a bare number is a rank from an unnamed source). */
export type Authority = number | { rank: number; source: string };
const authority = (by: Authority): { rank: number; source: string } => (typeof by === 'number' ? { rank: by, source: `rank:${by}` } : by);

const uniq = (values: string[]): string[] => {
  const seen = new Map<string, string>();
  for (const v of values) {
    const trimmed = v.trim();
    if (trimmed && !seen.has(trimmed.toLowerCase())) seen.set(trimmed.toLowerCase(), trimmed);
  }
  return [...seen.values()];
};

const canonicalInstant = (iso: string): string => new Date(iso).toISOString();

const TRACKED = ['deadlines', 'status', 'budget', 'openingAt', 'startAt'] as const;
const DESCRIPTIVE = [
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
  'publishedAt',
] as const;

const present = (v: unknown): boolean => v !== undefined && !(Array.isArray(v) && v.length === 0);

/** A brand-new item from one source's record; `id` defaults to the one its identifier (or the input's key) gives. */
export function newItem(input: ParsedInput, now: Date, by: Authority = 0, id?: string): NewsItem {
  const { externalKey, ...rest } = input;
  const who = authority(by);
  const item: NewsItem = {
    ...rest,
    topics: uniq(rest.topics),
    countries: uniq(rest.countries.map((c) => c.toUpperCase())),
    deadlines: uniq(rest.deadlines.map(canonicalInstant)).sort(),
    id: id ?? itemIdFor(idBasis(rest.identifier, who.source, externalKey)),
    version: 1,
    firstSeenAt: now.toISOString(),
    rank: who.rank,
  };
  for (const key of ['openingAt', 'startAt', 'endAt', 'publishedAt'] as const) {
    const value = item[key];
    if (value) item[key] = canonicalInstant(value);
  }
  const owners: NonNullable<NewsItem['owners']> = {};
  for (const field of [...TRACKED, ...DESCRIPTIVE]) if (present(item[field])) owners[field] = who;
  // Who decided what the item is: only that source may later say it is another kind.
  owners.kind = who;
  item.owners = owners;
  return item;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const show = (v: unknown): string => (v === undefined || v === null ? '' : Array.isArray(v) ? v.join(',') : String(v));

/**
 * Folds a source's record into a known item. Returns the merged item and the recorded changes; the
 * version goes up only when a value a follower cares about changed at the hands of its owner.
 */
export function mergeItem(existing: NewsItem, input: ParsedInput, now: Date, by: Authority = 0): { item: NewsItem; changes: ItemChange[] } {
  const who = authority(by);
  const fresh = newItem(input, now, who, existing.id);
  const merged: NewsItem = { ...existing };
  const owners = { ...(existing.owners ?? {}) };
  const changes: ItemChange[] = [];
  // Items stored before per-field owners: every field belongs to the item's rank, from an unknown source.
  const ownerOf = (field: string) => owners[field] ?? { rank: existing.rank ?? 0, source: '?' };
  const mayWrite = (field: string) => {
    if (!present(existing[field as keyof NewsItem])) return true;
    const owner = ownerOf(field);
    return who.rank > owner.rank || (who.rank === owner.rank && who.source === owner.source);
  };

  for (const field of [...TRACKED, ...DESCRIPTIVE]) {
    const next = fresh[field];
    if (!present(next) || !mayWrite(field)) continue;
    const before = existing[field];
    if ((TRACKED as readonly string[]).includes(field) && present(before) && !same(before, next)) {
      changes.push({ field: field as ItemChange['field'], before: show(before), after: show(next) });
    }
    (merged as Record<string, unknown>)[field] = next;
    owners[field] = who;
  }
  merged.owners = owners;
  merged.rank = Math.max(existing.rank ?? 0, who.rank);
  merged.topics = uniq([...existing.topics, ...fresh.topics]);
  merged.countries = uniq([...existing.countries, ...fresh.countries]);

  if (changes.length > 0) {
    merged.version = existing.version + 1;
    merged.changedAt = now.toISOString();
    merged.lastChanges = changes;
  }
  return { item: merged, changes };
}
