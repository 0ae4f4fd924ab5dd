// Sources as an admin and followers meet them, through the real app against a local HTTP server:
// whole identifiers never merged, merging by identifier then by the source's own key, news feeds
// giving news (not calls), one truth per call when the portal and the bulk file disagree, and a hand
// entry whose identifier is taken never reported as stored. Every fixture is written here.
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../../src/core/index.ts';
import { startFeedServer, type FeedServer } from '../../fakes/feed-server.ts';
import { from } from '../../fakes/memory-adapter.ts';
import { createTestApp, type TestApp } from '../../fakes/test-app.ts';

const text = (replies: OutboundMessage[]) => replies.map((r) => r.text).join('\n');

type Entry = { guid: string; title: string; link: string; deadline?: string; pubDate?: string };
const rss = (entries: Entry[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title><link>https://example.org/</link><description>d</description>${entries
    .map(
      (e) =>
        `<item><title>${e.title}</title><guid>${e.guid}</guid><link>${e.link}</link>${e.deadline ? `<deadline>${e.deadline}</deadline>` : ''}${e.pubDate ? `<pubDate>${e.pubDate}</pubDate>` : ''}</item>`,
    )
    .join('')}</channel></rss>`;

const portalPage = (deadline: string, summary = 'Soil living labs') =>
  JSON.stringify({
    totalResults: 1,
    pageNumber: 1,
    pageSize: 50,
    results: [
      {
        url: 'https://example.org/topic-details/horizon-miss-2027-05-soil-01-two-stage',
        title: 'Living labs for soil health',
        summary,
        metadata: {
          identifier: ['HORIZON-MISS-2027-05-SOIL-01-two-stage'],
          title: ['Living labs for soil health'],
          status: ['31094502'],
          deadlineDate: [deadline],
          deadlineModel: ['two-stage'],
        },
      },
    ],
  });

const bulk = (deadline: number) =>
  JSON.stringify({
    fundingData: {
      GrantTenderObj: [
        {
          identifier: 'HORIZON-MISS-2027-05-SOIL-01-two-stage',
          title: 'Living labs for soil health',
          status: { abbreviation: 'Open' },
          deadlineDatesLong: [deadline],
        },
      ],
    },
  });

let server: FeedServer;
let app: TestApp;
const admin = (line: string) => app.adapter.inject(from('anna').command('news', line));
const items = () => app.db.newsItem.findMany({ orderBy: { titleKey: 'asc' } });

beforeAll(async () => {
  server = await startFeedServer();
  app = await createTestApp({ FILIERA_SEED: '0' });
});
afterAll(async () => {
  await app.stop();
  await server.close();
});

describe('identifiers and merging', () => {
  it('given topics that share a prefix, posts sharing a title, and posts sharing a link → one item each', async () => {
    server.set('/calls.rss', {
      type: 'application/rss+xml',
      body: rss([
        { guid: 'a', title: 'HORIZON-CL6-2025-CircBio-01-3: bio-based value chains', link: 'https://example.org/a' },
        { guid: 'b', title: 'HORIZON-CL6-2025-CircBio-02-1-two-stage: circular bio-based cities', link: 'https://example.org/b' },
        { guid: 'c', title: 'Cluster meeting report', link: 'https://example.org/report' },
        { guid: 'd', title: 'Cluster meeting report', link: 'https://example.org/report-2' },
        { guid: 'e', title: 'Photos from the meeting', link: 'https://example.org/report' },
      ]),
    });
    const reply = text(await admin(`add-source rss ${server.url('/calls.rss')} carries:calls`));
    expect(reply).toContain('Read 5 records: 5 new, 0 skipped');
    const stored = await items();
    expect(stored).toHaveLength(5);
    expect(stored.map((i) => i.identifier).filter(Boolean)).toEqual(
      expect.arrayContaining(['HORIZON-CL6-2025-CIRCBIO-01-3', 'HORIZON-CL6-2025-CIRCBIO-02-1-TWO-STAGE']),
    );
  });

  it('given the same feed polled again with a changed title → the same items by their guids, nothing added', async () => {
    server.set('/calls.rss', {
      type: 'application/rss+xml',
      body: rss([
        { guid: 'a', title: 'HORIZON-CL6-2025-CircBio-01-3: bio-based value chains (updated)', link: 'https://example.org/a' },
        { guid: 'c', title: 'Cluster meeting report, with slides', link: 'https://example.org/report' },
      ]),
    });
    await app.scheduler.runNow('news-poll');
    expect(await items()).toHaveLength(5);
    expect((await items()).map((i) => JSON.parse(i.data).title)).toContain('Cluster meeting report, with slides');
  });
});

describe('what a source carries', () => {
  it('given a feed added without saying → its posts are news with their publication date, not open calls', async () => {
    server.set('/blog.rss', {
      type: 'application/rss+xml',
      body: rss([{ guid: 'r1', title: 'Our favourite risotto recipe', link: 'https://example.org/risotto', pubDate: 'Mon, 16 Nov 2026 10:00:00 GMT' }]),
    });
    expect(text(await admin(`add-source rss ${server.url('/blog.rss')}`))).toContain('It carries news.');
    const post = (await items()).find((i) => i.titleKey.includes('risotto'))!;
    expect(post.kind).toBe('news');
    expect(JSON.parse(post.data)).toMatchObject({ publishedAt: '2026-11-16T10:00:00.000Z', deadlines: [] });
    expect(JSON.parse(post.data).status).toBeUndefined();
  });

  it('given a calls source with a default programme, countries and topics → its items carry them', async () => {
    server.set('/regional.rss', {
      type: 'application/rss+xml',
      body: rss([{ guid: 'v1', title: 'Bando reti innovative regionali', link: 'https://example.org/veneto/rir', deadline: '2027-03-01T11:00:00Z' }]),
    });
    await admin(`add-source rss ${server.url('/regional.rss')} carries:calls programme:"PR FESR Veneto" countries:IT topics:"reti innovative,clusters"`);
    const call = JSON.parse((await items()).find((i) => i.titleKey.includes('reti innovative'))!.data);
    expect(call).toMatchObject({ kind: 'call', programme: 'PR FESR Veneto', countries: ['IT'], topics: ['reti innovative', 'clusters'] });
  });
  it('given a calls feed whose post merged into a portal call, re-declared as news → the call stays a call, the post becomes news', async () => {
    server.set('/d3.json', {
      type: 'application/json',
      body: JSON.stringify({
        totalResults: 1,
        pageSize: 50,
        results: [{ metadata: { identifier: ['HORIZON-CL5-2027-D3-01'], title: ['Industrial heat pumps'], status: ['31094502'] } }],
      }),
    });
    await admin(`add-source eu-portal ${server.url('/d3.json')}`);
    server.set('/d3.rss', {
      type: 'application/rss+xml',
      body: rss([{ guid: 'd3', title: 'HORIZON-CL5-2027-D3-01: webinar recap', link: 'https://example.org/d3' }]),
    });
    expect(text(await admin(`add-source rss ${server.url('/d3.rss')} carries:calls`))).toContain('Read 1 records: 0 new');
    const id = (await app.db.newsSource.findFirstOrThrow({ where: { url: server.url('/d3.rss') } })).id;
    expect(text(await admin(`source-edit ${id} carries:news`))).toContain('It carries news.');
    const call = await app.db.newsItem.findFirstOrThrow({ where: { identifier: 'HORIZON-CL5-2027-D3-01' } });
    expect(call.kind).toBe('call');
    expect(JSON.parse(call.data).title).toBe('Industrial heat pumps');
    expect((await app.db.newsItem.findFirstOrThrow({ where: { titleKey: { contains: 'webinar recap' } } })).kind).toBe('news');
  });
});

describe('one truth per call', () => {
  it('given the portal and the bulk file disagreeing on a deadline → the portal holds, followers hear of a change once, polls never flip it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'filiera-truth-'));
    const file = join(dir, 'grantsTenders.json');
    // The bulk file comes first and says 21 January; the portal's topic page says 15 January.
    writeFileSync(file, bulk(Date.parse('2027-01-21T16:00:00Z')));
    await admin(`add-source eu-bulk ${file}`);
    const call = (await items()).find((i) => i.identifier === 'HORIZON-MISS-2027-05-SOIL-01-TWO-STAGE')!;
    await app.adapter.inject(from('petra').command('news', `follow ${call.id}`));
    await app.sender.drain();
    const before = app.adapter.posted.length;

    server.set('/portal.json', { type: 'application/json', body: portalPage('2027-01-15T16:00:00.000+0000') });
    await admin(`add-source eu-portal ${server.url('/portal.json')}`);
    // Both re-read several times, each with fresh content, as a nightly file and a six-hourly search would be.
    for (let round = 1; round <= 3; round++) {
      writeFileSync(file, bulk(Date.parse('2027-01-21T16:00:00Z')));
      utimesSync(file, new Date(), new Date(Date.parse('2026-11-23T08:00:00Z') + round * 60_000));
      server.set('/portal.json', { type: 'application/json', body: portalPage('2027-01-15T16:00:00.000+0000', `Soil living labs, round ${round}`) });
      app.clock.advance(60_000);
      await app.scheduler.runNow('news-poll');
    }
    await app.sender.drain();
    const told = app.adapter.posted.slice(before).filter((p) => p.to === 'shell:dm:petra');
    expect(told).toHaveLength(1);
    const stored = JSON.parse((await app.db.newsItem.findUniqueOrThrow({ where: { id: call.id } })).data);
    expect(stored.deadlines).toEqual(['2027-01-15T16:00:00.000Z']);
    expect(stored.version).toBe(2);

    // When the portal itself moves the deadline, that is news.
    server.set('/portal.json', { type: 'application/json', body: portalPage('2027-01-22T16:00:00.000+0000') });
    app.clock.advance(60_000);
    await app.scheduler.runNow('news-poll');
    await app.sender.drain();
    expect(app.adapter.posted.slice(before).filter((p) => p.to === 'shell:dm:petra')).toHaveLength(2);
  });
});

describe('adding by hand', () => {
  it('given an event whose identifier a call already holds → not stored, and the admin is told which item holds it, never that it was added', async () => {
    await admin('add');
    const answers = [
      '2',
      'Info day on soil living labs',
      '2027-01-10 10:00',
      '2027-01-10 12:00',
      'skip',
      'HORIZON-MISS-2027-05-SOIL-01-two-stage',
      'skip',
      'Ljubljana',
      'skip',
    ];
    const replies: OutboundMessage[] = [];
    for (const answer of answers) replies.push(...(await app.adapter.inject(from('anna', 'dm').message(answer))));
    const said = [...replies.map((r) => r.text), ...app.adapter.posted.filter((p) => p.to === 'shell:dm:anna').map((p) => p.message.text)].join('\n');
    const call = (await items()).find((i) => i.identifier === 'HORIZON-MISS-2027-05-SOIL-01-TWO-STAGE')!;
    expect(said).toContain(
      `Not stored: the identifier HORIZON-MISS-2027-05-SOIL-01-two-stage already belongs to the Funding call “Living labs for soil health” [${call.id}]`,
    );
    expect(said).not.toMatch(/Added “Info day/);
    expect((await items()).filter((i) => i.kind === 'event')).toHaveLength(0);
  });

  it('given a call whose deadline the portal holds → merged, and the admin told their deadline did not count', async () => {
    await admin('add');
    const answers = ['1', 'Soil labs (hand entry)', '2027-02-01', 'skip', 'HORIZON-MISS-2027-05-SOIL-01-two-stage', 'skip', 'skip', 'skip', 'skip'];
    const replies: OutboundMessage[] = [];
    for (const answer of answers) replies.push(...(await app.adapter.inject(from('anna', 'dm').message(answer))));
    const said = [...replies.map((r) => r.text), ...app.adapter.posted.filter((p) => p.to === 'shell:dm:anna').map((p) => p.message.text)].join('\n');
    const call = (await items()).find((i) => i.identifier === 'HORIZON-MISS-2027-05-SOIL-01-TWO-STAGE')!;
    expect(said).toContain(`“Soil labs (hand entry)” was already known as [${call.id}]`);
    expect(said).toContain('Some of what you wrote was not taken, because a more authoritative source holds it: deadline.');
    expect(JSON.parse(call.data).deadlines).toEqual(['2027-01-22T16:00:00.000Z']);
  });
});

describe('in the admin’s language', () => {
  it('given an Italian admin adding an event whose identifier a call holds → told in Italian, nothing stored', async () => {
    const it2 = await createTestApp({ FILIERA_ADMINS: 'shell:anna,shell:paolo' });
    try {
      const fill = async (answers: string[]) => {
        await it2.adapter.inject(from('paolo').command('news', 'add'));
        const replies: OutboundMessage[] = [];
        for (const answer of answers) replies.push(...(await it2.adapter.inject(from('paolo', 'dm').message(answer))));
        return [...replies.map((r) => r.text), ...it2.adapter.posted.filter((p) => p.to === 'shell:dm:paolo').map((p) => p.message.text)].join('\n');
      };
      const skip = 'salta';
      await fill(['1', 'Bando suoli vivi', '2027-02-01', skip, 'HORIZON-MISS-2027-05-SOIL-02', skip, skip, skip, skip]);
      const said = await fill(['2', 'Giornata informativa', '2027-01-10 10:00', skip, skip, 'HORIZON-MISS-2027-05-SOIL-02', skip, 'Padova', skip]);
      expect(said).toMatch(/Non salvato: l'identificativo HORIZON-MISS-2027-05-SOIL-02 appartiene già a «Bando suoli vivi» \[[0-9a-z]{7}\] \(Bando\)/);
      expect(await it2.db.newsItem.count({ where: { titleKey: { contains: 'giornata informativa' } } })).toBe(0);
    } finally {
      await it2.stop();
    }
  });
});
