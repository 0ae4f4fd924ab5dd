// The SourceReader the news feature polls through: fetches (conditionally) and hands each kind to its
// parser. Small documents are read whole; the EU bulk file streams. Parsers load on first use, so a
// process that only imports the bulk file never loads the XML and calendar libraries.
import { CronExpressionParser } from 'cron-parser';
import { err, ok } from '../../core/index.ts';
import type { ReadRecord, SourceReader } from '../../features/news/news-sources.ts';
import { fetchSource, readText } from './fetch-source.ts';

async function* fromArray(records: ReadRecord[]): AsyncGenerator<ReadRecord> {
  yield* records;
}

export function createFeedReader(options: { fetcher?: typeof fetch } = {}): SourceReader {
  return {
    async read(source, now) {
      if (source.kind === 'manual') return err('manual sources are not polled');
      const fetched = await fetchSource(
        source.url,
        { ...(source.etag ? { etag: source.etag } : {}), ...(source.lastModified ? { lastModified: source.lastModified } : {}) },
        options.fetcher,
      );
      if (!fetched.ok) return fetched;
      if (fetched.value.status === 'not-modified') return ok({ status: 'not-modified' });
      const { body, etag, lastModified } = fetched.value;
      const validators = { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
      if (source.kind === 'eu-bulk') {
        const { streamBulk } = await import('./eu-portal.ts');
        return ok({ status: 'fetched', records: streamBulk(body), ...validators });
      }
      const text = await readText(body);
      if (!text.ok) return text;
      const parsed =
        source.kind === 'rss'
          ? await (await import('./rss-source.ts')).parseFeed(text.value)
          : source.kind === 'ical'
            ? (await import('./ical-source.ts')).parseCalendar(text.value, now)
            : (await import('./eu-portal.ts')).parseSearchResults(text.value);
      if (!parsed.ok) return parsed;
      return ok({ status: 'fetched', records: fromArray(parsed.value), ...validators });
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
