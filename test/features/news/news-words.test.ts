// How news reads in each language: plural forms from the language's rules, reminders that promise only
// what will come, date-only EU deadlines at the portal's 17:00 Brussels cut-off in the reader's zone,
// failure reasons in the reader's language, and who is going without "—" or invented privacy.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDeadline, type Reader } from '../../../src/features/news/news-format.ts';
import { ItemInputSchema, type ItemInput, type NewsItem } from '../../../src/features/news/news-item.ts';
import { newItem } from '../../../src/features/news/news-merge.ts';
import { dueReminders, upcomingReminders } from '../../../src/features/news/news-reminders.ts';
import { digestMessages, failingNotice, followedText, goingLine, reasonText, reminderMessage } from '../../../src/features/news/news-views.ts';
import { createI18n } from '../../../src/infra/i18n.ts';

const i18n = createI18n(join(import.meta.dirname, '../../../locales'), 'en');
const now = new Date('2026-11-23T08:00:00Z');
const readerIn = (language: string, timeZone = 'Europe/Rome', at = now): Reader => ({ t: i18n.translator(language), language, timeZone, now: at });
const call = (over: Partial<ItemInput> = {}): NewsItem =>
  newItem(
    ItemInputSchema.parse({ kind: 'call', externalKey: 'k', title: 'Hydrogen valleys', deadlines: ['2027-10-07T00:00:00.000Z'], status: 'open', ...over }),
    now,
    4,
  );

describe('date-only EU deadlines', () => {
  it('given 2027-10-07 at midnight UTC → 17:00 Brussels time, shown in the reader zone with the zone named; never 02:00 next day or the evening before', () => {
    expect(formatDeadline('2027-10-07T00:00:00.000Z', readerIn('it'))).toBe('7 ott 2027, 17:00 CEST');
    const ny = formatDeadline('2027-10-07T00:00:00.000Z', readerIn('en', 'America/New_York'));
    expect(ny).toBe('Oct 7, 2027, 11:00 AM EDT');
    expect(formatDeadline('2027-10-07T00:00:00.000Z', readerIn('de', 'Asia/Tokyo'))).toMatch(/^8\. Okt\. 2027, 00:00/);
    // A deadline with its own time keeps it.
    expect(formatDeadline('2027-10-07T15:00:00.000Z', readerIn('it'))).toBe('7 ott 2027, 17:00 CEST');
  });

  it('given a date-only deadline → reminders count to 17:00 Brussels, not to midnight UTC', () => {
    const item = call();
    const sixDaysAhead = new Date('2027-09-30T16:00:00Z');
    expect(dueReminders(item, { memberId: 'm', since: now }, 'Europe/Rome', sixDaysAhead).map((r) => r.days)).toEqual([7]);
    expect(dueReminders(item, { memberId: 'm', since: now }, 'Europe/Rome', new Date('2027-09-30T14:00:00Z')).map((r) => r.days)).toEqual([30]);
  });
});

describe('reminders promised and sent', () => {
  it('given a call followed 10 days before its deadline → only the 7- and 1-day reminders are promised', () => {
    const at = new Date('2027-09-27T08:00:00Z');
    const item = call();
    expect(upcomingReminders(item.deadlines[0]!, 'Europe/Rome', at)).toEqual([7, 1]);
    expect(followedText(item, item.deadlines[0], [7, 1], readerIn('en', 'Europe/Rome', at))).toBe(
      "Following “Hydrogen valleys”. Next deadline Oct 7, 2027, 05:00 PM GMT+2: I'll remind you 7 days and 1 day before.",
    );
    expect(followedText(item, item.deadlines[0], [7, 1], readerIn('it', 'Europe/Rome', at))).toContain('ti ricorderò 7 giorni e 1 giorno prima');
    expect(followedText(item, item.deadlines[0], [1], readerIn('de', 'Europe/Rome', at))).toContain('ich erinnere dich 1 Tag vorher');
    expect(followedText(item, item.deadlines[0], [], readerIn('en', 'Europe/Rome', at))).toContain('no reminder will come');
    expect(upcomingReminders(item.deadlines[0]!, 'Europe/Rome', new Date('2027-10-07T08:00:00Z'))).toEqual([]);
  });

  it('given a one-day reminder → singular in every language: no "1 giorni", "1 Tagen", "1 days"', () => {
    const at = new Date('2027-10-06T15:00:00Z');
    const item = call();
    const it = reminderMessage(item, item.deadlines[0]!, 1, readerIn('it', 'Europe/Rome', at)).text;
    const de = reminderMessage(item, item.deadlines[0]!, 1, readerIn('de', 'Europe/Rome', at)).text;
    const en = reminderMessage(item, item.deadlines[0]!, 1, readerIn('en', 'Europe/Rome', at)).text;
    expect(it).toContain('Promemoria, manca 1 giorno');
    expect(it).toContain('tra 1 giorno.');
    expect(de).toContain('Erinnerung, noch 1 Tag');
    expect(de).toContain('in 1 Tag.');
    expect(en).toContain('Reminder, 1 day to go');
    expect(en).toContain('in 1 day.');
    for (const body of [it, de, en]) expect(body).not.toMatch(/\b1 (giorni|Tagen|Tage|days)\b/);
    expect(reminderMessage(item, item.deadlines[0]!, 7, readerIn('de', 'Europe/Rome', new Date('2027-09-30T15:00:00Z'))).text).toContain('in 7 Tagen.');
  });

  it('given one item over the digest limit → the footer says so in the singular', () => {
    const digest = { groups: { closing: [], new: [call()], changed: [], events: [], news: [] }, overflow: 1 };
    expect(digestMessages(digest, readerIn('it'), 'novembre')[0]!.text).toContain('Ancora 1 elemento corrisponde');
    expect(digestMessages(digest, readerIn('en'), 'November')[0]!.text).toContain('1 more item matches');
  });
});

describe('who is going', () => {
  it('given people who show it, hide it, or never chose → named, counted as private, counted apart; never "—"', () => {
    const en = readerIn('en');
    expect(goingLine({ names: [], hidden: 0, undecided: 3 }, en)).toBe('3 members of the network are going.');
    expect(goingLine({ names: [], hidden: 1, undecided: 0 }, en)).toBe('1 member of the network is going. 1 of them keeps it private.');
    expect(goingLine({ names: ['Jana', 'Lukas'], hidden: 0, undecided: 0 }, en)).toBe('Going from the network: Jana and Lukas.');
    expect(goingLine({ names: ['Jana'], hidden: 0, undecided: 2 }, readerIn('it'))).toBe('Partecipano dalla rete: Jana e altri 2 membri.');
    for (const going of [
      { names: [], hidden: 0, undecided: 3 },
      { names: [], hidden: 2, undecided: 1 },
    ])
      for (const language of ['it', 'en', 'de']) expect(goingLine(going, readerIn(language))).not.toContain('—');
    expect(goingLine({ names: ['Jana'], hidden: 0, undecided: 1 }, en)).not.toMatch(/private/);
  });
});

describe('failure reasons', () => {
  it('given a source failing → the reason reads in the admin language; an unknown reason is kept as it is', () => {
    expect(reasonText('not a valid RSS or Atom feed', i18n.translator('it'))).toBe('non è un feed RSS o Atom valido');
    expect(reasonText('HTTP 503', i18n.translator('de'))).toBe('der Server antwortete mit HTTP 503');
    expect(reasonText('bulk file broke off after 1 records', i18n.translator('en'))).toBe('the bulk file broke off after 1 record');
    expect(reasonText('something new', i18n.translator('it'))).toBe('something new');
    expect(failingNotice({ id: 'rss-2', kind: 'rss', url: 'http://x' }, 'timed out', { t: i18n.translator('it') }).text).toContain('nessuna risposta in tempo');
  });
});

describe('source counts', () => {
  it('given a source with one item → "1 item", "1 elemento", "1 Eintrag"', async () => {
    const { sourcesPage } = await import('../../../src/features/news/news-source-views.ts');
    const source = {
      id: 'rss-1',
      kind: 'rss' as const,
      url: 'http://x',
      every: '0 * * * *',
      state: 'ok' as const,
      lastImported: 1,
      lastSkipped: 0,
      createdAt: now,
      carries: 'news' as const,
      countries: [],
      topics: [],
      paused: false,
    };
    const counts = new Map([['rss-1', 1]]);
    expect(sourcesPage([source], counts, 1, readerIn('en')).text).toContain('1 item, last run 1 read, 0 skipped');
    expect(sourcesPage([source], counts, 1, readerIn('it')).text).toContain('1 elemento, ultima lettura: letti 1, scartati 0');
    expect(sourcesPage([source], counts, 1, readerIn('de')).text).toContain('1 Eintrag, zuletzt 1 gelesen');
  });
});
