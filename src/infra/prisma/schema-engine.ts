// Migrations without Prisma's native schema-engine binary (it cannot be downloaded offline): Prisma's own
// schema engine compiled to WebAssembly, driven through a driver adapter (better-sqlite3 for SQLite,
// pg for PostgreSQL). Same Rust code and engines commit as the CLI, so generated SQL and
// `_prisma_migrations` rows match `prisma migrate`. Owns: deploy, status, diff (migrations → prisma/schema)
// and writing a new migration folder, for either provider. The SQLite work-arounds are below; the
// PostgreSQL ones are in schema-engine-pg.ts (see the prisma-offline notes for all of them).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
} from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import { describeTarget, type DatabaseTarget, type Provider } from './database-target.ts';
import { lockfileFor, MIGRATIONS_DIRS, readMigrations, readSchemaFiles, virtualTablesIn } from './migrations-folder.ts';
import { pgMigrationFactory } from './schema-engine-pg.ts';

const NO_FILTERS = { externalTables: [], externalEnums: [] };

export interface MigrationStatus {
  /** In the folder, not yet applied to the database. */
  pending: string[];
  /** Recorded in the database but missing from the folder (another branch, or a deleted folder). */
  unknown: string[];
  /** Started and never finished; deploy refuses until resolved (P3009). */
  failed: string[];
  /** Applied, but migration.sql changed since. */
  edited: string[];
  upToDate: boolean;
}

/**
 * Applies every pending migration; returns the names it applied (empty when none). On PostgreSQL the
 * engine holds an advisory lock meanwhile, so replicas starting together apply each migration once.
 */
export async function deployMigrations(target: DatabaseTarget): Promise<string[]> {
  const migrationsList = await readMigrations(target.provider);
  const { appliedMigrationNames } = await withSchemaEngine(target, (engine) => engine.applyMigrations({ migrationsList, filters: NO_FILTERS }));
  return appliedMigrationNames;
}

export async function migrationStatus(target: DatabaseTarget): Promise<MigrationStatus> {
  const migrationsList = await readMigrations(target.provider);
  const all = migrationsList.migrationDirectories.map((d) => d.path);
  const diagnosis = await withSchemaEngine(target, (engine) =>
    engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: NO_FILTERS }).catch((error: unknown) => {
      // Work-around 3: the wasm engine throws P1014 where native reports "no migrations table yet".
      if (errorCode(error) === 'P1014') return null;
      throw error;
    }),
  );
  if (diagnosis === null) return { pending: all, unknown: [], failed: [], edited: [], upToDate: all.length === 0 };
  const history = diagnosis.history;
  const pending = history && 'unappliedMigrationNames' in history ? history.unappliedMigrationNames : [];
  const unknown = history && 'unpersistedMigrationNames' in history ? history.unpersistedMigrationNames : [];
  const failed = diagnosis.failedMigrationNames;
  const edited = diagnosis.editedMigrationNames;
  return { pending, unknown, failed, edited, upToDate: history === null && failed.length === 0 && edited.length === 0 };
}

/**
 * The SQL that would take a database built from `provider`'s migrations to prisma/schema; '' when they
 * agree. The engine replays the migrations into a shadow database to know where they lead: in memory for
 * SQLite, a temporary database on the server `shadowFrom` names for PostgreSQL (the role needs CREATEDB).
 */
export async function diffMigrationsToSchema(provider: Provider = 'sqlite', shadowFrom?: string): Promise<string> {
  const [migrationsList, files] = await Promise.all([readMigrations(provider), readSchemaFiles(provider)]);
  const target = shadowTarget(provider, shadowFrom);
  const { stdout } = await withSchemaEngine(target, (engine) =>
    engine.diff({
      from: { tag: 'migrations', ...migrationsList },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      filters: { externalTables: virtualTablesIn(migrationsList), externalEnums: [] },
    }),
  );
  return isEmptyScript(stdout ?? '') ? '' : (stdout ?? '');
}

function shadowTarget(provider: Provider, shadowFrom: string | undefined): DatabaseTarget {
  if (provider === 'sqlite') return { provider, file: ':memory:' };
  if (!shadowFrom) throw new Error('a PostgreSQL diff needs a server for its temporary database: set DATABASE_URL to a postgresql:// address');
  return { provider, url: shadowFrom };
}

/**
 * Writes <migrations folder>/<UTC yyyyMMddHHmmss>_<slug>/migration.sql from the diff, plus the lock file.
 * `engine.createMigration` cannot be used: in wasm it gets no shadow-database factory and always fails.
 * Returns the folder name, or null (and writes nothing) when the schema already matches the migrations.
 * `now` is the wall clock on purpose: a migration's folder name is a developer's timestamp, not app time.
 */
export async function createMigration(name: string, provider: Provider = 'sqlite', shadowFrom?: string, now = new Date()): Promise<string | null> {
  const script = await diffMigrationsToSchema(provider, shadowFrom);
  if (script === '') return null;
  const dir = MIGRATIONS_DIRS[provider];
  const folder = `${now.toISOString().replace(/\D/g, '').slice(0, 14)}_${slugify(name)}`;
  await mkdir(join(dir, folder), { recursive: true });
  await writeFile(join(dir, folder, 'migration.sql'), script, { flag: 'wx' });
  await writeFile(join(dir, 'migration_lock.toml'), lockfileFor(provider));
  return folder;
}

/**
 * Runs one engine against one database, then releases the database. Work-around 1: the engine takes
 * `locking_mode=EXCLUSIVE` and `free()` does not close its connections, so we close every one we handed out.
 */
async function withSchemaEngine<T>(target: DatabaseTarget, run: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const Engine = await loadSchemaEngine();
  const inner =
    target.provider === 'sqlite'
      ? new PrismaBetterSqlite3({ url: target.file }, { timestampFormat: 'unixepoch-ms' }) // native-style rows
      : pgMigrationFactory(target.url);
  const opened: SqlDriverAdapter[] = [];
  const track = async (connecting: Promise<SqlDriverAdapter>) => {
    const adapter = target.provider === 'sqlite' ? withScriptFallback(await connecting) : await connecting;
    opened.push(adapter);
    return adapter;
  };
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: () => track(inner.connect()),
    connectToShadowDb: () => track(inner.connectToShadowDb()),
  };
  const datamodels = (await readSchemaFiles(target.provider)).map((f): [string, string] => [f.path, f.content]);
  // The engine wants the error-capturing ({ ok, value | error }) form of the factory, as Prisma's own wrapper passes.
  const engine = await Engine.new({ datamodels }, () => {}, bindMigrationAwareSqlAdapterFactory(factory));
  try {
    return await run(engine);
  } catch (error) {
    // SQLITE_BUSY reaches the engine as an error kind it cannot decode; say what it means instead.
    if (!String(error).includes('unknown variant `SocketTimeout`')) throw error;
    throw new Error(`${describeTarget(target)} is busy: migrating needs it exclusively; close other connections (the running app?) first`, {
      cause: error,
    });
  } finally {
    engine.free();
    await Promise.all(opened.map((adapter) => adapter.dispose()));
  }
}

/**
 * Work-around 2: when replaying migrations into the shadow database the engine sends a whole
 * migration.sql through executeRaw, which better-sqlite3 can only prepare one statement at a time.
 * Only that exact failure (no arguments, "more than one statement") is retried as a script.
 */
function withScriptFallback(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = async (query: SqlQuery): Promise<number> => {
    try {
      return await adapter.executeRaw(query);
    } catch (error) {
      const multiStatement = error instanceof RangeError && error.message.includes('more than one statement');
      if (!multiStatement || query.args.length > 0) throw error;
      await adapter.executeScript(query.sql);
      return 0;
    }
  };
  // Methods are bound to the real adapter: it keeps its state in #private fields a proxy cannot reach.
  return new Proxy(adapter, {
    get(target, key) {
      if (key === 'executeRaw') return executeRaw;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * The one piece of process-wide state in this module. wasm-bindgen's JS glue keeps the instance in its
 * own module globals, so the wasm may be instantiated only once per process; this closure holds that
 * single promise (cleared on failure so a later call can retry). About 80 ms, paid by the first call.
 */
const loadSchemaEngine = (() => {
  let loading: Promise<typeof SchemaEngine> | undefined;
  return (): Promise<typeof SchemaEngine> =>
    (loading ??= instantiateSchemaEngine().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
})();

interface WasmApi {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
}

/** Mirrors @prisma/internals' wasm loader: Node 20 cannot `import` the package entry, which imports the .wasm. */
async function instantiateSchemaEngine(): Promise<typeof SchemaEngine> {
  // The wasm reports Rust panics to this global; without it a panic becomes an unrelated TypeError.
  const host = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
  host.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (message) => process.stderr.write(`schema engine panic: ${message}\n`) };
  const glue = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  const wasmFile = createRequire(import.meta.url)
    .resolve('@prisma/schema-engine-wasm/schema_engine_bg')
    .replace(/\.js$/, '.wasm');
  // Node has WebAssembly, but the project's libs (ES2023, no DOM) do not declare it as a value.
  const { WebAssembly: wasm } = globalThis as unknown as { WebAssembly: WasmApi };
  const { instance } = await wasm.instantiate(await readFile(wasmFile), { './schema_engine_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return glue.SchemaEngine;
}

/** The engine renders "no changes" as a comment-only script. */
function isEmptyScript(script: string): boolean {
  return script.split('\n').every((line) => line.trim() === '' || line.trim().startsWith('--'));
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Close to the CLI's slugify(name, { separator: '_' }); only affects the folder name. */
function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (slug === '') throw new Error(`migration name "${name}" has no letters or digits`);
  return slug.slice(0, 200);
}
