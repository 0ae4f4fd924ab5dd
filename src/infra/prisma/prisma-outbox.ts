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

const LOCK_MS = 2 * 60_000;

type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/**
 * Writes outbox rows inside a caller's transaction, so a feature's decision and the messages it
 * causes commit together. Rows whose dedupe key exists are skipped. Returns how many were written.
 */
export async function insertOutboxEntries(tx: Tx, entries: OutboxEntry[], now: Date): Promise<number> {
  let enqueued = 0;
  for (const e of entries) {
    const exists = await tx.outboxMessage.findUnique({ where: { dedupeKey: e.dedupeKey }, select: { id: true } });
    if (exists) continue;
    await tx.outboxMessage.create({
      data: {
        platform: e.target.kind === 'user' ? e.target.user.platform : platformOf(e.target.conversation),
        target: e.target.kind === 'user' ? `user:${e.target.user.platform}:${e.target.user.id}` : e.target.conversation,
        kind: e.kind,
        dedupeKey: e.dedupeKey,
        payload: JSON.stringify({ target: e.target, message: OutboundMessageSchema.parse(e.message) }),
        nextAttemptAt: now,
        createdAt: now,
      },
    });
    enqueued++;
  }
  return enqueued;
}

/** Claims a unique work key inside a transaction; false when it was claimed before. */
export async function claimWorkKey(tx: Tx, key: string, job: string, now: Date): Promise<boolean> {
  const existing = await tx.workItem.findUnique({ where: { key }, select: { key: true } });
  if (existing) return false;
  await tx.workItem.create({ data: { key, job, dueAt: now, status: 'done', doneAt: now } });
  return true;
}

export function createPrismaOutbox(db: PrismaClient, clock: Clock, onEnqueued: () => void = () => undefined): Outbox & OutboxStore {
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
      return db.$transaction(async (tx) => {
        const due = await tx.outboxMessage.findMany({
          where: { status: 'pending', nextAttemptAt: { lte: now }, platform: { in: platforms } },
          orderBy: [{ nextAttemptAt: 'asc' }, { createdAt: 'asc' }],
          take: limit,
        });
        if (due.length === 0) return [];
        await tx.outboxMessage.updateMany({
          where: { id: { in: due.map((r) => r.id) }, status: 'pending' },
          data: { status: 'sending', lockedUntil: new Date(now.getTime() + LOCK_MS) },
        });
        return due.map((r): OutboxRow => {
          const payload = readJson(PayloadSchema, r.payload, 'outbox payload');
          return { id: r.id, platform: r.platform as Platform, kind: r.kind, attempts: r.attempts, ...payload };
        });
      });
    },
    async markSent(id, platformRef, now) {
      await db.outboxMessage.update({ where: { id }, data: { status: 'sent', platformRef, sentAt: now, lockedUntil: null, lastError: null } });
    },
    async retryAt(id, at, reason, countAttempt) {
      await db.outboxMessage.update({
        where: { id },
        data: { status: 'pending', nextAttemptAt: at, lastError: reason, lockedUntil: null, ...(countAttempt ? { attempts: { increment: 1 } } : {}) },
      });
    },
    async markFailed(id, reason) {
      await db.outboxMessage.update({ where: { id }, data: { status: 'failed', lastError: reason, lockedUntil: null, attempts: { increment: 1 } } });
    },
    async releaseInFlight() {
      const { count } = await db.outboxMessage.updateMany({ where: { status: 'sending' }, data: { status: 'pending', lockedUntil: null } });
      return count;
    },
  };
}
