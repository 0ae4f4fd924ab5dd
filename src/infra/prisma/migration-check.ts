// A cheap "is this database up to date?" check, so an everyday start does not load the wasm schema
// engine (about 100 MB of memory) just to learn that nothing is pending. Anything unusual (a new
// file, a missing table, an edited or failed migration) answers "no" and the engine takes over.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { pgConfig, type DatabaseTarget } from './database-target.ts';
import { MIGRATIONS_DIRS } from './migrations-folder.ts';

interface Recorded {
  applied: Array<{ name: string; checksum: string }>;
  unfinished: number;
}

export async function migrationsUpToDate(target: DatabaseTarget): Promise<boolean> {
  const recorded = target.provider === 'sqlite' ? readSqlite(target.file) : await readPostgres(target.url);
  if (!recorded || recorded.unfinished > 0) return false;
  const dir = MIGRATIONS_DIRS[target.provider];
  const applied = new Map(recorded.applied.map((r) => [r.name, r.checksum]));
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .every(
      (e) =>
        applied.get(e.name) ===
        createHash('sha256')
          .update(readFileSync(join(dir, e.name, 'migration.sql')))
          .digest('hex'),
    );
}

const APPLIED = 'SELECT migration_name AS name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL';
const UNFINISHED = 'SELECT COUNT(*) AS n FROM _prisma_migrations WHERE finished_at IS NULL AND rolled_back_at IS NULL';

function readSqlite(file: string): Recorded | null {
  if (!existsSync(file)) return null;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    if (!db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get()) return null;
    return { applied: db.prepare(APPLIED).all() as Recorded['applied'], unfinished: (db.prepare(UNFINISHED).get() as { n: number }).n };
  } finally {
    db.close();
  }
}

async function readPostgres(url: string): Promise<Recorded | null> {
  const { default: pg } = await import('pg');
  const client = new pg.Client(pgConfig(url));
  await client.connect();
  try {
    const table = await client.query<{ t: string | null }>("SELECT to_regclass('_prisma_migrations')::text AS t");
    if (!table.rows[0]?.t) return null;
    const [applied, unfinished] = [await client.query<Recorded['applied'][number]>(APPLIED), await client.query<{ n: string }>(UNFINISHED)];
    return { applied: applied.rows, unfinished: Number(unfinished.rows[0]?.n ?? 0) };
  } finally {
    await client.end();
  }
}
