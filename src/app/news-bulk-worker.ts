// Worker-thread entry: one poll of a news source that streams a large file (the EU bulk file, ~130 MB),
// run away from the bot's thread. The worker opens its own database client and builds the same
// NewsIngest the bot uses, fixed at the poll's instant, so the import claims, stores, announces changes
// and marks failures exactly as it would at home. Its heap is capped by the parent (news-bulk.ts): the
// parse's garbage is collected here, early, and slash commands never wait behind it.
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { Logger } from '../core/index.ts';
import { NewsIngest } from '../features/news/news-ingest.ts';
import type { NewsSource } from '../features/news/news-sources.ts';
import { createFeedReader, cronSlot } from '../infra/feeds/feed-reader.ts';
import { createI18n } from '../infra/i18n.ts';
import { PROJECT_ROOT } from '../infra/paths.ts';
import type { DatabaseTarget } from '../infra/prisma/database-target.ts';
import { openDatabase } from '../infra/prisma/prisma-client.ts';
import { createPrismaMembers } from '../infra/prisma/prisma-members.ts';
import { createPrismaNews } from '../infra/prisma/prisma-news.ts';

export interface BulkPollJob {
  target: DatabaseTarget;
  admins: string[];
  language: string;
  timeZone: string;
  timeoutMs: number;
  source: Omit<NewsSource, 'createdAt' | 'failingSince' | 'lastPolledAt' | 'lastSuccessAt'> & { createdAt: string };
  slot: string;
  now: string;
}

export type BulkPollMessage =
  | { type: 'started' }
  | { type: 'log'; level: 'info' | 'error'; fields: Record<string, unknown>; message: string }
  | { type: 'done'; result: Awaited<ReturnType<NewsIngest['poll']>> };

async function run(port: NonNullable<typeof parentPort>, job: BulkPollJob): Promise<void> {
  port.postMessage({ type: 'started' } satisfies BulkPollMessage);
  const now = new Date(job.now);
  const clock = { now: () => now, sleep: async () => undefined };
  const forward =
    (level: 'info' | 'error') =>
    (fields: unknown, message?: string): void =>
      port.postMessage({
        type: 'log',
        level,
        fields: { ...(fields as Record<string, unknown>), err: undefined },
        message: message ?? '',
      } satisfies BulkPollMessage);
  const logger: Logger = { debug() {}, warn: forward('info'), info: forward('info'), error: forward('error'), child: () => logger };
  const db = await openDatabase(job.target);
  try {
    const ingest = new NewsIngest({
      repo: createPrismaNews(db, clock),
      reader: createFeedReader({ timeoutMs: job.timeoutMs }),
      members: createPrismaMembers(db, job.admins, clock),
      i18n: createI18n(join(PROJECT_ROOT, 'locales'), job.language),
      clock,
      logger,
      defaultTimeZone: job.timeZone,
      cronSlot: (cron, at) => cronSlot(cron, at, job.timeZone),
      // Short write transactions: on SQLite the bot's own writes wait (synchronously) for each one.
      batchSize: 50,
    });
    const source: NewsSource = { ...job.source, createdAt: new Date(job.source.createdAt) };
    const result = await ingest.poll(source, job.slot, now);
    port.postMessage({ type: 'done', result } satisfies BulkPollMessage);
  } finally {
    await db.$disconnect();
  }
}

if (parentPort) void run(parentPort, workerData as BulkPollJob);
