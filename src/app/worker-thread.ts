// Starts one of the app's worker threads: from source (tsx, tests) through tsx's loader, from the
// bundle as the `<name>.js` file scripts/build.mjs writes beside the bot. Null when none can start
// (a bundle without its worker file): the caller then does the work in-thread.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

export function startWorker(entry: { source: string; bundled: string }, data: unknown, resourceLimits: ResourceLimits): Worker | null {
  const here = import.meta.url;
  try {
    if (here.endsWith('.ts')) {
      // tsx's ESM entry (require.resolve would give its CommonJS build, which cannot register here).
      const tsx = pathToFileURL(join(dirname(createRequire(here).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
      const source = new URL(entry.source, here).href;
      const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(source)}); })`;
      return new Worker(boot, { eval: true, workerData: data, resourceLimits });
    }
    const bundled = new URL(entry.bundled, here);
    // A missing file would only fail once the worker runs: say at once that there is none.
    if (!existsSync(fileURLToPath(bundled))) return null;
    return new Worker(bundled, { workerData: data, resourceLimits });
  } catch {
    return null;
  }
}
