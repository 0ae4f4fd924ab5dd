// Benchmark: one matchmaking round for 2,000 members (the pure matcher, on a synthetic network with
// history), and a check that the same inputs and seed give the same pairs.
// Prints `exchange.round_2000_ms` (median of 5 runs after a warm-up) and `exchange.round_deterministic`.
import { performance } from 'node:perf_hooks';
import { TOPICS } from '../src/features/exchange/exchange.ts';
import { matchRound, seededRandom, type MatchInput, type MatchPerson } from '../src/features/exchange/matching.ts';

const MEMBERS = 2000;
const NOW = new Date('2026-11-23T08:00:00Z');
const DAY = 86_400_000;
const LANGUAGES = ['it', 'en', 'de', 'fr', 'sl', 'cs', 'pl', 'hu'];

function network(seed: string): MatchInput {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[], count: number): T[] => {
    const chosen = new Set<T>();
    while (chosen.size < count) chosen.add(items[Math.floor(random() * items.length)] as T);
    return [...chosen];
  };
  const people: MatchPerson[] = Array.from({ length: MEMBERS }, (_, i) => ({
    id: `m${String(i).padStart(4, '0')}`,
    cluster: `cluster-${Math.floor(random() * 300)}`,
    languages: pick(LANGUAGES, 1 + Math.floor(random() * 3)),
    canHelp: pick(TOPICS, Math.floor(random() * 4)),
    needsHelp: pick(TOPICS, Math.floor(random() * 3)),
    frequency: (['weekly', 'biweekly', 'monthly'] as const)[Math.floor(random() * 3)] ?? 'biweekly',
    optedOut: random() < 0.05,
    snoozedUntil: random() < 0.05 ? new Date(NOW.getTime() + 10 * DAY) : null,
    lastProposedAt: random() < 0.3 ? new Date(NOW.getTime() - Math.floor(random() * 60) * DAY) : null,
    recentHelperLoad: Math.floor(random() * 4),
  }));
  const recentPairs = Array.from({ length: 6000 }, () => [people[Math.floor(random() * MEMBERS)]!.id, people[Math.floor(random() * MEMBERS)]!.id] as const);
  return { people, recentPairs, now: NOW, seed: 'exchange-round:2026-11-23:shell' };
}

const input = network('bench');
const time = (): { ms: number; pairs: ReturnType<typeof matchRound> } => {
  const start = performance.now();
  const pairs = matchRound(input);
  return { ms: performance.now() - start, pairs };
};

const warm = time();
const runs = Array.from({ length: 5 }, time);
const sorted = runs.map((r) => r.ms).sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)] ?? 0;

const again = matchRound({ ...network('bench'), people: [...network('bench').people].reverse() });
const same = [warm, ...runs].every((r) => JSON.stringify(r.pairs) === JSON.stringify(warm.pairs)) && JSON.stringify(again) === JSON.stringify(warm.pairs);
if (!same) throw new Error('two rounds with the same inputs and seed gave different pairs');
if (warm.pairs.length === 0) throw new Error('the synthetic network produced no pairs: the benchmark measures nothing');

console.error(`(${warm.pairs.length} pairs among ${MEMBERS} members; first run ${warm.ms.toFixed(1)} ms)`);
console.log(`exchange.round_2000_ms: ${Math.round(median)}`);
console.log(`exchange.round_deterministic: ${same ? 1 : 0}`);
if (median >= 1000) process.exitCode = 1;
