// Migrations stay in step with prisma/schema, and openDatabase brings a fresh file up to date in WAL mode.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/infra/prisma/generated/client.ts';
import { openDatabase } from '../../src/infra/prisma/prisma-client.ts';
import { deployMigrations, diffMigrationsToSchema, migrationStatus } from '../../src/infra/prisma/schema-engine.ts';

const migrationNames = readdirSync(new URL('../../prisma/migrations/', import.meta.url), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDbFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'filiera-migrations-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'test.db');
}

async function open(file: string): Promise<PrismaClient> {
  const db = await openDatabase(file);
  cleanups.push(() => db.$disconnect());
  return db;
}

const appliedNames = async (db: PrismaClient) =>
  (await db.$queryRawUnsafe<{ migration_name: string }[]>('SELECT migration_name FROM _prisma_migrations ORDER BY migration_name')).map(
    (r) => r.migration_name,
  );

describe('migrations', () => {
  it('schema.prisma and the migrations agree', async () => {
    // A non-empty script means a .prisma file changed without a migration: run `npm run db:new -- <name>`.
    expect(await diffMigrationsToSchema()).toBe('');
  });

  it('openDatabase applies the migrations to a fresh file once, in WAL mode', async () => {
    const file = tempDbFile();
    expect((await migrationStatus(file)).pending).toEqual(migrationNames);

    const first = await open(file);
    expect(await appliedNames(first)).toEqual(migrationNames);
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

  it('reads back a row written through the client', async () => {
    const db = await open(tempDbFile());
    await db.member.create({ data: { platform: 'shell', platformId: 'anna', displayName: 'Anna', createdAt: new Date(0), updatedAt: new Date(0) } });
    const anna = await db.member.findUnique({ where: { platform_platformId: { platform: 'shell', platformId: 'anna' } } });
    expect(anna).toMatchObject({ displayName: 'Anna', role: 'member', handle: null });
    expect(anna?.createdAt).toBeInstanceOf(Date);
  });
});
