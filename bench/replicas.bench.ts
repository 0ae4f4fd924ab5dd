// Several replicas on one PostgreSQL database (FILIERA_DEV_POSTGRES_URL; skipped with a note when no
// server answers): 3 processes of the real app, sending through a fake platform they all post to.
//
// Fan-out: 1,000 messages enqueued at once, delivered by the 3 replicas; then again with one replica
// SIGKILLed after about 300 deliveries (the others release its claims on their next heartbeat).
//   lost        = messages never received by the platform;
//   duplicates  = messages a user would see twice: the fake platform dedupes by the idempotency key the
//                 outbox sends (the outbox row id), as Discord's enforce_nonce does, so a row re-sent after
//                 its sender died shows once; such re-sends are counted separately, as `resent` (what a
//                 platform without idempotency keys would have shown twice: at most the killed replica's
//                 one in-flight message).
// Job: a job due every minute, on a bench clock shared by the replicas (10× real time) over 9 minutes:
// one replica killed at 2:30 and back at 3:30, all three killed at 5:15 and back at 7:00 (catch-up).
//   runs_per_occurrence = the most runs any minute got (1 = never twice); missed = minutes that fell due
//   while replicas were up and never ran (0); catchup_runs = runs, on the way back, of the minutes that
//   fell due while all were down (1: the latest, once, as the scheduler promises).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import type { OutboxEntry } from '../src/core/index.ts';
import { devPostgresUrl } from '../src/infra/config.ts';
import { openDatabase } from '../src/infra/prisma/prisma-client.ts';
import { createPrismaOutbox } from '../src/infra/prisma/prisma-outbox.ts';
import { systemClock } from '../src/core/index.ts';

const worker = join(import.meta.dirname, 'replica-worker.ts');
const FANOUT = 1000;

interface Received {
  key: string | null;
  text: string;
}

/** The fake platform: keeps every request, answers a repeated idempotency key with the first message. */
async function fakePlatform() {
  const requests: Received[] = [];
  const byKey = new Map<string, string>();
  let next = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => {
      const { key, text } = JSON.parse(body) as Received;
      requests.push({ key, text });
      const id = (key && byKey.get(key)) ?? String(++next);
      if (key) byKey.set(key, id);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/post`,
    requests,
    /** Distinct messages users see: one per idempotency key. */
    visible: () => new Set(requests.map((r) => r.key ?? r.text)).size,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

function startReplica(args: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', worker, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => line === 'ready' && resolve(child));
    child.on('exit', (code) => reject(new Error(`replica exited early (${code})`)));
  });
}

const stop = (child: ChildProcess, signal: NodeJS.Signals) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });

async function until(test: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!test() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  return test();
}

async function freshDatabase(admin: pg.Client, server: string, name: string): Promise<string> {
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

async function fanout(url: string, killOne: boolean): Promise<{ lost: number; duplicates: number; resent: number; ms: number }> {
  const platform = await fakePlatform();
  const replicas = await Promise.all([0, 1, 2].map(() => startReplica([url, platform.url, 'fanout'])));
  const db = await openDatabase({ provider: 'postgresql', url });
  const entries: OutboxEntry[] = Array.from({ length: FANOUT }, (_, i) => ({
    dedupeKey: `fanout:${killOne}:${i}`,
    kind: 'bench',
    target: { kind: 'user', user: { platform: 'shell', id: `member-${i}` } },
    message: { text: `Call ${i}: deadline in two weeks` },
  }));
  const started = performance.now();
  await createPrismaOutbox(db, systemClock).enqueue(entries);
  if (killOne) {
    await until(() => platform.requests.length >= FANOUT * 0.3, 120_000);
    await stop(replicas[0]!, 'SIGKILL');
  }
  await until(() => platform.visible() >= FANOUT, 120_000);
  const ms = performance.now() - started;
  await new Promise((r) => setTimeout(r, 1500)); // anything still coming would be a duplicate: wait for it
  await Promise.all(replicas.map((r) => stop(r, 'SIGTERM')));
  const keys = platform.requests.map((r) => r.key);
  const keysByText = new Map<string, Set<string | null>>();
  for (const r of platform.requests) keysByText.set(r.text, (keysByText.get(r.text) ?? new Set()).add(r.key));
  const result = {
    lost: entries.filter((e) => !keysByText.has(e.message.text)).length,
    // A message shown twice despite the idempotency key: posted under two keys (two outbox rows for one message).
    duplicates: [...keysByText.values()].reduce((n, k) => n + k.size - 1, 0),
    resent: keys.length - new Set(keys).size,
    ms,
  };
  await db.$disconnect();
  await platform.close();
  return result;
}

async function minutelyJob(url: string): Promise<{ maxRuns: number; missed: number; catchup: number }> {
  const platform = await fakePlatform();
  const log = join(mkdtempSync(join(tmpdir(), 'filiera-bench-job-')), 'runs.log');
  writeFileSync(log, '');
  const speed = 10;
  const minute = 60_000;
  const t0 = Date.parse('2026-11-23T10:00:30Z');
  const realStart = Date.now();
  const virtual = (real = Date.now()) => t0 + (real - realStart) * speed;
  const args = [url, platform.url, 'job', String(t0), String(realStart), String(speed), log];
  const at = (virtualMs: number) => new Promise((r) => setTimeout(r, Math.max(0, realStart + virtualMs / speed - Date.now())));
  const replicas = await Promise.all([0, 1, 2].map(() => startReplica(args)));
  const up = virtual();
  await at(2.5 * minute + (up - t0));
  await stop(replicas[1]!, 'SIGKILL');
  await at(3.5 * minute + (up - t0));
  replicas[1] = await startReplica(args);
  await at(5.25 * minute + (up - t0));
  await Promise.all(replicas.map((r) => stop(r, 'SIGKILL')));
  const down = virtual();
  await at(7 * minute + (up - t0));
  const back = await Promise.all([0, 1, 2].map(() => startReplica(args)));
  await at(9 * minute + (up - t0));
  await Promise.all(back.map((r) => stop(r, 'SIGTERM')));
  await platform.close();

  const lines = readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => ({ occurrence: Date.parse(l.split(' ')[0]!), ranAt: virtual(Number(l.split(' ')[2])) }));
  const runs = new Map<number, number>();
  for (const l of lines) runs.set(l.occurrence, (runs.get(l.occurrence) ?? 0) + 1);
  const minutes = (from: number, to: number) => {
    const list: number[] = [];
    for (let m = Math.ceil(from / minute) * minute; m <= to; m += minute) list.push(m);
    return list;
  };
  // Every minute that fell due while replicas were up (from the first one after start to the full stop) ran.
  const missed = minutes(up + 1, down).filter((m) => !runs.has(m)).length;
  // Of the minutes that fell due while all were down, the latest runs once on the way back (catch-up).
  const firstBack = Math.min(...lines.filter((l) => l.ranAt > down).map((l) => l.occurrence));
  const catchup = minutes(down + 1, firstBack).reduce((n, m) => n + (runs.get(m) ?? 0), 0);
  return { maxRuns: Math.max(...runs.values()), missed, catchup };
}

const server = devPostgresUrl(process.env);
const admin = new pg.Client({ connectionString: server, connectionTimeoutMillis: 5000 });
try {
  await admin.connect();
} catch (error) {
  console.error(`replicas bench skipped: no PostgreSQL server at FILIERA_DEV_POSTGRES_URL (${(error as Error).message})`);
  process.exit(0);
}
const name = `filiera_bench_replicas_${process.pid}`;
try {
  const url = await freshDatabase(admin, server, name);
  await (await openDatabase({ provider: 'postgresql', url })).$disconnect(); // migrate once, before the replicas race
  const plain = await fanout(url, false);
  console.log(`pg.replicas_fanout_lost: ${plain.lost}`);
  console.log(`pg.replicas_fanout_duplicates: ${plain.duplicates}`);
  console.log(`pg.replicas_fanout_resent: ${plain.resent}`);
  console.log(`pg.replicas_fanout_ms: ${Math.round(plain.ms)}`);
  const killed = await fanout(url, true);
  console.log(`pg.replicas_fanout_killed_lost: ${killed.lost}`);
  console.log(`pg.replicas_fanout_killed_duplicates: ${killed.duplicates}`);
  console.log(`pg.replicas_fanout_killed_resent: ${killed.resent}`);
  const job = await minutelyJob(url);
  console.log(`pg.replicas_job_runs_per_occurrence: ${job.maxRuns}`);
  console.log(`pg.replicas_job_missed_occurrences: ${job.missed}`);
  console.log(`pg.replicas_job_catchup_runs: ${job.catchup}`);
} finally {
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}
