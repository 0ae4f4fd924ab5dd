// `npm run bench`: runs every bench/*.bench.ts in its own process (so memory figures do not mix)
// and prints their `name: value` lines.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;
const only = process.argv[2];
let failed = 0;
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.startsWith(only)))
  .sort()) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(dir, file)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 24,
  });
  for (const line of result.stdout.split('\n')) if (/^[\w.]+: -?[\d.]+$/.test(line.trim())) console.log(line.trim());
  if (result.status !== 0) {
    failed++;
    console.error(`${file} failed (exit ${result.status})`);
  }
}
process.exit(failed ? 1 : 0);
