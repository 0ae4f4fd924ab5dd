// Getting a source's bytes: HTTP(S) with conditional requests (If-None-Match / If-Modified-Since) and a
// timeout, or a file on disk (its modification time standing in for Last-Modified). Bodies are streams
// so a 130 MB bulk file never sits whole in memory. Failures come back as short reasons for admins.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { err, ok, type Result } from '../../core/index.ts';

export interface Fetched {
  status: 'fetched';
  body: Readable;
  etag?: string;
  lastModified?: string;
}
export type FetchResult = Result<{ status: 'not-modified' } | Fetched, string>;

export interface Validators {
  etag?: string;
  lastModified?: string;
}

const TIMEOUT_MS = 60_000;

function filePathOf(location: string): string | null {
  if (location.startsWith('file://')) return fileURLToPath(location);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) return null;
  return location;
}

export async function fetchSource(location: string, validators: Validators, fetcher: typeof fetch = fetch): Promise<FetchResult> {
  const path = filePathOf(location);
  if (path !== null) {
    try {
      const info = await stat(path);
      const lastModified = info.mtime.toUTCString() + `#${info.size}`;
      if (validators.lastModified === lastModified) return ok({ status: 'not-modified' });
      return ok({ status: 'fetched', body: createReadStream(path, { highWaterMark: 65536 }), lastModified });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return err(code === 'ENOENT' ? 'file not found' : `file unreadable (${code ?? 'error'})`);
    }
  }
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return err('not a valid address');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return err(`unsupported scheme ${url.protocol}`);
  const headers: Record<string, string> = { accept: '*/*', 'user-agent': 'filiera-news/0.1' };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  let response: Response;
  try {
    response = await fetcher(url, { headers, signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'follow' });
  } catch (error) {
    const name = (error as Error)?.name;
    return err(name === 'TimeoutError' ? 'timed out' : 'unreachable');
  }
  if (response.status === 304) return ok({ status: 'not-modified' });
  if (!response.ok || !response.body) {
    await response.body?.cancel().catch(() => undefined);
    return err(`HTTP ${response.status}`);
  }
  const etag = response.headers.get('etag') ?? undefined;
  const lastModified = response.headers.get('last-modified') ?? undefined;
  return ok({
    status: 'fetched',
    body: Readable.fromWeb(response.body as import('node:stream/web').ReadableStream),
    ...(etag ? { etag } : {}),
    ...(lastModified ? { lastModified } : {}),
  });
}

/** Reads a whole (small) body as text, refusing anything larger than `limit` bytes. */
export async function readText(body: Readable, limit = 20 * 1024 * 1024): Promise<Result<string, string>> {
  const parts: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      size += buf.length;
      if (size > limit) {
        body.destroy();
        return err('too large for this kind of source');
      }
      parts.push(buf);
    }
  } catch {
    return err('connection broke off');
  }
  return ok(Buffer.concat(parts).toString('utf8'));
}
