// News figures: digest selection for 5,000 subscribers over 10,000 items (time and peak memory), and
// the peak memory of importing a generated ~130 MB grantsTenders.json, streamed. Each measurement runs
// in a fresh child process so the figures do not mix; the parent prints `name: value` lines.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';

const mode = process.argv[2];
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

/** A small deterministic random generator, so every run measures the same data. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const TOPICS = Array.from({ length: 200 }, (_, i) => `topic${i}`);
const PROGRAMMES = [
  'Horizon Europe',
  'Interreg Central Europe',
  'Single Market Programme',
  'LIFE Programme',
  'Digital Europe Programme',
  'PR FESR Veneto',
  'PR FESR Lombardia',
];
const COUNTRIES = ['IT', 'SI', 'AT', 'CZ', 'DE', 'HR', 'HU', 'PL', 'SK'];

async function digestChild(): Promise<void> {
  const { DigestIndex, selectDigest, digestSize } = await import('../src/features/news/news-digest.ts');
  const { compileFilters, FiltersSchema } = await import('../src/features/news/news-filter.ts');
  type NewsItem = import('../src/features/news/news-item.ts').NewsItem;
  const rnd = random(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const now = new Date('2026-11-23T08:00:00Z');
  const day = 86_400_000;
  const items: NewsItem[] = Array.from({ length: 10_000 }, (_, i) => {
    const isEvent = i % 5 === 0;
    const base = {
      id: `i${i}`,
      title: `Item ${i} about ${pick(TOPICS)} and ${pick(TOPICS)}`,
      topics: [pick(TOPICS), pick(TOPICS), pick(TOPICS)],
      countries: rnd() < 0.5 ? [] : [pick(COUNTRIES), pick(COUNTRIES)],
      version: 1,
      firstSeenAt: now.toISOString(),
    };
    return isEvent
      ? { ...base, kind: 'event', deadlines: [], startAt: new Date(now.getTime() + rnd() * 90 * day).toISOString() }
      : {
          ...base,
          kind: 'call',
          programme: pick(PROGRAMMES),
          status: pick(['open', 'forthcoming', 'open'] as const),
          deadlines: [new Date(now.getTime() + (rnd() * 200 - 20) * day).toISOString()],
          budget: Math.round(rnd() * 20_000_000),
        };
  });
  const subscribers = Array.from({ length: 5_000 }, (_, i) => {
    const filters = FiltersSchema.parse({
      topics: i % 5 === 0 ? [] : Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(TOPICS)),
      programmes: rnd() < 0.3 ? [pick(PROGRAMMES).split(' ')[0]] : [],
      countries: rnd() < 0.4 ? [pick(COUNTRIES)] : [],
      kind: pick(['all', 'all', 'call', 'event'] as const),
      statuses: rnd() < 0.3 ? ['open'] : [],
      ...(rnd() < 0.2 ? { minBudget: 1_000_000 } : {}),
    });
    // A tenth of what they would match was already sent to them.
    const sent = new Map<string, number>();
    for (let k = 0; k < 20; k++) sent.set(`i${Math.floor(rnd() * 10_000)}`, 1);
    return { filters, sent };
  });
  const started = performance.now();
  const index = new DigestIndex(items, now);
  let total = 0;
  for (const s of subscribers) total += digestSize(selectDigest(index, compileFilters(s.filters), s.sent));
  const ms = performance.now() - started;
  console.log(JSON.stringify({ ms, rss: peakRssMb(), total }));
}

/** Writes a grantsTenders.json of about `targetMb`, record by record, never holding it whole. */
async function writeBulk(file: string, records: number, targetMb: number): Promise<void> {
  const out = createWriteStream(file);
  const rnd = random(7);
  const padding = Math.max(0, Math.floor((targetMb * 1024 * 1024) / records) - 1400);
  const filler = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore. '
    .repeat(Math.ceil(padding / 100))
    .slice(0, padding);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write('{"fundingData":{"GrantTenderObj":[');
  for (let i = 0; i < records; i++) {
    const id = `HORIZON-CL${1 + (i % 6)}-2027-BENCH-${String(i).padStart(5, '0')}`;
    const record = {
      type: 1,
      ccm2Id: 40000000 + i,
      identifier: id,
      title: `Benchmark topic ${i} on ${TOPICS[i % TOPICS.length]}`,
      callIdentifier: `HORIZON-CL${1 + (i % 6)}-2027-BENCH`,
      callTitle: 'Benchmark call',
      frameworkProgramme: { id: 43108390, abbreviation: 'HORIZON', description: 'Horizon Europe (HORIZON)' },
      status: { id: 31094502, abbreviation: i % 3 === 0 ? 'Forthcoming' : 'Open', description: 'Open for submission' },
      plannedOpeningDate: 1790000000000 + i * 1000,
      deadlineModel: i % 4 === 0 ? 'two-stage' : 'single-stage',
      deadlineDatesLong: [1800000000000 + Math.floor(rnd() * 1e10)],
      tags: [TOPICS[i % TOPICS.length], TOPICS[(i * 7) % TOPICS.length]],
      keywords: ['clusters', 'innovation'],
      actions: [{ status: { abbreviation: 'Open' }, types: [{ typeOfAction: 'HORIZON-RIA Research and Innovation Actions' }], deadlineModel: 'single-stage' }],
      latestInfos: [{ content: filler }],
    };
    await write((i ? ',' : '') + JSON.stringify(record));
  }
  await write(']}}');
  out.end();
  await once(out, 'finish');
}

/** A logger that drops everything: the import's cost, not the log's, is measured. */
const quiet = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return quiet;
  },
};

async function bulkChild(file: string, dbFile: string): Promise<void> {
  const { openDatabase } = await import('../src/infra/prisma/prisma-client.ts');
  const { createPrismaNews } = await import('../src/infra/prisma/prisma-news.ts');
  const { createFeedReader, cronSlot } = await import('../src/infra/feeds/feed-reader.ts');
  const { NewsIngest } = await import('../src/features/news/news-ingest.ts');
  const { createI18n } = await import('../src/infra/i18n.ts');
  const { PROJECT_ROOT } = await import('../src/infra/paths.ts');
  const { createPrismaMembers } = await import('../src/infra/prisma/prisma-members.ts');
  const { runBulkPoll } = await import('../src/app/news-bulk.ts');
  const db = await openDatabase(dbFile);
  const clock = { now: () => new Date('2026-11-23T08:00:00Z'), sleep: async () => undefined };
  const repo = createPrismaNews(db, clock);
  const ingest = new NewsIngest({
    repo,
    reader: createFeedReader(),
    members: createPrismaMembers(db, ['shell:anna'], clock),
    i18n: createI18n(join(PROJECT_ROOT, 'locales'), 'en'),
    clock,
    logger: quiet,
    defaultTimeZone: 'Europe/Rome',
    cronSlot: (cron, now) => cronSlot(cron, now, 'Europe/Rome'),
    // As the app does it: the import runs in a worker thread with its own capped heap.
    pollElsewhere: (source, slot, now) =>
      runBulkPoll(
        {
          target: { provider: 'sqlite', file: dbFile },
          admins: ['shell:anna'],
          language: 'en',
          timeZone: 'Europe/Rome',
          timeoutMs: 60_000,
          source: { ...source, createdAt: source.createdAt.toISOString() },
          slot,
          now: now.toISOString(),
        },
        quiet,
      ),
  });
  const { source } = await repo.addSource({ id: 'eu-bulk-1', kind: 'eu-bulk', url: file, every: '30 3 * * *', createdAt: clock.now() });
  const mb = (n: number) => Math.round(n / 1048576);
  const sampler = process.env.NEWS_BENCH_DEBUG
    ? setInterval(() => {
        const m = process.memoryUsage();
        console.error(`rss ${mb(m.rss)} heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} ext ${mb(m.external)} ab ${mb(m.arrayBuffers)}`);
      }, 100)
    : undefined;
  const started = performance.now();
  const result = await ingest.poll(source, 'bench', clock.now());
  const ms = performance.now() - started;
  clearInterval(sampler);
  const count = await repo.countItems();
  await db.$disconnect();
  console.log(JSON.stringify({ ms, rss: peakRssMb(), count, status: result.status, ...(result.status === 'failed' ? { reason: result.reason } : {}) }));
}

/**
 * Children run this file bundled to plain JavaScript with the node options of `npm start`, the way
 * the bot runs (no TypeScript compiler in the process), so the memory figures are those users see.
 */
async function bundle(): Promise<string> {
  const { build } = await import('esbuild');
  const outdir = join(import.meta.dirname, '.out', 'news');
  await build({
    // The bulk file's worker sits beside the bundle, as dist/bulk-worker.js does beside dist/main.js.
    entryPoints: { 'news.bench': import.meta.filename, 'bulk-worker': join(import.meta.dirname, '..', 'src', 'app', 'news-bulk-worker.ts') },
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  return join(outdir, 'news.bench.js');
}

const startOptions = (): string[] =>
  (JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start
    .split(/\s+/)
    .filter((arg) => arg.startsWith('--'));

function child(script: string, args: string[]): Record<string, number | string> {
  const result = spawnSync(process.execPath, [...startOptions(), script, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 24,
  });
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  if (result.status !== 0 || !line.startsWith('{')) throw new Error(`news bench child ${args[0]} failed (exit ${result.status})`);
  return JSON.parse(line) as Record<string, number | string>;
}

async function main(): Promise<void> {
  if (mode === 'digest') return digestChild();
  if (mode === 'bulk') return bulkChild(process.argv[3]!, process.argv[4]!);
  if (mode === 'migrate') {
    const { openDatabase } = await import('../src/infra/prisma/prisma-client.ts');
    await (await openDatabase(process.argv[3]!)).$disconnect();
    return console.log('{}');
  }
  const script = await bundle();
  // NEWS_BENCH_ONLY=bulk measures the bulk import alone (while working on it).
  if (process.env.NEWS_BENCH_ONLY !== 'bulk') {
    const digest = child(script, ['digest']);
    console.log(`news.digest_5k_x_10k_ms: ${Math.round(Number(digest.ms))}`);
    console.log(`news.digest_peak_rss_mb: ${Math.round(Number(digest.rss))}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'filiera-bulk-'));
  const file = join(dir, 'grantsTenders.json');
  try {
    await writeBulk(file, 11_000, 138);
    const sizeMb = statSync(file).size / 1024 / 1024;
    // The database is created and migrated beforehand, as it is on any start after the first.
    const dbFile = join(dir, 'bench.db');
    child(script, ['migrate', dbFile]);
    const bulk = child(script, ['bulk', file, dbFile]);
    if (bulk.status !== 'imported' || Number(bulk.count) < 11_000) throw new Error(`bulk import incomplete: ${JSON.stringify(bulk)}`);
    console.error(`(bulk file ${sizeMb.toFixed(0)} MB, ${bulk.count} items imported in ${Math.round(Number(bulk.ms))} ms)`);
    console.log(`news.bulk_import_peak_rss_mb: ${Math.round(Number(bulk.rss))}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
