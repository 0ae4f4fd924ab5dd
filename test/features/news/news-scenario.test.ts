// The "How it will be checked", through the real app: an admin adds a feed, a calendar, a
// portal page and a broken feed served locally; a member subscribes weekly at 09:00 in Rome; digests,
// previews, follows, reminders, changed deadlines and failing sources behave as a member would notice.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../../src/core/index.ts';
import { startFeedServer, type FeedServer } from '../../fakes/feed-server.ts';
import { from } from '../../fakes/memory-adapter.ts';
import { createTestApp, type TestApp } from '../../fakes/test-app.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../fixtures/news', name), 'utf8');
const text = (replies: OutboundMessage[]) => replies.map((r) => r.text).join('\n');
const idOf = (body: string, title: string) => body.match(new RegExp(`${title}[^\\n]*\\[([0-9a-z]{7})\\]`))?.[1] ?? '';

let server: FeedServer;
let app: TestApp;
const dm = (who: string) => `shell:dm:${who}`;
const newPosts = (who: string, since: number) =>
  app.adapter.posted
    .slice(since)
    .filter((p) => p.to === dm(who))
    .map((p) => p.message);

beforeAll(async () => {
  server = await startFeedServer({
    '/calls.rss': { body: fixture('calls.rss'), type: 'application/rss+xml' },
    '/events.ics': { body: fixture('events.ics'), type: 'text/calendar' },
    '/portal.json': { body: fixture('portal-search.json'), type: 'application/json' },
    '/broken.xml': { body: fixture('broken.xml'), type: 'application/rss+xml' },
  });
  app = await createTestApp();
  await app.sender.drain();
});
afterAll(async () => {
  await app.stop();
  await server.close();
});

describe('newsletters, end to end', () => {
  let h2 = '';
  let textile = '';

  it('given an admin adding a feed, a calendar, a portal page and a broken feed → the three import, the broken one is reported to admins once', async () => {
    const before = app.adapter.posted.length;
    const add = (kind: string, path: string, declare = '') =>
      app.adapter.inject(from('anna').command('news', `add-source ${kind} ${server.url(path)} ${declare}`));
    expect(text(await add('rss', '/calls.rss', 'carries:calls'))).toMatch(/Added source rss-1.*\n.*Read 3 records: 3 new, 1 skipped/);
    expect(text(await add('ical', '/events.ics'))).toMatch(/Read 6 records: 6 new, 0 skipped/);
    // The portal's Horizon topic is the same call as the feed's first entry: one item, not two.
    expect(text(await add('eu-portal', '/portal.json'))).toMatch(/Read 2 records: 1 new, 1 skipped/);
    expect(text(await add('rss', '/broken.xml'))).toContain('It is failing: not a valid RSS or Atom feed');
    await app.scheduler.runNow('news-poll');
    await app.sender.drain();
    const notices = newPosts('anna', before).filter((m) => m.text.includes('is failing'));
    expect(notices).toHaveLength(1);
    expect(notices[0]?.text).toContain('rss-2');

    const sources = text(await app.adapter.inject(from('anna').command('news', 'sources')));
    expect(sources).toMatch(/rss-1 · rss · .*\n {2}working · last success .* · 3 items/);
    expect(sources).toMatch(/eu-portal-1 · eu-portal · .*\n {2}working/);
    expect(sources).toMatch(/rss-2 · rss · .*\n {2}failing \(not a valid RSS or Atom feed\)/);
  });

  it('given a member subscribing to a topic weekly at 09:00 in Rome → the preview holds exactly what matches and explains an item left out', async () => {
    const reply = text(await app.adapter.inject(from('petra').command('news', 'subscribe topics:hydrogen cadence:weekly at:09:00 tz:Europe/Rome')));
    expect(reply).toContain('Subscribed you: weekly digest');
    const preview = text(await app.adapter.inject(from('petra').command('news', 'preview')));
    expect(preview).toContain('Hydrogen valleys for industrial clusters');
    expect(preview).toContain('Green hydrogen for manufacturing SMEs');
    expect(preview).toContain('Hydrogen clusters conference');
    expect(preview).not.toContain('Textile recycling');
    h2 = idOf(preview, 'Hydrogen valleys for industrial clusters');
    expect(h2).not.toBe('');

    const sources = await app.adapter.inject(from('anna').command('news', 'show "Textile recycling pilots for fashion districts"'));
    expect(text(sources)).toContain("I don't know an item");
    const all = await app.db.newsItem.findMany({ where: { titleKey: { contains: 'textile' } } });
    textile = all[0]?.id ?? '';
    const why = text(await app.adapter.inject(from('petra').command('news', `preview ${textile}`)));
    expect(why).toContain('Not in your next digest.');
    expect(why).toContain('✗ none of your topics (hydrogen)');
    const whyIn = text(await app.adapter.inject(from('petra').command('news', `preview ${h2}`)));
    expect(whyIn).toContain('In your next digest');
    expect(whyIn).toContain('✓ has your topic “hydrogen”');
  });

  it('given the digest job → one digest matching the filter and the preview; run twice → nothing the second time', async () => {
    const preview = text(await app.adapter.inject(from('petra').command('news', 'preview')));
    const before = app.adapter.posted.length;
    await app.scheduler.runNow('news-digest');
    await app.sender.drain();
    const digests = newPosts('petra', before);
    expect(digests).toHaveLength(1);
    const digest = digests[0]!;
    for (const title of [
      'Hydrogen valleys for industrial clusters',
      'Green hydrogen for manufacturing SMEs in Central Europe',
      'Hydrogen clusters conference',
    ]) {
      expect(digest.text).toContain(title);
      expect(preview).toContain(title);
    }
    expect(digest.text).not.toContain('Textile');
    expect(digest.card?.blocks.length).toBeLessThanOrEqual(40);
    const buttons = digest.card?.blocks.flatMap((b) => (b.type === 'actions' ? b.controls : [])) ?? [];
    expect(buttons).toContainEqual({ type: 'button', actionId: 'news:follow', label: 'Follow', value: h2 });
    expect(buttons.some((c) => c.type === 'link')).toBe(true);

    const again = app.adapter.posted.length;
    await app.scheduler.runNow('news-digest');
    await app.sender.drain();
    expect(newPosts('petra', again)).toHaveLength(0);
  });

  it('given a deadline moved in the source → followers are told it changed, and next week the digest repeats only that item', async () => {
    expect(text(await app.adapter.inject(from('petra').action('news:follow', h2)))).toContain('Following “Hydrogen valleys for industrial clusters”');
    const before = app.adapter.posted.length;
    app.clock.advance(60 * 60_000);
    server.set('/portal.json', {
      body: fixture('portal-search.json').replace('2026-12-10T16:00:00.000+0000', '2027-01-14T16:00:00.000+0000'),
      type: 'application/json',
    });
    await app.scheduler.runNow('news-poll');
    await app.sender.drain();
    const changed = newPosts('petra', before);
    expect(changed).toHaveLength(1);
    expect(changed[0]?.text).toContain('Changed: Hydrogen valleys for industrial clusters');
    expect(changed[0]?.text).toMatch(/deadline extended from 10 Dec 2026, 17:00 CET to 14 Jan 2027, 17:00 CET|deadline extended from Dec 10, 2026/);

    const nextWeek = app.adapter.posted.length;
    app.clock.set('2026-11-30T08:00:00Z');
    await app.scheduler.runNow('news-digest');
    await app.sender.drain();
    const digest = newPosts('petra', nextWeek);
    expect(digest).toHaveLength(1);
    expect(digest[0]?.text).toContain('CHANGED');
    expect(digest[0]?.text).toContain('Hydrogen valleys for industrial clusters');
    expect(digest[0]?.text).not.toContain('Green hydrogen for manufacturing SMEs');
  });

  it('given a followed call → the 7-day reminder goes out once, and none after unfollowing', async () => {
    const before = app.adapter.posted.length;
    app.clock.set('2027-01-08T10:00:00Z');
    await app.scheduler.runNow('news-reminders');
    await app.scheduler.runNow('news-reminders');
    await app.sender.drain();
    const reminders = newPosts('petra', before);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.text).toContain('Reminder, 7 days to go: Hydrogen valleys for industrial clusters');

    await app.adapter.inject(from('petra').command('news', `unfollow ${h2}`));
    const later = app.adapter.posted.length;
    app.clock.set('2027-01-13T20:00:00Z');
    await app.scheduler.runNow('news-reminders');
    await app.sender.drain();
    expect(newPosts('petra', later)).toHaveLength(0);
  });
});

describe('events and channels', () => {
  it('given members going to an event → only those who allow it are named', async () => {
    app.clock.set('2026-11-24T08:00:00Z');
    const event = (await app.db.newsItem.findMany({ where: { kind: 'event', titleKey: { contains: 'hydrogen clusters conference' } } }))[0]!;
    await app.adapter.inject(from('jana').command('news', 'visibility shown'));
    await app.adapter.inject(from('jana').action('news:going', event.id));
    const reply = text(await app.adapter.inject(from('lukas').action('news:going', event.id)));
    // Lukas never chose whether to be shown: counted, never named, and not said to keep it private.
    expect(reply).toContain('Aus dem Netzwerk dabei: Jana Dvořák und 1 weiteres Mitglied.');
    expect(reply).not.toContain('ungenannt');
    await app.adapter.inject(from('lukas').command('news', 'visibility hidden'));
    expect(text(await app.adapter.inject(from('anna').command('news', `show ${event.id}`)))).toContain(
      'Going from the network: Jana Dvořák and 1 more member. 1 of them keeps it private.',
    );
  });

  it('given a member subscribing a channel → refused; an admin → the channel is subscribed', async () => {
    expect(text(await app.adapter.inject(from('paolo').command('news', 'subscribe #news')))).toContain('Solo un amministratore');
    expect(text(await app.adapter.inject(from('anna').command('news', 'subscribe #news kind:call cadence:daily at:08:30')))).toContain(
      'Subscribed #news: daily digest',
    );
  });
});

describe('adding by hand', () => {
  it('given an admin filling the add form in a direct conversation → the call exists and can be shown', async () => {
    await app.adapter.inject(from('anna').command('news', 'add'));
    // A call: the event-only questions (end, place) are not asked.
    const answers = [
      '1',
      'Bando filiere della plastica',
      '2027-03-15',
      'https://example.org/bandi/plastica',
      'skip',
      'PR FESR Veneto',
      'plastics',
      '2000000',
      'IT',
    ];
    const replies: OutboundMessage[] = [];
    for (const answer of answers) replies.push(...(await app.adapter.inject(from('anna', 'dm').message(answer))));
    const posted = app.adapter.posted.filter((p) => p.to === 'shell:dm:anna').map((p) => p.message.text);
    const done = [...replies.map((r) => r.text), ...posted].find((x) => x.startsWith('Added “Bando filiere della plastica”'));
    expect(done).toBeDefined();
    const id = done!.match(/\[([0-9a-z]{7})\]/)?.[1] ?? '';
    const shown = text(await app.adapter.inject(from('giulia').command('news', `show ${id}`)));
    expect(shown).toContain('PR FESR Veneto');
    expect(shown).toMatch(/15 mar 2027, 17:00/);
    expect(shown).toContain('Temi: plastics');
    expect(shown).toMatch(/2\.000\.000\s€/);
  });
});

describe('downtime', () => {
  it('given a weekly digest that fell due while the bot was down → the catch-up run sends it once, later ticks nothing', async () => {
    const down = await createTestApp({}, '2026-11-22T10:00:00Z');
    try {
      await down.adapter.inject(from('giulia').command('news', 'subscribe topics:clusters cadence:weekly at:09:00 tz:Europe/Rome'));
      const job = down.scheduler.jobs().find((j) => j.name === 'news-digest')!;
      await down.scheduler.runDue(job);
      await down.sender.drain();
      const before = down.adapter.posted.length;
      // Down over Monday 09:00, back on Tuesday: the start-up catch-up, then the next ticks.
      down.clock.set('2026-11-24T10:00:00Z');
      await down.scheduler.runDue(job);
      down.clock.advance(15 * 60_000);
      await down.scheduler.runDue(job);
      await down.sender.drain();
      const digests = down.adapter.posted.slice(before).filter((p) => p.to === 'shell:dm:giulia');
      expect(digests).toHaveLength(1);
      expect(digests[0]?.message.text).toContain('settimana del 23 novembre 2026');
    } finally {
      await down.stop();
    }
  });
});
