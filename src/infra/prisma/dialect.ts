// The seam where SQLite and PostgreSQL differ, for the few statements Prisma's query builder cannot
// express (claims, insert-or-ignore, row locking). Raw statements are written once as Prisma.sql
// templates: Prisma renders the placeholders ($1 or ?) and the DateTime arguments for each provider,
// and ON CONFLICT, RETURNING and MATERIALIZED read the same on both. What still differs lives here.
import { Prisma, type PrismaClient } from './generated/client.ts';
import type { Provider } from './schema-variant.mjs';

/** A client or an interactive transaction's client: both carry the provider they were generated for. */
type AnyClient = Pick<PrismaClient, '$queryRaw' | '$executeRaw'>;

export interface Dialect {
  readonly provider: Provider;
  /**
   * Appended to a SELECT that picks rows to claim: on PostgreSQL, lock the picked rows of `alias` and skip
   * rows another transaction is claiming, so concurrent replicas never pick the same row. SQLite runs one
   * writer at a time and the claim is a single UPDATE, so nothing is needed there.
   */
  lockSkipLocked(alias: string): Prisma.Sql;
  /** `?` placeholders rewritten for the provider ($1, $2… on PostgreSQL), for hand-built statements. */
  placeholders(sql: string): string;
}

const sqlite: Dialect = {
  provider: 'sqlite',
  lockSkipLocked: () => Prisma.empty,
  placeholders: (sql) => sql,
};

const postgresql: Dialect = {
  provider: 'postgresql',
  lockSkipLocked: (alias) => Prisma.raw(`FOR UPDATE OF "${alias.replace(/"/g, '')}" SKIP LOCKED`),
  placeholders: (sql) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  },
};

/**
 * The dialect of a client. Reads Prisma's `_activeProvider` (set on clients and transaction clients alike):
 * internal, so a test checks it on both providers and this throws rather than guess if it ever disappears.
 */
export function dialectOf(db: AnyClient): Dialect {
  const provider = (db as { _activeProvider?: unknown })._activeProvider;
  if (provider === 'sqlite') return sqlite;
  if (provider === 'postgresql' || provider === 'postgres') return postgresql;
  throw new Error(`unknown database provider ${String(provider)}: the Prisma client no longer says which it is`);
}
