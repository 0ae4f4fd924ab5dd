// The PostgreSQL side of the offline migrator: a migration-aware adapter factory over @prisma/adapter-pg
// with three work-arounds for the wasm/adapter path (see the prisma-offline notes), each failing loudly
// if upstream behaviour changes:
// 1. adapter-pg cannot decode `"char"` (OID 18), which the schema describer selects (pg_constraint.contype):
//    the migrator's own pools report it as text. The app's pools are untouched.
// 2. adapter-pg's connectToShadowDb lands on the main database when built from a connection string, and
//    leaks the temporary database when built from a config: we create and drop the shadow database ourselves.
// 3. adapter-pg's executeScript splits on ";" and runs statements one by one; a migration is sent whole
//    instead (simple-query protocol: one implicit transaction, as the native engine does).
import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { pgConfig } from './database-target.ts';

const CHAR_OID = 18;
const TEXT_OID = 25;

type QueryResultLike = { fields?: Array<{ dataTypeID: number }> };

/** Work-around 1: a pool whose results describe `"char"` columns as text. */
class CharAsTextPool extends pg.Pool {
  override query(...args: unknown[]): never {
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (result instanceof Promise) return result.then(charAsText) as never;
    return result as never;
  }
}

function charAsText<T>(result: T): T {
  for (const field of (result as QueryResultLike).fields ?? []) if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
  return result;
}

/** One connection per adapter: the engine's advisory lock (pg_advisory_lock) and its unlock then share a session. */
async function connectAdapter(url: string, database?: string): Promise<{ adapter: SqlDriverAdapter; pool: pg.Pool }> {
  const pool = new CharAsTextPool(pgConfig(url, { max: 1, ...(database ? { database } : {}) }));
  return { adapter: await new PrismaPg(pool, { disposeExternalPool: true }).connect(), pool };
}

/** Work-around 3 on top of an adapter, plus an extra step on dispose. */
function wrap({ adapter, pool }: { adapter: SqlDriverAdapter; pool: pg.Pool }, afterDispose: () => Promise<void> = async () => undefined): SqlDriverAdapter {
  // The engine disposes a shadow database itself, and withSchemaEngine disposes everything again.
  let disposing: Promise<void> | undefined;
  return new Proxy(adapter, {
    get(target, key) {
      if (key === 'executeScript')
        return async (script: string) => {
          await pool.query(script);
        };
      if (key === 'dispose') return () => (disposing ??= target.dispose().then(afterDispose));
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The factory the schema engine receives (through bindMigrationAwareSqlAdapterFactory). */
export function pgMigrationFactory(url: string): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: async () => wrap(await connectAdapter(url)),
    // Work-around 2: our own temporary database, dropped after its pool is closed (else "being accessed by other users").
    connectToShadowDb: async () => {
      const name = `prisma_migrate_shadow_db_${randomUUID().replace(/-/g, '')}`;
      const admin = new pg.Client(pgConfig(url));
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE "${name}"`);
      } catch (error) {
        await admin.end();
        throw new Error(`cannot create a temporary database for the migration diff (the role needs CREATEDB): ${(error as Error).message}`, {
          cause: error,
        });
      }
      const connected = await connectAdapter(url, name).catch(async (error: unknown) => {
        await admin.query(`DROP DATABASE IF EXISTS "${name}"`).finally(() => admin.end());
        throw error;
      });
      return wrap(connected, async () => {
        await admin.query(`DROP DATABASE IF EXISTS "${name}"`).finally(() => admin.end());
      });
    },
  };
}
