// Benchmark: one matchmaking round for 2,000 members (the pure matcher, on a generated network with
// history), a check that the same inputs and seed give the same pairs, and how many pairs rounds
// propose against the most the rules allow, on generated networks of 10 to 2,000 members (the
// maximum is computed independently, by an exact maximum-cardinality matching: see test/fakes).
// Prints `exchange.round_2000_ms` (median of 5 runs after a warm-up), `exchange.round_deterministic`
// and `exchange.pairs_vs_maximum` (the worst ratio over every network).
import { performance } from 'node:perf_hooks';
import { matchRound } from '../src/features/exchange/exchange-matching.ts';
import { generatedNetwork, maximumPairs } from '../test/fakes/exchange-network.ts';

const NOW = new Date('2026-11-23T08:00:00Z');
const input = generatedNetwork(2000, 'bench', NOW);
const time = (): { ms: number; pairs: ReturnType<typeof matchRound>['pairs'] } => {
  const start = performance.now();
  const { pairs } = matchRound(input);
  return { ms: performance.now() - start, pairs };
};

const warm = time();
const runs = Array.from({ length: 5 }, time);
const sorted = runs.map((r) => r.ms).sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)] ?? 0;

const again = matchRound({ ...input, people: [...input.people].reverse() }).pairs;
const same = [warm, ...runs].every((r) => JSON.stringify(r.pairs) === JSON.stringify(warm.pairs)) && JSON.stringify(again) === JSON.stringify(warm.pairs);
if (!same) throw new Error('two rounds with the same inputs and seed gave different pairs');
if (warm.pairs.length === 0) throw new Error('the generated network produced no pairs: the benchmark measures nothing');

let worst = 1;
for (const [members, seeds] of [
  [10, 20],
  [40, 10],
  [200, 5],
  [1000, 1],
  [2000, 1],
] as const) {
  for (let s = 0; s < seeds; s++) {
    const network = members === 2000 && s === 0 ? input : generatedNetwork(members, `ratio-${members}-${s}`, NOW);
    const maximum = maximumPairs(network);
    const proposed = matchRound(network).pairs.length;
    if (maximum > 0) worst = Math.min(worst, proposed / maximum);
    if (members >= 1000) console.error(`(${members} members: ${proposed} pairs proposed, ${maximum} possible)`);
  }
}

console.error(`(${warm.pairs.length} pairs among 2000 members; first run ${warm.ms.toFixed(1)} ms)`);
console.log(`exchange.round_2000_ms: ${Math.round(median)}`);
console.log(`exchange.round_deterministic: ${same ? 1 : 0}`);
console.log(`exchange.pairs_vs_maximum: ${worst.toFixed(3)}`);
if (median >= 1000 || worst < 1) process.exitCode = 1;
