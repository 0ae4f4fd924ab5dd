// Scheduled work as rows: a unique key per occurrence makes a second claim of the same work a no-op,
// and rows left "running" by a crash are picked up again on the next start.
import type { Clock } from '../../core/index.ts';
import type { PrismaClient } from './generated/client.ts';

export interface WorkClaims {
  /** True when this call won the key (new, or left unfinished by a crashed run). */
  claim(key: string, job: string, dueAt: Date): Promise<boolean>;
  done(key: string, at: Date): Promise<void>;
  failed(key: string, reason: string): Promise<void>;
  /** On start: anything a dead process left running may run again. */
  releaseRunning(): Promise<number>;
}

export function createPrismaWork(db: PrismaClient, clock: Clock): WorkClaims {
  return {
    async claim(key, job, dueAt) {
      const now = clock.now();
      const inserted = await db.workItem
        .createMany({ data: [{ key, job, dueAt, status: 'running', claimedAt: now }] })
        .then(() => true)
        .catch(() => false);
      if (inserted) return true;
      const { count } = await db.workItem.updateMany({ where: { key, status: 'pending' }, data: { status: 'running', claimedAt: now } });
      return count === 1;
    },
    async done(key, at) {
      await db.workItem.update({ where: { key }, data: { status: 'done', doneAt: at, lastError: null } });
    },
    async failed(key, reason) {
      await db.workItem.update({ where: { key }, data: { status: 'failed', lastError: reason.slice(0, 500) } });
    },
    async releaseRunning() {
      const { count } = await db.workItem.updateMany({ where: { status: 'running' }, data: { status: 'pending' } });
      return count;
    },
  };
}

/** Inbound dedupe: the first delivery of a platform event id wins; replays are ignored. */
export function createPrismaInbox(db: PrismaClient, clock: Clock): (key: string) => Promise<boolean> {
  return (key) =>
    db.inboxEvent
      .createMany({ data: [{ key, receivedAt: clock.now() }] })
      .then(() => true)
      .catch(() => false);
}
