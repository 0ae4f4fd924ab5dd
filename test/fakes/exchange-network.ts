// Generated exchange networks for tests and the benchmark, and an independent oracle: the rules
// checked pair by pair (no index, no shortcut) and the maximum number of pairs computed by the
// edmonds-blossom package, which shares no code with the feature's matcher.
import blossom from 'edmonds-blossom-fixed';
import { TOPICS } from '../../src/features/exchange/exchange.ts';
import { isAvailable, seededRandom, type MatchInput, type MatchPerson } from '../../src/features/exchange/exchange-matching.ts';

const DAY = 86_400_000;
const LANGUAGES = ['it', 'en', 'de', 'fr', 'sl', 'cs', 'pl', 'hu'];

export function generatedNetwork(members: number, seed: string, now: Date, options: { history?: boolean } = {}): MatchInput {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[], count: number): T[] => {
    const chosen = new Set<T>();
    while (chosen.size < count) chosen.add(items[Math.floor(random() * items.length)] as T);
    return [...chosen];
  };
  const history = options.history ?? true;
  const people: MatchPerson[] = Array.from({ length: members }, (_, i) => ({
    id: `m${String(i).padStart(4, '0')}`,
    cluster: `cluster-${Math.floor(random() * Math.max(3, members / 7))}`,
    languages: pick(LANGUAGES, 1 + Math.floor(random() * 3)),
    canHelp: pick(TOPICS, Math.floor(random() * 4)),
    needsHelp: pick(TOPICS, Math.floor(random() * 3)),
    frequency: (['weekly', 'biweekly', 'monthly'] as const)[Math.floor(random() * 3)] ?? 'biweekly',
    optedOut: history && random() < 0.05,
    snoozedUntil: history && random() < 0.05 ? new Date(now.getTime() + 10 * DAY) : null,
    lastProposedAt: history && random() < 0.3 ? new Date(now.getTime() - Math.floor(random() * 60) * DAY) : null,
    recentHelperLoad: history ? Math.floor(random() * 4) : 0,
    waitingRounds: history ? Math.floor(random() * 2) : 0,
  }));
  const recentPairs = history
    ? Array.from({ length: members * 3 }, () => [people[Math.floor(random() * members)]!.id, people[Math.floor(random() * members)]!.id] as const)
    : [];
  return { people, recentPairs, now, seed: `exchange-round:${seed}` };
}

/** Whether the rules allow this pair, read straight from the issue: need meets offer, a shared language, not recent. */
export function allowedByRules(a: MatchPerson, b: MatchPerson, recent: ReadonlySet<string>): boolean {
  if (a.id === b.id || recent.has(`${a.id}|${b.id}`) || recent.has(`${b.id}|${a.id}`)) return false;
  const complement = a.needsHelp.some((t) => b.canHelp.includes(t)) || b.needsHelp.some((t) => a.canHelp.includes(t));
  return complement && a.languages.some((l) => b.languages.includes(l));
}

/** The most pairs any round could propose under the rules (exact maximum-cardinality matching). */
export function maximumPairs(input: MatchInput): number {
  const people = input.people.filter((p) => isAvailable(p, input.now));
  const recent = new Set(input.recentPairs.map(([a, b]) => `${a}|${b}`));
  const edges: Array<[number, number, number]> = [];
  for (let i = 0; i < people.length; i++) for (let j = i + 1; j < people.length; j++) if (allowedByRules(people[i]!, people[j]!, recent)) edges.push([i, j, 1]);
  if (edges.length === 0) return 0;
  const mate: number[] = blossom(edges, true);
  return mate.filter((m, i) => m > i).length;
}
