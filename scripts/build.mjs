// Bundles the bot into dist/ so `npm start` runs plain JavaScript: a faster start and a smaller
// resident set than compiling TypeScript on the fly. Packages stay external (loaded from node_modules).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(join(root, 'package.json'));

// JSON data from packages (country names) is bundled: esbuild drops the `with { type: 'json' }`
// attribute from external imports, and Node refuses a JSON module imported without it.
const bundlePackageJson = {
  name: 'bundle-package-json',
  setup(b) {
    b.onResolve({ filter: /^[^./].*\.json$/ }, (args) => ({ path: require.resolve(args.path) }));
  },
};
// Chunk names carry hashes: start clean so old chunks do not pile up.
rmSync(join(root, 'dist'), { recursive: true, force: true });
await build({
  // The EU bulk file is parsed, and a large network's digests rendered, in worker threads started
  // from their own files next to main.js.
  entryPoints: {
    main: join(root, 'src/app/main.ts'),
    'bulk-worker': join(root, 'src/app/news-bulk-worker.ts'),
    'digest-worker': join(root, 'src/app/news-digest-worker.ts'),
  },
  outdir: join(root, 'dist'),
  bundle: true,
  // Adapters and heavy libraries loaded with import() stay in their own chunks, loaded only if used.
  splitting: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [bundlePackageJson],
});
