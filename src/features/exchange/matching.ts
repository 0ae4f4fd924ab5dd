// The matchmaking round as a pure function: who is available, which needs meet which offers, and
// which pairs to propose. Same inputs and seed, same pairs: people are sorted by id, and the only
// randomness is a seeded PRNG used to break ties, so every round does not favour the same people.
import type { Frequency } from './exchange.ts';

export interface MatchPerson {
  id: string;
  cluster: string;
  languages: readonly string[];
  canHelp: readonly string[];
  needsHelp: readonly string[];
  frequency: Frequency;
  optedOut: boolean;
  snoozedUntil: Date | null;
  /** The last time this person got any proposal, for their chosen frequency. */
  lastProposedAt: Date | null;
  /** Times asked as the helper within the repeat window: experts asked often rank lower. */
  recentHelperLoad: number;
}

export interface MatchInput {
  people: readonly MatchPerson[];
  /** Pairs (either order) proposed within the repeat window: never proposed again. */
  recentPairs: ReadonlyArray<readonly [string, string]>;
  now: Date;
  seed: string;
}

export interface MatchPair {
  seekerId: string;
  helperId: string;
  /** The seeker's first need the helper offers. */
  topic: string;
  /** Every need of the seeker the helper offers, in the seeker's order. */
  topics: string[];
  sharedLanguages: string[];
  differentCluster: boolean;
  score: number;
}

const DAY = 86_400_000;
/** Slightly under the period, so a round that runs a little early still counts. */
const MIN_GAP_DAYS: Record<Frequency, number> = { weekly: 6, biweekly: 13, monthly: 27 };
const WEIGHT = { sharedLanguage: 1000, differentCluster: 100, extraTopic: 10, extraLanguage: 5, helperLoad: 40 } as const;
/** Best candidates kept per seeker for the global greedy pass; the rest only in the fallback pass. */
const TOP_K = 6;

/** Whether a person can be matched now: not opted out, not snoozed, not matched too recently for them. */
export function isAvailable(person: Pick<MatchPerson, 'optedOut' | 'snoozedUntil' | 'frequency' | 'lastProposedAt'>, now: Date): boolean {
  if (person.optedOut) return false;
  if (person.snoozedUntil && person.snoozedUntil.getTime() > now.getTime()) return false;
  if (person.lastProposedAt && now.getTime() - person.lastProposedAt.getTime() < MIN_GAP_DAYS[person.frequency] * DAY) return false;
  return true;
}

const normalCluster = (cluster: string): string => cluster.trim().toLowerCase();

/** mulberry32 over a 32-bit FNV-1a hash of the seed: tiny, fast and the same on every machine. */
export function seededRandom(seed: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  let state = h >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A person with the lookups scoring needs, built once per round rather than once per pair. */
interface Prepared {
  person: MatchPerson;
  offered: ReadonlySet<string>;
  spoken: ReadonlySet<string>;
  cluster: string;
  rank: number;
}

const prepare = (person: MatchPerson, rank = 0): Prepared => ({
  person,
  offered: new Set(person.canHelp),
  spoken: new Set(person.languages),
  cluster: normalCluster(person.cluster),
  rank,
});

/** The score alone (no allocation), or null when the pair cannot be proposed. */
function quickScore(seeker: Prepared, helper: Prepared, requireSharedLanguage: boolean): number | null {
  if (seeker.person.id === helper.person.id) return null;
  let topics = 0;
  for (const t of seeker.person.needsHelp) if (helper.offered.has(t)) topics++;
  if (topics === 0) return null;
  let languages = 0;
  for (const l of seeker.person.languages) if (helper.spoken.has(l)) languages++;
  if (requireSharedLanguage && languages === 0) return null;
  return (
    (languages > 0 ? WEIGHT.sharedLanguage : 0) +
    (seeker.cluster !== helper.cluster ? WEIGHT.differentCluster : 0) +
    WEIGHT.extraTopic * Math.min(topics - 1, 3) +
    WEIGHT.extraLanguage * Math.min(Math.max(languages - 1, 0), 2) -
    WEIGHT.helperLoad * helper.person.recentHelperLoad
  );
}

function describe(seeker: Prepared, helper: Prepared, score: number): MatchPair {
  const topics = seeker.person.needsHelp.filter((t) => helper.offered.has(t));
  return {
    seekerId: seeker.person.id,
    helperId: helper.person.id,
    topic: topics[0] ?? '',
    topics,
    sharedLanguages: seeker.person.languages.filter((l) => helper.spoken.has(l)),
    differentCluster: seeker.cluster !== helper.cluster,
    score,
  };
}

/**
 * Scores one seeker–helper pair; null when the helper offers none of the seeker's needs or, for
 * rounds, when they share no language (they could not talk).
 */
export function scorePair(seeker: MatchPerson, helper: MatchPerson, requireSharedLanguage = true): Omit<MatchPair, 'seekerId' | 'helperId'> | null {
  const s = prepare(seeker);
  const h = prepare(helper);
  const score = quickScore(s, h, requireSharedLanguage);
  if (score === null) return null;
  const { seekerId: _s, helperId: _h, ...rest } = describe(s, h, score);
  return rest;
}

interface Edge {
  seeker: Prepared;
  helper: Prepared;
  score: number;
  tie: number;
}

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byScore = (a: Edge, b: Edge): number =>
  b.score - a.score || a.tie - b.tie || compareIds(a.seeker.person.id, b.seeker.person.id) || compareIds(a.helper.person.id, b.helper.person.id);

/**
 * Proposes pairs for one round: each available person is in at most one pair; a pair needs one of the
 * seeker's needs among the helper's offers, a language both speak, and must not repeat one within the
 * window. Among those it prefers different clusters, then more topics and languages in common, then
 * the helper asked least often. Greedy on the best pairs overall, then a second pass for anyone left out.
 */
export function matchRound(input: MatchInput): MatchPair[] {
  const available = input.people.filter((p) => isAvailable(p, input.now)).sort((a, b) => compareIds(a.id, b.id));
  const random = seededRandom(input.seed);
  const people = available.map((p) => prepare(p, random()));
  const recent = new Map<string, Set<string>>();
  for (const [a, b] of input.recentPairs) {
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      const set = recent.get(x);
      if (set) set.add(y);
      else recent.set(x, new Set([y]));
    }
  }
  const helpersByTopic = new Map<string, Prepared[]>();
  for (const p of people) {
    for (const topic of p.offered) {
      const list = helpersByTopic.get(topic);
      if (list) list.push(p);
      else helpersByTopic.set(topic, [p]);
    }
  }

  /** Calls `visit` once per helper who could be proposed to this seeker. */
  const eachCandidate = (seeker: Prepared, visit: (edge: Edge) => void): void => {
    const seen = new Set<string>(recent.get(seeker.person.id));
    for (const topic of seeker.person.needsHelp) {
      for (const helper of helpersByTopic.get(topic) ?? []) {
        if (seen.has(helper.person.id)) continue;
        seen.add(helper.person.id);
        const score = quickScore(seeker, helper, true);
        if (score !== null) visit({ seeker, helper, score, tie: seeker.rank + helper.rank });
      }
    }
  };

  const seekers = people.filter((p) => p.person.needsHelp.length > 0);
  const shortlist: Edge[] = [];
  for (const seeker of seekers) {
    const best: Edge[] = [];
    eachCandidate(seeker, (edge) => {
      if (best.length === TOP_K && byScore(edge, best[TOP_K - 1] as Edge) >= 0) return;
      let i = best.length;
      while (i > 0 && byScore(edge, best[i - 1] as Edge) < 0) i--;
      best.splice(i, 0, edge);
      if (best.length > TOP_K) best.pop();
    });
    shortlist.push(...best);
  }
  shortlist.sort(byScore);

  const used = new Set<string>();
  const pairs: MatchPair[] = [];
  const take = (edge: Edge): void => {
    used.add(edge.seeker.person.id);
    used.add(edge.helper.person.id);
    pairs.push(describe(edge.seeker, edge.helper, edge.score));
  };
  for (const edge of shortlist) if (!used.has(edge.seeker.person.id) && !used.has(edge.helper.person.id)) take(edge);

  const left = seekers.filter((s) => !used.has(s.person.id)).sort((a, b) => a.rank - b.rank || compareIds(a.person.id, b.person.id));
  for (const seeker of left) {
    if (used.has(seeker.person.id)) continue;
    let best: Edge | null = null;
    eachCandidate(seeker, (edge) => {
      if (!used.has(edge.helper.person.id) && (!best || byScore(edge, best) < 0)) best = edge;
    });
    if (best) take(best);
  }
  return pairs.sort((a, b) => compareIds(a.seekerId, b.seekerId));
}

/** `/exchange find`: the people who could help this person on a topic right now, best first. */
export function suggestHelpers(seeker: MatchPerson, topic: string, people: readonly MatchPerson[], now: Date, limit = 5): MatchPair[] {
  const asking = prepare({ ...seeker, needsHelp: [topic] });
  const awake = (p: MatchPerson) => !p.optedOut && !(p.snoozedUntil && p.snoozedUntil.getTime() > now.getTime());
  return people
    .filter((p) => awake(p) && p.id !== seeker.id && p.canHelp.includes(topic))
    .flatMap((p): Edge[] => {
      const helper = prepare(p);
      const score = quickScore(asking, helper, false);
      return score === null ? [] : [{ seeker: asking, helper, score, tie: 0 }];
    })
    .sort(byScore)
    .slice(0, limit)
    .map((edge) => describe(edge.seeker, edge.helper, edge.score));
}
