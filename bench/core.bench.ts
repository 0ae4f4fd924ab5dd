// Core figures: start-up time to the shell's first prompt, idle memory, and outbox throughput.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createApp } from '../src/app/create-app.ts';
import type { OutboxEntry } from '../src/core/index.ts';
import { loadConfig } from '../src/infra/config.ts';
import { MemoryAdapter } from '../test/fakes/memory-adapter.ts';
import { recordingLogger } from '../test/fakes/test-app.ts';

const root = join(import.meta.dirname, '..');
const dbFile = () => join(mkdtempSync(join(tmpdir(), 'filiera-bench-')), 'bench.db');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** The node arguments of `npm start`, so the figures are for exactly what users run. */
const startArgs = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start.split(/\s+/).slice(1);

/** Starts the bot as `npm start` does and waits for its first prompt; returns ms and idle RSS. */
function startOnce(db: string): Promise<{ readyMs: number; rssMb: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, startArgs, {
    cwd: root,
    env: { ...process.env, DATABASE_URL: db },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  // Piped input gets no prompt; the echo of the first line is the first moment the shell answers.
  child.stdin.write(':help\n');
  return new Promise((resolve, reject) => {
    child.stdout.once('data', () => {
      const readyMs = performance.now() - started;
      // Let start-up garbage settle before reading resident memory.
      setTimeout(() => {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
        child.stdin.end(':quit\n');
        child.on('exit', () => resolve({ readyMs, rssMb: rssKb / 1024 }));
      }, 1000);
    });
    child.on('error', reject);
  });
}

async function drainRate(): Promise<number> {
  const config = { ...loadConfig({ DATABASE_URL: dbFile(), FILIERA_SEED: '0' }), adapters: [] };
  const app = await createApp(config, {
    input: new PassThrough(),
    output: new PassThrough(),
    interactive: false,
    logger: recordingLogger(),
    adapters: [new MemoryAdapter()],
  });
  const entries: OutboxEntry[] = Array.from({ length: 1000 }, (_, i) => ({
    dedupeKey: `bench:${i}`,
    kind: 'bench',
    target: { kind: 'user', user: { platform: 'shell', id: `member-${i % 50}` } },
    message: { text: `Digest ${i}: 3 calls closing soon` },
  }));
  await app.outbox.enqueue(entries);
  const started = performance.now();
  const report = await app.sender.drain();
  const seconds = (performance.now() - started) / 1000;
  if (report.sent !== 1000) throw new Error(`expected 1000 sent, got ${report.sent}`);
  await app.db.$disconnect();
  return 1000 / seconds;
}

spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
const db = dbFile();
await startOnce(db); // first start migrates and seeds; the figure is for an everyday start
const runs = [await startOnce(db), await startOnce(db), await startOnce(db)];
console.log(`core.ready_ms: ${Math.round(median(runs.map((r) => r.readyMs)))}`);
console.log(`core.idle_rss_mb: ${Math.round(median(runs.map((r) => r.rssMb)))}`);
console.log(`outbox.drain_per_s: ${Math.round(await drainRate())}`);
