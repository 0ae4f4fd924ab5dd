// Subscription filters and the one function that decides whether an item belongs in a digest, with
// every check it made, so `/news preview` can say exactly why an item is in or out.
import { z } from 'zod';
import { CALL_STATUSES, isOver, normaliseText, type NewsItem } from './news-item.ts';

export const FiltersSchema = z.object({
  topics: z.array(z.string()).default([]),
  programmes: z.array(z.string()).default([]),
  countries: z.array(z.string()).default([]),
  kind: z.enum(['call', 'event', 'news', 'all']).default('all'),
  statuses: z.array(z.enum(CALL_STATUSES)).default([]),
  minBudget: z.number().nonnegative().optional(),
});
export type Filters = z.output<typeof FiltersSchema>;

/** One check and its outcome; `key` is an i18n key under news.why_*. */
export interface Check {
  key: string;
  pass: boolean;
  vars?: Record<string, string | number>;
}

/**
 * An item with everything a filter looks at precomputed, in one fixed shape (digest selection runs
 * tens of millions of checks, so each must touch plain fields only).
 */
export interface MatchableItem {
  item: NewsItem;
  id: string;
  version: number;
  isCall: boolean;
  kind: NewsItem['kind'];
  status: string;
  /** -1 when the call states no budget. */
  budget: number;
  /** Normalised topics (whole) and their words. */
  topicWords: Set<string>;
  titleWords: Set<string>;
  programme: string;
  countries: Set<string>;
  /** isOver at the digest's "now", once an index computed it. */
  over: boolean | undefined;
  /** Next deadline (calls) or start (events): the digest's order. */
  sortKey: string;
  /** Position in the index's digest order. */
  pos: number;
}

export function matchable(item: NewsItem): MatchableItem {
  const topicWords = new Set<string>();
  for (const topic of item.topics) {
    const n = normaliseText(topic);
    if (!n) continue;
    topicWords.add(n);
    for (const w of n.split(' ')) topicWords.add(w);
  }
  return {
    item,
    id: item.id,
    version: item.version,
    isCall: item.kind === 'call',
    kind: item.kind,
    status: item.status ?? 'open',
    budget: item.budget ?? -1,
    topicWords,
    titleWords: new Set(
      normaliseText(item.title)
        .split(' ')
        .filter((w) => w.length >= 3),
    ),
    programme: normaliseText(item.programme ?? ''),
    countries: new Set(item.countries.map((c) => c.toUpperCase())),
    over: undefined,
    sortKey: '',
    pos: -1,
  };
}

/** Filters with their words normalised once, so matching 10,000 items costs no string work per item. */
export interface CompiledFilters {
  filters: Filters;
  topics: Array<{ raw: string; norm: string; words: string[] }>;
  programmes: string[];
  countries: string[];
  statuses: string[];
}

export function compileFilters(filters: Filters): CompiledFilters {
  return {
    filters,
    topics: filters.topics
      .map((raw) => {
        const norm = normaliseText(raw);
        return { raw, norm, words: norm.split(' ').filter(Boolean) };
      })
      .filter((t) => t.norm),
    programmes: filters.programmes.map(normaliseText).filter(Boolean),
    countries: filters.countries.map((c) => c.toUpperCase()),
    statuses: [...filters.statuses],
  };
}

/** Where a filter topic was found in an item, if anywhere. */
export function topicHit(m: MatchableItem, compiled: CompiledFilters): { topic: string; where: 'topics' | 'title' } | null {
  for (const t of compiled.topics) if (m.topicWords.has(t.norm)) return { topic: t.raw, where: 'topics' };
  for (const t of compiled.topics) {
    let all = true;
    for (const w of t.words) if (!m.titleWords.has(w)) all = false;
    if (all) return { topic: t.raw, where: 'title' };
  }
  return null;
}

/** Every check of the filter against one item, in the order a reader would ask them. */
export function checkFilters(m: MatchableItem, filters: Filters, now: Date): Check[] {
  const { item } = m;
  const compiled = compileFilters(filters);
  const checks: Check[] = [];
  const over = isOver(item, now);
  checks.push({ key: over ? (item.kind === 'call' ? 'why_closed' : 'why_past') : 'why_current', pass: !over });
  if (filters.kind !== 'all')
    checks.push({ key: filters.kind === item.kind ? 'why_kind_ok' : 'why_kind_no', pass: filters.kind === item.kind, vars: { kind: filters.kind } });
  if (filters.topics.length > 0) {
    const hit = topicHit(m, compiled);
    checks.push(
      hit
        ? { key: hit.where === 'topics' ? 'why_topic_ok' : 'why_topic_title', pass: true, vars: { topic: hit.topic } }
        : { key: 'why_topic_no', pass: false, vars: { topics: filters.topics.join(', ') } },
    );
  }
  if (filters.programmes.length > 0) {
    const hit = filters.programmes.find((p) => m.programme.includes(normaliseText(p)));
    checks.push(
      hit
        ? { key: 'why_programme_ok', pass: true, vars: { programme: item.programme ?? hit } }
        : { key: 'why_programme_no', pass: false, vars: { programmes: filters.programmes.join(', '), programme: item.programme ?? '—' } },
    );
  }
  if (filters.countries.length > 0) {
    const wanted = filters.countries.map((c) => c.toUpperCase());
    if (m.countries.size === 0) checks.push({ key: 'why_country_any', pass: true });
    else {
      const hit = wanted.find((c) => m.countries.has(c));
      checks.push(
        hit ? { key: 'why_country_ok', pass: true, vars: { country: hit } } : { key: 'why_country_no', pass: false, vars: { countries: wanted.join(', ') } },
      );
    }
  }
  if (item.kind === 'call' && filters.statuses.length > 0) {
    const status = item.status ?? 'open';
    const pass = (filters.statuses as string[]).includes(status);
    checks.push({ key: pass ? 'why_status_ok' : 'why_status_no', pass, vars: { status } });
  }
  if (item.kind === 'call' && filters.minBudget !== undefined) {
    if (item.budget === undefined) checks.push({ key: 'why_budget_unknown', pass: false, vars: { min: filters.minBudget } });
    else {
      const pass = item.budget >= filters.minBudget;
      checks.push({ key: pass ? 'why_budget_ok' : 'why_budget_no', pass, vars: { budget: item.budget, min: filters.minBudget } });
    }
  }
  return checks;
}

/**
 * The fast path of checkFilters for digest selection: same answer, no explanations built.
 * `topicsKnown`: the caller already knows the item matches a topic (it came from the topic index).
 */
export function passes(m: MatchableItem, compiled: CompiledFilters, now: Date, topicsKnown = false): boolean {
  const { filters } = compiled;
  if (filters.kind !== 'all' && filters.kind !== m.kind) return false;
  if (!topicsKnown && compiled.topics.length > 0 && !topicHit(m, compiled)) return false;
  if (compiled.programmes.length > 0) {
    let hit = false;
    for (const p of compiled.programmes) if (m.programme.includes(p)) hit = true;
    if (!hit) return false;
  }
  if (compiled.countries.length > 0 && m.countries.size > 0) {
    let hit = false;
    for (const c of compiled.countries) if (m.countries.has(c)) hit = true;
    if (!hit) return false;
  }
  if (m.isCall) {
    if (compiled.statuses.length > 0 && !compiled.statuses.includes(m.status)) return false;
    if (filters.minBudget !== undefined && m.budget < filters.minBudget) return false;
  }
  return !(m.over ?? isOver(m.item, now));
}
