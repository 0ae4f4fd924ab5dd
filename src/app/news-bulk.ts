// Runs a poll of a large streamed source in a worker thread (news-bulk-worker.ts) and hands back its
// result. The worker's heap is capped, so the ~130 MB EU bulk file's import keeps the process well
// under 256 MB without forced collections, and the bot's event loop stays free for slash commands.
// When no worker can start (a bundle without its worker file), null tells the caller to poll in-thread.
import type { Logger } from '../core/index.ts';
import type { PollResult } from '../features/news/news-ingest.ts';
import type { BulkPollJob, BulkPollMessage } from './news-bulk-worker.ts';
import { startWorker } from './worker-thread.ts';

/** The worker's heap: its client, translations and one batch in flight fit well; parse garbage is collected early. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 80, maxYoungGenerationSizeMb: 8 };

export function runBulkPoll(job: BulkPollJob, logger: Logger): Promise<{ result: PollResult } | { crashed: string } | null> {
  const worker = startWorker({ source: './news-bulk-worker.ts', bundled: './bulk-worker.js' }, job, WORKER_LIMITS);
  if (!worker) return Promise.resolve(null);
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
