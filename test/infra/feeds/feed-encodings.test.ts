// Feeds and calendars in the network's own languages and encodings, served over local HTTP: the text a
// member reads must be the text the source wrote, whether the encoding is named by the HTTP header, the
// XML declaration or a byte-order mark. Every fixture is written here and encoded with iconv-lite.
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemInput } from '../../../src/features/news/news-item.ts';
import type { ReadRecord, SourceKind } from '../../../src/features/news/news-sources.ts';
import { createFeedReader } from '../../../src/infra/feeds/feed-reader.ts';
import { startFeedServer, type FeedServer } from '../../fakes/feed-server.ts';

const now = new Date('2026-11-23T08:00:00Z');
const reader = createFeedReader({ timeoutMs: 400 });

async function titles(kind: SourceKind, url: string): Promise<string[] | string> {
  const result = await reader.read({ kind, url }, now);
  if (!result.ok) return result.error;
  if (result.value.status !== 'fetched') return 'not modified';
  const records: ReadRecord[] = [];
  for await (const r of result.value.records) records.push(r);
  return records.flatMap((r) => (r.ok ? [(r.input as ItemInput).title] : []));
}

const SLOVENIAN = 'Žalec: razpis za čezmejno sodelovanje grozdov, šolanje in inovacije';
const CZECH = 'Výzva pro klastry v Ústí nad Labem: ěščřžýáíé, půjčky malým podnikům';
const POLISH = 'Zażółć gęślą jaźń: nabór dla klastrów w Łodzi';
const ITALIAN = 'Competitività delle città: bando per le filiere più innovative';
const ITALIAN_1252 = 'Bando “Innovazione” – città e università';

const rss = (encodingLabel: string | null, ...entries: string[]) =>
  `<?xml version="1.0"${encodingLabel ? ` encoding="${encodingLabel}"` : ''}?>
<rss version="2.0"><channel><title>Novice</title><link>https://example.org/</link><description>x</description>
${entries.map((title, i) => `<item><title>${title}</title><guid>e-${i}</guid><link>https://example.org/e/${i}</link><pubDate>Mon, 16 Nov 2026 10:00:00 GMT</pubDate></item>`).join('\n')}
</channel></rss>`;

const atom = (encodingLabel: string, title: string) =>
  `<?xml version="1.0" encoding="${encodingLabel}"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Aktuality</title><id>urn:x</id><updated>2026-11-16T10:00:00Z</updated>
<entry><title>${title}</title><id>urn:e:1</id><link href="https://example.org/a/1"/><updated>2026-11-16T10:00:00Z</updated></entry>
</feed>`;

const ics = (title: string) =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//filiera test//EN',
    'BEGIN:VEVENT',
    'UID:ev-1@example.org',
    'DTSTART:20261210T090000Z',
    'DTEND:20261210T120000Z',
    `SUMMARY:${title}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');

const withBom = (bom: number[], body: Buffer) => Buffer.concat([Buffer.from(bom), body]);

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer({
    '/si-header.rss': { body: iconv.encode(rss('ISO-8859-2', SLOVENIAN), 'iso-8859-2'), type: 'application/rss+xml; charset=ISO-8859-2' },
    '/si-declared.rss': { body: iconv.encode(rss('iso-8859-2', SLOVENIAN, CZECH, POLISH), 'iso-8859-2'), type: 'application/rss+xml' },
    '/it-latin1.rss': { body: iconv.encode(rss('ISO-8859-1', ITALIAN), 'latin1'), type: 'text/xml' },
    '/it-1252-as-latin1.rss': { body: iconv.encode(rss('ISO-8859-1', ITALIAN_1252), 'windows-1252'), type: 'application/rss+xml; charset=iso-8859-1' },
    '/it-undeclared.rss': { body: iconv.encode(rss(null, ITALIAN), 'windows-1252'), type: 'application/rss+xml' },
    '/cz-1250.atom': { body: iconv.encode(atom('windows-1250', CZECH), 'windows-1250'), type: 'application/atom+xml' },
    '/pl-utf16le.rss': { body: withBom([0xff, 0xfe], iconv.encode(rss('UTF-16', POLISH, SLOVENIAN), 'utf-16le')), type: 'application/rss+xml' },
    '/pl-utf16be.rss': { body: withBom([0xfe, 0xff], iconv.encode(rss('UTF-16', POLISH), 'utf-16be')), type: 'application/rss+xml' },
    '/pl-utf16le-nobom.rss': { body: iconv.encode(rss('UTF-16', POLISH), 'utf-16le'), type: 'application/rss+xml' },
    '/it-utf8-bom.rss': { body: withBom([0xef, 0xbb, 0xbf], Buffer.from(rss('UTF-8', ITALIAN))), type: 'application/rss+xml' },
    '/si.ics': { body: iconv.encode(ics(POLISH), 'iso-8859-2'), type: 'text/calendar; charset=ISO-8859-2' },
  });
});
afterAll(() => server.close());

describe('feeds in Central European and Italian encodings', () => {
  it('given an ISO-8859-2 feed named by the HTTP header → Slovenian text as written', async () => {
    expect(await titles('rss', server.url('/si-header.rss'))).toEqual([SLOVENIAN]);
  });

  it('given ISO-8859-2 named only in the XML declaration → Slovenian, Czech and Polish text as written', async () => {
    expect(await titles('rss', server.url('/si-declared.rss'))).toEqual([SLOVENIAN, CZECH, POLISH]);
  });

  it('given an ISO-8859-1 Italian feed → accents kept; typographic quotes and dashes (windows-1252) too', async () => {
    expect(await titles('rss', server.url('/it-latin1.rss'))).toEqual([ITALIAN]);
    expect(await titles('rss', server.url('/it-1252-as-latin1.rss'))).toEqual([ITALIAN_1252]);
  });

  it('given a feed declaring nothing whose bytes are not UTF-8 → read as windows-1252, not replacement marks', async () => {
    expect(await titles('rss', server.url('/it-undeclared.rss'))).toEqual([ITALIAN]);
  });

  it('given a windows-1250 Atom feed → Czech text as written', async () => {
    expect(await titles('rss', server.url('/cz-1250.atom'))).toEqual([CZECH]);
  });

  it('given UTF-16 little- and big-endian with a byte-order mark, or little-endian without → a valid feed, text as written', async () => {
    expect(await titles('rss', server.url('/pl-utf16le.rss'))).toEqual([POLISH, SLOVENIAN]);
    expect(await titles('rss', server.url('/pl-utf16be.rss'))).toEqual([POLISH]);
    expect(await titles('rss', server.url('/pl-utf16le-nobom.rss'))).toEqual([POLISH]);
  });

  it('given UTF-8 with a byte-order mark → read, the mark not part of the text', async () => {
    expect(await titles('rss', server.url('/it-utf8-bom.rss'))).toEqual([ITALIAN]);
  });

  it('given an ISO-8859-2 calendar named by the HTTP header → the event title as written', async () => {
    expect(await titles('ical', server.url('/si.ics'))).toEqual([POLISH]);
  });
});

describe('slow and hanging sources', () => {
  it('given a server that never answers → "timed out" within the per-source time-out', async () => {
    server.set('/hang.rss', { body: '', type: 'application/rss+xml', hang: true });
    expect(await titles('rss', server.url('/hang.rss'))).toBe('timed out');
  });

  it('given a body that stops coming midway → "timed out", not "connection broke off"', async () => {
    const body = Buffer.from(rss('UTF-8', ITALIAN, SLOVENIAN));
    server.set('/slow.rss', { body, type: 'application/rss+xml', stallAfter: 120 });
    expect(await titles('rss', server.url('/slow.rss'))).toBe('timed out');
  });
});
