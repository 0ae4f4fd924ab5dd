// Builds the news feature: Prisma storage, the feed reader (HTTP, files, RSS/Atom, iCalendar, EU portal),
// its services and commands; returns its jobs and the first-start sample items.
import { NewsDelivery } from '../features/news/news-delivery.ts';
import type { NewsFeature } from '../features/news/news-feature.ts';
import { NewsIngest } from '../features/news/news-ingest.ts';
import { registerNews } from '../features/news/news-register.ts';
import { sampleItems } from '../features/news/news-seed.ts';
import { createFeedReader, cronSlot } from '../infra/feeds/feed-reader.ts';
import { createPrismaNews } from '../infra/prisma/prisma-news.ts';
import { createNewsPersonalData } from '../infra/prisma/personal/news-personal.ts';
import type { Feature } from '../core/index.ts';
import type { FeatureDeps } from './features.ts';

export async function wireNews(deps: FeatureDeps): Promise<Feature> {
  const { context, db, clock, logger, config } = deps;
  const { outbox, members } = context;
  const i18n = { languages: context.languages.list, defaultLanguage: config.FILIERA_LANGUAGE, translator: context.languages.translator };
  const repo = createPrismaNews(db, clock);
  context.personalData.register(createNewsPersonalData(db));
  const defaultTimeZone = config.FILIERA_TIMEZONE;
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
  });
  const delivery = new NewsDelivery({ repo, outbox, members, i18n, clock, defaultTimeZone });
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
