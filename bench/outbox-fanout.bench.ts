// Fan-out at the platform's speed: 500 DMs through the real app, the real Bolt WebClient and the real
// discord.js REST client, against local fakes that enforce the platforms' limits and answer 429 +
// Retry-After beyond them. Real time (systemClock), as in production; each run takes about 25 s.
//
// Slack: the fake allows 1 message/s per channel and 20/s per workspace; the bot's budget is 20/s.
//   outbox.slack_fanout_ratio   = messages/s achieved ÷ 20 (from the enqueue to the last row marked sent)
//   outbox.slack_fanout_429_pct = share of chat.postMessage requests answered 429
//   outbox.slack_fanout_lost / _duplicates = outbox rows never posted / posted more than once
// Discord: the fake enforces the global 50 requests/s and per-route buckets (X-RateLimit-* headers);
// the bot's budget is 40 requests/s, and each first DM costs two requests (open the DM, post).
//   outbox.discord_fanout_ratio = requests/s achieved (DM opens + messages) ÷ 40
//   outbox.discord_fanout_msgs_per_s, outbox.discord_fanout_429_pct, _lost, _duplicates
import 'discord.js';
import { PassThrough } from 'node:stream';
import { createApp, type App } from '../src/app/create-app.ts';
import type { Logger, OutboxEntry } from '../src/core/index.ts';
import { loadConfig } from '../src/infra/config.ts';
import { DiscordRateLimits } from '../test/fakes/discord/discord-rate-limits.ts';
import { FakeDiscord } from '../test/fakes/discord/fake-discord.ts';
import { BOT_TOKEN, FakeSlack } from '../test/fakes/slack/fake-slack-api.ts';
import { SlackRateLimits } from '../test/fakes/slack/slack-rate-limits.ts';
import { SIGNING_SECRET } from '../test/fakes/slack/slack-requests.ts';
import { tempDbFile } from '../test/fakes/test-app.ts';

const FANOUT = 500;
const TIMEOUT_MS = 90_000;

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };
const io = { input: new PassThrough(), output: new PassThrough(), interactive: false, logger: quiet };

const dm = (platform: 'slack' | 'discord', id: string, n: number): OutboxEntry => ({
  dedupeKey: `bench:${platform}:${n}`,
  kind: 'bench',
  target: { kind: 'user', user: { platform, id } },
  message: { text: `Survey ${n}: three questions about this quarter` },
});

async function until(test: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const started = performance.now();
  while (!(await test())) {
    if (performance.now() - started > TIMEOUT_MS) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Enqueues the fan-out and waits until every row is marked sent; returns the seconds it took. */
async function fanOut(app: App, entries: OutboxEntry[]): Promise<number> {
  const started = performance.now();
  await app.outbox.enqueue(entries);
  await until(async () => (await app.db.outboxMessage.count({ where: { status: 'sent' } })) >= entries.length, 'every row sent');
  return (performance.now() - started) / 1000;
}

async function slack(): Promise<void> {
  const fake = await FakeSlack.start();
  fake.limits = new SlackRateLimits({ perChannelMs: 1000, workspacePerSecond: 20 });
  const config = loadConfig({
    DATABASE_URL: tempDbFile(),
    FILIERA_SEED: '0',
    FILIERA_ADMINS: 'slack:UADMIN',
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    SLACK_SEND_PER_SECOND: '20',
    PORT: '0',
  });
  const app = await createApp(config, io);
  await app.start();
  const entries = Array.from({ length: FANOUT }, (_, i) => dm('slack', `U${String(i).padStart(6, '0')}`, i));
  const seconds = await fanOut(app, entries);
  const posts = fake.callsTo('chat.postMessage');
  const ok = posts.filter((c) => !c.args.failed);
  const ids = ok.map((c) => (c.args.metadata as { event_payload?: { outbox_id?: string } } | undefined)?.event_payload?.outbox_id);
  const distinct = new Set(ids);
  console.log(`outbox.slack_fanout_msgs_per_s: ${(FANOUT / seconds).toFixed(1)}`);
  console.log(`outbox.slack_fanout_ratio: ${(FANOUT / seconds / 20).toFixed(2)}`);
  console.log(`outbox.slack_fanout_429_pct: ${((100 * (posts.length - ok.length)) / posts.length).toFixed(2)}`);
  console.log(`outbox.slack_fanout_lost: ${FANOUT - distinct.size}`);
  console.log(`outbox.slack_fanout_duplicates: ${ok.length - distinct.size}`);
  await app.stop();
  await fake.stop();
}

async function discord(): Promise<void> {
  const fake = await new FakeDiscord().listen();
  fake.limits = new DiscordRateLimits({ globalPerSecond: 50 });
  const config = loadConfig({
    DATABASE_URL: tempDbFile(),
    FILIERA_SEED: '0',
    FILIERA_ADMINS: 'discord:700000000000000009',
    DISCORD_TOKEN: 'bench-token',
    DISCORD_APPLICATION_ID: '900000000000000002',
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_REQUESTS_PER_SECOND: '40',
  });
  const app = await createApp(config, io);
  await app.start();
  const from = fake.requests.length;
  const users = Array.from({ length: FANOUT }, (_, i) => String(600_000_000_000_000_000n + BigInt(i)));
  const seconds = await fanOut(
    app,
    users.map((id, i) => dm('discord', id, i)),
  );
  const requests = fake.requests.slice(from).filter((r) => r.path === '/users/@me/channels' || /^\/channels\/\d+\/messages$/.test(r.path));
  const accepted = requests.filter((r) => r.status < 400).length;
  const limited = requests.filter((r) => r.status === 429).length;
  const perUser = users.map((id) => fake.messagesIn(fake.dmChannelOf(id) ?? '-').length);
  console.log(`outbox.discord_fanout_msgs_per_s: ${(FANOUT / seconds).toFixed(1)}`);
  console.log(`outbox.discord_fanout_ratio: ${(accepted / seconds / 40).toFixed(2)}`);
  console.log(`outbox.discord_fanout_429_pct: ${((100 * limited) / requests.length).toFixed(2)}`);
  console.log(`outbox.discord_fanout_lost: ${perUser.filter((n) => n === 0).length}`);
  console.log(`outbox.discord_fanout_duplicates: ${perUser.reduce((sum, n) => sum + Math.max(0, n - 1), 0)}`);
  await app.stop();
  await fake.close();
}

const only = process.argv[2];
if (!only || only === 'slack') await slack();
if (!only || only === 'discord') await discord();
process.exit(0);
