// Builds the news feature: Prisma storage, the feed reader (HTTP, files, RSS/Atom, iCalendar, EU portal),
// its services and commands; returns its jobs and the first-start sample items.
import { NewsDelivery } from '../features/news/news-delivery.ts';
import type { NewsFeature } from '../features/news/news-service.ts';
import type { NewsSource } from '../features/news/news-sources.ts';
import { NewsIngest } from '../features/news/news-ingest.ts';
import { registerNews } from '../features/news/news-register.ts';
import { sampleItems } from '../features/news/news-seed.ts';
import { resolve } from 'node:path';
import { createFeedReader, cronSlot } from '../infra/feeds/feed-reader.ts';
import { runBulkPoll } from './news-bulk.ts';
import { renderDigestsElsewhere } from './news-digests.ts';
import { createPrismaNews } from '../infra/prisma/prisma-news.ts';
import { createNewsPersonalData } from '../infra/prisma/personal/news-personal.ts';
import type { Feature } from '../core/index.ts';
import type { FeatureDeps } from './features.ts';

/** A source as the worker gets it: dates it does not need left out, the rest as plain data. */
const sourceJob = ({ createdAt: _c, failingSince: _f, lastPolledAt: _p, lastSuccessAt: _s, ...rest }: NewsSource) => rest;

export async function wireNews(deps: FeatureDeps): Promise<Feature> {
  const { context, db, clock, logger, config } = deps;
  const { outbox, members } = context;
  const i18n = { languages: context.languages.list, defaultLanguage: config.FILIERA_LANGUAGE, translator: context.languages.translator };
  const repo = createPrismaNews(db, clock);
  context.personalData.register(createNewsPersonalData(db));
  const defaultTimeZone = config.FILIERA_TIMEZONE;
  // The database as a worker thread opens it (an absolute SQLite path: workers may not share the cwd).
  const target = config.database.provider === 'sqlite' ? { provider: 'sqlite' as const, file: resolve(config.database.file) } : config.database;
  const slot = (cron: string, now: Date) => cronSlot(cron, now, defaultTimeZone);
  const ingest = new NewsIngest({
    repo,
    reader: createFeedReader({ timeoutMs: config.NEWS_SOURCE_TIMEOUT_S * 1000, maxPages: config.NEWS_PORTAL_MAX_PAGES }),
    members,
    i18n,
    clock,
    logger: logger.child({ feature: 'news' }),
    defaultTimeZone,
    cronSlot: slot,
    // The EU bulk file is imported in a worker thread: its own capped heap, the bot's loop left free.
    pollElsewhere: (source, at, now) =>
      runBulkPoll(
        {
          target,
          admins: config.FILIERA_ADMINS,
          language: config.FILIERA_LANGUAGE,
          timeZone: defaultTimeZone,
          timeoutMs: config.NEWS_SOURCE_TIMEOUT_S * 1000,
          source: { ...sourceJob(source), createdAt: source.createdAt.toISOString() },
          slot: at,
          now: now.toISOString(),
        },
        logger,
      ),
  });
  const delivery = new NewsDelivery({
    repo,
    outbox,
    members,
    i18n,
    clock,
    defaultTimeZone,
    // A large network's digests render in a worker thread; this thread writes them.
    renderElsewhere: {
      from: config.NEWS_DIGEST_WORKER_FROM,
      render: (now, manual) =>
        renderDigestsElsewhere(
          { target, admins: config.FILIERA_ADMINS, language: config.FILIERA_LANGUAGE, timeZone: defaultTimeZone, now: now.toISOString(), manual },
          logger,
        ),
    },
  });
  const feature: NewsFeature = { ctx: context, repo, ingest, delivery, members, now: () => clock.now(), defaultTimeZone, cronSlot: slot };
  const jobs = registerNews(feature);
  return {
    name: 'news',
    jobs,
    async seed() {
      if ((await repo.countItems()) > 0) return;
      await ingest.addManual(sampleItems(clock.now()), clock.now());
    },
  };
}
