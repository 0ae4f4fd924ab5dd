// Scheduled jobs as claimed rows: a run missed while the bot was down happens once on restart,
// and the same occurrence is never run twice.
import { afterEach, describe, expect, it } from 'vitest';
import type { JobDefinition } from '../../src/core/index.ts';
import { CronScheduler } from '../../src/infra/scheduler.ts';
import { createPrismaWork } from '../../src/infra/prisma/prisma-work.ts';
import { createTestApp, recordingLogger, tempDbFile, type TestApp } from '../fakes/test-app.ts';

let app: TestApp;
afterEach(async () => app?.stop());

function counting(): JobDefinition & { runs: Date[] } {
  const runs: Date[] = [];
  return { name: 'morning-digest', description: 'test', cron: '0 9 * * *', timeZone: 'Europe/Rome', runs, run: async ({ now }) => void runs.push(now) };
}

async function restart(at: string, job: JobDefinition, file: string): Promise<CronScheduler> {
  app = await createTestApp({ DATABASE_URL: file, FILIERA_SEED: '0' }, at);
  const scheduler = new CronScheduler({
    work: createPrismaWork(app.db, app.clock),
    clock: app.clock,
    logger: recordingLogger(),
    defaultTimeZone: 'Europe/Rome',
  });
  scheduler.register(job);
  await scheduler.start();
  await scheduler.stop();
  return scheduler;
}

describe('scheduler', () => {
  it('given the bot was down at 09:00 → the 09:00 run happens once when it comes back, not again on the next start', async () => {
    const file = tempDbFile();
    const job = counting();
    await restart('2026-11-23T07:30:00Z', job, file); // 08:30 in Rome: catches up on yesterday's 09:00
    expect(job.runs).toHaveLength(1);
    await app.stop();
    await restart('2026-11-23T10:00:00Z', job, file); // down over 09:00 Rome (08:00Z): runs it now
    expect(job.runs).toHaveLength(2);
    await app.stop();
    await restart('2026-11-23T11:00:00Z', job, file); // same occurrence: nothing
    expect(job.runs).toHaveLength(2);
  });

  it('given the same occurrence claimed twice → the job runs once', async () => {
    const job = counting();
    const scheduler = await restart('2026-11-23T10:00:00Z', job, tempDbFile());
    expect(await scheduler.runDue(job)).toBe(false);
    expect(job.runs).toHaveLength(1);
  });

  it('given an unknown job name for :run → the known names, as a value', async () => {
    const scheduler = await restart('2026-11-23T10:00:00Z', counting(), tempDbFile());
    expect(await scheduler.runNow('nope')).toEqual({ ok: false, known: ['morning-digest'] });
  });

  it('given a crash during a run → the unfinished occurrence runs again on the next start', async () => {
    const file = tempDbFile();
    let fail = true;
    const runs: string[] = [];
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const job: JobDefinition = {
      name: 'fragile',
      description: 'test',
      cron: '0 9 * * *',
      run: async () => {
        runs.push('run');
        started();
        if (fail) await new Promise(() => undefined);
      },
    };
    app = await createTestApp({ DATABASE_URL: file, FILIERA_SEED: '0' }, '2026-11-23T10:00:00Z');
    const first = new CronScheduler({ work: createPrismaWork(app.db, app.clock), clock: app.clock, logger: recordingLogger(), defaultTimeZone: 'Europe/Rome' });
    first.register(job);
    void first.start(); // the run never finishes: the process "dies" here
    await running;
    await app.db.workItem.findFirstOrThrow({ where: { job: 'fragile', status: 'running' } });
    await app.stop();
    fail = false;
    await restart('2026-11-23T10:05:00Z', job, file);
    expect(runs).toHaveLength(2);
  });
});
