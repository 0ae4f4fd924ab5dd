// Bulk writes on SQLite without Prisma's per-statement cost. A digest run writes ~100 MB of rendered
// pages; through `$executeRaw` every parameter is serialised, copied and mapped by the client and every
// statement re-prepared, which made most of the job's time and garbage. Here the same connection Prisma
// uses (so no second writer, no SQLITE_BUSY between the two) runs one synchronous transaction with
// prepared statements kept for the connection's life.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { Database, Statement } from 'better-sqlite3';
import type { PrismaClient } from './generated/client.ts';

/** Where the connection is kept on the client it belongs to (a property, so no registry outlives a client). */
const DIRECT = Symbol('filiera.sqlite-direct');

export interface DirectSqlite {
  /**
   * Runs `work` as one IMMEDIATE transaction, once no interactive Prisma transaction is open on the
   * connection: `work` must be synchronous, so nothing else can run on the connection meanwhile.
   */
  write<T>(work: (statement: (sql: string) => Statement) => T): Promise<T>;
}

/** Prisma's better-sqlite3 adapter factory, noting the connection it opens. */
export function capturingAdapter(file: string): { factory: PrismaBetterSqlite3; connection: () => Database | undefined } {
  const factory = new PrismaBetterSqlite3({ url: file });
  let connection: Database | undefined;
  const connect = factory.connect.bind(factory);
  // The adapter keeps its better-sqlite3 connection as `client` (pinned adapter version; the test of
  // this module fails if that ever changes, and writes then go through Prisma as before).
  factory.connect = async () => {
    const adapter = await connect();
    const client = (adapter as unknown as { client?: Database }).client;
    if (client && typeof client.prepare === 'function' && 'inTransaction' in client) connection = client;
    return adapter;
  };
  return { factory, connection: () => connection };
}

/** Marks `db` as able to write directly through the connection its adapter holds now. */
export function attachDirect(db: PrismaClient, connection: () => Database | undefined): void {
  // Statements belong to a connection: after a disconnect Prisma opens a new one, and so do these.
  const prepared = new WeakMap<Database, Map<string, Statement>>();
  const direct: DirectSqlite = {
    async write(work) {
      let open = connection();
      if (!open?.open) {
        await db.$queryRawUnsafe('SELECT 1'); // Prisma reconnects on its next query
        open = connection();
        if (!open?.open) throw new Error('the SQLite connection is closed');
      }
      const conn = open;
      // An interactive transaction spans awaits: wait for its end rather than join it unknowingly.
      while (conn.inTransaction) await new Promise((resolve) => setImmediate(resolve));
      let statements = prepared.get(conn);
      if (!statements) prepared.set(conn, (statements = new Map()));
      const statement = (sql: string) => {
        let made = statements.get(sql);
        if (!made) statements.set(sql, (made = conn.prepare(sql)));
        return made;
      };
      return conn.transaction(() => work(statement)).immediate();
    },
  };
  Object.defineProperty(db, DIRECT, { value: direct, enumerable: false });
}

/** The direct writer of a SQLite client, or null (PostgreSQL, or a transaction's client). */
export function directSqlite(db: object): DirectSqlite | null {
  return (db as { [DIRECT]?: DirectSqlite })[DIRECT] ?? null;
}

/** A DateTime as Prisma's SQLite adapter stores it (ISO 8601 with an explicit offset), so both read it alike. */
export const sqliteDate = (at: Date): string => at.toISOString().replace('Z', '+00:00');
