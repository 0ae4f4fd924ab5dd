// Where a test's database lives. By default a fresh SQLite file in a temp folder. Under
// `npm run test:postgres` (FILIERA_TEST_DATABASE=postgresql) a fresh PostgreSQL database, copied from
// the run's migrated template (test/setup/postgres.ts creates it and drops them all at the end), so
// every test, and so every test file, gets a database of its own.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type TestProvider = 'sqlite' | 'postgresql';

export const testProvider: TestProvider = process.env.FILIERA_TEST_DATABASE === 'postgresql' ? 'postgresql' : 'sqlite';

/**
 * What a deployment on the provider sets beside DATABASE_URL: on PostgreSQL the anonymous polls' key
 * comes from the environment (SQLite keeps it in a file beside the database).
 */
export const providerEnv: Record<string, string> = testProvider === 'postgresql' ? { FILIERA_POLLS_KEY: 'test-polls-key-from-the-environment' } : {};

let created = 0;

/** A DATABASE_URL nobody else uses: a file path on SQLite, a postgresql:// address on PostgreSQL. */
export function tempDatabase(): string {
  if (testProvider === 'sqlite') return join(mkdtempSync(join(tmpdir(), 'filiera-')), 'test.db');
  const server = process.env.FILIERA_TEST_PG_SERVER;
  const template = process.env.FILIERA_TEST_PG_TEMPLATE;
  const prefix = process.env.FILIERA_TEST_PG_PREFIX;
  if (!server || !template || !prefix) throw new Error('the PostgreSQL test run was not set up: run it with npm run test:postgres');
  const name = `${prefix}${process.pid}_${++created}`;
  execFileSync(process.execPath, [join(import.meta.dirname, '../setup/create-test-database.mjs'), server, template, name], { stdio: 'inherit' });
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}
