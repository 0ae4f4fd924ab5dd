// The outbox on Prisma: enqueue (with an optional work-key claim in the same transaction) and the
// row lifecycle the sender drives: pending → sending → sent | failed, with retries in between.
import { z } from 'zod';
import {
  OutboundMessageSchema,
  platformOf,
  type Clock,
  type Outbox,
  type OutboxEntry,
  type OutboxRow,
  type OutboxStore,
  type OutboxTarget,
  type Platform,
} from '../../core/index.ts';
import { claimOutboxRows, insertDoneWorkKey, insertOutboxRows, type ClaimOwner } from './claims.ts';
import type { PrismaClient } from './generated/client.ts';
import { readJson } from './json-column.ts';

const TargetSchema: z.ZodType<OutboxTarget> = z.union([
  z.object({
    kind: z.literal('user'),
    user: z.object({ platform: z.enum(['shell', 'slack', 'discord']), id: z.string(), displayName: z.string().optional() }),
  }),
  z.object({ kind: z.literal('conversation'), conversation: z.string() }),
]) as z.ZodType<OutboxTarget>;
const PayloadSchema = z.object({ target: TargetSchema, message: OutboundMessageSchema });

/** Without a replica registry (single-process tools): one owner, with the lease the sender always had. */
const SOLE_OWNER: ClaimOwner = { id: 'sole', leaseMs: 2 * 60_000 };

type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/** An entry's outbox columns but its payload: the platform, the target as stored, kind and dedupe key. */
export const outboxRowOf = (e: OutboxEntry) => ({
  platform: e.target.kind === 'user' ? e.target.user.platform : platformOf(e.target.conversation),
  target: e.target.kind === 'user' ? `user:${e.target.user.platform}:${e.target.user.id}` : e.target.conversation,
  kind: e.kind,
  dedupeKey: e.dedupeKey,
});

/**
 * Writes outbox rows inside a caller's transaction, so a feature's decision and the messages it
 * causes commit together. Rows whose dedupe key exists are skipped. Returns how many were written.
 */
export async function insertOutboxEntries(tx: Tx, entries: OutboxEntry[], now: Date): Promise<number> {
  // Insert-or-ignore on the dedupe key: also right when another replica writes the same key at once.
  const rows = entries.map((e) => ({
    ...outboxRowOf(e),
    payload: JSON.stringify({ target: e.target, message: OutboundMessageSchema.parse(e.message) }),
  }));
  return insertOutboxRows(tx, rows, now);
}

/** Claims a unique work key inside a transaction; false when it was claimed before (here or by another replica). */
export async function claimWorkKey(tx: Tx, key: string, job: string, now: Date): Promise<boolean> {
  return insertDoneWorkKey(tx, key, job, now);
}

/** How far back a conversation's last message matters for its gap between messages. */
const GAP_LOOKBACK_MS = 60_000;

/**
 * When each of these conversations last got an outbox message, from any replica, if recently: the
 * sender keeps the platform's gap between two messages into one conversation across replicas too.
 */
async function lastSentTo(db: PrismaClient, targets: string[], now: Date): Promise<Map<string, Date>> {
  if (targets.length === 0) return new Map();
  const rows = await db.outboxMessage.groupBy({
    by: ['target'],
    where: { target: { in: targets }, status: 'sent', sentAt: { gte: new Date(now.getTime() - GAP_LOOKBACK_MS) } },
    _max: { sentAt: true },
  });
  return new Map(rows.flatMap((r) => (r._max.sentAt ? [[r.target, r._max.sentAt] as const] : [])));
}

export function createPrismaOutbox(
  db: PrismaClient,
  clock: Clock,
  onEnqueued: () => void = () => undefined,
  owner: ClaimOwner = SOLE_OWNER,
): Outbox & OutboxStore {
  return {
    async enqueue(entries, options = {}) {
      const now = clock.now();
      const result = await db.$transaction(async (tx) => {
        if (options.claimKey && !(await claimWorkKey(tx, options.claimKey, 'outbox', now))) return { claimed: false, enqueued: 0 };
        return { claimed: true, enqueued: await insertOutboxEntries(tx, entries, now) };
      });
      if (result.enqueued > 0) onEnqueued();
      return result;
    },

    async claimDue(now, limit, platforms) {
      // One statement (see claims.ts): concurrent replicas never take the same row.
      const due = await claimOutboxRows(db, owner, now, limit, platforms);
      const lastSent = await lastSentTo(db, [...new Set(due.map((r) => r.target))], now);
      return due.map((r): OutboxRow => {
        const payload = readJson(PayloadSchema, r.payload, 'outbox payload');
        return {
          id: r.id,
          platform: r.platform as Platform,
          kind: r.kind,
          attempts: r.attempts,
          targetKey: r.target,
          lastSentAt: lastSent.get(r.target) ?? null,
          ...payload,
        };
      });
    },
    async markSent(id, platformRef, now) {
      await db.outboxMessage.update({ where: { id }, data: { status: 'sent', platformRef, sentAt: now, lockedUntil: null, lockedBy: null, lastError: null } });
    },
    async retryAt(id, at, reason, countAttempt) {
      await db.outboxMessage.update({
        where: { id },
        data: {
          status: 'pending',
          nextAttemptAt: at,
          lastError: reason,
          lockedUntil: null,
          lockedBy: null,
          ...(countAttempt ? { attempts: { increment: 1 } } : {}),
        },
      });
    },
    async markFailed(id, reason) {
      await db.outboxMessage.update({
        where: { id },
        data: { status: 'failed', lastError: reason, lockedUntil: null, lockedBy: null, attempts: { increment: 1 } },
      });
    },
    async releaseInFlight() {
      // Only lapsed leases: a live replica's rows are its own. Dead replicas' rows are released by the registry.
      const { count } = await db.outboxMessage.updateMany({
        where: { status: 'sending', lockedUntil: { lt: clock.now() } },
        data: { status: 'pending', lockedUntil: null, lockedBy: null },
      });
      return count;
    },
  };
}
