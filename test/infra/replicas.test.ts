// Several replicas on one database: concurrent claims never take the same outbox row or work key, an
// inbound delivery is handled once whichever replica receives it, a dead replica's claims and duties
// pass to the others, and the send budget is split between the live replicas. The concurrency cases
// need PostgreSQL (npm run test:postgres); on SQLite there is one replica per file.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrismaOutbox } from '../../src/infra/prisma/prisma-outbox.ts';
import { createPrismaInbox, createPrismaWork } from '../../src/infra/prisma/prisma-work.ts';
import type { PrismaClient } from '../../src/infra/prisma/generated/client.ts';
import { openDatabase } from '../../src/infra/prisma/prisma-client.ts';
import { createReplicaRegistry, type ReplicaRegistry } from '../../src/infra/replicas/replica-registry.ts';
import { LOCK_SPACE } from '../../src/infra/replicas/pg-lock-link.ts';
import type { OutboxEntry } from '../../src/core/index.ts';
import { FixedClock } from '../fakes/fixed-clock.ts';
import { from } from '../fakes/memory-adapter.ts';
import { createTestApp, recordingLogger, tempDbFile, type TestApp } from '../fakes/test-app.ts';
import { testProvider } from '../fakes/test-database.ts';

interface Replica {
  db: PrismaClient;
  registry: ReplicaRegistry;
  clock: FixedClock;
}

const opened: Replica[] = [];
afterEach(async () => {
  for (const r of opened.splice(0)) {
    await r.registry.stop().catch(() => undefined);
    await r.db.$disconnect();
  }
});

/** One replica: its own connection pool, lock connection and registry, on the shared database. */
async function replica(url: string): Promise<Replica> {
  const clock = new FixedClock(new Date('2026-11-23T08:00:00Z'));
  const target = url.startsWith('postgres') ? ({ provider: 'postgresql', url } as const) : ({ provider: 'sqlite', file: url } as const);
  const db = await openDatabase(target);
  const registry = await createReplicaRegistry({ db, target, clock, logger: recordingLogger() });
  await registry.start({ heartbeatMs: 0 });
  const r = { db, registry, clock };
  opened.push(r);
  return r;
}

const invite = (i: number): OutboxEntry => ({
  dedupeKey: `fanout:${i}`,
  kind: 'test',
  target: { kind: 'user', user: { platform: 'shell', id: `member-${i}` } },
  message: { text: `message ${i}` },
});

/** Kills a replica's lock connection from outside, as the server would see a SIGKILLed process. */
async function killLockConnection(r: Replica): Promise<void> {
  const { lockKey } = await r.db.replica.findUniqueOrThrow({ where: { id: r.registry.owner.id } });
  const admin = new pg.Client({ connectionString: process.env.FILIERA_TEST_PG_SERVER });
  await admin.connect();
  await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND classid = $1 AND objid = $2 AND objsubid = 2`, [
    LOCK_SPACE.replica,
    lockKey,
  ]);
  await admin.end();
}

/** Resolves once some session waits for a person lock (the second replica is blocked, not done). */
async function waitingForPersonLock(r: Replica): Promise<void> {
  for (;;) {
    const [row] = await r.db.$queryRaw<{ n: bigint }[]>`
      SELECT COUNT(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = ${LOCK_SPACE.person}`;
    if (Number(row?.n) > 0) return;
  }
}

describe.runIf(testProvider === 'sqlite')('replicas on SQLite', () => {
  it('given a process that died with claims → the next process on the file takes them back at start', async () => {
    const file = tempDbFile();
    const first = await replica(file);
    const outbox = createPrismaOutbox(first.db, first.clock, undefined, first.registry.owner);
    await outbox.enqueue([invite(1), invite(2)]);
    expect(await outbox.claimDue(first.clock.now(), 10, ['shell'])).toHaveLength(2);
    await first.db.$disconnect(); // dies without stopping its registry
    opened.splice(opened.indexOf(first), 1);

    const second = await replica(file);
    const again = createPrismaOutbox(second.db, second.clock, undefined, second.registry.owner);
    expect(await again.claimDue(second.clock.now(), 10, ['shell'])).toHaveLength(2);
    expect(second.registry.live()).toBe(1);
  });
});

describe.runIf(testProvider === 'postgresql')('replicas on PostgreSQL', () => {
  it('given three replicas claiming 600 due messages at once → every message claimed by exactly one', async () => {
    const url = tempDbFile();
    const replicas = await Promise.all([replica(url), replica(url), replica(url)]);
    const stores = replicas.map((r) => createPrismaOutbox(r.db, r.clock, undefined, r.registry.owner));
    await stores[0]!.enqueue(Array.from({ length: 600 }, (_, i) => invite(i)));

    const claimed = await Promise.all(
      stores.map(async (store, n) => {
        const ids: string[] = [];
        for (;;) {
          const rows = await store.claimDue(replicas[n]!.clock.now(), 25, ['shell']);
          if (rows.length === 0) return ids;
          ids.push(...rows.map((r) => r.id));
        }
      }),
    );
    const all = claimed.flat();
    expect(all).toHaveLength(600);
    expect(new Set(all).size).toBe(600);
    expect(claimed.every((ids) => ids.length > 0)).toBe(true);
  });

  it('given two messages for one person → never both in flight, even on two replicas', async () => {
    const url = tempDbFile();
    const [a, b] = await Promise.all([replica(url), replica(url)]);
    const storeA = createPrismaOutbox(a.db, a.clock, undefined, a.registry.owner);
    const storeB = createPrismaOutbox(b.db, b.clock, undefined, b.registry.owner);
    await storeA.enqueue([{ ...invite(1), dedupeKey: 'first' }]);
    await storeA.enqueue([{ ...invite(1), dedupeKey: 'second' }]);
    const [first, second] = await Promise.all([storeA.claimDue(a.clock.now(), 10, ['shell']), storeB.claimDue(b.clock.now(), 10, ['shell'])]);
    expect([...first, ...second].map((r) => r.message.text)).toEqual(['message 1']);
    const sent = [...first, ...second][0]!;
    await storeA.markSent(sent.id, 'ref', a.clock.now());
    expect((await storeB.claimDue(b.clock.now(), 10, ['shell'])).map((r) => r.id)).not.toContain(sent.id);
  });

  it('given twelve claims of one job occurrence from four replicas at once → exactly one wins', async () => {
    const url = tempDbFile();
    const replicas = await Promise.all(Array.from({ length: 4 }, () => replica(url)));
    const claims = await Promise.all(
      replicas.flatMap((r) =>
        [0, 1, 2].map(() => createPrismaWork(r.db, r.clock, r.registry.owner).claim('digest@2026-11-23T08:00:00.000Z', 'digest', r.clock.now())),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('given one delivery id arriving at several replicas at once → handled by exactly one', async () => {
    const url = tempDbFile();
    const replicas = await Promise.all([replica(url), replica(url), replica(url)]);
    const firsts = await Promise.all(replicas.flatMap((r) => [0, 1].map(() => createPrismaInbox(r.db, r.clock)('slack:Ev0123'))));
    expect(firsts.filter(Boolean)).toHaveLength(1);
  });

  it('given a Slack retry reaching another replica behind the load balancer at the same moment → the command runs once', async () => {
    const url = tempDbFile();
    const apps: TestApp[] = [await createTestApp({ DATABASE_URL: url, FILIERA_SEED: '0' }), await createTestApp({ DATABASE_URL: url, FILIERA_SEED: '0' })];
    try {
      const event = { ...from('anna').command('network', 'role paolo admin'), deliveryId: 'command:1234.5678' };
      const replies = await Promise.all(apps.map((app) => app.adapter.inject(event)));
      expect(replies.flat()).toHaveLength(1);
    } finally {
      for (const app of apps) await app.stop();
    }
  });

  it('given a questionnaire started on one replica → the next answers, reaching another replica, carry on from the database', async () => {
    const url = tempDbFile();
    const a = await createTestApp({ DATABASE_URL: url });
    const b = await createTestApp({ DATABASE_URL: url });
    try {
      await a.adapter.inject(from('anna').command('survey', 'open demo to:@giulia'));
      await b.adapter.inject(from('giulia', 'dm').action('survey:answer', 'demo'));
      await a.adapter.inject(from('giulia', 'dm').message('1'));
      await b.adapter.inject(from('giulia', 'dm').message('The deadlines'));
      const responses = await a.db.surveyResponse.findMany();
      expect(responses.map((r) => [r.status, JSON.parse(r.answers)])).toEqual([['final', { PREFERRED_CHANNEL: 'newsletter', WHY: 'The deadlines' }]]);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('given two events of one person on two replicas at once → the second waits until the first is done; another person does not', async () => {
    const url = tempDbFile();
    const [a, b] = await Promise.all([replica(url), replica(url)]);
    const order: string[] = [];
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let started!: () => void;
    const firstStarted = new Promise<void>((resolve) => (started = resolve));
    const first = a.registry.run('shell:giulia', async () => {
      order.push('giulia on A');
      started();
      await gate;
      order.push('giulia on A done');
    });
    await firstStarted;
    const second = b.registry.run('shell:giulia', async () => void order.push('giulia on B'));
    await b.registry.run('shell:petra', async () => void order.push('petra on B'));
    await waitingForPersonLock(b);
    open();
    await Promise.all([first, second]);
    expect(order).toEqual(['giulia on A', 'petra on B', 'giulia on A done', 'giulia on B']);
  });

  it('given a replica killed with claims → another replica releases them on its next beat and sends them', async () => {
    const url = tempDbFile();
    const [a, b] = await Promise.all([replica(url), replica(url)]);
    const storeA = createPrismaOutbox(a.db, a.clock, undefined, a.registry.owner);
    const workA = createPrismaWork(a.db, a.clock, a.registry.owner);
    await storeA.enqueue([invite(1), invite(2), invite(3)]);
    expect(await storeA.claimDue(a.clock.now(), 10, ['shell'])).toHaveLength(3);
    expect(await workA.claim('digest@x', 'digest', a.clock.now())).toBe(true);
    await b.registry.beat();
    expect(b.registry.live()).toBe(2);
    const storeB = createPrismaOutbox(b.db, b.clock, undefined, b.registry.owner);
    expect(await storeB.claimDue(b.clock.now(), 10, ['shell'])).toHaveLength(0); // A is alive: its claims hold

    await killLockConnection(a);
    await b.registry.beat();
    expect(b.registry.live()).toBe(1);
    expect(await storeB.claimDue(b.clock.now(), 10, ['shell'])).toHaveLength(3);
    expect(await createPrismaWork(b.db, b.clock, b.registry.owner).abandoned(['digest'], 10)).toMatchObject([{ key: 'digest@x' }]);
  });

  it('given a live replica whose heartbeat keeps its lease → its claims hold past the lease; a silent one loses them', async () => {
    const url = tempDbFile();
    const [a, b] = await Promise.all([replica(url), replica(url)]);
    const storeA = createPrismaOutbox(a.db, a.clock, undefined, a.registry.owner);
    const storeB = createPrismaOutbox(b.db, b.clock, undefined, b.registry.owner);
    await storeA.enqueue([invite(1)]);
    expect(await storeA.claimDue(a.clock.now(), 10, ['shell'])).toHaveLength(1);
    a.clock.advance(50_000);
    await a.registry.beat();
    b.clock.advance(90_000);
    expect(await storeB.claimDue(b.clock.now(), 10, ['shell'])).toHaveLength(0);
    b.clock.advance(30_000); // past A's last lease (50 s + 60 s) with no beat from A: the lease lapses
    expect(await storeB.claimDue(b.clock.now(), 10, ['shell'])).toHaveLength(1);
  });

  it('given two replicas → each may spend half of a platform budget; when one stops, the other the whole', async () => {
    const url = tempDbFile();
    const [a, b] = await Promise.all([replica(url), replica(url)]);
    await a.registry.beat();
    expect([a.registry.fraction('slack'), b.registry.live()]).toEqual([0.5, 2]);
    await b.registry.stop();
    await a.registry.beat();
    expect(a.registry.fraction('slack')).toBe(1);
  });

  it('given two replicas contending for a duty → one holds it; when its session dies the other takes it on its next beat, and the first lets go', async () => {
    const url = tempDbFile();
    const [a, b] = await Promise.all([replica(url), replica(url)]);
    const held: string[] = [];
    const duty = (name: string) => async () => {
      held.push(name);
      return async () => void held.splice(held.indexOf(name), 1);
    };
    await a.registry.contend('discord-gateway', duty('a'));
    await b.registry.contend('discord-gateway', duty('b'));
    await b.registry.beat();
    expect(held).toEqual(['a']);

    await killLockConnection(a); // as the server sees a killed process: its session and locks are gone
    await b.registry.beat();
    expect(held).toEqual(['a', 'b']); // A, frozen, has not noticed yet: the overlap inbound dedupe absorbs
    await a.registry.beat(); // A comes back on a new connection: it lets go and B keeps the duty
    expect(held).toEqual(['b']);
    await a.registry.beat();
    expect(held).toEqual(['b']);
  });
});
