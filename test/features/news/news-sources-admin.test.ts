// Running sources as an admin: /news sources shows every source a page at a time with the failing
// ones first; a source can be paused, resumed, edited and removed; due sources are polled in parallel,
// each within its time-out, so hanging sources hold up no other; a search reporting more results than
// the page cap says what it left. Served over local HTTP; every fixture is written here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../../src/core/index.ts';
import { startFeedServer, type FeedServer } from '../../fakes/feed-server.ts';
import { from } from '../../fakes/memory-adapter.ts';
import { createTestApp, type TestApp } from '../../fakes/test-app.ts';

const text = (replies: OutboundMessage[]) => replies.map((r) => r.text).join('\n');
const rss = (guid: string, title: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title><link>https://example.org/</link><description>d</description><item><title>${title}</title><guid>${guid}</guid><link>https://example.org/${guid}</link></item></channel></rss>`;

let server: FeedServer;
let app: TestApp;
const admin = async (line: string) => text(await app.adapter.inject(from('anna').command('news', line)));
/** Every page of /news sources, in order. */
const allSources = async () => `${await admin('sources 1')}\n${await admin('sources 2')}`;

beforeAll(async () => {
  server = await startFeedServer();
  app = await createTestApp({ FILIERA_SEED: '0', NEWS_SOURCE_TIMEOUT_S: '1', NEWS_PORTAL_MAX_PAGES: '2' });
});
afterAll(async () => {
  await app.stop();
  await server.close();
});

describe('/news sources', () => {
  it('given 12 sources of which 3 fail → every source over two pages, the failing ones first, the header counting all', async () => {
    for (let i = 1; i <= 12; i++) {
      const failing = i % 4 === 0;
      server.set(`/feed-${i}.rss`, failing ? { body: '', type: 'text/plain', status: 503 } : { body: rss(`g${i}`, `Post ${i}`), type: 'application/rss+xml' });
      await admin(`add-source rss ${server.url(`/feed-${i}.rss`)}`);
    }
    const first = await admin('sources');
    expect(first.split('\n')[0]).toBe('News sources: 12, 3 failing · page 1 of 2');
    const ids = (page: string) => [...page.matchAll(/^(rss-\d+) · rss/gm)].map((m) => m[1]);
    expect(ids(first).slice(0, 3)).toEqual(['rss-4', 'rss-8', 'rss-12']);
    expect(first).toContain('failing (the server answered HTTP 503)');
    expect(first).toContain('More: /news sources 2');
    const second = await admin('sources 2');
    expect(new Set([...ids(first), ...ids(second)]).size).toBe(12);
    expect(ids(first)).toHaveLength(10);
  });

  it('given a member who is not an admin pausing a source → refused, the source keeps running', async () => {
    expect(text(await app.adapter.inject(from('petra').command('news', 'source-pause rss-1')))).not.toMatch(/Paused/);
    expect((await app.db.newsSource.findUniqueOrThrow({ where: { id: 'rss-1' } })).paused).toBe(false);
  });
});

describe('pause, resume, edit, remove', () => {
  it('given a paused source → not polled until resumed; resuming polls it at once', async () => {
    expect(await admin('source-pause rss-1')).toContain('Paused rss-1');
    const asked = () => server.requests.filter((r) => r.path === '/feed-1.rss').length;
    const before = asked();
    await app.scheduler.runNow('news-poll');
    expect(asked()).toBe(before);
    expect(await allSources()).toMatch(/rss-1 · rss · .*\n {2}paused/);
    expect(await admin('source-resume rss-1')).toContain('Resumed rss-1');
    expect(asked()).toBe(before + 1);
  });

  it('given an edit of what a source carries and its address → its items follow, the new address is read', async () => {
    server.set('/moved.rss', { body: rss('g2', 'Post 2, moved'), type: 'application/rss+xml' });
    const reply = await admin(`source-edit rss-2 carries:calls url:${server.url('/moved.rss')} every:6h`);
    expect(reply).toContain('Changed source rss-2');
    expect(reply).toContain('It carries funding calls.');
    const item = await app.db.newsItem.findFirstOrThrow({ where: { titleKey: { contains: 'post 2' } } });
    expect(item.kind).toBe('call');
    expect(JSON.parse(item.data).title).toBe('Post 2, moved');
    expect(await allSources()).toMatch(/rss-2 · rss · .*moved\.rss\n.*schedule 0 \*\/6 \* \* \*/);
  });

  it('given a removed source → gone from the list, its items stay; an unknown id → said plainly', async () => {
    expect(await admin('source-remove rss-3')).toContain('Removed source rss-3');
    expect(await admin('sources')).toMatch(/^News sources: 11, 3 failing/);
    expect(await app.db.newsItem.count({ where: { titleKey: { contains: 'post 3' } } })).toBe(1);
    expect(await admin('source-pause rss-99')).toContain('There is no source rss-99');
  });
});

describe('polling', () => {
  it('given four hanging sources among working ones → all polled in parallel, the hanging ones "timed out", the others read', async () => {
    for (let i = 1; i <= 4; i++) {
      server.set(`/hang-${i}.rss`, { body: rss(`h${i}`, `Hanging ${i}`), type: 'application/rss+xml' });
      await admin(`add-source rss ${server.url(`/hang-${i}.rss`)}`);
      // From now on the server never answers.
      server.set(`/hang-${i}.rss`, { body: '', type: 'text/plain', hang: true });
    }
    server.set('/fresh.rss', { body: rss('fresh', 'Fresh post'), type: 'application/rss+xml' });
    await admin(`add-source rss ${server.url('/fresh.rss')}`);
    server.set('/fresh.rss', { body: rss('fresh-2', 'Fresher post'), type: 'application/rss+xml' });
    const started = performance.now();
    await app.scheduler.runNow('news-poll');
    const took = performance.now() - started;
    // One after another, four 1-second time-outs would take four seconds.
    expect(took).toBeLessThan(3000);
    const list = await allSources();
    expect((list.match(/failing \(timed out\)/g) ?? []).length).toBe(4);
    expect(await app.db.newsItem.count({ where: { titleKey: { contains: 'fresher post' } } })).toBe(1);
  });

  it('given a search reporting 250 results and a cap of 2 pages → the two pages read and the admin told what was left', async () => {
    const page = (n: number) =>
      JSON.stringify({
        totalResults: 250,
        pageNumber: n,
        pageSize: 50,
        results: Array.from({ length: 50 }, (_, i) => ({
          metadata: { identifier: [`SMP-COSME-2027-P${n}-${String(i + 1).padStart(2, '0')}`], title: [`Topic ${n}-${i + 1}`], status: ['31094502'] },
        })),
      });
    server.set('/search?text=clusters&pageNumber=1', { body: page(1), type: 'application/json' });
    server.set('/search?text=clusters&pageNumber=2', { body: page(2), type: 'application/json' });
    const reply = await admin(`add-source eu-portal ${server.url('/search?text=clusters')}`);
    expect(reply).toContain('Read 100 records: 100 new, 0 skipped');
    expect(reply).toContain('The source holds 250; 150 records lie beyond the cap of 2 pages and were not read.');
    expect(await allSources()).toContain('150 of 250 beyond the page cap');
  });
});
