// Benchmark: /exchange search on the path a member takes (parse, indexed lookups, ranking) over
// 1,000 good-practice entries on a real database, for ordinary and hostile queries. Prints
// `exchange.search_ms` (median of ordinary queries) and `exchange.search_hostile_max_ms` (the
// slowest hostile one: 640 repeated short terms, 5,000 distinct ones, 100,000 characters…).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { entryTerms, parseSearch, searchPractice } from '../src/features/exchange/exchange-search.ts';
import { openDatabase } from '../src/infra/prisma/prisma-client.ts';
import { createPrismaExchange } from '../src/infra/prisma/prisma-exchange.ts';

const now = new Date('2026-11-23T08:00:00Z');
const db = await openDatabase(join(mkdtempSync(join(tmpdir(), 'filiera-bench-')), 'bench.db'));
const repo = createPrismaExchange(db, { now: () => now, sleep: async () => undefined });
const words = [
  'missione',
  'internazionalizzazione',
  'fiera',
  'Förderung',
  'co-funding',
  'EU-funding',
  'distributori',
  'Messe',
  'export',
  'DI.MA.PLA.',
  '5.000',
  'cluster',
];
for (let i = 0; i < 1000; i++) {
  const text = `Domanda ${i}: ${words[i % words.length]} e ${words[(i * 7) % words.length]} per le PMI del distretto ${i % 40}`;
  const q = await repo.createQuestion({ askerId: `m${i % 50}`, platform: 'shell', text, topics: ['internationalisation'], languages: ['it'] }, now);
  await repo.openQuestion(q.id, `shell:room:q${q.id}`, [], [], now);
  const entry = {
    question: text,
    answers: `risposta ${i}: abbiamo usato ${words[(i * 3) % words.length]} con la camera di commercio`,
    topics: 'internationalisation',
  };
  await repo.markAnswered(q.id, [], null, entry, entryTerms(entry), [], now);
}

const run = async (query: string): Promise<number> => {
  const start = performance.now();
  const parsed = parseSearch(query);
  if (parsed.ok) await searchPractice(repo, parsed.value);
  return performance.now() - start;
};
const ordinary = ['missioni fiera', "l'internazionalizzazione", 'eu-funding', 'Fördermittel Messe', 'distributori export'];
const hostile = [
  Array.from({ length: 640 }, () => 'a b').join(' '),
  Array.from({ length: 5000 }, (_, i) => `w${i}`).join(' '),
  'x'.repeat(100_000),
  'a '.repeat(99),
  'mis mis mis cl cl 5 5 5',
  'a-b-c-d-e-f-g-h-i-j-k-l',
];
for (const q of [...ordinary, ...hostile]) await run(q);
const times: number[] = [];
for (let i = 0; i < 5; i++) for (const q of ordinary) times.push(await run(q));
times.sort((a, b) => a - b);
let worst = 0;
for (let i = 0; i < 3; i++) for (const q of hostile) worst = Math.max(worst, await run(q));
await db.$disconnect();
console.log(`exchange.search_ms: ${(times[Math.floor(times.length / 2)] ?? 0).toFixed(1)}`);
console.log(`exchange.search_hostile_max_ms: ${worst.toFixed(1)}`);
if (worst >= 50) process.exitCode = 1;
