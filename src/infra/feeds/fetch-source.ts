// Getting a source's bytes: HTTP(S) with conditional requests (If-None-Match / If-Modified-Since) and a
// per-source time-out, or a file on disk (its modification time standing in for Last-Modified). Bodies
// are streams so a 130 MB bulk file never sits whole in memory. Small documents must arrive whole
// within the time-out; a streamed body must keep coming (no pause longer than the time-out). A slow
// body is reported as a time-out, never as a broken connection. Failures are short reasons for admins.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline, Readable, Transform } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { err, ok, type Result } from '../../core/result.ts';
import { decodeDocument } from './decode.ts';

export interface Fetched {
  status: 'fetched';
  body: Readable;
  contentType?: string;
  etag?: string;
  lastModified?: string;
  /** Ends the time-out watch once the body has been read. */
  done(): void;
}
export type FetchResult = Result<{ status: 'not-modified' } | Fetched, string>;

export interface Validators {
  etag?: string;
  lastModified?: string;
}

export interface FetchOptions {
  fetcher?: typeof fetch;
  timeoutMs?: number;
  /** 'whole': the body must arrive within the time-out; 'idle': it must never stall for longer. */
  bodyTimeout?: 'whole' | 'idle';
}

export const TIMED_OUT = 'timed out';
const DEFAULT_TIMEOUT_MS = 60_000;

function filePathOf(location: string): string | null {
  if (location.startsWith('file://')) return fileURLToPath(location);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) return null;
  return location;
}

class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/** Passes chunks through, failing with a time-out when none comes for `ms`. */
function idleWatch(ms: number, controller: AbortController): Transform {
  let timer: NodeJS.Timeout | undefined;
  const arm = (stream: Transform) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      controller.abort(new TimeoutError(TIMED_OUT));
      stream.destroy(new TimeoutError(TIMED_OUT));
    }, ms);
    timer.unref();
  };
  const watch: Transform = new Transform({
    transform(chunk, _enc, callback) {
      arm(watch);
      callback(null, chunk);
    },
    flush(callback) {
      clearTimeout(timer);
      callback();
    },
    destroy(error, callback) {
      clearTimeout(timer);
      callback(error);
    },
  });
  arm(watch);
  return watch;
}

export async function fetchSource(location: string, validators: Validators, options: FetchOptions = {}): Promise<FetchResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const path = filePathOf(location);
  if (path !== null) {
    try {
      const info = await stat(path);
      const lastModified = info.mtime.toUTCString() + `#${info.size}`;
      if (validators.lastModified === lastModified) return ok({ status: 'not-modified' });
      return ok({ status: 'fetched', body: createReadStream(path, { highWaterMark: 65536 }), lastModified, done: () => undefined });
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
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new TimeoutError(TIMED_OUT)), timeoutMs);
  timer.unref();
  let response: Response;
  try {
    response = await (options.fetcher ?? fetch)(url, { headers, signal: controller.signal, redirect: 'follow' });
  } catch {
    clearTimeout(timer);
    return err(controller.signal.aborted ? TIMED_OUT : 'unreachable');
  }
  const done = () => clearTimeout(timer);
  if (response.status === 304 || !response.ok || !response.body) {
    done();
    await response.body?.cancel().catch(() => undefined);
    return response.status === 304 ? ok({ status: 'not-modified' }) : err(`HTTP ${response.status}`);
  }
  const etag = response.headers.get('etag') ?? undefined;
  const lastModified = response.headers.get('last-modified') ?? undefined;
  const contentType = response.headers.get('content-type') ?? undefined;
  let body: Readable = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
  if (options.bodyTimeout === 'idle') {
    done();
    // pipeline() carries a broken source's error into the watch, so the reader sees it.
    const watch = idleWatch(timeoutMs, controller);
    pipeline(body, watch, () => undefined);
    body = watch;
  }
  return ok({
    status: 'fetched',
    body,
    done,
    ...(contentType ? { contentType } : {}),
    ...(etag ? { etag } : {}),
    ...(lastModified ? { lastModified } : {}),
  });
}

/** Reads a whole (small) body as text in its declared encoding, refusing anything larger than `limit` bytes. */
export async function readText(fetched: Pick<Fetched, 'body' | 'contentType' | 'done'>, limit = 20 * 1024 * 1024): Promise<Result<string, string>> {
  const { body } = fetched;
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
  } catch (error) {
    const name = (error as Error | undefined)?.name;
    const cause = (error as { cause?: Error } | undefined)?.cause?.name;
    return err(name === 'TimeoutError' || cause === 'TimeoutError' || name === 'AbortError' ? TIMED_OUT : 'connection broke off');
  } finally {
    fetched.done();
  }
  return ok(decodeDocument(Buffer.concat(parts), fetched.contentType));
}
