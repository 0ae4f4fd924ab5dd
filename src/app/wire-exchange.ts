// Builds the experience exchange: its Prisma storage, the exchange channel per platform (Slack and
// Discord from config, the shell's #exchange room), its settings and jobs, and the sample profiles.
import type { ConversationRef, Feature, Platform } from '../core/index.ts';
import { registerExchange } from '../features/exchange/exchange-commands.ts';
import { seedExchangeProfiles } from '../features/exchange/exchange-seed.ts';
import { indexPendingPractice } from '../features/exchange/exchange-search.ts';
import { writeSpreadsheetCsv } from '../infra/csv.ts';
import { createPrismaExchange } from '../infra/prisma/prisma-exchange.ts';
import { createExchangePersonalData } from '../infra/prisma/personal/exchange-personal.ts';
import type { FeatureDeps } from './features.ts';

export async function wireExchange(deps: FeatureDeps): Promise<Feature> {
  const { context, config } = deps;
  const { members, conversations } = context;
  const repo = createPrismaExchange(deps.db, deps.clock);
  context.personalData.register(createExchangePersonalData(deps.db));
  // Entries carried over from the old SQLite-only index get their search terms once, here.
  const reindexed = await indexPendingPractice(repo, deps.clock.now());
  if (reindexed > 0) deps.logger.info({ feature: 'exchange', entries: reindexed }, 'good-practice entries indexed for search');
  const channels: Record<Platform, string | undefined> = { shell: '#exchange', slack: config.SLACK_EXCHANGE_CHANNEL, discord: config.DISCORD_EXCHANGE_CHANNEL };
  const exchangeChannel = (platform: Platform): ConversationRef | null => {
    const mention = channels[platform];
    if (!mention || !conversations.platforms().includes(platform)) return null;
    // Config holds a bare channel id (C0123…, 1234…); adapters read channels as typed in commands.
    return conversations.resolveChannel(platform, /^[#<]/.test(mention) ? mention : `#${mention}`);
  };
  const jobs = registerExchange(
    {
      ctx: context,
      repo,
      outbox: context.outbox,
      members,
      clock: deps.clock,
      logger: deps.logger.child({ feature: 'exchange' }),
      exchangeChannel,
      csv: writeSpreadsheetCsv,
      settings: {
        reminderDays: 7,
        roundWeeks: config.FILIERA_EXCHANGE_ROUND_WEEKS,
        repeatWeeks: config.FILIERA_EXCHANGE_REPEAT_WEEKS,
        followUpDays: config.FILIERA_EXCHANGE_FOLLOWUP_DAYS,
        askLimitPerWeek: config.FILIERA_EXCHANGE_ASK_LIMIT,
        askerLimitPerWeek: config.FILIERA_EXCHANGE_ASKER_LIMIT,
        timeZone: config.FILIERA_TIMEZONE,
        languages: context.languages.list,
      },
    },
    { roundCron: config.FILIERA_EXCHANGE_ROUND_CRON, followUpCron: '0 10 * * *' },
  );
  return {
    name: 'exchange',
    jobs,
    seed: async () => void (await seedExchangeProfiles(repo, members, deps.clock.now())),
  };
}
