// Digest selection, pure: which items one subscriber's next digest holds and in which group (closing
// soon, new, changed, events coming), never repeating an item already sent unless it changed since,
// and the full why-in / why-out of any single item. An index built once per run serves every subscriber.
import { checkFilters, compileFilters, matchable, passes, type Check, type CompiledFilters, type Filters, type MatchableItem } from './news-filter.ts';
import { isOver, nextDeadline, type NewsItem } from './news-item.ts';

export const DIGEST_GROUPS = ['closing', 'new', 'changed', 'events', 'news'] as const;
export type DigestGroup = (typeof DIGEST_GROUPS)[number];
export const CLOSING_SOON_DAYS = 14;
/** More than this and a digest becomes a wall; the rest waits for the next one. */
export const DIGEST_MAX_ITEMS = 40;

/** itemId → version last sent to this subscriber. */
export type SentMarks = ReadonlyMap<string, number>;

export interface Digest {
  groups: Record<DigestGroup, NewsItem[]>;
  /** Items that matched but did not fit (they stay unsent and come next time). */
  overflow: number;
}

const byOrder = (a: MatchableItem, b: MatchableItem) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0);

export class DigestIndex {
  /** Current items in digest order (next deadline, else start), so most subscribers need no sort. */
  readonly #all: MatchableItem[];
  readonly #byKind: Record<'call' | 'event' | 'news', MatchableItem[]>;
  readonly #byWord = new Map<string, MatchableItem[]>();

  constructor(
    items: Iterable<NewsItem>,
    readonly now: Date,
  ) {
    const current: MatchableItem[] = [];
    for (const item of items) {
      const m = matchable(item);
      m.over = isOver(item, now);
      if (m.over) continue;
      m.sortKey = (item.kind === 'event' ? item.startAt : nextDeadline(item, now)) ?? '9999';
      current.push(m);
    }
    this.#all = current.sort(byOrder);
    this.#all.forEach((m, i) => (m.pos = i));
    this.#byKind = {
      call: this.#all.filter((m) => m.kind === 'call'),
      event: this.#all.filter((m) => m.kind === 'event'),
      news: this.#all.filter((m) => m.kind === 'news'),
    };
    for (const m of this.#all) {
      for (const word of new Set([...m.topicWords, ...m.titleWords])) {
        const list = this.#byWord.get(word);
        if (list) list.push(m);
        else this.#byWord.set(word, [m]);
      }
    }
  }

  readonly #masks = new Map<string, Uint8Array>();

  get size(): number {
    return this.#all.length;
  }

  /**
   * Which of the items in `list` pass one programme or country condition, computed once per distinct
   * condition and shared by every subscriber who sets it: the full scan of subscribers without topics
   * then costs a few array reads per item.
   */
  mask(list: readonly MatchableItem[], listName: string, condition: string): Uint8Array {
    const key = `${listName}|${condition}`;
    let mask = this.#masks.get(key);
    if (!mask) {
      const value = condition.slice(2);
      mask = new Uint8Array(list.length);
      for (let i = 0; i < list.length; i++) {
        const m = list[i]!;
        mask[i] = (condition.startsWith('p:') ? m.programme.includes(value) : m.countries.size === 0 || m.countries.has(value)) ? 1 : 0;
      }
      this.#masks.set(key, mask);
    }
    return mask;
  }

  /**
   * Items that could match, in digest order: with topics, only those indexed under a topic's words
   * (`topicsKnown` when being listed already proves the match: every topic is one word).
   */
  candidates(compiled: CompiledFilters): { items: readonly MatchableItem[]; topicsKnown: boolean; listName?: string } {
    if (compiled.topics.length === 0) {
      const kind = compiled.filters.kind;
      return { items: kind === 'all' ? this.#all : this.#byKind[kind], topicsKnown: false, listName: kind };
    }
    const lists: MatchableItem[][] = [];
    let topicsKnown = true;
    for (const topic of compiled.topics) {
      const whole = this.#byWord.get(topic.norm);
      if (whole) lists.push(whole);
      const first = topic.words[0];
      if (first && first !== topic.norm) {
        topicsKnown = false;
        const byFirst = this.#byWord.get(first);
        if (byFirst) lists.push(byFirst);
      }
    }
    if (lists.length <= 1) return { items: lists[0] ?? [], topicsKnown };
    // Merging a few topic lists: positions sort as numbers and duplicates end up side by side.
    const merged = lists.flat().sort((a, b) => a.pos - b.pos);
    const items = merged.filter((m, i) => i === 0 || merged[i - 1] !== m);
    return { items, topicsKnown };
  }
}

/** `soon` is the ISO instant CLOSING_SOON_DAYS after now: ISO strings compare as instants. */
function groupOf(id: string, version: number, kind: NewsItem['kind'], next: string | undefined, sent: SentMarks, soon: string): DigestGroup | null {
  const sentVersion = sent.get(id);
  if (sentVersion !== undefined) return sentVersion >= version ? null : 'changed';
  if (kind === 'event') return 'events';
  if (kind === 'news') return 'news';
  if (next && next <= soon) return 'closing';
  return 'new';
}

const soonAfter = (now: Date): string => new Date(now.getTime() + CLOSING_SOON_DAYS * 86_400_000).toISOString();

const byNewest = (a: NewsItem, b: NewsItem) => (b.changedAt ?? b.firstSeenAt).localeCompare(a.changedAt ?? a.firstSeenAt);

function unionMask(masks: Uint8Array[]): Uint8Array {
  if (masks.length === 1) return masks[0]!;
  const out = new Uint8Array(masks[0]!.length);
  for (const mask of masks) for (let i = 0; i < mask.length; i++) out[i] = out[i]! | mask[i]!;
  return out;
}

/** The next digest of one subscriber. */
export function selectDigest(index: DigestIndex, filters: Filters | CompiledFilters, sent: SentMarks, max = DIGEST_MAX_ITEMS): Digest {
  const compiled = 'filters' in filters ? filters : compileFilters(filters);
  const now = index.now;
  const groups: Record<DigestGroup, NewsItem[]> = { closing: [], new: [], changed: [], events: [], news: [] };
  const soon = soonAfter(now);
  // No group can keep more than `max`, so the rest are only counted; candidates come in digest order.
  let matched = 0;
  const { items, topicsKnown, listName } = index.candidates(compiled);
  // Without topics every item is a candidate: programme and country checks come from shared masks.
  const programmeMask = listName && compiled.programmes.length ? unionMask(compiled.programmes.map((p) => index.mask(items, listName, `p:${p}`))) : null;
  const countryMask = listName && compiled.countries.length ? unionMask(compiled.countries.map((c) => index.mask(items, listName, `c:${c}`))) : null;
  const checked = listName ? { ...compiled, programmes: [], countries: [] } : compiled;
  for (let i = 0; i < items.length; i++) {
    if ((programmeMask !== null && programmeMask[i] === 0) || (countryMask !== null && countryMask[i] === 0)) continue;
    const m = items[i]!;
    if (!passes(m, checked, now, topicsKnown)) continue;
    const group = groupOf(m.id, m.version, m.kind, m.isCall && m.sortKey !== '9999' ? m.sortKey : undefined, sent, soon);
    if (!group) continue;
    matched++;
    const list = groups[group];
    if (list.length < max) list.push(m.item);
  }
  groups.changed.sort(byNewest);
  let room = max;
  let kept = 0;
  for (const group of DIGEST_GROUPS) {
    groups[group] = groups[group].slice(0, Math.max(0, room));
    room -= groups[group].length;
    kept += groups[group].length;
  }
  return { groups, overflow: matched - kept };
}

export const digestSize = (digest: Digest): number => DIGEST_GROUPS.reduce((n, g) => n + digest.groups[g].length, 0);

/** Why one item is or is not in a subscriber's next digest, check by check. */
export function explainItem(item: NewsItem, filters: Filters, sent: SentMarks, now: Date): { included: boolean; group: DigestGroup | null; checks: Check[] } {
  const checks = checkFilters(matchable(item), filters, now);
  const sentVersion = sent.get(item.id);
  if (sentVersion !== undefined) {
    checks.push(sentVersion >= item.version ? { key: 'why_already_sent', pass: false } : { key: 'why_changed_since', pass: true });
  }
  const included = checks.every((c) => c.pass);
  return { included, group: included ? groupOf(item.id, item.version, item.kind, nextDeadline(item, now), sent, soonAfter(now)) : null, checks };
}
