// Every running process of the bot registers as a replica. Its heartbeat (every few seconds) keeps its
// claims' leases, releases the claims of replicas that died, refreshes how many replicas share the send
// budgets, and (on PostgreSQL) competes for single-holder duties. Liveness is exact on PostgreSQL: a
// replica is alive while its lock connection holds its advisory lock (pg-lock-link.ts). SQLite holds one
// replica per file, so whatever another process claimed is dead by the time this one starts.
import { randomInt, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { BudgetShare, Clock, Leadership, Logger, PersonSerializer } from '../../core/index.ts';
import { extendLeases, releaseClaimsExcept, releaseOwnClaims, type ClaimOwner } from '../prisma/claims.ts';
import type { DatabaseTarget } from '../prisma/database-target.ts';
import { Prisma, type PrismaClient } from '../prisma/generated/client.ts';
import type { PgLeadership } from './pg-leadership.ts';
import type { PgLockLink } from './pg-lock-link.ts';
import type { PgPersonLocks } from './pg-person-locks.ts';

/** How often a replica beats; a dead PostgreSQL replica's claims and duties pass on within about this long. */
export const HEARTBEAT_MS = 5_000;
/** How long a claim holds without its owner's heartbeat (the backstop when liveness cannot be read). */
export const CLAIM_LEASE_MS = 60_000;

export interface ReplicaRegistry extends BudgetShare, Leadership, PersonSerializer {
  readonly owner: ClaimOwner;
  /** Registers, releases what dead replicas held, and starts beating every `heartbeatMs` (0: only when called). */
  start(options?: { heartbeatMs?: number; onBeat?: () => Promise<unknown> }): Promise<void>;
  /** One heartbeat; exposed so tests and benchmarks can beat on their own clock. */
  beat(): Promise<void>;
  /** Live replicas on this database, as of the last beat (this one included). */
  live(): number;
  /** Runs `work` while no other replica runs work of the same name (first-start seeding). */
  exclusive<T>(name: string, work: () => Promise<T>): Promise<T>;
  /** Lets go of every duty, hands back its claims and leaves. */
  stop(): Promise<void>;
}

/** The PostgreSQL parts, loaded only there (they bring in pg). */
async function postgresParts(url: string, logger: Logger) {
  const [{ PgLockLink, LOCK_SPACE, dutyKey }, { PgLeadership }, { PgPersonLocks }] = await Promise.all([
    import('./pg-lock-link.ts'),
    import('./pg-leadership.ts'),
    import('./pg-person-locks.ts'),
  ]);
  const link: PgLockLink = new PgLockLink({ url, logger });
  const leadership: PgLeadership = new PgLeadership(link, logger);
  const personLocks: PgPersonLocks = new PgPersonLocks(url);
  return { link, leadership, personLocks, LOCK_SPACE, dutyKey };
}

export async function createReplicaRegistry(deps: { db: PrismaClient; target: DatabaseTarget; clock: Clock; logger: Logger }): Promise<ReplicaRegistry> {
  const { db, clock, logger, target } = deps;
  const owner: ClaimOwner = { id: randomUUID(), leaseMs: CLAIM_LEASE_MS };
  const pgParts = target.provider === 'postgresql' ? await postgresParts(target.url, logger) : null;
  const link = pgParts?.link ?? null;
  const leadership = pgParts?.leadership ?? null;
  const personLocks = pgParts?.personLocks ?? null;
  let lockKey = 0;
  let liveCount = 1;
  let timer: NodeJS.Timeout | null = null;
  let beating: Promise<void> | null = null;

  /** The ids of live replicas, as a sub-select evaluated inside the statement that uses it. */
  const liveIds = (): Prisma.Sql =>
    link
      ? Prisma.sql`SELECT "id" FROM "Replica" WHERE "lockKey" IN (
          SELECT CAST("objid" AS BIGINT) FROM pg_locks WHERE "locktype" = 'advisory' AND "granted" AND "objsubid" = 2
            AND "classid" = ${Prisma.raw(String(pgParts!.LOCK_SPACE.replica))}
            AND "database" = (SELECT "oid" FROM pg_database WHERE "datname" = current_database()))`
      : Prisma.sql`SELECT ${owner.id}`;

  /** On PostgreSQL: (re)open the lock connection and hold this replica's lock; false while the server is unreachable. */
  async function holdReplicaLock(): Promise<boolean> {
    if (!pgParts || !link) return true;
    if (link.healthy && lockKey) return true;
    if (!(await link.ensureOpen())) return false;
    for (let tries = 0; tries < 5; tries++) {
      const key = lockKey || randomInt(1, 0x7fff_ffff);
      if (await link.tryLock(pgParts.LOCK_SPACE.replica, key)) {
        lockKey = key;
        return true;
      }
      lockKey = 0; // held by an older session of ours that the server has not dropped yet, or a rare collision
    }
    return false;
  }

  async function register(): Promise<void> {
    const now = clock.now();
    // A dead replica that drew the same key left its row behind; we hold the key now, so it is stale.
    await db.replica.deleteMany({ where: { lockKey, id: { not: owner.id } } });
    await db.replica.upsert({
      where: { id: owner.id },
      update: { seenAt: now, lockKey },
      create: { id: owner.id, lockKey, host: hostname(), pid: process.pid, startedAt: now, seenAt: now },
    });
  }

  async function beat(): Promise<void> {
    if (!(await holdReplicaLock())) {
      // Cut off from the server: others will count us dead, so hold no duty meanwhile.
      await leadership?.letGoAll();
      return;
    }
    await register();
    await extendLeases(db, owner, clock.now());
    const released = await releaseClaimsExcept(db, liveIds());
    if (released.outbox || released.work) logger.info({ ...released }, 'released the claims of replicas that stopped');
    await db.$executeRaw`DELETE FROM "Replica" WHERE "id" NOT IN (${liveIds()})`;
    liveCount = Math.max(1, await db.replica.count());
    await leadership?.tick();
  }

  const beatOnce = (): Promise<void> =>
    (beating ??= beat().finally(() => {
      beating = null;
    }));

  return {
    owner,
    fraction: () => 1 / liveCount,
    live: () => liveCount,
    contend: (duty, lead) => (leadership ? leadership.contend(duty, lead) : lead().then(() => undefined)),
    beat: beatOnce,
    run: (key, work) => (personLocks ? personLocks.run(key, work) : work()),
    async exclusive(name, work) {
      if (!pgParts || !link) return work();
      const { LOCK_SPACE, dutyKey } = pgParts;
      const key = dutyKey(`exclusive:${name}`);
      for (;;) {
        if (!(await link.ensureOpen())) throw new Error('cannot reach the PostgreSQL server for a replica lock');
        if (await link.tryLock(LOCK_SPACE.duty, key)) break;
        await clock.sleep(250);
      }
      try {
        return await work();
      } finally {
        await link.unlock(LOCK_SPACE.duty, key);
      }
    },
    async start(options = {}) {
      if (!(await holdReplicaLock())) throw new Error('cannot hold a replica lock on the PostgreSQL server');
      await beatOnce();
      const every = options.heartbeatMs ?? HEARTBEAT_MS;
      if (every > 0) {
        timer = setInterval(() => {
          void beatOnce()
            .then(() => options.onBeat?.())
            .catch((error: unknown) => logger.error({ err: error }, 'replica heartbeat failed'));
        }, every);
        timer.unref();
      }
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await beating;
      await leadership?.letGoAll();
      await releaseOwnClaims(db, owner);
      await db.replica.deleteMany({ where: { id: owner.id } });
      await link?.close();
      await personLocks?.close();
    },
  };
}
