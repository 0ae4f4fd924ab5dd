// Sources of items as the feature sees them: what a source is, its polling state, and the reader port
// the infrastructure implements (HTTP or files, RSS/Atom, iCalendar, the EU portal's JSON).
import type { Result } from '../../core/index.ts';
import type { ItemInput } from './news-item.ts';

export const SOURCE_KINDS = ['rss', 'ical', 'eu-portal', 'eu-bulk', 'manual'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const POLLED_KINDS = ['rss', 'ical', 'eu-portal', 'eu-bulk'] as const;

/** How often each kind is polled unless the admin says otherwise (cron, network time zone). */
export const DEFAULT_EVERY: Record<SourceKind, string> = {
  rss: '0 * * * *',
  ical: '0 */6 * * *',
  'eu-portal': '0 */6 * * *',
  'eu-bulk': '30 3 * * *',
  manual: '0 0 1 1 *',
};

/** Who is believed on dates, status and budget when sources disagree: the portal, then people, then feeds. */
export const SOURCE_RANK: Record<SourceKind, number> = { rss: 1, ical: 2, manual: 3, 'eu-portal': 4, 'eu-bulk': 4 };

export interface NewsSource {
  id: string;
  kind: SourceKind;
  /** An http(s) address, a file:// URL or a path on disk. */
  url: string;
  every: string;
  state: 'new' | 'ok' | 'failing';
  lastError?: string;
  failingSince?: Date;
  lastPolledAt?: Date;
  lastSuccessAt?: Date;
  etag?: string;
  lastModified?: string;
  lastImported: number;
  lastSkipped: number;
  createdAt: Date;
}

/** One record from a source: an item, or the reason it could not be one (it is skipped and counted). */
export type ReadRecord = { ok: true; input: ItemInput } | { ok: false; reason: string; fatal?: boolean };

export type ReadOutcome =
  | { status: 'not-modified' }
  /** Records stream: a bulk file is never held whole. A body that breaks midway ends with a `fatal` record. */
  | { status: 'fetched'; records: AsyncIterable<ReadRecord>; etag?: string; lastModified?: string };

export interface SourceReader {
  /** Conditional where the server allows (ETag, Last-Modified); an error value when unreachable or unreadable. */
  read(source: Pick<NewsSource, 'kind' | 'url' | 'etag' | 'lastModified'>, now: Date): Promise<Result<ReadOutcome, string>>;
}
