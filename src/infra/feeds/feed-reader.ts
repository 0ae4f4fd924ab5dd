// The SourceReader the news feature polls through: fetches (conditionally, within the per-source
// time-out) and hands each kind to its parser. Small documents are read whole and decoded by their
// declared encoding; the EU bulk file streams (the app imports it in a worker: src/app/news-bulk.ts); the EU search API is followed page by page up to a cap,
// and what lies beyond the cap is reported. Parsers load on first use, so a process that only imports
// the bulk file never loads the XML and calendar libraries.
import { CronExpressionParser } from 'cron-parser';
import { err, ok, type Result } from '../../core/index.ts';
import type { ReadOutcome, ReadRecord, SourceReader } from '../../features/news/news-sources.ts';
import { fetchSource, readText, type Fetched, type FetchOptions } from './fetch-source.ts';

async function* fromArray(records: ReadRecord[]): AsyncGenerator<ReadRecord> {
  yield* records;
}

export interface FeedReaderOptions {
  fetcher?: typeof fetch;
  /** Per source: connecting and a whole small document, or any pause in a streamed one. */
  timeoutMs?: number;
  /** How many search API pages one poll follows at most. */
  maxPages?: number;
}

/** The same search address asking for another page (pageNumber is 1-based in the portal's API). */
export function pageUrl(url: string, page: number): string {
  const u = new URL(url);
  u.searchParams.set('pageNumber', String(page));
  return u.toString();
}

export function createFeedReader(options: FeedReaderOptions = {}): SourceReader {
  const fetchOptions = (bodyTimeout: 'whole' | 'idle'): FetchOptions => ({
    bodyTimeout,
    ...(options.fetcher ? { fetcher: options.fetcher } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  const maxPages = options.maxPages ?? 20;

  /** Pages 2…n of a search, read one after another while the import consumes them. */
  async function* laterPages(url: string, first: ReadRecord[], pages: number): AsyncGenerator<ReadRecord> {
    yield* first;
    const { parseSearchPage } = await import('./eu-portal.ts');
    for (let page = 2; page <= pages; page++) {
      const fetched = await fetchSource(pageUrl(url, page), {}, fetchOptions('whole'));
      const text = fetched.ok && fetched.value.status === 'fetched' ? await readText(fetched.value) : null;
      const parsed = text?.ok ? parseSearchPage(text.value) : null;
      if (!parsed?.ok) {
        const reason = !fetched.ok ? fetched.error : text && !text.ok ? text.error : parsed && !parsed.ok ? parsed.error : 'no page';
        yield { ok: false, fatal: true, reason: `page ${page}: ${reason}` };
        return;
      }
      yield* parsed.value.records;
    }
  }

  async function searchOutcome(url: string, text: string, validators: Partial<ReadOutcome & { status: 'fetched' }>): Promise<Result<ReadOutcome, string>> {
    const { parseSearchPage } = await import('./eu-portal.ts');
    const parsed = parseSearchPage(text);
    if (!parsed.ok) return parsed;
    const { records, total, pageSize } = parsed.value;
    if (total === undefined || pageSize === undefined || pageSize <= 0 || total <= records.length || !/^https?:/.test(url)) {
      return ok({ status: 'fetched', records: fromArray(records), ...validators });
    }
    const pagesThere = Math.ceil(total / pageSize);
    const pages = Math.min(pagesThere, maxPages);
    const reachable = Math.min(total, pages * pageSize);
    return ok({
      status: 'fetched',
      records: laterPages(url, records, pages),
      ...validators,
      total,
      ...(reachable < total ? { left: total - reachable, cap: maxPages } : {}),
    });
  }

  return {
    async read(source, now) {
      if (source.kind === 'manual') return err('manual sources are not polled');
      const validators = { ...(source.etag ? { etag: source.etag } : {}), ...(source.lastModified ? { lastModified: source.lastModified } : {}) };
      if (source.kind === 'eu-bulk') {
        const fetched = await fetchSource(source.url, validators, fetchOptions('idle'));
        if (!fetched.ok) return fetched;
        if (fetched.value.status === 'not-modified') return ok({ status: 'not-modified' });
        const { streamBulk } = await import('./eu-portal.ts');
        const { body, etag, lastModified } = fetched.value;
        return ok({ status: 'fetched', records: streamBulk(body), ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) });
      }
      const url = source.kind === 'eu-portal' && /^https?:/.test(source.url) ? pageUrl(source.url, 1) : source.url;
      const fetched = await fetchSource(url, validators, fetchOptions('whole'));
      if (!fetched.ok) return fetched;
      if (fetched.value.status === 'not-modified') return ok({ status: 'not-modified' });
      const body: Fetched = fetched.value;
      const kept = { ...(body.etag ? { etag: body.etag } : {}), ...(body.lastModified ? { lastModified: body.lastModified } : {}) };
      const text = await readText(body);
      if (!text.ok) return text;
      if (source.kind === 'eu-portal') return searchOutcome(source.url, text.value, kept);
      const parsed =
        source.kind === 'rss'
          ? await (await import('./rss-source.ts')).parseFeed(text.value)
          : (await import('./ical-source.ts')).parseCalendar(text.value, now);
      if (!parsed.ok) return parsed;
      return ok({ status: 'fetched', records: fromArray(parsed.value), ...kept });
    },
  };
}

/** The latest fire time of `cron` at or before `now` in `timeZone`; null when the expression is invalid. */
export function cronSlot(cron: string, now: Date, timeZone: string): Date | null {
  if (cron.trim().split(/\s+/).length < 5) return null;
  try {
    return CronExpressionParser.parse(cron, { currentDate: new Date(now.getTime() + 1000), tz: timeZone })
      .prev()
      .toDate();
  } catch {
    return null;
  }
}
