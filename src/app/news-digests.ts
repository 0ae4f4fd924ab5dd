// Runs the digest job's rendering in a worker thread (news-digest-worker.ts) and hands its batches to
// the caller, who writes them: with its heap capped there, 5,000 digests over 10,000 items keep the
// process under 256 MB, and rendering runs on another core while this thread writes and answers people.
import type { Logger } from '../core/index.ts';
import type { DigestBatch } from '../features/news/news-delivery.ts';
import type { DigestAck, DigestJob, DigestMessage } from './news-digest-worker.ts';
import { startWorker } from './worker-thread.ts';

/** The worker's heap: its client, the current items, one language and zone's rendered items, two batches. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 80, maxYoungGenerationSizeMb: 8 };

export function renderDigestsElsewhere(job: DigestJob, logger: Logger): AsyncIterable<DigestBatch> | null {
  const worker = startWorker({ source: './news-digest-worker.ts', bundled: './digest-worker.js' }, job, WORKER_LIMITS);
  if (!worker) return null;
  const queue: Array<DigestMessage | { type: 'crashed'; message: string }> = [];
  let wake: (() => void) | undefined;
  const push = (m: (typeof queue)[number]) => {
    queue.push(m);
    wake?.();
  };
  worker.on('message', (m: DigestMessage) => push(m));
  worker.on('error', (error: Error & { code?: string }) => {
    logger.error({ err: error }, 'news digest worker failed');
    push({ type: 'crashed', message: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'the digest worker ran out of memory' : 'the digest worker failed' });
  });
  worker.on('exit', () => push({ type: 'crashed', message: 'the digest worker stopped' }));
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for (;;) {
          while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
          const m = queue.shift()!;
          if (m.type === 'done') return;
          if (m.type !== 'batch') throw new Error(m.message);
          yield m.batch;
          // Written (the caller asked for the next one): the worker may render one more.
          worker.postMessage({ type: 'written' } satisfies DigestAck);
        }
      } finally {
        void worker.terminate();
      }
    },
  };
}
