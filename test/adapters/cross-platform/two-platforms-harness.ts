// The real app with both real platform adapters in one process on one database: Slack (Bolt, over
// signed HTTP) against the local fake Slack, and Discord (discord.js) against the local fake Discord.
// discord.js is imported first on purpose (see discord-harness.ts).
import 'discord.js';
import { PassThrough } from 'node:stream';
import type { DiscordAdapter } from '../../../adapters/discord/index.ts';
import { createSlackAdapter, type SlackAdapter } from '../../../adapters/slack/index.ts';
import { createApp, type App } from '../../../src/app/create-app.ts';
import { loadConfig } from '../../../src/infra/config.ts';
import { APPLICATION_ID, dmMessage, type Person } from '../../fakes/discord/discord-payloads.ts';
import { FakeDiscord, type FakeMessage, type Recorded } from '../../fakes/discord/fake-discord.ts';
import { FixedClock } from '../../fakes/fixed-clock.ts';
import { BOT_TOKEN, FakeSlack } from '../../fakes/slack/fake-slack-api.ts';
import { SIGNING_SECRET, sendSigned, slashCommand } from '../../fakes/slack/slack-requests.ts';
import { tempDbFile } from '../../fakes/test-app.ts';
import { watchedLogger } from '../slack/slack-harness.ts';

export interface TwoPlatforms {
  app: App;
  clock: FixedClock;
  slackFake: FakeSlack;
  discordFake: FakeDiscord;
  discord: DiscordAdapter;
  /**
   * A Slack slash command typed in `channel`; resolves, once the adapter is done, with the bot's answers:
   * what came through the command's response URL (private answers in a channel) and the messages posted
   * into the conversation where it was typed (in the DM with the bot the answer is a message there).
   */
  slackCommand(user: string, channel: string, command: string, text: string): Promise<Array<Record<string, any>>>;
  /** Dispatches a Discord interaction; resolves with its callback once the adapter is done. */
  interact(payload: Record<string, any>): Promise<Recorded>;
  /** A DM from a person on Discord; resolves with the bot's messages in that DM since. */
  discordDm(who: Person, text: string): Promise<FakeMessage[]>;
  stop(): Promise<void>;
}

export async function startTwoPlatforms(
  env: Record<string, string>,
  slackUsers: Record<string, { name: string; locale: string; tz: string }>,
): Promise<TwoPlatforms> {
  const slackFake = await FakeSlack.start();
  for (const [id, user] of Object.entries(slackUsers)) slackFake.users.set(id, user);
  const discordFake = await new FakeDiscord().listen();
  const log = watchedLogger();
  const clock = new FixedClock(new Date('2026-11-23T08:00:00Z'));
  let app: App | undefined;
  const slack: SlackAdapter = createSlackAdapter({
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    port: 0,
    apiUrl: slackFake.apiUrl,
    logger: log.logger,
    translator: (locale) => app!.bot.languages.translator(locale?.split(/[-_]/)[0] ?? 'en'),
    home: (user, locale) => app!.bot.home(user, locale),
    sendRatePerSecond: 0,
  });
  const config = {
    ...loadConfig({
      DATABASE_URL: tempDbFile(),
      DISCORD_TOKEN: 'fake-discord-token-do-not-log',
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_API_URL: discordFake.apiUrl,
      ...env,
    }),
    // Discord is built from the configuration as in production; Slack is handed in, pointed at its fake.
    adapters: ['discord' as const],
  };
  app = await createApp(config, { input: new PassThrough(), output: new PassThrough(), interactive: false, clock, logger: log.logger, adapters: [slack] });
  await app.start();
  await app.sender.stop();
  const discord = app.adapters.find((a) => a.platform === 'discord') as DiscordAdapter;
  let n = 0;

  const dmChannel = (who: Person): string => {
    const existing = discordFake.dmChannelOf(who.id);
    if (existing) return existing;
    const id = discordFake.id();
    discordFake.channels.set(id, { id, type: 1, recipients: [{ id: who.id, username: who.name, discriminator: '0' }] });
    return id;
  };

  return {
    app,
    clock,
    slackFake,
    discordFake,
    discord,
    async slackCommand(user, channel, command, text) {
      const id = `cmd${++n}`;
      const before = slackFake.posted(channel).length;
      await sendSigned(slack.port!, slashCommand({ command, text, user, channel, responseUrl: slackFake.responseUrl(id) }));
      await slack.idle();
      const answers = [...slackFake.responses.filter((r) => r.id === id).map((r) => r.body), ...slackFake.posted(channel).slice(before)];
      if (!answers.length) throw new Error(`no answer to ${command} ${text} in ${channel}`);
      return answers;
    },
    async interact(payload) {
      discordFake.dispatch('INTERACTION_CREATE', payload);
      const callback = await discordFake.waitFor((r) => r.path.startsWith(`/interactions/${payload.id}/`));
      await discord.idle();
      return callback;
    },
    async discordDm(who, text) {
      const channel = dmChannel(who);
      const before = discordFake.messages.length;
      const from = discordFake.requests.length;
      discordFake.dispatch('MESSAGE_CREATE', dmMessage(discordFake, who, channel, text));
      await discordFake.waitFor((r) => discordFake.requests.indexOf(r) >= from && r.method === 'POST' && r.path === `/channels/${channel}/messages`);
      await discord.idle();
      return discordFake.messages.slice(before).filter((m) => m.channel_id === channel);
    },
    async stop() {
      await app!.stop();
      await slackFake.stop();
      await discordFake.close();
    },
  };
}
