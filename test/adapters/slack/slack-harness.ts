// The real app with the real Slack adapter (Bolt) wired to the local fake Slack: HTTP with signed
// requests, or Socket Mode through the fake WebSocket server. A FixedClock drives the outbox.
import { PassThrough } from 'node:stream';
import { createSlackAdapter, type SlackAdapter } from '../../../adapters/slack/index.ts';
import { createApp, type App } from '../../../src/app/create-app.ts';
import type { Logger } from '../../../src/core/index.ts';
import { loadConfig } from '../../../src/infra/config.ts';
import { FixedClock } from '../../fakes/fixed-clock.ts';
import { APP_TOKEN, BOT_TOKEN, FakeSlack } from '../../fakes/slack/fake-slack-api.ts';
import { FakeSocketMode } from '../../fakes/slack/fake-socket-mode.ts';
import { SIGNING_SECRET } from '../../fakes/slack/slack-requests.ts';
import { recordingLogger, tempDbFile, type LogLine } from '../../fakes/test-app.ts';
import { providerEnv } from '../../fakes/test-database.ts';

export const ADMIN = 'UADMIN';

/** A recording logger that also lets a test await a line. */
export function watchedLogger(): { logger: Logger; lines: LogLine[]; waitFor(message: string): Promise<void> } {
  const lines: LogLine[] = [];
  const waiters: Array<() => void> = [];
  const base = recordingLogger(lines);
  const notify = () => waiters.splice(0).forEach((w) => w());
  const wrap = (l: Logger): Logger => ({
    debug: (f, m) => (l.debug(f, m), notify()),
    info: (f, m) => (l.info(f, m), notify()),
    warn: (f, m) => (l.warn(f, m), notify()),
    error: (f, m) => (l.error(f, m), notify()),
    child: (f) => wrap(l.child(f)),
  });
  return {
    logger: wrap(base),
    lines,
    async waitFor(message) {
      while (!lines.some((l) => l.message === message)) await new Promise<void>((r) => waiters.push(r));
    },
  };
}

export interface SlackHarness {
  app: App;
  slack: SlackAdapter;
  fake: FakeSlack;
  socket: FakeSocketMode | null;
  clock: FixedClock;
  log: ReturnType<typeof watchedLogger>;
  stop(): Promise<void>;
}

export async function startSlackApp(
  mode: 'http' | 'socket',
  env: Record<string, string> = {},
  deadlines?: { viewAckMs?: number; triggerMs?: number; boltAckMs?: number },
  /** `noticed: false` leaves the test people as newcomers, who get the privacy notice at first contact. */
  options: { noticed?: boolean } = {},
): Promise<SlackHarness> {
  const fake = await FakeSlack.start();
  fake.users.set(ADMIN, { name: 'anna', locale: 'it-IT', tz: 'Europe/Rome' });
  fake.users.set('UMARCO', { name: 'marco', locale: 'en-US', tz: 'Europe/Vienna' });
  fake.users.set('UGIULIA', { name: 'giulia', locale: 'de-DE', tz: 'Europe/Berlin' });
  const socket = mode === 'socket' ? new FakeSocketMode(fake) : null;
  const log = watchedLogger();
  const clock = new FixedClock(new Date('2026-11-23T08:00:00Z'));
  let app: App | undefined;
  const slack = createSlackAdapter({
    botToken: BOT_TOKEN,
    ...(mode === 'socket' ? { appToken: APP_TOKEN } : { signingSecret: SIGNING_SECRET }),
    port: 0,
    apiUrl: fake.apiUrl,
    logger: log.logger,
    translator: (locale) => app!.bot.languages.translator(locale?.split(/[-_]/)[0] ?? 'en'),
    home: (user, locale) => app!.bot.home(user, locale),
    // Pacing is the outbox's business and uses real time; these tests drive the outbox by hand.
    sendRatePerSecond: 0,
    ...(deadlines ? { deadlines } : {}),
  });
  const config = { ...loadConfig({ ...providerEnv, DATABASE_URL: tempDbFile(), FILIERA_ADMINS: `slack:${ADMIN}`, FILIERA_SEED: '0', ...env }), adapters: [] };
  app = await createApp(config, { input: new PassThrough(), output: new PassThrough(), interactive: false, clock, logger: log.logger, adapters: [slack] });
  await app.start();
  await app.sender.stop();
  // These people have met the bot before: the first-contact notice has tests of its own.
  if (options.noticed !== false)
    for (const [id, user] of fake.users)
      await app.context.members.markNoticed((await app.context.members.ensure({ platform: 'slack', id, displayName: user.name })).id, clock.now());
  if (socket) await socket.connected();
  return {
    app,
    slack,
    fake,
    socket,
    clock,
    log,
    async stop() {
      await app!.stop();
      await socket?.close();
      await fake.stop();
    },
  };
}
