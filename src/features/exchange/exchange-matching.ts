// The exchange's matchmaking round as a pure function. The rules say which pairs are allowed (a need
// of one meets an offer of the other, a language both speak, not proposed within the repeat window,
// both available); the weights say which are better (people left out last round first, different
// clusters, more topics, both helping each other, helpers asked less often). Among allowed pairs the
// round proposes as many as possible, then the heaviest it can find. Same inputs and seed, same pairs.
import type { Frequency } from './exchange.ts';
import { maximumMatching, type WeightedGraph } from './exchange-matching-graph.ts';

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
  /** Rounds in a row this person could have been paired and was not: they come first next time. */
  waitingRounds: number;
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
  /** The helper also offers something the seeker needs the other way round. */
  mutual: boolean;
  score: number;
}

export interface RoundResult {
  pairs: MatchPair[];
  /** Available people who had at least one allowed partner and got none this round. */
  leftOut: string[];
}

const DAY = 86_400_000;
/** Slightly under the period, so a round that runs a little early still counts. */
const MIN_GAP_DAYS: Record<Frequency, number> = { weekly: 6, biweekly: 13, monthly: 27 };
/** Fairness outweighs everything else; then clusters; the rest orders what is left. */
const WEIGHT = {
  base: 1000,
  waiting: 400,
  maxWaiting: 3,
  differentCluster: 100,
  mutual: 30,
  extraTopic: 10,
  extraLanguage: 5,
  helperLoad: 40,
  maxLoad: 5,
} as const;

/** Whether a person can be matched now: not opted out, not snoozed, not matched too recently for them. */
export function isAvailable(person: Pick<MatchPerson, 'optedOut' | 'snoozedUntil' | 'frequency' | 'lastProposedAt'>, now: Date): boolean {
  if (person.optedOut) return false;
  if (person.snoozedUntil && person.snoozedUntil.getTime() > now.getTime()) return false;
  if (person.lastProposedAt && now.getTime() - person.lastProposedAt.getTime() < MIN_GAP_DAYS[person.frequency] * DAY) return false;
  return true;
}

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

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const normalCluster = (cluster: string): string => cluster.trim().toLowerCase();

/**
 * A person with the lookups scoring needs, built once per round rather than once per pair: topics and
 * languages as bit masks (the profile's lists are closed sets of a dozen codes each), so comparing two
 * people is a few integer operations.
 */
interface Prepared {
  person: MatchPerson;
  offered: ReadonlySet<string>;
  needed: ReadonlySet<string>;
  spoken: ReadonlySet<string>;
  offeredMask: number;
  neededMask: number;
  spokenMask: number;
  cluster: string;
}

/** Gives each distinct code a bit; 31 is the most a 32-bit mask holds. */
class Bits {
  readonly #bits = new Map<string, number>();
  mask(codes: Iterable<string>): number {
    let mask = 0;
    for (const code of codes) {
      let bit = this.#bits.get(code);
      if (bit === undefined) {
        bit = this.#bits.size;
        if (bit > 30) throw new Error('more than 31 distinct topics or languages in one round');
        this.#bits.set(code, bit);
      }
      mask |= 1 << bit;
    }
    return mask;
  }
}

function preparer(): (person: MatchPerson) => Prepared {
  const topics = new Bits();
  const languages = new Bits();
  return (person) => {
    const offered = new Set(person.canHelp);
    const needed = new Set(person.needsHelp);
    const spoken = new Set(person.languages);
    return {
      person,
      offered,
      needed,
      spoken,
      offeredMask: topics.mask(offered),
      neededMask: topics.mask(needed),
      spokenMask: languages.mask(spoken),
      cluster: normalCluster(person.cluster),
    };
  };
}

const bitCount = (mask: number): number => {
  let v = mask - ((mask >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
};

/** The seeker→helper score alone (no allocation), or null when the helper offers none of the seeker's needs. */
function directedScore(seeker: Prepared, helper: Prepared, requireSharedLanguage: boolean): number | null {
  const topics = bitCount(seeker.neededMask & helper.offeredMask);
  if (topics === 0 || seeker.person.id === helper.person.id) return null;
  const languages = bitCount(seeker.spokenMask & helper.spokenMask);
  if (requireSharedLanguage && languages === 0) return null;
  return (
    WEIGHT.base +
    (languages > 0 ? WEIGHT.base : 0) +
    (seeker.cluster !== helper.cluster ? WEIGHT.differentCluster : 0) +
    ((helper.neededMask & seeker.offeredMask) !== 0 ? WEIGHT.mutual : 0) +
    WEIGHT.extraTopic * Math.min(topics - 1, 3) +
    WEIGHT.extraLanguage * Math.min(Math.max(languages - 1, 0), 2) -
    WEIGHT.helperLoad * Math.min(helper.person.recentHelperLoad, WEIGHT.maxLoad)
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
    mutual: helper.person.needsHelp.some((t) => seeker.offered.has(t)),
    score,
  };
}

/** The seeker's side of an allowed pair: more of their needs met, then the one waiting longer, then the first. */
function seekerSide(x: Prepared, y: Prepared, xy: number | null, yx: number | null): 0 | 1 {
  if (xy === null) return 1;
  if (yx === null) return 0;
  const tx = bitCount(x.neededMask & y.offeredMask);
  const ty = bitCount(y.neededMask & x.offeredMask);
  return ty > tx || (ty === tx && y.person.waitingRounds > x.person.waitingRounds) ? 1 : 0;
}

const waitingBonus = (p: MatchPerson): number => WEIGHT.waiting * Math.min(p.waitingRounds, WEIGHT.maxWaiting);

/** Every allowed pair among the available people, as a weighted graph, with who seeks in each. */
function allowedGraph(people: readonly Prepared[], recentPairs: MatchInput['recentPairs'], rank: readonly number[]): WeightedGraph & { seekerIsA: Uint8Array } {
  const n = people.length;
  const index = new Map(people.map((p, i) => [p.person.id, i]));
  const recent = new Set<number>();
  for (const [x, y] of recentPairs) {
    const i = index.get(x);
    const j = index.get(y);
    if (i !== undefined && j !== undefined) recent.add(Math.min(i, j) * n + Math.max(i, j));
  }
  const byTopic = (pick: (p: Prepared) => ReadonlySet<string>): Map<string, number[]> => {
    const map = new Map<string, number[]>();
    people.forEach((p, i) => {
      for (const topic of pick(p)) {
        const list = map.get(topic);
        if (list) list.push(i);
        else map.set(topic, [i]);
      }
    });
    return map;
  };
  const offering = byTopic((p) => p.offered);
  const needing = byTopic((p) => p.needed);
  const stamp = new Int32Array(n).fill(-1);
  const edges = { a: [] as number[], b: [] as number[], weight: [] as number[], tie: [] as number[], seekerIsA: [] as number[] };
  people.forEach((x, i) => {
    const consider = (j: number): void => {
      if (j <= i || stamp[j] === i) return;
      stamp[j] = i;
      if (recent.has(i * n + j)) return;
      const y = people[j] as Prepared;
      const xy = directedScore(x, y, true);
      const yx = directedScore(y, x, true);
      if (xy === null && yx === null) return;
      const side = seekerSide(x, y, xy, yx);
      edges.a.push(i);
      edges.b.push(j);
      edges.weight.push(((side === 0 ? xy : yx) as number) + waitingBonus(x.person) + waitingBonus(y.person));
      edges.tie.push((rank[i] as number) + (rank[j] as number));
      edges.seekerIsA.push(side === 0 ? 1 : 0);
    };
    for (const topic of x.needed) for (const j of offering.get(topic) ?? []) consider(j);
    for (const topic of x.offered) for (const j of needing.get(topic) ?? []) consider(j);
  });
  return {
    n,
    top: edges.weight.reduce((x, y) => Math.max(x, y), 0),
    a: Int32Array.from(edges.a),
    b: Int32Array.from(edges.b),
    weight: Float64Array.from(edges.weight),
    tie: Float64Array.from(edges.tie),
    seekerIsA: Uint8Array.from(edges.seekerIsA),
  };
}

/**
 * Proposes pairs for one round: each available person is in at most one pair, every pair allowed by
 * the rules, as many pairs as the rules allow, and among those the heavier pairs.
 */
export function matchRound(input: MatchInput): RoundResult {
  const people = input.people
    .filter((p) => isAvailable(p, input.now))
    .sort((a, b) => compareIds(a.id, b.id))
    .map(preparer());
  const random = seededRandom(input.seed);
  const rank = people.map(() => random());
  const graph = allowedGraph(people, input.recentPairs, rank);
  const priority = people
    .map((_, i) => i)
    .sort((i, j) => (people[j] as Prepared).person.waitingRounds - (people[i] as Prepared).person.waitingRounds || (rank[i] as number) - (rank[j] as number));
  const mate = maximumMatching(graph, priority);
  const pairs: MatchPair[] = [];
  const connected = new Uint8Array(people.length);
  for (let e = 0; e < graph.a.length; e++) {
    const [i, j] = [graph.a[e] as number, graph.b[e] as number];
    connected[i] = connected[j] = 1;
    if (mate[i] !== j) continue;
    const [seeker, helper] = graph.seekerIsA[e] ? [people[i], people[j]] : [people[j], people[i]];
    pairs.push(describe(seeker as Prepared, helper as Prepared, directedScore(seeker as Prepared, helper as Prepared, true) as number));
  }
  const leftOut = people.filter((_, i) => connected[i] && mate[i] === -1).map((p) => p.person.id);
  return { pairs: pairs.sort((x, y) => compareIds(x.seekerId, y.seekerId)), leftOut };
}

/** `/exchange find`: the people who could help this person on a topic right now, best first. */
export function suggestHelpers(seeker: MatchPerson, topic: string, people: readonly MatchPerson[], now: Date, limit = 5): MatchPair[] {
  const prepare = preparer();
  const asking = prepare({ ...seeker, needsHelp: [topic] });
  const awake = (p: MatchPerson) => !p.optedOut && !(p.snoozedUntil && p.snoozedUntil.getTime() > now.getTime());
  return people
    .filter((p) => awake(p) && p.id !== seeker.id && p.canHelp.includes(topic))
    .flatMap((p) => {
      const helper = prepare(p);
      const score = directedScore(asking, helper, false);
      return score === null ? [] : [describe(asking, helper, score)];
    })
    .sort((a, b) => b.score - a.score || compareIds(a.helperId, b.helperId))
    .slice(0, limit);
}
