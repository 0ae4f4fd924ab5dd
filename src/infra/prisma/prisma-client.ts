// Opens the app's SQLite database: migrations first, then a Prisma client over better-sqlite3,
// tuned for one process with several concurrent writers (scheduler, outbox, adapters).
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../paths.ts';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from './generated/client.ts';
import { migrationsUpToDate } from './migration-check.ts';

const MIGRATIONS_DIR = join(PROJECT_ROOT, 'prisma', 'migrations');

/** `dbFile` should be absolute: the adapter would resolve a relative one against the cwd. */
export async function openDatabase(dbFile: string): Promise<PrismaClient> {
  // The schema engine closes its own connections before returning, so the client never meets its exclusive lock.
  mkdirSync(dirname(dbFile), { recursive: true });
  if (!migrationsUpToDate(dbFile, MIGRATIONS_DIR)) {
    const { deployMigrations } = await import('./schema-engine.ts');
    await deployMigrations(dbFile);
  }
  const db = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: dbFile }) });
  try {
    // WAL lets readers run beside the one writer; it is stored in the file, so later opens keep it.
    const [mode] = await db.$queryRawUnsafe<{ journal_mode: string }[]>('PRAGMA journal_mode=WAL');
    if (mode?.journal_mode.toLowerCase() !== 'wal') throw new Error(`SQLite refused WAL for ${dbFile} (journal_mode=${mode?.journal_mode})`);
    // Wait for a competing writer instead of failing at once with SQLITE_BUSY.
    await db.$queryRawUnsafe('PRAGMA busy_timeout=5000');
    // Safe with WAL (a power cut can lose the last commits, never corrupt) and avoids an fsync per commit.
    await db.$executeRawUnsafe('PRAGMA synchronous=NORMAL');
    // Deleted rows (questionnaire drafts, erased members) are overwritten with zeros, not left
    // readable in free pages of the file.
    await db.$queryRawUnsafe('PRAGMA secure_delete=ON');
    return db;
  } catch (error) {
    await db.$disconnect();
    throw error;
  }
}
