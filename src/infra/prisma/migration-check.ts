// A cheap "is this database up to date?" check, so an everyday start does not load the wasm schema
// engine (about 100 MB of memory) just to learn that nothing is pending. Anything unusual (a new
// file, a missing table, an edited or failed migration) answers "no" and the engine takes over.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export function migrationsUpToDate(dbFile: string, migrationsDir: string): boolean {
  if (!existsSync(dbFile)) return false;
  const folders = readdirSync(migrationsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) return false;
    const rows = db
      .prepare('SELECT migration_name AS name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL')
      .all() as Array<{ name: string; checksum: string }>;
    const unfinished = db.prepare('SELECT COUNT(*) AS n FROM _prisma_migrations WHERE finished_at IS NULL AND rolled_back_at IS NULL').get() as { n: number };
    if (unfinished.n > 0) return false;
    const applied = new Map(rows.map((r) => [r.name, r.checksum]));
    return folders.every((folder) => {
      const sql = readFileSync(join(migrationsDir, folder, 'migration.sql'));
      return applied.get(folder) === createHash('sha256').update(sql).digest('hex');
    });
  } finally {
    db.close();
  }
}
