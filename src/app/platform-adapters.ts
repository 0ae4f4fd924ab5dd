// Builds the Slack and Discord adapters the configuration asks for. The shell is built in
// create-app.ts because it needs the terminal streams.
import type { Bot, ChatAdapter, Leadership, Logger } from '../core/index.ts';
import type { Config } from '../infra/config.ts';

export interface PlatformDeps {
  bot: Bot;
  logger: Logger;
  /** Picks the one replica that holds Discord's gateway connection. */
  leadership: Leadership;
}

export async function platformAdapters(config: Config, deps: PlatformDeps): Promise<ChatAdapter[]> {
  const adapters: ChatAdapter[] = [];
  if (config.adapters.includes('slack') && config.SLACK_BOT_TOKEN) {
    // Loaded only when configured, like Discord: Bolt and its HTTP stack are not needed by the shell.
    const { createSlackAdapter } = await import('../../adapters/slack/index.ts');
    adapters.push(
      createSlackAdapter({
        botToken: config.SLACK_BOT_TOKEN,
        ...(config.SLACK_APP_TOKEN ? { appToken: config.SLACK_APP_TOKEN } : {}),
        ...(config.SLACK_SIGNING_SECRET ? { signingSecret: config.SLACK_SIGNING_SECRET } : {}),
        ...(config.SLACK_API_URL ? { apiUrl: config.SLACK_API_URL } : {}),
        port: config.PORT,
        sendRatePerSecond: config.SLACK_SEND_PER_SECOND,
        logger: deps.logger,
        translator: (locale) => deps.bot.languages.translator(locale?.toLowerCase().split(/[-_]/)[0] ?? config.FILIERA_LANGUAGE),
        home: (user, locale) => deps.bot.home(user, locale),
      }),
    );
  }
  if (config.adapters.includes('discord') && config.DISCORD_TOKEN && config.DISCORD_APPLICATION_ID) {
    // Loaded only when configured: discord.js is large, and a shell or Slack start does not need it.
    const { createDiscordAdapter } = await import('../../adapters/discord/index.ts');
    adapters.push(
      createDiscordAdapter({
        token: config.DISCORD_TOKEN,
        applicationId: config.DISCORD_APPLICATION_ID,
        ...(config.DISCORD_GUILD_ID ? { guildId: config.DISCORD_GUILD_ID } : {}),
        ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}),
        registry: deps.bot.registry,
        sendRatePerSecond: config.DISCORD_REQUESTS_PER_SECOND,
        logger: deps.logger,
        translator: (locale) => deps.bot.languages.translator(locale?.toLowerCase().split(/[-_]/)[0] ?? config.FILIERA_LANGUAGE),
        readThreads: config.DISCORD_MESSAGE_CONTENT,
        leadership: deps.leadership,
      }),
    );
  }
  return adapters;
}
