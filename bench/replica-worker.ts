// One replica for bench/replicas.bench.ts: the real app on the shared PostgreSQL database, sending
// through an adapter that posts every send to the bench's fake platform over HTTP (so sends from all
// replicas meet in one place), and, in the job scenario, ticking a job due every minute on a clock
// the replicas share (bench time = T0 + real elapsed × speed, from the same T0 and start instant).
//   node --import tsx bench/replica-worker.ts <database url> <platform url> fanout
//   node --import tsx bench/replica-worker.ts <database url> <platform url> job <T0 ms> <real start ms> <speed> <runs log>
import { appendFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { createApp } from '../src/app/create-app.ts';
import type { Clock, ConversationRef, JobDefinition, MessageRef, OutboundMessage } from '../src/core/index.ts';
import { loadConfig } from '../src/infra/config.ts';
import { MemoryAdapter } from '../test/fakes/memory-adapter.ts';
import { recordingLogger } from '../test/fakes/test-app.ts';

const [databaseUrl, platformUrl, mode, t0, realStart, speed, runsLog] = process.argv.slice(2) as [string, string, 'fanout' | 'job', ...string[]];

/** The shared bench clock: every replica computes the same time from the same two instants. */
function sharedClock(): Clock {
  if (mode !== 'job') return { now: () => new Date(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };
  const [base, start, factor] = [Number(t0), Number(realStart), Number(speed)];
  return {
    now: () => new Date(base + (Date.now() - start) * factor),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms / factor)),
  };
}

/** Sends go to the bench's fake platform, which keeps what users would see. */
class HttpPlatform extends MemoryAdapter {
  override async post(to: ConversationRef, message: OutboundMessage, options: { idempotencyKey?: string } = {}): Promise<MessageRef> {
    const response = await fetch(platformUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to, text: message.text, key: options.idempotencyKey ?? null, pid: process.pid }),
    });
    if (!response.ok) throw new Error(`platform answered ${response.status}`);
    return { conversation: to, id: ((await response.json()) as { id: string }).id };
  }
}

const clock = sharedClock();
const config = { ...loadConfig({ DATABASE_URL: databaseUrl, FILIERA_SEED: '0', LOG_LEVEL: 'silent' }), adapters: [] };
const app = await createApp(config, {
  input: new PassThrough(),
  output: new PassThrough(),
  interactive: false,
  clock,
  logger: recordingLogger(),
  adapters: [new HttpPlatform()],
  heartbeatMs: 500,
});

if (mode === 'job') {
  // A job due every minute; each run logs the minute it ran for, and takes a moment, as real jobs do.
  const job: JobDefinition = {
    name: 'bench-minutely',
    description: 'bench',
    cron: '* * * * *',
    run: async ({ now }) => {
      // The occurrence this run stands for, found as the scheduler finds it (the latest fire time at `now`).
      appendFileSync(runsLog!, `${app.scheduler.lastOccurrence(job, now).toISOString()} ${process.pid} ${Date.now()}\n`);
      await new Promise((r) => setTimeout(r, 20));
    },
  };
  app.scheduler.register(job);
}
await app.start();
process.stdout.write('ready\n');
if (mode === 'job') {
  // node-cron ticks on the machine's clock; on the shared bench clock the replica ticks itself, as
  // node-cron would at each fire time: claim the occurrence due now, run it if won.
  const job = app.scheduler.jobs().find((j) => j.name === 'bench-minutely')!;
  for (;;) {
    await app.scheduler.runDue(job, clock.now());
    await new Promise((r) => setTimeout(r, 50));
  }
}
process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)));
