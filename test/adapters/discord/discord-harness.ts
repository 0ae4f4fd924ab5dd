// The real app wired for Discord only (as `npm start` would with DISCORD_* set), pointed at the
// local fake Discord, on a temp SQLite file with a FixedClock. Helpers send gateway events and
// resolve when the adapter has finished handling them: no timers, only awaited requests.
// discord.js is imported first on purpose: under vitest, loading vega-lite (surveys' charts) before it
// breaks discord.js's bundled util.inspect at load time; plain Node is not affected.
import 'discord.js';
import { PassThrough } from 'node:stream';
import type { DiscordAdapter } from '../../../adapters/discord/index.ts';
import { createApp, type App } from '../../../src/app/create-app.ts';
import { loadConfig } from '../../../src/infra/config.ts';
import { FixedClock } from '../../fakes/fixed-clock.ts';
import { recordingLogger, tempDbFile, type LogLine } from '../../fakes/test-app.ts';
import { providerEnv } from '../../fakes/test-database.ts';
import { FakeDiscord, type FakeMessage, type Recorded } from '../../fakes/discord/fake-discord.ts';
import { APPLICATION_ID, dmMessage, people, type Person } from '../../fakes/discord/discord-payloads.ts';

export const TOKEN = 'fake-discord-token-do-not-log';

export interface DiscordHarness {
  app: App;
  fake: FakeDiscord;
  adapter: DiscordAdapter;
  clock: FixedClock;
  logs: LogLine[];
  /** Dispatches an interaction; resolves with its callback once the adapter is done with it. */
  interact(payload: Record<string, any>): Promise<Recorded>;
  /** Sends a DM from a person; resolves with the bot's messages posted in answer. */
  dm(who: Person, text: string): Promise<FakeMessage[]>;
  /** Opens (or finds) the person's DM channel on the fake, as Discord would. */
  dmChannel(who: Person): string;
  close(): Promise<void>;
}

/** `noticed: false` leaves the test people as newcomers, who get the privacy notice at first contact. */
export async function startDiscordApp(env: Record<string, string> = {}, options: { noticed?: boolean } = {}): Promise<DiscordHarness> {
  const fake = await new FakeDiscord().listen();
  const config = loadConfig({
    ...providerEnv,
    DATABASE_URL: tempDbFile(),
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: APPLICATION_ID,
    DISCORD_API_URL: fake.apiUrl,
    FILIERA_ADMINS: `discord:${people.anna.id}`,
    ...env,
  });
  const clock = new FixedClock(new Date('2026-11-23T08:00:00Z'));
  const logger = recordingLogger();
  const app = await createApp(config, { input: new PassThrough(), output: new PassThrough(), interactive: false, clock, logger });
  await app.start();
  await app.sender.stop();
  // These people have met the bot before: the first-contact notice has tests of its own.
  if (options.noticed !== false)
    for (const p of Object.values(people))
      await app.context.members.markNoticed((await app.context.members.ensure({ platform: 'discord', id: p.id, displayName: p.name })).id, clock.now());
  const adapter = app.adapters.find((a) => a.platform === 'discord') as DiscordAdapter;

  const dmChannel = (who: Person): string => {
    const existing = fake.dmChannelOf(who.id);
    if (existing) return existing;
    const id = fake.id();
    fake.channels.set(id, { id, type: 1, recipients: [{ id: who.id, username: who.name, discriminator: '0' }] });
    return id;
  };

  return {
    app,
    fake,
    adapter,
    clock,
    logs: logger.lines,
    dmChannel,
    async interact(payload) {
      fake.dispatch('INTERACTION_CREATE', payload);
      const callback = await fake.waitFor((r) => r.path.startsWith(`/interactions/${payload.id}/`));
      await adapter.idle();
      return callback;
    },
    async dm(who, text) {
      const channel = dmChannel(who);
      const before = fake.messages.length;
      const from = fake.requests.length;
      const message = dmMessage(fake, who, channel, text);
      fake.dispatch('MESSAGE_CREATE', message);
      await fake.waitFor((r) => fake.requests.indexOf(r) >= from && r.method === 'POST' && r.path === `/channels/${channel}/messages`);
      await adapter.idle();
      return fake.messages.slice(before).filter((m) => m.channel_id === channel);
    },
    async close() {
      await app.stop();
      await fake.close();
    },
  };
}
