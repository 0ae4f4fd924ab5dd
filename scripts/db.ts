// Database CLI for an offline machine, in place of `prisma migrate`: npm run db:deploy | db:status | db:diff | db:new -- <name>.
// The database file comes from DATABASE_URL (environment, then .env, as the app reads it), default ./data/filiera.db.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { readEnvironment } from '../src/infra/config.ts';
import { createMigration, deployMigrations, diffMigrationsToSchema, migrationStatus } from '../src/infra/prisma/schema-engine.ts';

const USAGE = 'usage: tsx scripts/db.ts deploy | status | diff | new <name>';

/** `file:./x.db` or a plain path, made absolute against the cwd like the app does; its folder is created. */
function databaseFile(): string {
  const url = readEnvironment(process.env).DATABASE_URL || './data/filiera.db';
  const file = resolve(url.replace(/^file:/, ''));
  mkdirSync(dirname(file), { recursive: true });
  return file;
}

async function main([command, ...args]: string[]): Promise<number> {
  switch (command) {
    case 'deploy': {
      const applied = await deployMigrations(databaseFile());
      console.log(applied.length ? `Applied:\n${applied.map((n) => `  ${n}`).join('\n')}` : 'No pending migrations.');
      return 0;
    }
    case 'status': {
      const status = await migrationStatus(databaseFile());
      const lines = (label: string, names: string[]) => (names.length ? [`${label}:`, ...names.map((n) => `  ${n}`)] : []);
      console.log(
        [
          ...lines('Not yet applied', status.pending),
          ...lines('Applied but missing from prisma/migrations', status.unknown),
          ...lines('Failed', status.failed),
          ...lines('Edited after being applied', status.edited),
        ].join('\n') || 'Database schema is up to date.',
      );
      return status.upToDate ? 0 : 1;
    }
    case 'diff': {
      // Exit 2 on a difference, like `prisma migrate diff --exit-code`, so CI can fail on a missing migration.
      const script = await diffMigrationsToSchema();
      console.log(script || '-- prisma/schema and prisma/migrations agree.');
      return script ? 2 : 0;
    }
    case 'new': {
      const name = args.join(' ').trim();
      if (!name) break;
      const folder = await createMigration(name);
      console.log(folder ? `Created prisma/migrations/${folder}/migration.sql` : 'prisma/schema already matches the migrations; nothing written.');
      return 0;
    }
  }
  console.error(USAGE);
  return 64;
}

process.exitCode = await main(process.argv.slice(2));
