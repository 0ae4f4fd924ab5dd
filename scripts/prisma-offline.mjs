// Runs the Prisma CLI for the commands that need no schema engine (generate, validate, format, version).
// Prisma 7 downloads its native engine before any command; on an offline machine we point it at a stub
// that only answers --version, so generate works. Migrations go through the wasm engine (scripts/db.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
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
const result = spawnSync(process.execPath, [cli, command, ...rest], { stdio: 'inherit', env, cwd: root });
process.exit(result.status ?? 1);
