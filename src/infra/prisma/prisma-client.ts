// Opens the app's database, SQLite or PostgreSQL: pending migrations first, then a Prisma client over
// the provider's driver adapter. Both generated clients come from the one schema, so the SQLite client's
// type is the shared surface; the PostgreSQL client implements it (its input types are a superset).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { pgConfig, type DatabaseTarget } from './database-target.ts';
import { PrismaClient } from './generated/client.ts';
import { migrationsUpToDate } from './migration-check.ts';
import { attachDirect, capturingAdapter } from './sqlite-direct.ts';
import { reusingStatements } from './sqlite-statements.ts';

/**
 * Prisma's other formats record where each query was called from (a stack trace taken and parsed per
 * query, ~10% of a survey submission) to quote that line in error messages; errors here are logged
 * with their own stack and a reference, so the call site adds nothing.
 */
const ERROR_FORMAT = 'minimal';

/** Connections per replica to PostgreSQL: enough for the sender, the scheduler and a few inbound events at once. */
const PG_POOL_SIZE = 10;

/** A SQLite `dbFile` should be absolute: the adapter would resolve a relative one against the cwd. */
export async function openDatabase(target: DatabaseTarget | string): Promise<PrismaClient> {
  const t: DatabaseTarget = typeof target === 'string' ? { provider: 'sqlite', file: target } : target;
  if (t.provider === 'sqlite') mkdirSync(dirname(t.file), { recursive: true });
  // The schema engine closes its own connections before returning, so the client never meets its locks.
  if (!(await migrationsUpToDate(t))) {
    const { deployMigrations } = await import('./schema-engine.ts');
    await deployMigrations(t);
  }
  return t.provider === 'sqlite' ? openSqlite(t.file) : openPostgres(t.url);
}

async function openSqlite(dbFile: string): Promise<PrismaClient> {
  const adapter = capturingAdapter(dbFile);
  const db = new PrismaClient({ adapter: reusingStatements(adapter.factory), errorFormat: ERROR_FORMAT });
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
    if (adapter.connection()) attachDirect(db, adapter.connection);
    return db;
  } catch (error) {
    await db.$disconnect();
    throw error;
  }
}

async function openPostgres(url: string): Promise<PrismaClient> {
  // Loaded only for PostgreSQL: a SQLite bot (the shell) does not pay for the second client and pg.
  const [{ PrismaPg }, { PrismaClient: PgPrismaClient }] = await Promise.all([import('@prisma/adapter-pg'), import('./generated-pg/client.ts')]);
  const db = new PgPrismaClient({ adapter: new PrismaPg(pgConfig(url, { max: PG_POOL_SIZE, application_name: 'filiera' })), errorFormat: ERROR_FORMAT });
  await db.$connect();
  // Same models from the same schema; only the SQL the query compiler emits differs.
  return db as unknown as PrismaClient;
}
