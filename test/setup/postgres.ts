// Global setup of the PostgreSQL test run (FILIERA_TEST_DATABASE=postgresql; nothing otherwise): checks
// the server is there, migrates a template database once, and at the end drops every database this run
// created. Tests copy the template (test/fakes/test-database.ts), which is much faster than migrating each.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { devPostgresUrl } from '../../src/infra/config.ts';
import { deployMigrations } from '../../src/infra/prisma/schema-engine.ts';

export default async function setup(): Promise<(() => Promise<void>) | void> {
  if (process.env.FILIERA_TEST_DATABASE !== 'postgresql') return;
  const server = devPostgresUrl(process.env);
  const admin = new pg.Client({ connectionString: server, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `The PostgreSQL test run needs a PostgreSQL server at ${server.replace(/:[^:@/]*@/, ':***@')} (FILIERA_DEV_POSTGRES_URL), ` +
        `with a role that may create databases. It could not connect: ${(error as Error).message}`,
    );
  }
  const prefix = `filiera_test_${process.pid}_${randomBytes(3).toString('hex')}_`;
  const template = `${prefix}template`;
  try {
    await admin.query(`CREATE DATABASE "${template}"`);
    const url = new URL(server);
    url.pathname = `/${template}`;
    await deployMigrations({ provider: 'postgresql', url: url.toString() });
  } catch (error) {
    await admin.end();
    throw error;
  }
  Object.assign(process.env, { FILIERA_TEST_PG_SERVER: server, FILIERA_TEST_PG_TEMPLATE: template, FILIERA_TEST_PG_PREFIX: prefix });
  return async () => {
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.end();
  };
}
