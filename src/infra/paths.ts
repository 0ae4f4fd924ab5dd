// Where the project's own files are (prisma/, locales/, surveys/), found from this module whether it
// runs from src/ through tsx or bundled in dist/.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'prisma'))) return dir;
  }
  throw new Error(`cannot find the filiera project folder above ${from}`);
}

export const PROJECT_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
