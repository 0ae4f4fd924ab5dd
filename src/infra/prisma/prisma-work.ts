// Scheduled work as rows: a unique key per occurrence makes a second claim of the same work a no-op,
// across replicas too. A claim is a lease held by one replica (claims.ts); work a dead replica left
// running is released as pending by the replica registry and run once more by the scheduler.
import type { Clock } from '../../core/index.ts';
import { claimWorkItem, insertInboxKey, pendingWork, type ClaimOwner } from './claims.ts';
import type { PrismaClient } from './generated/client.ts';

export interface WorkClaims {
  /** True when this call won the key (new, released, or left by a replica whose lease lapsed). */
  claim(key: string, job: string, dueAt: Date): Promise<boolean>;
  done(key: string, at: Date): Promise<void>;
  failed(key: string, reason: string): Promise<void>;
  /** Work of these jobs released by dead replicas, waiting to run again: the scheduler claims and runs each. */
  abandoned(jobs: string[], limit: number): Promise<Array<{ key: string; job: string; dueAt: Date }>>;
}

/** Without a replica registry (single-process tools): one owner. */
const SOLE_OWNER: ClaimOwner = { id: 'sole', leaseMs: 2 * 60_000 };

export function createPrismaWork(db: PrismaClient, clock: Clock, owner: ClaimOwner = SOLE_OWNER): WorkClaims {
  return {
    claim: (key, job, dueAt) => claimWorkItem(db, owner, key, job, dueAt, clock.now()),
    async done(key, at) {
      await db.workItem.update({ where: { key }, data: { status: 'done', doneAt: at, lastError: null, lockedBy: null, lockedUntil: null } });
    },
    async failed(key, reason) {
      await db.workItem.update({ where: { key }, data: { status: 'failed', lastError: reason.slice(0, 500), lockedBy: null, lockedUntil: null } });
    },
    abandoned: (jobs, limit) => pendingWork(db, jobs, limit),
  };
}

/** Inbound dedupe: the first delivery of a platform event id wins; replays (on any replica) are ignored. */
export function createPrismaInbox(db: PrismaClient, clock: Clock): (key: string) => Promise<boolean> {
  // A database failure is thrown, never taken for "seen before": that would drop the event unseen.
  return (key) => insertInboxKey(db, key, clock.now());
}
