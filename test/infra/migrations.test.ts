// Migrations stay in step with prisma/schema for both providers, and openDatabase brings a fresh
// database up to date: a SQLite file in WAL mode, or (under npm run test:postgres) a PostgreSQL database,
// also when several replicas start on it at once.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/infra/prisma/generated/client.ts';
import { openDatabase } from '../../src/infra/prisma/prisma-client.ts';
import type { DatabaseTarget } from '../../src/infra/prisma/database-target.ts';
import { dialectOf } from '../../src/infra/prisma/dialect.ts';
import { deployMigrations, diffMigrationsToSchema, migrationStatus } from '../../src/infra/prisma/schema-engine.ts';
import { testProvider } from '../fakes/test-database.ts';

const namesIn = (folder: string) =>
  readdirSync(new URL(`../../prisma/${folder}/`, import.meta.url), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempSqlite(): DatabaseTarget {
  const dir = mkdtempSync(join(tmpdir(), 'filiera-migrations-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return { provider: 'sqlite', file: join(dir, 'test.db') };
}

/** An empty PostgreSQL database (not the run's migrated template), dropped after the test. */
async function emptyPostgres(): Promise<DatabaseTarget> {
  const server = process.env.FILIERA_TEST_PG_SERVER!;
  const name = `${process.env.FILIERA_TEST_PG_PREFIX}empty_${process.pid}_${cleanups.length}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  cleanups.push(async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { provider: 'postgresql', url: url.toString() };
}

async function open(target: DatabaseTarget): Promise<PrismaClient> {
  const db = await openDatabase(target);
  cleanups.push(() => db.$disconnect());
  return db;
}

const appliedNames = async (db: PrismaClient) =>
  (await db.$queryRaw<{ migration_name: string }[]>`SELECT migration_name FROM _prisma_migrations ORDER BY migration_name`).map((r) => r.migration_name);

describe('migrations on SQLite', () => {
  const migrationNames = namesIn('migrations');

  it('given prisma/schema → the SQLite migrations agree with it', async () => {
    // A non-empty script means a .prisma file changed without a migration: run `npm run db:new -- <name>`.
    expect(await diffMigrationsToSchema('sqlite')).toBe('');
  }, 120_000);

  it('given a fresh file → openDatabase applies the migrations once, in WAL mode', async () => {
    const file = tempSqlite();
    expect((await migrationStatus(file)).pending).toEqual(migrationNames);

    const first = await open(file);
    expect(await appliedNames(first)).toEqual(migrationNames);
    expect(dialectOf(first).provider).toBe('sqlite');
    const [{ journal_mode }] = await first.$queryRawUnsafe<[{ journal_mode: string }]>('PRAGMA journal_mode');
    expect(journal_mode).toBe('wal');
    const [{ timeout }] = await first.$queryRawUnsafe<[{ timeout: bigint }]>('PRAGMA busy_timeout');
    expect(Number(timeout)).toBe(5000);
    await first.$disconnect();

    expect(await deployMigrations(file)).toEqual([]);
    const second = await open(file);
    expect(await appliedNames(second)).toEqual(migrationNames);
    expect(await migrationStatus(file)).toMatchObject({ pending: [], upToDate: true });
  });

  it('given a row written through the client → read back with its types', async () => {
    const db = await open(tempSqlite());
    await db.member.create({ data: { platform: 'shell', platformId: 'anna', displayName: 'Anna', createdAt: new Date(0), updatedAt: new Date(0) } });
    const anna = await db.member.findUnique({ where: { platform_platformId: { platform: 'shell', platformId: 'anna' } } });
    expect(anna).toMatchObject({ displayName: 'Anna', role: 'member', handle: null });
    expect(anna?.createdAt).toBeInstanceOf(Date);
  });
});

describe.runIf(testProvider === 'postgresql')('migrations on PostgreSQL', () => {
  const migrationNames = namesIn('migrations-postgresql');

  it('given prisma/schema → the PostgreSQL migrations agree with it (replayed in a temporary database)', async () => {
    // A non-empty script means a .prisma file changed without a migration: run `npm run db:new -- <name>`.
    expect(await diffMigrationsToSchema('postgresql', process.env.FILIERA_TEST_PG_SERVER)).toBe('');
  }, 180_000);

  it('given an empty database → openDatabase applies the migrations once; status then says up to date', async () => {
    const target = await emptyPostgres();
    expect((await migrationStatus(target)).pending).toEqual(migrationNames);
    const db = await open(target);
    expect(await appliedNames(db)).toEqual(migrationNames);
    expect(dialectOf(db).provider).toBe('postgresql');
    expect(await deployMigrations(target)).toEqual([]);
    expect(await migrationStatus(target)).toMatchObject({ pending: [], upToDate: true });
  });

  it('given three replicas starting together on an empty database → each migration applied once, all three open', async () => {
    const target = await emptyPostgres();
    const [a] = await Promise.all([open(target), open(target), open(target)]);
    const rows = await a.$queryRaw<{ migration_name: string; n: bigint }[]>`
      SELECT migration_name, COUNT(*) AS n FROM _prisma_migrations GROUP BY migration_name ORDER BY migration_name`;
    expect(rows.map((r) => [r.migration_name, Number(r.n)])).toEqual(migrationNames.map((n) => [n, 1]));
  });

  it('given a row written through the client → read back with its types, times to the millisecond', async () => {
    const db = await open(await emptyPostgres());
    const at = new Date('2026-11-23T08:00:00.123Z');
    await db.member.create({ data: { platform: 'shell', platformId: 'anna', displayName: 'Anna', createdAt: at, updatedAt: at } });
    const anna = await db.member.findUnique({ where: { platform_platformId: { platform: 'shell', platformId: 'anna' } } });
    expect(anna).toMatchObject({ displayName: 'Anna', role: 'member', handle: null, createdAt: at });
  });
});
