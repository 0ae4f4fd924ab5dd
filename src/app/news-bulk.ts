// Runs a poll of a large streamed source in a worker thread (news-bulk-worker.ts) and hands back its
// result. The worker's heap is capped, so the ~130 MB EU bulk file's import keeps the process well
// under 256 MB without forced collections, and the bot's event loop stays free for slash commands.
// When no worker can start (a bundle without its worker file), null tells the caller to poll in-thread.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../core/index.ts';
import type { PollResult } from '../features/news/news-ingest.ts';
import type { BulkPollJob, BulkPollMessage } from './news-bulk-worker.ts';

/** The worker's heap: its client, translations and one batch in flight fit well; parse garbage is collected early. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 80, maxYoungGenerationSizeMb: 8 };

export function runBulkPoll(job: BulkPollJob, logger: Logger): Promise<{ result: PollResult } | { crashed: string } | null> {
  const here = import.meta.url;
  let worker: Worker;
  try {
    if (here.endsWith('.ts')) {
      // From source (tsx, tests): the worker registers tsx's loader, then loads the TypeScript entry.
      // tsx's ESM entry (require.resolve would give its CommonJS build, which cannot register here).
      const tsx = pathToFileURL(join(dirname(createRequire(here).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
      const entry = new URL('./news-bulk-worker.ts', here).href;
      const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
      worker = new Worker(boot, { eval: true, workerData: job, resourceLimits: WORKER_LIMITS });
    } else {
      // Bundled: bulk-worker.js beside this chunk (scripts/build.mjs).
      worker = new Worker(new URL('./bulk-worker.js', here), { workerData: job, resourceLimits: WORKER_LIMITS });
    }
  } catch {
    return Promise.resolve(null);
  }
  return new Promise((resolve) => {
    let started = false;
    let result: PollResult | undefined;
    let crashed: string | undefined;
    worker.on('message', (m: BulkPollMessage) => {
      if (m.type === 'started') started = true;
      else if (m.type === 'log') logger[m.level](m.fields, m.message);
      else result = m.result;
    });
    worker.on('error', (error: Error & { code?: string }) => {
      logger.error({ err: error, source: job.source.id }, 'news bulk import worker failed');
      crashed = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'import ran out of memory' : 'import failed';
    });
    worker.on('exit', () => resolve(!started ? null : result ? { result } : { crashed: crashed ?? 'import stopped' }));
  });
}
