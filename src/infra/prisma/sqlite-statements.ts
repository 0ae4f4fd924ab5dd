// Prepared statements kept and reused on SQLite. Prisma's better-sqlite3 adapter prepares every query
// afresh (SQLite parses and plans the text each time) and binds its arguments for good, which makes a
// statement single-use. Here the adapter's connection hands out the statement it prepared before for the
// same text, behind a small wrapper that takes the arguments at each run instead of binding them.
// The adapter (a pinned version) uses prepare → bind → reader/columns/raw().all() or run() on its
// `client`, which becomes a handle doing that; if the connection is not found there, nothing is
// cached and queries run as before.
import type { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { ColumnDefinition, Database, Statement } from 'better-sqlite3';

/** Distinct query texts kept; Prisma writes a new text per length of an IN list, so the set is bounded. */
const KEEP = 500;

/** What the adapter does with a prepared statement, with the arguments given per run. */
class Reusable {
  #args: unknown[] = [];
  constructor(private readonly kept: Kept) {}
  get reader(): boolean {
    return this.kept.statement.reader;
  }
  bind(args: unknown[]): this {
    this.#args = args;
    return this;
  }
  columns(): ColumnDefinition[] {
    // A statement's result columns are fixed once prepared (the app's schema does not change while it runs).
    return (this.kept.columns ??= this.kept.statement.columns());
  }
  raw(): this {
    this.kept.statement.raw(true);
    return this;
  }
  all(): unknown[] {
    return this.kept.statement.all(this.#args);
  }
  run() {
    return this.kept.statement.run(this.#args);
  }
}

interface Kept {
  statement: Statement<unknown[]>;
  columns?: ColumnDefinition[];
}

/**
 * The adapter's handle on its connection, handing out kept statements. Only the adapter holds it: the
 * connection itself is untouched, so whoever uses it directly (sqlite-direct.ts) gets real statements.
 */
function reusingHandle(connection: Database): Database {
  const kept = new Map<string, Kept>();
  const prepare = (sql: string) => {
    let one = kept.get(sql);
    if (one === undefined) {
      one = { statement: connection.prepare<unknown[]>(sql) };
      // Oldest text out first: a query the app runs often is prepared again at worst once per KEEP others.
      if (kept.size >= KEEP) kept.delete(kept.keys().next().value!);
      kept.set(sql, one);
    }
    return new Reusable(one);
  };
  return new Proxy(connection, {
    get(target, key) {
      if (key === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The adapter keeps its connection as `client` (pinned adapter version; sqlite-direct.ts relies on it too). */
const connectionOf = (adapter: SqlDriverAdapter): Database | null => {
  const client = (adapter as { client?: Database }).client;
  return client && typeof client.prepare === 'function' ? client : null;
};

/** The adapter factory with statement reuse on every connection it opens. */
export function reusingStatements(factory: PrismaBetterSqlite3): SqlMigrationAwareDriverAdapterFactory {
  const reusing = async (open: Promise<SqlDriverAdapter>) => {
    const adapter = await open;
    const connection = connectionOf(adapter);
    if (connection) (adapter as unknown as { client: Database }).client = reusingHandle(connection);
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => reusing(factory.connect()),
    connectToShadowDb: () => reusing(factory.connectToShadowDb()),
  };
}
