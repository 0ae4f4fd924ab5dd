// Bundles the bot into dist/ so `npm start` runs plain JavaScript: a faster start and a smaller
// resident set than compiling TypeScript on the fly. Packages stay external (loaded from node_modules).
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
await build({
  entryPoints: [join(root, 'src/app/main.ts')],
  outfile: join(root, 'dist/main.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  // Bundled code keeps working paths: the project root is found from dist/ as from src/app/.
  define: {},
});
