// Claims that hold when several replicas share one database. Each is a single statement, so its
// transaction is as short as it gets: insert-or-ignore for keys (outbox rows, work keys, inbound
// deliveries), and for due rows an UPDATE over a sub-select that, on PostgreSQL, locks what it picks
// and skips what another replica is picking (FOR UPDATE SKIP LOCKED). A claim is a lease: the owner's
// heartbeat extends it while the owner lives; once it lapses, or the owner is known dead, anyone may take it.
import { randomUUID } from 'node:crypto';
import { Prisma, type PrismaClient } from './generated/client.ts';
import { dialectOf } from './dialect.ts';

type Client = Pick<PrismaClient, '$queryRaw' | '$executeRaw'>;

/** Who claims, and for how long a claim holds without a heartbeat. */
export interface ClaimOwner {
  id: string;
  leaseMs: number;
}

export interface OutboxInsert {
  platform: string;
  target: string;
  kind: string;
  dedupeKey: string;
  payload: string;
}

const CHUNK = 200;

/**
 * An outbox row's id for the `n`th row written together: rows written together share createdAt and
 * claims break that tie by id, so ids that sort in the order given keep two messages into one
 * conversation (a digest's pages) in the order the feature wrote them.
 */
export const orderedId = (n: number): string => `${String(n).padStart(7, '0')}-${randomUUID()}`;

/** A list in slices of at most `size`: one statement (or parameter) per slice. */
export const chunks = <T>(list: readonly T[], size = 400): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
};

/** Inserts outbox rows, skipping dedupe keys that exist (also when another replica inserts them right now). */
export async function insertOutboxRows(tx: Client, rows: OutboxInsert[], now: Date): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const values = rows
      .slice(i, i + CHUNK)
      .map((r, j) => Prisma.sql`(${orderedId(i + j)}, ${r.platform}, ${r.target}, ${r.kind}, ${r.dedupeKey}, ${r.payload}, 'pending', 0, ${now}, ${now})`);
    inserted += await tx.$executeRaw`
      INSERT INTO "OutboxMessage" ("id", "platform", "target", "kind", "dedupeKey", "payload", "status", "attempts", "nextAttemptAt", "createdAt")
      VALUES ${Prisma.join(values)} ON CONFLICT ("dedupeKey") DO NOTHING`;
  }
  return inserted;
}

/** A work key that is done once claimed (outbox claim keys): false when it existed. */
export async function insertDoneWorkKey(tx: Client, key: string, job: string, now: Date): Promise<boolean> {
  const inserted = await tx.$executeRaw`
    INSERT INTO "WorkItem" ("id", "key", "job", "dueAt", "status", "payload", "doneAt")
    VALUES (${randomUUID()}, ${key}, ${job}, ${now}, 'done', '{}', ${now}) ON CONFLICT ("key") DO NOTHING`;
  return inserted === 1;
}

/** The first delivery of an inbound event id wins; a replay, here or on another replica, gets false. */
export async function insertInboxKey(db: Client, key: string, now: Date): Promise<boolean> {
  return (await db.$executeRaw`INSERT INTO "InboxEvent" ("key", "receivedAt") VALUES (${key}, ${now}) ON CONFLICT ("key") DO NOTHING`) === 1;
}

/**
 * Claims the work `key` stands for: a new key, one released as pending, or one whose owner's lease lapsed.
 * True for exactly one caller among concurrent ones.
 */
export async function claimWorkItem(db: Client, owner: ClaimOwner, key: string, job: string, dueAt: Date, now: Date): Promise<boolean> {
  const until = new Date(now.getTime() + owner.leaseMs);
  const inserted = await db.$executeRaw`
    INSERT INTO "WorkItem" ("id", "key", "job", "dueAt", "status", "payload", "claimedAt", "lockedBy", "lockedUntil")
    VALUES (${randomUUID()}, ${key}, ${job}, ${dueAt}, 'running', '{}', ${now}, ${owner.id}, ${until}) ON CONFLICT ("key") DO NOTHING`;
  if (inserted === 1) return true;
  // Row-locked and re-checked by the database, so two replicas cannot both take a lapsed claim.
  const taken = await db.$executeRaw`
    UPDATE "WorkItem" SET "status" = 'running', "claimedAt" = ${now}, "lockedBy" = ${owner.id}, "lockedUntil" = ${until}
    WHERE "key" = ${key} AND ("status" = 'pending' OR ("status" = 'running' AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now})))`;
  return taken === 1;
}

/** Work of these jobs released as pending (its owner died), oldest first: the scheduler runs each once more. */
export async function pendingWork(db: Client, jobs: string[], limit: number): Promise<Array<{ key: string; job: string; dueAt: Date }>> {
  if (jobs.length === 0) return [];
  return db.$queryRaw`
    SELECT "key", "job", "dueAt" FROM "WorkItem" WHERE "status" = 'pending' AND "job" IN (${Prisma.join(jobs)}) ORDER BY "dueAt" LIMIT ${limit}`;
}

export interface ClaimedOutboxRow {
  id: string;
  platform: string;
  target: string;
  kind: string;
  payload: string;
  attempts: number;
  nextAttemptAt: Date;
  createdAt: Date;
}

/**
 * Claims up to `limit` due outbox rows of `platforms` for `owner`, at most one per conversation: a row
 * waits while an older row of its conversation is unfinished or any row of it is being sent (by any
 * replica), so a conversation gets its messages in order, one at a time. Returned oldest first.
 */
export async function claimOutboxRows(
  db: Client,
  owner: ClaimOwner,
  now: Date,
  limit: number,
  platforms: string[],
  skipTargets: string[] = [],
): Promise<ClaimedOutboxRow[]> {
  if (platforms.length === 0 || limit <= 0) return [];
  // Targets the caller is busy with itself (a send in its own lane) stay for a later claim.
  const skip = skipTargets.length ? Prisma.sql`AND "o"."target" NOT IN (${Prisma.join(skipTargets)})` : Prisma.empty;
  const until = new Date(now.getTime() + owner.leaseMs);
  const rows = await db.$queryRaw<ClaimedOutboxRow[]>`
    WITH "picked" AS MATERIALIZED (
      SELECT "o"."id" FROM "OutboxMessage" AS "o"
      WHERE "o"."platform" IN (${Prisma.join(platforms)})
        AND (("o"."status" = 'pending' AND "o"."nextAttemptAt" <= ${now}) OR ("o"."status" = 'sending' AND "o"."lockedUntil" < ${now}))
        ${skip}
        AND NOT EXISTS (
          SELECT 1 FROM "OutboxMessage" AS "b"
          WHERE "b"."target" = "o"."target" AND "b"."id" <> "o"."id" AND "b"."status" IN ('pending', 'sending')
            AND (("b"."status" = 'sending' AND "b"."lockedUntil" >= ${now})
              OR "b"."createdAt" < "o"."createdAt" OR ("b"."createdAt" = "o"."createdAt" AND "b"."id" < "o"."id")))
      ORDER BY "o"."nextAttemptAt", "o"."createdAt", "o"."id"
      LIMIT ${limit}
      ${dialectOf(db).lockSkipLocked('o')}
    )
    UPDATE "OutboxMessage" SET "status" = 'sending', "lockedBy" = ${owner.id}, "lockedUntil" = ${until}
    WHERE "id" IN (SELECT "id" FROM "picked")
    RETURNING "id", "platform", "target", "kind", "payload", "attempts", "nextAttemptAt", "createdAt"`;
  return rows
    .map((r) => ({ ...r, attempts: Number(r.attempts) }))
    .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
}

/** The owner's heartbeat: its claims hold for another lease. */
export async function extendLeases(db: Client, owner: ClaimOwner, now: Date): Promise<void> {
  const until = new Date(now.getTime() + owner.leaseMs);
  await db.$executeRaw`UPDATE "OutboxMessage" SET "lockedUntil" = ${until} WHERE "status" = 'sending' AND "lockedBy" = ${owner.id}`;
  await db.$executeRaw`UPDATE "WorkItem" SET "lockedUntil" = ${until} WHERE "status" = 'running' AND "lockedBy" = ${owner.id}`;
}

/**
 * Hands back the claims of every owner `live` (a sub-select of replica ids) does not list: dead replicas,
 * or rows claimed before owners were recorded. Outbox rows go back to pending, work to pending for the
 * scheduler to run again. One statement each, so liveness is read at the moment of the release.
 */
export async function releaseClaimsExcept(db: Client, live: Prisma.Sql): Promise<{ outbox: number; work: number }> {
  const outbox = await db.$executeRaw`
    UPDATE "OutboxMessage" SET "status" = 'pending', "lockedBy" = NULL, "lockedUntil" = NULL
    WHERE "status" = 'sending' AND ("lockedBy" IS NULL OR "lockedBy" NOT IN (${live}))`;
  const work = await db.$executeRaw`
    UPDATE "WorkItem" SET "status" = 'pending', "lockedBy" = NULL, "lockedUntil" = NULL
    WHERE "status" = 'running' AND ("lockedBy" IS NULL OR "lockedBy" NOT IN (${live}))`;
  return { outbox, work };
}

/** A stopping replica hands back what it holds, for the others to carry on at once. */
export async function releaseOwnClaims(db: Client, owner: ClaimOwner): Promise<void> {
  await db.$executeRaw`UPDATE "OutboxMessage" SET "status" = 'pending', "lockedBy" = NULL, "lockedUntil" = NULL WHERE "status" = 'sending' AND "lockedBy" = ${owner.id}`;
  await db.$executeRaw`UPDATE "WorkItem" SET "status" = 'pending', "lockedBy" = NULL, "lockedUntil" = NULL WHERE "status" = 'running' AND "lockedBy" = ${owner.id}`;
}
