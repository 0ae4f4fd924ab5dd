// A local HTTP server for feed tests, on 127.0.0.1 and a free port: serves documents by path (or path
// and query, when one is set for it) with an ETag and Last-Modified, answers 304 to matching conditional
// requests, can hang before answering or midway through a body, and records what it was asked.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Served {
  body: string | Buffer;
  type: string;
  /** Fail with this status instead of serving. */
  status?: number;
  /** Leave validators out, like servers that offer no conditional requests. */
  noValidators?: boolean;
  /** Never answer (the request hangs until the client gives up). */
  hang?: boolean;
  /** Send the headers and this many bytes of the body, then nothing more (the connection stays open). */
  stallAfter?: number;
}

export interface FeedServer {
  url(path: string): string;
  set(path: string, doc: Served): void;
  requests: Array<{ path: string; conditional: boolean; status: number }>;
  close(): Promise<void>;
}

export async function startFeedServer(docs: Record<string, Served> = {}): Promise<FeedServer> {
  const served = new Map(Object.entries(docs));
  const modified = new Map<string, string>();
  const requests: FeedServer['requests'] = [];
  const hanging = new Set<import('node:http').ServerResponse>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const doc = served.get(req.url ?? '/') ?? served.get(path);
    const conditional = Boolean(req.headers['if-none-match'] || req.headers['if-modified-since']);
    const answer = (status: number) => requests.push({ path, conditional, status });
    if (!doc) {
      answer(404);
      res.writeHead(404).end('not found');
      return;
    }
    if (doc.status) {
      answer(doc.status);
      res.writeHead(doc.status).end('failure');
      return;
    }
    if (doc.hang) {
      answer(0);
      hanging.add(res);
      return;
    }
    const etag = `"${createHash('sha1').update(doc.body).digest('hex').slice(0, 16)}"`;
    const lastModified = modified.get(path) ?? new Date('2026-11-01T00:00:00Z').toUTCString();
    if (!doc.noValidators && req.headers['if-none-match'] === etag) {
      answer(304);
      res.writeHead(304, { etag }).end();
      return;
    }
    answer(200);
    res.writeHead(200, { 'content-type': doc.type, ...(doc.noValidators ? {} : { etag, 'last-modified': lastModified }) });
    if (doc.stallAfter !== undefined) {
      res.write(Buffer.from(doc.body).subarray(0, doc.stallAfter));
      hanging.add(res);
      return;
    }
    res.end(doc.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    set: (path, doc) => {
      served.set(path, doc);
      modified.set(path, new Date().toUTCString());
    },
    requests,
    close: () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}
