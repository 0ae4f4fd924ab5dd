// Creates one PostgreSQL database from the test run's migrated template, for test/fakes/test-database.ts,
// which needs it synchronously (it runs this as a child process): node create-test-database.mjs <server url> <template> <name>.
import pg from 'pg';

const [server, template, name] = process.argv.slice(2);
const client = new pg.Client({ connectionString: server });
await client.connect();
try {
  await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
} finally {
  await client.end();
}
