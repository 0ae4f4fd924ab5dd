// The digest job's writes: each digest's claim, outbox pages and sent-marks, in one transaction per
// batch. A batch comes as records rendered in this thread, or encoded by `digestEncoder` in a worker
// thread: its pages already the outbox's JSON, in one transferred buffer, so this thread's heap never
// holds 100 MB of pages as objects. On SQLite the rows go through the connection directly (one copy of
// each page); elsewhere through Prisma, one JSON parameter per statement.
import { randomUUID } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { Clock, OutboxEntry } from '../../core/index.ts';
import type { DigestEncoder, DigestRecord, EncodedDigests } from '../../features/news/news-repository.ts';
import { chunks, orderedId } from './claims.ts';
import { dialectOf } from './dialect.ts';
import { Prisma, type PrismaClient } from './generated/client.ts';
import { outboxRowOf } from './prisma-outbox.ts';
import { directSqlite, sqliteDate } from './sqlite-direct.ts';

/** One outbox row of a digest, its payload as stored: text, or UTF-8 bytes from an encoded batch. */
type Page = { platform: string; target: string; kind: string; dedupeKey: string; payload: string | Uint8Array };
type Digest = { claimKey: string; subscriptionId: string; period: string; items: Array<[string, number]>; pages: Page[] };
/** An encoded digest: claim key, subscription, period, [item, version, …], [[platform, target, kind, dedupe key, start, length], …]. */
type EncodedDigest = [string, string, string, Array<string | number>, Array<[string, string, string, string, number, number]>];

/** The outbox's stored form of an entry (what the sender reads back). */
const payloadOf = (e: OutboxEntry) => JSON.stringify({ target: e.target, message: e.message });

/**
 * Encodes digests one by one as they are rendered, each page straight into one growing buffer: a
 * rendered digest's objects die young, and a batch leaves as a buffer to move, not a graph to copy.
 */
export function digestEncoder(): DigestEncoder {
  const encoder = new TextEncoder();
  let data = new Uint8Array(1 << 20);
  let size = 0;
  let meta: EncodedDigest[] = [];
  let digests: Array<{ claimKey: string; messages: number }> = [];
  const room = (bytes: number) => {
    if (size + bytes <= data.length) return;
    const grown = new Uint8Array(Math.max(2 * data.length, size + bytes));
    grown.set(data.subarray(0, size));
    data = grown;
  };
  return {
    get count() {
      return digests.length;
    },
    add(r) {
      const pages = r.entries.map((e) => {
        const payload = payloadOf(e);
        room(3 * payload.length); // UTF-16 to UTF-8: at most three bytes per code unit
        const { written } = encoder.encodeInto(payload, data.subarray(size));
        size += written;
        const row = outboxRowOf(e);
        return [row.platform, row.target, row.kind, row.dedupeKey, size - written, written] as EncodedDigest[4][number];
      });
      meta.push([r.claimKey, r.subscriptionId, r.period, r.items.flatMap((i) => [i.itemId, i.version]), pages]);
      digests.push({ claimKey: r.claimKey, messages: r.entries.length });
    },
    take() {
      const taken: EncodedDigests = { digests, meta: JSON.stringify(meta), data: data.subarray(0, size) };
      data = new Uint8Array(Math.max(1 << 20, size + (size >> 2)));
      size = 0;
      meta = [];
      digests = [];
      return taken;
    },
  };
}

function digestsOf(batch: DigestRecord[] | EncodedDigests): Digest[] {
  if (Array.isArray(batch))
    return batch.map((r) => ({
      claimKey: r.claimKey,
      subscriptionId: r.subscriptionId,
      period: r.period,
      items: r.items.map((i) => [i.itemId, i.version]),
      pages: r.entries.map((e) => ({ ...outboxRowOf(e), payload: payloadOf(e) })),
    }));
  const { data } = batch;
  return (JSON.parse(batch.meta) as EncodedDigest[]).map(([claimKey, subscriptionId, period, flat, pages]) => ({
    claimKey,
    subscriptionId,
    period,
    items: Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i] as string, flat[2 * i + 1] as number]),
    pages: pages.map(([platform, target, kind, dedupeKey, start, length]) => ({
      platform,
      target,
      kind,
      dedupeKey,
      payload: data.subarray(start, start + length),
    })),
  }));
}

/** Claims each digest's key and, for the keys this call got, writes its pages and sent-marks. Returns the keys it got. */
export async function recordDigests(db: PrismaClient, clock: Clock, batch: DigestRecord[] | EncodedDigests, now: Date): Promise<Set<string>> {
  const digests = digestsOf(batch);
  if (digests.length === 0) return new Set<string>();
  const at = clock.now();
  const direct = directSqlite(db);
  if (direct) return direct.write((statement) => writeDirect(statement, digests, at, now));
  return writeThroughPrisma(db, digests, at, now);
}

function writeDirect(statement: (sql: string) => Statement, digests: Digest[], at: Date, now: Date): Set<string> {
  const when = sqliteDate(at);
  const sentAt = sqliteDate(now);
  const claim = statement(`INSERT INTO "WorkItem" ("id", "key", "job", "dueAt", "status", "payload", "doneAt")
    VALUES (?, ?, 'news-digest', ?, 'done', '{}', ?) ON CONFLICT ("key") DO NOTHING`);
  // Bytes from an encoded batch are bound as a blob and stored as the text they are.
  const page =
    statement(`INSERT INTO "OutboxMessage" ("id", "platform", "target", "kind", "dedupeKey", "payload", "status", "attempts", "nextAttemptAt", "createdAt")
    VALUES (?, ?, ?, ?, ?, CAST(? AS TEXT), 'pending', 0, ?, ?) ON CONFLICT ("dedupeKey") DO NOTHING`);
  const mark = statement(`INSERT INTO "NewsSent" ("subscriptionId", "itemId", "version", "period", "sentAt") VALUES (?, ?, ?, ?, ?)
    ON CONFLICT ("subscriptionId", "itemId") DO UPDATE SET "version" = excluded."version", "period" = excluded."period", "sentAt" = excluded."sentAt"`);
  const claimed = new Set<string>();
  let n = 0;
  for (const d of digests) {
    if (claim.run(randomUUID(), d.claimKey, when, when).changes === 0) continue;
    claimed.add(d.claimKey);
    // Ids in page order: the sender takes a digest's pages in the order it wrote them.
    for (const p of d.pages) page.run(orderedId(n++), p.platform, p.target, p.kind, p.dedupeKey, p.payload, when, when);
    for (const [itemId, version] of d.items) mark.run(d.subscriptionId, itemId, version, d.period, sentAt);
  }
  return claimed;
}

function writeThroughPrisma(db: PrismaClient, digests: Digest[], at: Date, now: Date): Promise<Set<string>> {
  const decoder = new TextDecoder();
  return db.$transaction(
    async (tx) => {
      // One statement claims every key; RETURNING says which ones this call got.
      const claimed = new Set<string>();
      for (const part of chunks(digests, 300)) {
        const values = part.map((d) => Prisma.sql`(${randomUUID()}, ${d.claimKey}, 'news-digest', ${at}, 'done', '{}', ${at})`);
        const rows = await tx.$queryRaw<Array<{ key: string }>>`
          INSERT INTO "WorkItem" ("id", "key", "job", "dueAt", "status", "payload", "doneAt")
          VALUES ${Prisma.join(values)} ON CONFLICT ("key") DO NOTHING RETURNING "key"`;
        for (const r of rows) claimed.add(r.key);
      }
      const mine = digests.filter((d) => claimed.has(d.claimKey));
      // Rows as insertOutboxRows writes them (insert-or-ignore on the dedupe key), one JSON parameter per
      // statement: every parameter is mapped and copied by the client and the query engine.
      const postgres = dialectOf(tx).provider === 'postgresql';
      const pages = mine.flatMap((d) => d.pages);
      for (let from = 0; from < pages.length; from += 50) {
        // Ids in page order: the sender takes a digest's pages in the order it wrote them.
        const rows = JSON.stringify(
          pages
            .slice(from, from + 50)
            .map((p, i) => [
              orderedId(from + i),
              p.platform,
              p.target,
              p.kind,
              p.dedupeKey,
              typeof p.payload === 'string' ? p.payload : decoder.decode(p.payload),
            ]),
        );
        const source = postgres
          ? Prisma.sql`SELECT x->>0, x->>1, x->>2, x->>3, x->>4, x->>5, 'pending', 0, ${at}::timestamp, ${at}::timestamp FROM jsonb_array_elements(${rows}::jsonb) AS x`
          : Prisma.sql`SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, 'pending', 0, ${at}, ${at} FROM json_each(${rows}) WHERE true`;
        await tx.$executeRaw`
          INSERT INTO "OutboxMessage" ("id", "platform", "target", "kind", "dedupeKey", "payload", "status", "attempts", "nextAttemptAt", "createdAt") ${source}
          ON CONFLICT ("dedupeKey") DO NOTHING`;
      }
      // Sent-marks (some 50 per digest) travel as one JSON parameter per few thousand rows: bound one
      // by one they were hundreds of thousands of parameters for the client to map.
      const marks = mine.flatMap((d) => d.items.map(([itemId, version]) => [d.subscriptionId, itemId, version, d.period] as const));
      for (const part of chunks(marks, 5000)) {
        const rows = JSON.stringify(part);
        const source = postgres
          ? Prisma.sql`SELECT x->>0, x->>1, (x->>2)::int, x->>3, ${now}::timestamp FROM jsonb_array_elements(${rows}::jsonb) AS x`
          : Prisma.sql`SELECT value->>0, value->>1, value->>2, value->>3, ${now} FROM json_each(${rows}) WHERE true`;
        await tx.$executeRaw`
          INSERT INTO "NewsSent" ("subscriptionId", "itemId", "version", "period", "sentAt") ${source}
          ON CONFLICT ("subscriptionId", "itemId") DO UPDATE SET "version" = excluded."version", "period" = excluded."period", "sentAt" = excluded."sentAt"`;
      }
      return claimed;
    },
    { timeout: 60_000 },
  );
}
