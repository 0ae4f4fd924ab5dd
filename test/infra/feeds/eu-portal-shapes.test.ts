// The EU Funding & Tenders Portal as it really answers: whole topic identifiers (mixed case, "-two-stage"
// suffixes), budgetOverview maps keyed by numeric topic ids (one key per topic, or one key holding two
// topics' actions), date-only deadlines, and a search that spans more pages than one poll follows.
// Records are written here in the portal's shapes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findIdentifier, type ItemInput } from '../../../src/features/news/news-item.ts';
import type { ReadRecord } from '../../../src/features/news/news-sources.ts';
import { portalRecordToRecord } from '../../../src/infra/feeds/eu-portal.ts';
import { createFeedReader } from '../../../src/infra/feeds/feed-reader.ts';
import { startFeedServer, type FeedServer } from '../../fakes/feed-server.ts';

const now = new Date('2026-11-23T08:00:00Z');
const input = (raw: unknown): ItemInput => {
  const r = portalRecordToRecord(raw);
  if (!r.ok) throw new Error(r.reason);
  return r.input;
};

/** A search API result as the portal sends it: every metadata value an array, budgetOverview a JSON string. */
const searchResult = (identifier: string, ccm2Id: string, extra: Record<string, unknown> = {}) => ({
  reference: `${identifier}COMPETITIVE_CALLen`,
  url: `https://example.org/topic-details/${identifier.toLowerCase()}`,
  title: `Topic ${identifier}`,
  metadata: { identifier: [identifier], ccm2Id: [ccm2Id], title: [`Topic ${identifier}`], status: ['31094502'], ...extra },
});

const overview = (map: Record<string, Array<{ action: string; budgetYearMap: Record<string, string | number> }>>) => [
  JSON.stringify({ budgetYearsColumns: ['2025', '2026'], budgetTopicActionMap: map }),
];

describe('whole identifiers', () => {
  it('given titles naming topics with mixed case and stage suffixes → the whole identifier, never a prefix', () => {
    expect(findIdentifier('HORIZON-MISS-2027-05-SOIL-01-two-stage: living labs for soil health')).toBe('HORIZON-MISS-2027-05-SOIL-01-two-stage');
    expect(findIdentifier('New topic HORIZON-CL6-2025-CircBio-02-1-two-stage opens')).toBe('HORIZON-CL6-2025-CircBio-02-1-two-stage');
    expect(findIdentifier('Call HORIZON-CL6-2025-CircBio-01-3, bio-based value chains')).toBe('HORIZON-CL6-2025-CircBio-01-3');
    expect(findIdentifier('SMP-COSME-2026-EUROCLUSTERS-02.')).toBe('SMP-COSME-2026-EUROCLUSTERS-02');
    expect(findIdentifier('A well-known mid-term co-operation post')).toBeUndefined();
    expect(findIdentifier('COVID-19-related support for SMEs')).toBeUndefined();
    expect(findIdentifier('Certified to ISO-9001-2015 at last')).toBeUndefined();
    expect(findIdentifier('LIFE-2027-CET-HEAT and H2020-SC5-2016-TWO-STAGE')).toBe('LIFE-2027-CET-HEAT');
  });
});

describe('budgets as budgetOverview carries them', () => {
  it('given one numeric key per topic → each topic its own amount (yearly amounts as strings summed)', () => {
    const map = overview({
      '45160101': [{ action: 'HORIZON-CL6-2025-CircBio-01-3 - HORIZON-RIA HORIZON Research and Innovation Actions', budgetYearMap: { '2025': '12000000' } }],
      '45160222': [
        { action: 'HORIZON-CL6-2025-CircBio-02-1-two-stage - HORIZON-IA HORIZON Innovation Actions', budgetYearMap: { '2025': '8000000', '2026': '12000000' } },
      ],
    });
    expect(input(searchResult('HORIZON-CL6-2025-CircBio-01-3', '45160101', { budgetOverview: map })).budget).toBe(12_000_000);
    expect(input(searchResult('HORIZON-CL6-2025-CircBio-02-1-two-stage', '45160222', { budgetOverview: map })).budget).toBe(20_000_000);
    // Without its ccm2Id, the action that names the topic still finds it.
    const { ccm2Id: _drop, ...bare } = searchResult('HORIZON-CL6-2025-CircBio-01-3', 'x', { budgetOverview: map }).metadata;
    void _drop;
    expect(input({ ...searchResult('HORIZON-CL6-2025-CircBio-01-3', 'x'), metadata: bare }).budget).toBe(12_000_000);
  });

  it("given one key holding two topics' actions → the topic's own amount, not the sum", () => {
    const map = overview({
      '45161111': [
        { action: 'HORIZON-CL5-2027-D3-01 - HORIZON-RIA HORIZON Research and Innovation Actions', budgetYearMap: { '2027': 20_000_000 } },
        { action: 'HORIZON-CL5-2027-D3-02 - HORIZON-IA HORIZON Innovation Actions', budgetYearMap: { '2027': 30_000_000 } },
      ],
    });
    expect(input(searchResult('HORIZON-CL5-2027-D3-01', '45161111', { budgetOverview: map })).budget).toBe(20_000_000);
    expect(input(searchResult('HORIZON-CL5-2027-D3-02', '45161111', { budgetOverview: map })).budget).toBe(30_000_000);
  });

  it('given the bulk shape (budgetOverviewJSONItem an object) → the same reading', () => {
    const bulk = {
      identifier: 'LIFE-2027-SAP-ENV',
      ccm2Id: 777,
      title: 'Environment projects',
      budgetOverviewJSONItem: { budgetTopicActionMap: { '777': [{ action: 'LIFE-2027-SAP-ENV - LIFE-SAP', budgetYearMap: { '2027': 5_500_000 } }] } },
    };
    expect(input(bulk).budget).toBe(5_500_000);
  });
});

describe('date-only deadlines', () => {
  it('given midnight-UTC portal dates → the 17:00 Brussels cut-off that day, summer and winter', () => {
    const read = input(searchResult('HORIZON-CL4-2027-TWIN-01', '1', { deadlineDate: ['2027-10-07T00:00:00.000+0000', '2028-01-13T00:00:00.000+0000'] }));
    expect(read.deadlines).toEqual(['2027-10-07T15:00:00.000Z', '2028-01-13T16:00:00.000Z']);
    // A deadline with its own time stays as given.
    expect(input(searchResult('HORIZON-CL4-2027-TWIN-02', '2', { deadlineDate: ['2027-10-07T15:00:00.000+0000'] })).deadlines).toEqual([
      '2027-10-07T15:00:00.000Z',
    ]);
  });
});

describe('search paging', () => {
  let server: FeedServer;
  const page = (n: number, total: number, size: number) => ({
    body: JSON.stringify({
      totalResults: total,
      pageNumber: n,
      pageSize: size,
      results: Array.from({ length: Math.min(size, total - (n - 1) * size) }, (_, i) => searchResult(`HORIZON-CL4-2027-P${n}-0${i + 1}`, `${n}${i}`)),
    }),
    type: 'application/json',
  });
  beforeAll(async () => {
    server = await startFeedServer({});
    for (let n = 1; n <= 4; n++) server.set(`/search?text=clusters&pageSize=2&pageNumber=${n}`, page(n, 7, 2));
  });
  afterAll(() => server.close());

  it('given totalResults beyond one page → pages followed up to the cap, and what lies beyond is counted', async () => {
    const reader = createFeedReader({ maxPages: 3 });
    const result = await reader.read({ kind: 'eu-portal', url: server.url('/search?text=clusters&pageSize=2') }, now);
    if (!result.ok || result.value.status !== 'fetched') throw new Error('expected a fetch');
    const records: ReadRecord[] = [];
    for await (const r of result.value.records) records.push(r);
    expect(records.flatMap((r) => (r.ok ? [r.input.identifier] : []))).toEqual([
      'HORIZON-CL4-2027-P1-01',
      'HORIZON-CL4-2027-P1-02',
      'HORIZON-CL4-2027-P2-01',
      'HORIZON-CL4-2027-P2-02',
      'HORIZON-CL4-2027-P3-01',
      'HORIZON-CL4-2027-P3-02',
    ]);
    expect(result.value).toMatchObject({ total: 7, left: 1, cap: 3 });
  });

  it('given a cap that covers every page → all records, nothing left', async () => {
    const result = await createFeedReader({ maxPages: 10 }).read({ kind: 'eu-portal', url: server.url('/search?text=clusters&pageSize=2') }, now);
    if (!result.ok || result.value.status !== 'fetched') throw new Error('expected a fetch');
    let count = 0;
    for await (const r of result.value.records) if (r.ok) count++;
    expect(count).toBe(7);
    expect(result.value.left).toBeUndefined();
  });
});

describe('a bulk file that stalls', () => {
  it('given a bulk body that stops coming → the records before it, then "timed out", not a broken file', async () => {
    const server = await startFeedServer();
    try {
      const body = JSON.stringify({
        fundingData: {
          GrantTenderObj: [
            { identifier: 'LIFE-2027-A-B', title: 'First' },
            { identifier: 'LIFE-2027-C-D', title: 'Second' },
          ],
        },
      });
      server.set('/bulk.json', { body, type: 'application/json', stallAfter: body.indexOf('LIFE-2027-C-D') });
      const result = await createFeedReader({ timeoutMs: 300 }).read({ kind: 'eu-bulk', url: server.url('/bulk.json') }, now);
      if (!result.ok || result.value.status !== 'fetched') throw new Error('expected a fetch');
      const records: ReadRecord[] = [];
      for await (const r of result.value.records) records.push(r);
      expect(records.flatMap((r) => (r.ok ? [r.input.identifier] : []))).toEqual(['LIFE-2027-A-B']);
      expect(records.at(-1)).toEqual({ ok: false, fatal: true, reason: 'timed out after 1 records' });
    } finally {
      await server.close();
    }
  });
});
