// Database CLI for an offline machine, in place of `prisma migrate`: npm run db:deploy | db:status | db:diff | db:new -- <name>.
// deploy and status act on DATABASE_URL (environment, then .env, as the app reads it; default ./data/filiera.db),
// SQLite or PostgreSQL. diff and new act on both providers' migration folders, since prisma/schema is one source:
// the PostgreSQL diff replays its migrations into a temporary database on FILIERA_DEV_POSTGRES_URL.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { devPostgresUrl, readEnvironment } from '../src/infra/config.ts';
import { parseDatabaseUrl, type DatabaseTarget, type Provider } from '../src/infra/prisma/database-target.ts';
import { MIGRATIONS_DIRS } from '../src/infra/prisma/migrations-folder.ts';
import { createMigration, deployMigrations, diffMigrationsToSchema, migrationStatus } from '../src/infra/prisma/schema-engine.ts';

const USAGE = 'usage: tsx scripts/db.ts deploy | status | diff | new <name>';
const PROVIDERS: Provider[] = ['sqlite', 'postgresql'];

const env = readEnvironment(process.env);

/** DATABASE_URL as the app reads it; a SQLite path is made absolute against the cwd and its folder created. */
function databaseTarget(): DatabaseTarget {
  const parsed = parseDatabaseUrl(env.DATABASE_URL || './data/filiera.db');
  if ('problem' in parsed) throw new Error(`DATABASE_URL: ${parsed.problem}`);
  if (parsed.provider === 'postgresql') return parsed;
  const file = resolve(parsed.file);
  mkdirSync(dirname(file), { recursive: true });
  return { provider: 'sqlite', file };
}

/** The server the PostgreSQL diff may create its temporary database on. */
function shadowServer(): string {
  const target = parseDatabaseUrl(env.DATABASE_URL || '');
  return 'provider' in target && target.provider === 'postgresql' ? target.url : devPostgresUrl(env);
}

const folderName = (provider: Provider) => MIGRATIONS_DIRS[provider].slice(MIGRATIONS_DIRS[provider].lastIndexOf('prisma/'));

async function main([command, ...args]: string[]): Promise<number> {
  switch (command) {
    case 'deploy': {
      const applied = await deployMigrations(databaseTarget());
      console.log(applied.length ? `Applied:\n${applied.map((n) => `  ${n}`).join('\n')}` : 'No pending migrations.');
      return 0;
    }
    case 'status': {
      const target = databaseTarget();
      const status = await migrationStatus(target);
      const lines = (label: string, names: string[]) => (names.length ? [`${label}:`, ...names.map((n) => `  ${n}`)] : []);
      console.log(
        [
          ...lines('Not yet applied', status.pending),
          ...lines(`Applied but missing from ${folderName(target.provider)}`, status.unknown),
          ...lines('Failed', status.failed),
          ...lines('Edited after being applied', status.edited),
        ].join('\n') || 'Database schema is up to date.',
      );
      return status.upToDate ? 0 : 1;
    }
    case 'diff': {
      // Exit 2 on a difference, like `prisma migrate diff --exit-code`, so CI can fail on a missing migration.
      let differs = false;
      for (const provider of PROVIDERS) {
        const script = await diffMigrationsToSchema(provider, shadowServer());
        differs ||= script !== '';
        console.log(script ? `-- ${folderName(provider)}:\n${script}` : `-- prisma/schema and ${folderName(provider)} agree.`);
      }
      return differs ? 2 : 0;
    }
    case 'new': {
      const name = args.join(' ').trim();
      if (!name) break;
      // One timestamp for both, so the two folders read as one change.
      const now = new Date();
      for (const provider of PROVIDERS) {
        const folder = await createMigration(name, provider, shadowServer(), now);
        console.log(
          folder ? `Created ${folderName(provider)}/${folder}/migration.sql` : `prisma/schema already matches ${folderName(provider)}; nothing written.`,
        );
      }
      return 0;
    }
  }
  console.error(USAGE);
  return 64;
}

process.exitCode = await main(process.argv.slice(2));
