// The feed reader against a local HTTP server and files on disk: RSS, Atom, iCalendar (TZID, all-day,
// RRULE), the EU portal's search results and bulk file (streamed), conditional requests and failures.
import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemInput } from '../../../src/features/news/news-item.ts';
import type { ReadRecord, SourceKind } from '../../../src/features/news/news-sources.ts';
import { createFeedReader, cronSlot } from '../../../src/infra/feeds/feed-reader.ts';
import { startFeedServer, type FeedServer } from '../../fakes/feed-server.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../fixtures/news', name));
const now = new Date('2026-11-23T08:00:00Z');
const reader = createFeedReader();

type Read = { error: string } | { notModified: true } | { items: ItemInput[]; bad: ReadRecord[]; etag?: string | undefined; lastModified?: string | undefined };

async function readAll(kind: SourceKind, url: string, validators: { etag?: string; lastModified?: string } = {}): Promise<Read> {
  const result = await reader.read({ kind, url, ...validators }, now);
  if (!result.ok) return { error: result.error };
  if (result.value.status === 'not-modified') return { notModified: true };
  const records: ReadRecord[] = [];
  for await (const r of result.value.records) records.push(r);
  const items = records.flatMap((r) => (r.ok ? [r.input] : []));
  const bad = records.filter((r) => !r.ok);
  return { items, bad, etag: result.value.etag, lastModified: result.value.lastModified };
}

function bulkFile(records: unknown[]): string {
  return JSON.stringify({ fundingData: { GrantTenderObj: records } });
}

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer({
    '/calls.rss': { body: fixture('calls.rss'), type: 'application/rss+xml' },
    '/calls.atom': { body: fixture('calls.atom'), type: 'application/atom+xml' },
    '/events.ics': { body: fixture('events.ics'), type: 'text/calendar' },
    '/portal.json': { body: fixture('portal-search.json'), type: 'application/json' },
    '/broken.xml': { body: fixture('broken.xml'), type: 'application/rss+xml' },
    '/down': { body: '', type: 'text/plain', status: 503 },
  });
});
afterAll(() => server.close());

describe('RSS and Atom', () => {
  it('given an RSS feed → calls with deadlines and identifiers found in titles; an untitled entry is skipped and counted', async () => {
    const read = await readAll('rss', server.url('/calls.rss'));
    if (!('items' in read)) throw new Error('expected items');
    expect(read.items.map((i) => i.title)).toEqual([
      'HORIZON-CL5-2027-H2-03: Hydrogen valleys for industrial clusters',
      'Green hydrogen for manufacturing SMEs in Central Europe',
      'Textile recycling pilots for fashion districts',
    ]);
    expect(read.items[0]).toMatchObject({
      kind: 'call',
      identifier: 'HORIZON-CL5-2027-H2-03',
      deadlines: ['2026-12-10T16:00:00.000Z'],
      topics: ['hydrogen', 'clusters'],
    });
    expect(read.bad).toHaveLength(1);
  });

  it('given the server answers with an ETag → the next poll sends it back and gets 304, not modified', async () => {
    const first = await readAll('rss', server.url('/calls.rss'));
    if (!('items' in first)) throw new Error('expected a fetch');
    expect(first.etag).toMatch(/^"/);
    const second = await readAll('rss', server.url('/calls.rss'), { etag: first.etag! });
    expect(second).toEqual({ notModified: true });
    expect(server.requests.filter((r) => r.path === '/calls.rss').at(-1)).toEqual({ path: '/calls.rss', conditional: true, status: 304 });
  });

  it('given an Atom feed → its entries become items with their links', async () => {
    const read = await readAll('rss', server.url('/calls.atom'));
    if (!('items' in read)) throw new Error('expected items');
    expect(read.items.map((i) => [i.title, i.link])).toEqual([
      ['Regione Veneto PR FESR: bando reti innovative regionali', 'https://example.org/veneto/bandi/rir'],
      ['Regione Lombardia: bando filiere circolari', 'https://example.org/lombardia/bandi/filiere'],
    ]);
  });

  it('given malformed XML → an error value naming the problem, no items', async () => {
    expect(await readAll('rss', server.url('/broken.xml'))).toEqual({ error: 'not a valid RSS or Atom feed' });
  });

  it('given an unreachable server or an HTTP error → a short reason', async () => {
    expect(await readAll('rss', server.url('/down'))).toEqual({ error: 'HTTP 503' });
    expect(await readAll('rss', 'http://127.0.0.1:1/feed')).toEqual({ error: 'unreachable' });
  });
});

describe('iCalendar', () => {
  it('given TZID, all-day and RRULE events → instants in UTC with their zone, calendar days, and one item per occurrence', async () => {
    const read = await readAll('ical', server.url('/events.ics'));
    if (!('items' in read)) throw new Error('expected items');
    const byTitle = (t: string) => read.items.filter((i) => i.title === t);
    expect(byTitle('Hydrogen clusters conference')[0]).toMatchObject({
      kind: 'event',
      startAt: '2026-12-03T09:00:00.000Z',
      endAt: '2026-12-03T16:30:00.000Z',
      timeZone: 'Europe/Rome',
      place: 'Bologna, Palazzo dei Congressi',
      organiser: 'Emilia-Romagna Hydrogen Cluster',
      topics: ['hydrogen', 'clusters'],
    });
    expect(byTitle('Plastics and rubber fair')[0]).toMatchObject({ allDay: true, startAt: '2026-12-15T00:00:00.000Z', endAt: '2026-12-17T00:00:00.000Z' });
    const clinic = byTitle('Weekly funding clinic (online)');
    expect(clinic.map((i) => i.startAt)).toEqual([
      '2026-11-25T14:00:00.000Z',
      '2026-12-02T14:00:00.000Z',
      '2026-12-09T14:00:00.000Z',
      '2026-12-16T14:00:00.000Z',
    ]);
    expect(new Set(clinic.map((i) => i.externalKey)).size).toBe(4);
    expect(clinic[0]?.online).toBe(true);
  });
});

describe('EU Funding & Tenders Portal', () => {
  it('given a search API page → calls with status, deadline model, deadlines and budget; a record without identifier is skipped', async () => {
    const read = await readAll('eu-portal', server.url('/portal.json'));
    if (!('items' in read)) throw new Error('expected items');
    expect(read.items).toHaveLength(2);
    expect(read.items[0]).toMatchObject({
      identifier: 'HORIZON-CL5-2027-H2-03',
      programme: 'Horizon Europe',
      actionType: 'HORIZON-IA HORIZON Innovation Actions',
      status: 'open',
      deadlineModel: 'single-stage',
      deadlines: ['2026-12-10T16:00:00.000Z'],
      budget: 20_000_000,
      openingAt: '2026-10-15T00:00:00.000Z',
    });
    expect(read.items[1]).toMatchObject({
      status: 'forthcoming',
      deadlineModel: 'multiple-cut-off',
      deadlines: ['2027-03-05T16:00:00.000Z', '2027-06-04T16:00:00.000Z'],
      programme: 'Single Market Programme',
    });
    expect(read.bad).toHaveLength(1);
  });

  it('given a bulk grantsTenders.json on disk → records stream out in the bulk shape; the unchanged file is not read twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'filiera-bulk-'));
    const file = join(dir, 'grantsTenders.json');
    writeFileSync(
      file,
      bulkFile([
        {
          type: 1,
          identifier: 'LIFE-2027-CET-HEAT',
          title: 'Heat pumps in industrial districts',
          callIdentifier: 'LIFE-2027-CET',
          frameworkProgramme: { id: 1, abbreviation: 'LIFE', description: 'Programme for the Environment and Climate Action (LIFE)' },
          status: { id: 31094502, abbreviation: 'Open' },
          plannedOpeningDate: 1790000000000,
          deadlineModel: 'single-stage',
          deadlineDatesLong: [1800000000000],
          tags: ['heat'],
          keywords: ['energy'],
          actions: [{ types: [{ typeOfAction: 'LIFE-PJG' }] }],
        },
        { type: 1, title: 'No identifier here' },
      ]),
    );
    const read = await readAll('eu-bulk', file);
    if (!('items' in read)) throw new Error('expected items');
    expect(read.items).toHaveLength(1);
    expect(read.items[0] as ItemInput).toMatchObject({
      identifier: 'LIFE-2027-CET-HEAT',
      status: 'open',
      programme: 'Programme for the Environment and Climate Action (LIFE)',
      actionType: 'LIFE-PJG',
      deadlines: [new Date(1800000000000).toISOString()],
      topics: ['energy', 'heat'],
    });
    expect(read.bad).toHaveLength(1);
    expect(await readAll('eu-bulk', file, { lastModified: read.lastModified! })).toEqual({ notModified: true });
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(await readAll('eu-bulk', file, { lastModified: read.lastModified! })).toHaveProperty('items');
  });

  it('given a bulk file cut off midway → what came before is read and the end is a fatal record', async () => {
    const whole = bulkFile([
      { identifier: 'A-B-C', title: 'First' },
      { identifier: 'D-E-F', title: 'Second' },
    ]);
    server.set('/bulk-cut.json', { body: whole.slice(0, whole.indexOf('D-E-F')), type: 'application/json' });
    const read = await readAll('eu-bulk', server.url('/bulk-cut.json'));
    if (!('items' in read)) throw new Error('expected items');
    expect(read.items.map((i) => i.identifier)).toEqual(['A-B-C']);
    expect(read.bad).toEqual([{ ok: false, fatal: true, reason: 'bulk file broke off after 1 records' }]);
  });
});

describe('schedules', () => {
  it('given a cron and a time → its latest slot; a bad expression → null', () => {
    expect(cronSlot('0 * * * *', new Date('2026-11-23T08:40:00Z'), 'Europe/Rome')?.toISOString()).toBe('2026-11-23T08:00:00.000Z');
    expect(cronSlot('not a cron', now, 'Europe/Rome')).toBeNull();
  });
});
