// The pure parts of the news feature: one item from many sources, change detection, filters and
// their explanations, digest grouping, the subscription calendar, reminders and message splitting.
import { describe, expect, it } from 'vitest';
import { addItemForm, parseItemForm } from '../../../src/features/news/news-item-form.ts';
import { everyToCron } from '../../../src/features/news/news-source-commands.ts';
import { DigestIndex, digestSize, explainItem, selectDigest } from '../../../src/features/news/news-digest.ts';
import { FiltersSchema } from '../../../src/features/news/news-filter.ts';
import { dedupeKeys, ItemInputSchema, normaliseLink, type ItemInput, type NewsItem } from '../../../src/features/news/news-item.ts';
import { mergeItem, newItem } from '../../../src/features/news/news-merge.ts';
import { dueReminders } from '../../../src/features/news/news-reminders.ts';
import { latestDue, nextDue, periodKey, type Schedule } from '../../../src/features/news/news-subscription.ts';
import { digestMessages, PAGE_LIMITS } from '../../../src/features/news/news-views.ts';

const now = new Date('2026-11-23T08:00:00Z');
const t = (key: string, vars?: Record<string, string | number>) => (vars ? `${key} ${JSON.stringify(vars)}` : key);
const reader = { t, language: 'en', timeZone: 'Europe/Rome', now };
const parse = (input: ItemInput) => ItemInputSchema.parse(input);
const call = (over: Partial<ItemInput> = {}): ItemInput => ({
  kind: 'call',
  externalKey: 'k',
  title: 'Hydrogen valleys',
  deadlines: ['2027-01-14T16:00:00Z'],
  status: 'open',
  ...over,
});
const item = (over: Partial<ItemInput> = {}, rank = 4): NewsItem => newItem(parse(call(over)), now, rank);
const days = (n: number) => new Date(now.getTime() + n * 86_400_000).toISOString();

describe('one item from many sources', () => {
  it('given links that differ by scheme, www, trackers and a trailing slash → the same key', () => {
    expect(normaliseLink('https://www.Example.org/Calls/H2/?utm_source=rss#top')).toBe(normaliseLink('http://example.org/calls/h2'));
    expect(dedupeKeys(call({ identifier: ' horizon-cl5-2027-h2-03 ' })).identifier).toBe('HORIZON-CL5-2027-H2-03');
  });

  it('given a weekly event → each day is its own item, while a call keeps one title key', () => {
    const a = dedupeKeys({ kind: 'event', title: 'Funding clinic', startAt: '2026-11-25T14:00:00Z' });
    const b = dedupeKeys({ kind: 'event', title: 'Funding clinic', startAt: '2026-12-02T14:00:00Z' });
    expect(a.titleKey).not.toBe(b.titleKey);
  });

  it('given the portal moving a deadline → the change is recorded and the version goes up', () => {
    const known = item({ budget: 10_000_000 });
    const { item: merged, changes } = mergeItem(known, parse(call({ deadlines: ['2027-02-11T16:00:00Z'], budget: 12_000_000, status: 'open' })), now, 4);
    expect(changes).toEqual([
      { field: 'deadlines', before: '2027-01-14T16:00:00.000Z', after: '2027-02-11T16:00:00.000Z' },
      { field: 'budget', before: '10000000', after: '12000000' },
    ]);
    expect(merged.version).toBe(known.version + 1);
    expect(merged.lastChanges).toEqual(changes);
  });

  it('given a newsletter feed repeating an older deadline → it does not override the portal, and nothing changes', () => {
    const portal = item({}, 4);
    const { item: merged, changes } = mergeItem(
      portal,
      parse(call({ title: 'HORIZON-X: Hydrogen valleys', deadlines: ['2026-12-10T16:00:00Z'], topics: ['hydrogen'] })),
      now,
      1,
    );
    expect(changes).toEqual([]);
    expect(merged.deadlines).toEqual(['2027-01-14T16:00:00.000Z']);
    expect(merged.title).toBe('Hydrogen valleys');
    expect(merged.topics).toEqual(['hydrogen']);
  });
});

describe('filters and explanations', () => {
  const filters = FiltersSchema.parse({ topics: ['hydrogen'], countries: ['IT'], minBudget: 5_000_000 });

  it('given an item matching on its title, open to all countries, without a budget → out, and every reason is given', () => {
    const result = explainItem(item({ title: 'Hydrogen valleys', countries: [] }), filters, new Map(), now);
    expect(result.included).toBe(false);
    expect(result.checks.map((c) => [c.key, c.pass])).toEqual([
      ['why_current', true],
      ['why_topic_title', true],
      ['why_country_any', true],
      ['why_budget_unknown', false],
    ]);
  });

  it('given an item already sent and unchanged → out; changed since → in, under "changed"', () => {
    const it1 = item({ topics: ['hydrogen'], budget: 9_000_000 });
    expect(explainItem(it1, filters, new Map([[it1.id, it1.version]]), now)).toMatchObject({ included: false });
    expect(explainItem({ ...it1, version: 2 }, filters, new Map([[it1.id, 1]]), now)).toMatchObject({ included: true, group: 'changed' });
  });

  it('given a closed call → out because it closed', () => {
    const closed = item({ status: 'closed', topics: ['hydrogen'], budget: 9_000_000 });
    expect(explainItem(closed, filters, new Map(), now).checks[0]).toEqual({ key: 'why_closed', pass: false });
  });
});

describe('digest selection', () => {
  const items = [
    item({ externalKey: 'a', identifier: 'A-B-1', title: 'Hydrogen soon', topics: ['hydrogen'], deadlines: [days(5)] }),
    item({ externalKey: 'b', identifier: 'A-B-2', title: 'Hydrogen later', topics: ['hydrogen'], deadlines: [days(60)] }),
    item({ externalKey: 'c', identifier: 'A-B-3', title: 'Hydrogen past', topics: ['hydrogen'], deadlines: [days(-1)] }),
    item({ externalKey: 'd', identifier: 'A-B-4', title: 'Textiles', topics: ['textiles'], deadlines: [days(30)] }),
    newItem(parse({ kind: 'event', externalKey: 'e', title: 'Hydrogen fair', topics: ['hydrogen'], startAt: days(20) }), now),
  ];
  const index = new DigestIndex(items, now);
  const hydrogen = FiltersSchema.parse({ topics: ['hydrogen'] });

  it('given a news post beside calls and events → it is never a call or an event: kind:event gets events only, and news has its own group', () => {
    const post = newItem(parse({ kind: 'news', externalKey: 'n', title: 'Hydrogen in the press', topics: ['hydrogen'], publishedAt: days(-1) }), now);
    const mixed = new DigestIndex([...items, post], now);
    const events = selectDigest(mixed, FiltersSchema.parse({ topics: ['hydrogen'], kind: 'event' }), new Map());
    expect(
      Object.values(events.groups)
        .flat()
        .map((i) => i.title),
    ).toEqual(['Hydrogen fair']);
    const calls = selectDigest(mixed, FiltersSchema.parse({ topics: ['hydrogen'], kind: 'call' }), new Map());
    expect(
      Object.values(calls.groups)
        .flat()
        .map((i) => i.title),
    ).not.toContain('Hydrogen in the press');
    const all = selectDigest(mixed, hydrogen, new Map());
    expect(all.groups.news.map((i) => i.title)).toEqual(['Hydrogen in the press']);
    expect(all.groups.events.map((i) => i.title)).toEqual(['Hydrogen fair']);
  });

  it('given current items → grouped closing soon, new and events coming; past and unmatched items left out', () => {
    const digest = selectDigest(index, hydrogen, new Map());
    expect(digest.groups.closing.map((i) => i.title)).toEqual(['Hydrogen soon']);
    expect(digest.groups.new.map((i) => i.title)).toEqual(['Hydrogen later']);
    expect(digest.groups.events.map((i) => i.title)).toEqual(['Hydrogen fair']);
    expect(digest.groups.changed).toEqual([]);
  });

  it('given everything already sent → an empty digest; with a cap → the rest is counted, not lost', () => {
    const sent = new Map(items.map((i) => [i.id, i.version]));
    expect(digestSize(selectDigest(index, hydrogen, sent))).toBe(0);
    const capped = selectDigest(index, FiltersSchema.parse({}), new Map(), 2);
    expect(digestSize(capped)).toBe(2);
    expect(capped.overflow).toBe(2);
  });
});

describe('subscription calendar', () => {
  const weekly: Schedule = { cadence: 'weekly', at: '09:00', day: 1, timeZone: 'Europe/Rome' };

  it('given a weekly Monday 09:00 Rome digest → due at 08:00 UTC in winter, 07:00 UTC in summer, one period per ISO week', () => {
    expect(latestDue(weekly, new Date('2026-11-25T12:00:00Z')).toUTC().toISO()).toBe('2026-11-23T08:00:00.000Z');
    expect(latestDue(weekly, new Date('2026-06-10T12:00:00Z')).toUTC().toISO()).toBe('2026-06-08T07:00:00.000Z');
    expect(latestDue(weekly, new Date('2026-11-23T07:59:00Z')).toUTC().toISO()).toBe('2026-11-16T08:00:00.000Z');
    expect(periodKey('weekly', latestDue(weekly, now))).toBe('2026-W48');
    expect(nextDue(weekly, now).toUTC().toISO()).toBe('2026-11-30T08:00:00.000Z');
  });

  it('given daily and monthly cadences → their own periods', () => {
    expect(periodKey('daily', latestDue({ ...weekly, cadence: 'daily', at: '18:30' }, now))).toBe('2026-11-22');
    expect(periodKey('monthly', latestDue({ ...weekly, cadence: 'monthly', day: 1 }, now))).toBe('2026-11');
  });
});

describe('deadline reminders', () => {
  const deadline = '2026-12-10T16:00:00.000Z';
  const followed = item({ deadlines: [deadline] });
  const follow = { memberId: 'm1', since: new Date('2026-11-01T00:00:00Z') };

  it('given the 7-day window in the follower’s zone → the 7-day reminder only, keyed once', () => {
    expect(dueReminders(followed, follow, 'Europe/Rome', new Date('2026-12-03T16:30:00Z'))).toEqual([
      { itemId: followed.id, deadline, days: 7, key: `remind:m1:${followed.id}:${deadline}:7` },
    ]);
    expect(dueReminders(followed, follow, 'Europe/Rome', new Date('2026-12-03T15:30:00Z')).map((r) => r.days)).toEqual([30]);
  });

  it('given a window that opened before the follow, or a closed call → nothing', () => {
    expect(dueReminders(followed, { ...follow, since: new Date('2026-11-20T00:00:00Z') }, 'Europe/Rome', new Date('2026-11-21T00:00:00Z'))).toEqual([]);
    expect(dueReminders({ ...followed, status: 'closed' }, follow, 'Europe/Rome', new Date('2026-12-09T17:00:00Z'))).toEqual([]);
  });
});

describe('digest messages', () => {
  it('given 60 items → several messages, each within 40 blocks and 3,500 characters, no item cut', () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      item({
        externalKey: `x${i}`,
        identifier: `X-Y-${i}`,
        title: `Call number ${i} on a long title about circular plastics value chains`,
        link: `https://example.org/calls/${i}`,
        programme: 'Horizon Europe',
        deadlines: [days(20 + i)],
      }),
    );
    const digest = selectDigest(new DigestIndex(many, now), FiltersSchema.parse({}), new Map(), 60);
    const pages = digestMessages(digest, reader, 'week of 23 November 2026');
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      expect(page.card!.blocks.length).toBeLessThanOrEqual(PAGE_LIMITS.blocks);
      expect(page.text.length).toBeLessThanOrEqual(PAGE_LIMITS.chars);
    }
    const all = pages.map((p) => p.text).join('\n');
    for (const it1 of many) expect(all.split(`[${it1.id}]`).length - 1).toBe(1);
    expect(pages[1]!.card!.title).toContain('(2/');
  });
});

describe('admin input', () => {
  it('given every shorthands → cron expressions', () => {
    expect(everyToCron('30m')).toBe('*/30 * * * *');
    expect(everyToCron('6h')).toBe('0 */6 * * *');
    expect(everyToCron('0_*/2_*_*_*')).toBe('0 */2 * * *');
  });

  it('given the add form with a date only → a call due 17:00 in the admin’s zone; a bad date → a field error', () => {
    expect(addItemForm(t).fields.map((f) => f.id)).toContain('date');
    const ok = parseItemForm({ kind: 'call', title: 'Bando test', date: '2027-03-15', topics: 'plastics, circular economy' }, 'Europe/Rome', t);
    expect(ok).toMatchObject({ ok: true, input: { deadlines: ['2027-03-15T16:00:00.000Z'], topics: ['plastics', 'circular economy'] } });
    expect(parseItemForm({ kind: 'event', title: 'x', date: '15/03/2027' }, 'Europe/Rome', t)).toEqual({
      ok: false,
      fieldErrors: { date: 'news.form_bad_date' },
    });
  });
});
