// News figures: digest selection in memory for 5,000 subscribers over 10,000 items (time and peak
// memory), the whole digest job on a database (reads, rendering, outbox writes: time and peak memory), and
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

/**
 * The digest job's data in a database: 10,000 items (calls and events), 5,000 members in three
 * languages and five time zones, each with a subscription (a fifth without topics) and 20 sent-marks.
 * Runs in its own child, so the job's child measures only the job.
 */
async function digestSetupChild(dbFile: string): Promise<void> {
  const { openDatabase } = await import('../src/infra/prisma/prisma-client.ts');
  const { createPrismaNews } = await import('../src/infra/prisma/prisma-news.ts');
  const { newItem } = await import('../src/features/news/news-merge.ts');
  const { ItemInputSchema } = await import('../src/features/news/news-item.ts');
  const { FiltersSchema } = await import('../src/features/news/news-filter.ts');
  const db = await openDatabase(dbFile);
  const clock = { now: () => new Date('2026-11-23T08:00:00Z'), sleep: async () => undefined };
  const repo = createPrismaNews(db, clock);
  const rnd = random(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const now = clock.now();
  const day = 86_400_000;
  const items = Array.from({ length: 10_000 }, (_, i) => {
    const base = {
      externalKey: `bench:${i}`,
      title: `Item ${i} about ${pick(TOPICS)} and ${pick(TOPICS)}`,
      topics: [pick(TOPICS), pick(TOPICS), pick(TOPICS)],
      countries: rnd() < 0.5 ? [] : [pick(COUNTRIES), pick(COUNTRIES)],
      link: `https://example.org/news/${i}`,
    };
    const input =
      i % 5 === 0
        ? { ...base, kind: 'event', startAt: new Date(now.getTime() + rnd() * 90 * day).toISOString() }
        : {
            ...base,
            kind: 'call',
            identifier: `BENCH-2027-${String(i).padStart(5, '0')}`,
            programme: pick(PROGRAMMES),
            status: pick(['open', 'forthcoming', 'open'] as const),
            // Date-only portal deadlines (midnight UTC) and deadlines with a time.
            deadlines: [
              new Date(Math.floor((now.getTime() + (rnd() * 200 - 20) * day) / (rnd() < 0.5 ? day : 60_000)) * (rnd() < 0.5 ? day : 60_000)).toISOString(),
            ],
            budget: Math.round(rnd() * 20_000_000),
          };
    return newItem(ItemInputSchema.parse(input), now, 4);
  });
  for (let i = 0; i < items.length; i += 1000) await repo.saveBatch({ created: items.slice(i, i + 1000), updated: [], links: [], outbox: [] }, now);
  const LANGUAGES = ['it', 'en', 'de'];
  const ZONES = ['Europe/Rome', 'Europe/Ljubljana', 'Europe/Vienna', 'Europe/Berlin', 'America/New_York'];
  for (let from = 0; from < 5_000; from += 500) {
    const members = Array.from({ length: 500 }, (_, k) => {
      const i = from + k;
      return {
        id: `m${i}`,
        platform: 'slack',
        platformId: `U${i}`,
        displayName: `Member ${i}`,
        language: pick(LANGUAGES),
        timeZone: pick(ZONES),
        createdAt: now,
        updatedAt: now,
      };
    });
    await db.member.createMany({ data: members });
    await db.memberIdentity.createMany({
      data: members.map((m) => ({ platform: 'slack', platformId: m.platformId, memberId: m.id, displayName: m.displayName, createdAt: now })),
    });
    const subscriptions = members.map((m, k) => ({
      id: `s${from + k}`,
      platform: 'slack',
      targetKey: `member:${m.id}`,
      memberId: m.id,
      filters: JSON.stringify(
        FiltersSchema.parse({
          topics: (from + k) % 5 === 0 ? [] : Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(TOPICS)),
          programmes: rnd() < 0.3 ? [pick(PROGRAMMES).split(' ')[0]] : [],
          countries: rnd() < 0.4 ? [pick(COUNTRIES)] : [],
          kind: pick(['all', 'all', 'call', 'event'] as const),
          statuses: rnd() < 0.3 ? ['open'] : [],
          ...(rnd() < 0.2 ? { minBudget: 1_000_000 } : {}),
        }),
      ),
      cadence: 'weekly',
      at: '09:00',
      day: 1,
      // Most follow their own zone; some chose one.
      timeZone: rnd() < 0.2 ? pick(ZONES) : '',
      language: pick(LANGUAGES),
      createdAt: new Date(now.getTime() - 30 * day),
    }));
    await db.newsSubscription.createMany({ data: subscriptions });
    const marks = new Map<string, { subscriptionId: string; itemId: string; version: number; period: string; sentAt: Date }>();
    for (const s of subscriptions)
      for (let k = 0; k < 20; k++) {
        const itemId = items[Math.floor(rnd() * items.length)]!.id;
        marks.set(`${s.id}|${itemId}`, { subscriptionId: s.id, itemId, version: 1, period: '2026-W47', sentAt: now });
      }
    await db.newsSent.createMany({ data: [...marks.values()] });
  }
  await db.$disconnect();
  console.log('{}');
}

/** The digest job from its start until every digest is in the outbox, on the database digestSetupChild wrote. */
async function digestRunChild(dbFile: string): Promise<void> {
  const { openDatabase } = await import('../src/infra/prisma/prisma-client.ts');
  const { createPrismaNews } = await import('../src/infra/prisma/prisma-news.ts');
  const { createPrismaOutbox } = await import('../src/infra/prisma/prisma-outbox.ts');
  const { createPrismaMembers } = await import('../src/infra/prisma/prisma-members.ts');
  const { NewsDelivery } = await import('../src/features/news/news-delivery.ts');
  const { createI18n } = await import('../src/infra/i18n.ts');
  const { PROJECT_ROOT } = await import('../src/infra/paths.ts');
  const db = await openDatabase(dbFile);
  const clock = { now: () => new Date('2026-11-23T08:00:00Z'), sleep: async () => undefined };
  const i18n = createI18n(join(PROJECT_ROOT, 'locales'), 'en');
  const { renderDigestsElsewhere } = await import('../src/app/news-digests.ts');
  const { loadConfig } = await import('../src/infra/config.ts');
  // As wire-news.ts builds it: rendering in a worker thread from the configured number of subscriptions.
  const from = loadConfig({ DATABASE_URL: dbFile }).NEWS_DIGEST_WORKER_FROM;
  const logger = { debug() {}, info() {}, warn() {}, error: (fields: unknown, message?: string) => console.error(message, fields), child: () => logger };
  const delivery = new NewsDelivery({
    repo: createPrismaNews(db, clock),
    outbox: createPrismaOutbox(db, clock),
    members: createPrismaMembers(db, [], clock),
    i18n,
    clock,
    defaultTimeZone: 'Europe/Rome',
    renderElsewhere: {
      from,
      render: (now, manual) =>
        renderDigestsElsewhere(
          { target: { provider: 'sqlite', file: dbFile }, admins: [], language: 'en', timeZone: 'Europe/Rome', now: now.toISOString(), manual },
          logger,
        ),
    },
  });
  const mb = (n: number) => Math.round(n / 1048576);
  const sampler = process.env.NEWS_BENCH_DEBUG
    ? setInterval(() => {
        const m = process.memoryUsage();
        console.error(`rss ${mb(m.rss)} heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} ext ${mb(m.external)} ab ${mb(m.arrayBuffers)}`);
      }, 500)
    : undefined;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const summary = await delivery.runDigests(clock.now());
  clearInterval(sampler);
  const ms = performance.now() - started;
  const cpuMs = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1000;
  const digests = await db.outboxMessage.groupBy({ by: ['target'], where: { kind: 'news-digest' } });
  const messages = await db.outboxMessage.count({ where: { kind: 'news-digest' } });
  await db.$disconnect();
  console.error(`(${summary}; ${messages} messages)`);
  // CPU time beside wall time: on a busy machine the second says little about the job itself.
  console.log(JSON.stringify({ ms, cpuMs, rss: peakRssMb(), digests: digests.length, messages }));
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
  // Chunk names carry hashes: start clean so old chunks do not pile up.
  rmSync(outdir, { recursive: true, force: true });
  await build({
    // The workers sit beside the bundle, as dist/bulk-worker.js and dist/digest-worker.js do beside dist/main.js.
    entryPoints: {
      'news.bench': import.meta.filename,
      'bulk-worker': join(import.meta.dirname, '..', 'src', 'app', 'news-bulk-worker.ts'),
      'digest-worker': join(import.meta.dirname, '..', 'src', 'app', 'news-digest-worker.ts'),
    },
    outdir,
    bundle: true,
    // Split as scripts/build.mjs splits the bot: what is imported only when used (the PostgreSQL
    // client, chart libraries) stays out of a SQLite process until then.
    splitting: true,
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
  if (mode === 'digest-setup') return digestSetupChild(process.argv[3]!);
  if (mode === 'digest-run') return digestRunChild(process.argv[3]!);
  if (mode === 'migrate') {
    const { openDatabase } = await import('../src/infra/prisma/prisma-client.ts');
    await (await openDatabase(process.argv[3]!)).$disconnect();
    return console.log('{}');
  }
  const script = await bundle();
  // NEWS_BENCH_ONLY=bulk: the bulk import alone; NEWS_BENCH_ONLY=digest: the digest figures alone.
  if (process.env.NEWS_BENCH_ONLY !== 'bulk') {
    const digest = child(script, ['digest']);
    console.log(`news.digest_select_in_memory_5k_x_10k_ms: ${Math.round(Number(digest.ms))}`);
    console.log(`news.digest_select_in_memory_peak_rss_mb: ${Math.round(Number(digest.rss))}`);
    const digestDir = mkdtempSync(join(tmpdir(), 'filiera-digest-'));
    try {
      const dbFile = join(digestDir, 'digest.db');
      child(script, ['migrate', dbFile]);
      child(script, ['digest-setup', dbFile]);
      const run = child(script, ['digest-run', dbFile]);
      if (Number(run.digests) < 4_500) throw new Error(`digest run incomplete: ${JSON.stringify(run)}`);
      console.log(`news.digest_run_5k_ms: ${Math.round(Number(run.ms))}`);
      console.log(`news.digest_run_peak_rss_mb: ${Math.round(Number(run.rss))}`);
    } finally {
      rmSync(digestDir, { recursive: true, force: true });
    }
  }
  if (process.env.NEWS_BENCH_ONLY === 'digest') return;
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
