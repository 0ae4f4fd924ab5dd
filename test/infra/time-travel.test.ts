// Real time must never decide behaviour. The outbox, the scheduler and a survey run here with the
// test clock years before and years after the machine's clock: if any stored or compared time came
// from the machine (a database default, `new Date()`, a timer), messages would never fall due, jobs
// would run at the wrong occurrence, or a survey would close at once.
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError, type JobDefinition } from '../../src/core/index.ts';
import { createPrismaWork } from '../../src/infra/prisma/prisma-work.ts';
import { CronScheduler } from '../../src/infra/scheduler.ts';
import { from } from '../fakes/memory-adapter.ts';
import { createTestApp, recordingLogger, tempDbFile, type TestApp } from '../fakes/test-app.ts';
import { answerInDm, dm, lastTo } from '../features/surveys/survey-helpers.ts';

const apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop().catch(() => undefined);
});

// Offsets from the machine's clock, whatever day the suite runs on; 08:00 UTC on a Monday keeps
// cron occurrences and local dates easy to state.
const machine = DateTime.utc();
const epochs = [
  ['seven years before the machine', machine.minus({ years: 7 })],
  ['twelve years after the machine', machine.plus({ years: 12 })],
] as const;
const mondayMorning = (at: DateTime) => at.startOf('week').set({ hour: 8 }).toISO()!;

describe.each(epochs)('with the test clock %s', (_, epoch) => {
  const start = async (env: Record<string, string> = {}, now = mondayMorning(epoch)) => {
    const app = await createTestApp({ FILIERA_SEED: '1', ...env }, now);
    apps.push(app);
    return app;
  };

  it('given queued messages and a transient failure → sent now, the failed one after its back-off', async () => {
    const app = await start();
    app.adapter.failures.push(new DeliveryError('transient', 'connection reset'));
    await app.outbox.enqueue(
      ['giulia', 'petra'].map((who) => ({
        dedupeKey: `t:${who}`,
        kind: 'test',
        target: { kind: 'user', user: { platform: 'shell', id: who } },
        message: { text: `hello ${who}` },
      })),
    );
    const first = await app.sender.drain();
    expect(first).toEqual({ sent: 1, failed: 0, deferred: 1 });
    app.clock.advance(60_000);
    expect(await app.sender.drain()).toEqual({ sent: 1, failed: 0, deferred: 0 });
    expect(app.adapter.posted.map((p) => p.message.text).sort()).toEqual(['hello giulia', 'hello petra']);
  });

  it('given a daily job missed while down → it runs once for the latest occurrence, not again', async () => {
    const file = tempDbFile();
    const runs: string[] = [];
    const job: JobDefinition = {
      name: 'daily',
      description: 'test',
      cron: '0 9 * * *',
      timeZone: 'Europe/Rome',
      run: async ({ now }) => void runs.push(now.toISOString()),
    };
    const restartAt = async (at: string) => {
      const app = await start({ DATABASE_URL: file, FILIERA_SEED: '0' }, at);
      const scheduler = new CronScheduler({
        work: createPrismaWork(app.db, app.clock),
        clock: app.clock,
        logger: recordingLogger(),
        defaultTimeZone: 'Europe/Rome',
      });
      scheduler.register(job);
      await scheduler.start();
      await scheduler.stop();
      await app.stop();
      apps.splice(apps.indexOf(app), 1);
    };
    const monday = DateTime.fromISO(mondayMorning(epoch), { zone: 'utc' });
    await restartAt(monday.plus({ hours: 2 }).toISO()!); // 11:00 in Rome, after 09:00: runs today's
    await restartAt(monday.plus({ hours: 5 }).toISO()!); // same occurrence: nothing
    await restartAt(monday.plus({ days: 1, hours: 3 }).toISO()!); // the next day, after 09:00: runs once more
    expect(runs).toEqual(
      [monday.plus({ hours: 2 }).toISO({ suppressMilliseconds: true }), monday.plus({ days: 1, hours: 3 }).toISO({ suppressMilliseconds: true })].map((s) =>
        new Date(s!).toISOString(),
      ),
    );
  });

  it('given a survey closing in ten days → invitations, an answer, one reminder, and it closes on its date', async () => {
    const app = await start();
    const closes = DateTime.fromJSDate(app.clock.now(), { zone: 'Europe/Rome' }).plus({ days: 10 }).toISODate();
    const [opened] = await app.adapter.inject(from('anna').command('survey', `open demo to:@giulia,@petra closes:${closes}`));
    expect(opened?.text).toContain('Invitations by direct message: 2');
    await app.sender.drain();
    expect(lastTo(app, 'petra').text).toContain('You are invited to answer');

    await app.adapter.inject(from('petra', 'dm').command('survey', 'answer demo'));
    await answerInDm(app, 'petra', { PREFERRED_CHANNEL: '2', WHY: 'skip' });
    expect(lastTo(app, 'petra').text).toContain('Thank you');

    app.clock.advance(9 * 86_400_000 + 2 * 3_600_000); // the day before it closes, after 09:00 in Rome
    await app.scheduler.runNow('survey-reminders');
    await app.sender.drain();
    const reminders = app.adapter.posted.filter((p) => /Reminder|Promemoria/.test(p.message.text));
    expect(reminders.map((r) => r.to)).toEqual([dm('giulia')]);

    app.clock.advance(2 * 86_400_000);
    await app.scheduler.runNow('survey-reminders');
    const [closed] = await app.adapter.inject(from('giulia', 'dm').command('survey', 'answer demo'));
    expect(closed?.text).toMatch(/chiuso|closed/);
    const [results] = await app.adapter.inject(from('anna').command('survey', 'results demo'));
    expect(results?.text).toMatch(/1 (response|risposta)/);
  });
});
