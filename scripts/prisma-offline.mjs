// Runs the Prisma CLI for the commands that need no schema engine (generate, validate, format, version).
// Prisma 7 downloads its native engine before any command; on an offline machine we point it at a stub
// that only answers --version, so generate works. Migrations go through the wasm engine (scripts/db.ts).
// `generate` makes both clients: SQLite from prisma/schema, PostgreSQL from the variant of the same
// files that schema-variant.mjs writes to prisma/.postgresql (a generated client is provider-specific).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const [command = '--help', ...rest] = process.argv.slice(2);
const safe = new Set(['generate', 'validate', 'format', 'version', '-v', '--version', '-h', '--help']);

function hasNativeEngine() {
  try {
    const dir = dirname(require.resolve('@prisma/engines/package.json'));
    return readdirSync(dir).some((f) => f.startsWith('schema-engine-'));
  } catch {
    return false;
  }
}

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
if (safe.has(command) && !env.PRISMA_SCHEMA_ENGINE_BINARY && !hasNativeEngine()) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = join(root, 'scripts', 'schema-engine-unavailable.sh');
}
const cli = require.resolve('prisma/build/index.js');
if (!existsSync(cli)) throw new Error('prisma CLI not installed');
const prisma = (args) => spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit', env, cwd: root }).status ?? 1;

let status = prisma([command, ...rest]);
if (status === 0 && command === 'generate' && !rest.includes('--schema')) {
  const { schemaFor } = await import('../src/infra/prisma/schema-variant.mjs');
  const from = join(root, 'prisma', 'schema');
  const to = join(root, 'prisma', '.postgresql');
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from).filter((n) => n.endsWith('.prisma')))
    writeFileSync(join(to, name), schemaFor('postgresql', readFileSync(join(from, name), 'utf8')));
  status = prisma(['generate', '--schema', to, ...rest]);
}
process.exit(status);
