// A large network's digests are rendered in a worker thread and written by the bot: each member gets
// exactly the digest the bot renders itself, in their language and time zone, once; and a member's
// command is answered at once while the job runs. If the worker fails halfway, the bot renders the rest.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NewsDelivery, type DigestBatch } from '../../../src/features/news/news-delivery.ts';
import { createI18n } from '../../../src/infra/i18n.ts';
import { createPrismaMembers } from '../../../src/infra/prisma/prisma-members.ts';
import { createPrismaNews } from '../../../src/infra/prisma/prisma-news.ts';
import { from } from '../../fakes/memory-adapter.ts';
import { createTestApp, type TestApp } from '../../fakes/test-app.ts';

const MEMBERS: Array<[string, string, string, string]> = [
  ['giulia', 'it', 'Europe/Rome', ''],
  ['marco', 'de', 'America/New_York', 'kind:call'],
  ['petra', 'en', 'Europe/Ljubljana', 'topics:hydrogen,clusters'],
  ['jana', 'de', 'Europe/Vienna', 'status:open'],
  ['luca', 'it', 'Europe/Rome', 'kind:event'],
  ['eva', 'en', 'Europe/Berlin', ''],
];

async function network(env: Record<string, string>): Promise<TestApp> {
  const app = await createTestApp(env);
  for (const [who, language, timeZone, filters] of MEMBERS) {
    await app.adapter.inject(from(who).command('news', `subscribe cadence:weekly day:mon at:09:00 ${filters}`));
    const identity = await app.db.memberIdentity.findFirstOrThrow({ where: { platformId: who } });
    await app.db.member.update({ where: { id: identity.memberId }, data: { language, timeZone } });
  }
  await app.sender.drain();
  return app;
}

const digests = (app: TestApp, since: number) =>
  app.adapter.posted
    .slice(since)
    .filter((p) => p.message.card?.title)
    .map((p) => ({ to: p.to, text: p.message.text, card: p.message.card }))
    .sort((a, b) => a.to.localeCompare(b.to) || a.text.localeCompare(b.text));

let here: TestApp;
let away: TestApp;
beforeAll(async () => {
  // Rendering moves to the worker from one subscription on in `away`, never in `here`.
  [here, away] = await Promise.all([network({ NEWS_DIGEST_WORKER_FROM: '100000' }), network({ NEWS_DIGEST_WORKER_FROM: '1' })]);
});
afterAll(async () => {
  await Promise.all([here.stop(), away.stop()]);
});

describe('digests rendered in a worker thread', () => {
  it('given the same network → every member gets the same digest as when the bot renders it, in their language; run again → nothing', async () => {
    const [before, beforeAway] = [here.adapter.posted.length, away.adapter.posted.length];
    const [mine, theirs] = await Promise.all([here.scheduler.runNow('news-digest'), away.scheduler.runNow('news-digest')]);
    await Promise.all([here.sender.drain(), away.sender.drain()]);
    expect(mine.ok && mine.summary).not.toContain('worker thread');
    expect(theirs.ok && theirs.summary).toContain('rendered in a worker thread');
    expect(theirs.ok && theirs.summary).toMatch(/news-digest: [1-6] digests sent/);

    const expected = digests(here, before);
    const got = digests(away, beforeAway);
    expect(got.length).toBeGreaterThan(3);
    expect(got).toEqual(expected);
    // In each member's language.
    expect(got.find((d) => d.to.endsWith(':marco'))?.text).toMatch(/Förderaufrufe|Woche vom/);
    expect(got.find((d) => d.to.endsWith(':giulia'))?.text).toMatch(/settimana|Bandi/i);

    const again = away.adapter.posted.length;
    const second = await away.scheduler.runNow('news-digest');
    await away.sender.drain();
    expect(second.ok && second.summary).toContain('0 digests sent');
    expect(digests(away, again)).toEqual([]);
  });

  it('given the job running → a member’s command is answered before it ends', async () => {
    await away.db.workItem.deleteMany({ where: { job: 'news-digest' } });
    let doneAt = 0;
    const running = away.scheduler.runNow('news-digest').then(() => (doneAt = performance.now()));
    const asked = performance.now();
    const reply = await away.adapter.inject(from('petra').command('news', 'visibility shown'));
    const answeredAt = performance.now();
    await running;
    expect(reply.map((r) => r.text).join('\n')).toMatch(/going to\./);
    expect(answeredAt - asked).toBeLessThan(1000);
    expect(answeredAt).toBeLessThan(doneAt);
  });

  it('given the worker thread failing after two digests → those are kept, the bot renders the rest, each member gets one digest', async () => {
    const app = await network({ NEWS_DIGEST_WORKER_FROM: '100000' });
    try {
      const deps = {
        repo: createPrismaNews(app.db, app.clock),
        outbox: app.outbox,
        members: createPrismaMembers(app.db, [], app.clock),
        i18n: createI18n(join(import.meta.dirname, '../../../locales'), 'en'),
        clock: app.clock,
        defaultTimeZone: 'Europe/Rome',
      };
      const rendering = new NewsDelivery(deps);
      // A worker thread as far as the job can tell: two digests handed over, then it dies.
      async function* failing(now: Date, manual: boolean): AsyncGenerator<DigestBatch> {
        let handed = 0;
        for await (const digest of rendering.digests(now, manual)) {
          if ('summary' in digest) continue;
          yield { records: [digest] };
          if (++handed === 2) throw new Error('the digest worker ran out of memory');
        }
      }
      const delivery = new NewsDelivery({ ...deps, renderElsewhere: { from: 1, render: failing } });
      const before = app.adapter.posted.length;
      const summary = await delivery.runDigests(app.clock.now(), true);
      await app.sender.drain();
      expect(summary).toContain('finished in this thread after the worker thread failed');
      expect(summary).toContain('news-digest: 6 digests sent');
      const titles = app.adapter.posted
        .slice(before)
        .map((p) => [p.to.split(':').at(-1), p.message.card?.title ?? ''])
        .filter(([, title]) => /week of|settimana del|Woche vom/.test(title!));
      // One digest each, in each member's language: none lost with the worker, none sent twice.
      expect(titles.map(([who]) => who).sort()).toEqual(MEMBERS.map(([who]) => who).sort());
      expect(Object.fromEntries(titles)).toMatchObject({ marco: expect.stringContaining('Woche vom'), giulia: expect.stringContaining('settimana del') });
    } finally {
      await app.stop();
    }
  });
});
