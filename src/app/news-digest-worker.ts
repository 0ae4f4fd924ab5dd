// Worker-thread entry: renders the digest job's batches away from the bot's thread. It reads with its
// own database client (reads never get in the bot's way) and builds the same NewsDelivery the bot uses,
// fixed at the job's instant; each batch goes back to the parent, which alone writes (news-digests.ts).
// At most two batches wait for the parent at a time, so neither heap holds more than a few batches.
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { NewsDelivery, type DigestBatch } from '../features/news/news-delivery.ts';
import { createI18n } from '../infra/i18n.ts';
import { PROJECT_ROOT } from '../infra/paths.ts';
import type { DatabaseTarget } from '../infra/prisma/database-target.ts';
import { openDatabase } from '../infra/prisma/prisma-client.ts';
import { createPrismaMembers } from '../infra/prisma/prisma-members.ts';
import { createPrismaNews } from '../infra/prisma/prisma-news.ts';

export interface DigestJob {
  target: DatabaseTarget;
  admins: string[];
  language: string;
  timeZone: string;
  now: string;
  manual: boolean;
}

/** Worker to parent: a batch, or the end, or a failure (its message only: it goes to the log). */
export type DigestMessage = { type: 'batch'; batch: DigestBatch } | { type: 'done' } | { type: 'failed'; message: string };
/** Parent to worker: one batch written. */
export type DigestAck = { type: 'written' };

/** Batches sent and not yet written by the parent, at most. */
const IN_FLIGHT = 2;
/** Digests per batch: one write transaction in the parent. */
const BATCH = 20;

async function run(port: MessagePort, job: DigestJob): Promise<void> {
  const now = new Date(job.now);
  const clock = { now: () => now, sleep: async () => undefined };
  const db = await openDatabase(job.target);
  let waiting = 0;
  let wake: (() => void) | undefined;
  port.on('message', (m: DigestAck) => {
    if (m.type !== 'written') return;
    waiting--;
    wake?.();
  });
  try {
    const repo = createPrismaNews(db, clock);
    const delivery = new NewsDelivery({
      repo,
      // The outbox is the parent's: batches go back to it, never written here.
      outbox: { enqueue: () => Promise.reject(new Error('the digest worker does not write')) },
      members: createPrismaMembers(db, job.admins, clock),
      i18n: createI18n(join(PROJECT_ROOT, 'locales'), job.language),
      clock,
      defaultTimeZone: job.timeZone,
    });
    const encoder = repo.digestEncoder();
    const send = async (batch: DigestBatch) => {
      while (waiting >= IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
      waiting++;
      // The pages leave as one buffer, moved rather than copied, already in the outbox's stored form.
      port.postMessage({ type: 'batch', batch } satisfies DigestMessage, 'encoded' in batch ? [batch.encoded.data.buffer] : []);
    };
    for await (const digest of delivery.digests(now, job.manual)) {
      if ('summary' in digest) {
        if (encoder.count) await send({ encoded: encoder.take() });
        await send(digest);
        continue;
      }
      encoder.add(digest);
      if (encoder.count >= BATCH) await send({ encoded: encoder.take() });
    }
    port.postMessage({ type: 'done' } satisfies DigestMessage);
  } catch (error) {
    port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies DigestMessage);
  } finally {
    port.close();
    await db.$disconnect();
  }
}

if (parentPort) void run(parentPort, workerData as DigestJob);
