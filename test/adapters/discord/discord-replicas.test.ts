// Discord with two replicas on one PostgreSQL database (npm run test:postgres): only one holds the
// gateway connection, every replica sends from the outbox, and when the holder's session dies the
// other takes the gateway over on its next heartbeat (every 5 s in production, by hand here).
import 'discord.js';
import { PassThrough } from 'node:stream';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app/create-app.ts';
import type { DiscordAdapter } from '../../../adapters/discord/index.ts';
import { loadConfig } from '../../../src/infra/config.ts';
import { LOCK_SPACE } from '../../../src/infra/replicas/pg-lock-link.ts';
import { FixedClock } from '../../fakes/fixed-clock.ts';
import { FakeDiscord } from '../../fakes/discord/fake-discord.ts';
import { APPLICATION_ID, people, slashCommand } from '../../fakes/discord/discord-payloads.ts';
import { recordingLogger, tempDbFile } from '../../fakes/test-app.ts';
import { testProvider } from '../../fakes/test-database.ts';
import { TOKEN } from './discord-harness.ts';

const running: App[] = [];
let fake: FakeDiscord | null = null;
afterEach(async () => {
  for (const app of running.splice(0)) await app.stop().catch(() => undefined);
  await fake?.close();
});

async function replica(databaseUrl: string, discord: FakeDiscord): Promise<App> {
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: APPLICATION_ID,
    DISCORD_API_URL: discord.apiUrl,
    FILIERA_ADMINS: `discord:${people.anna.id}`,
    FILIERA_SEED: '0',
  });
  const clock = new FixedClock(new Date('2026-11-23T08:00:00Z'));
  const app = await createApp(config, {
    input: new PassThrough(),
    output: new PassThrough(),
    interactive: false,
    clock,
    logger: recordingLogger(),
    heartbeatMs: 0,
  });
  running.push(app);
  await app.start();
  await app.sender.stop();
  return app;
}

const discordOf = (app: App) => app.adapters.find((a) => a.platform === 'discord') as DiscordAdapter;

async function killLockSession(app: App): Promise<void> {
  const { lockKey } = await app.db.replica.findUniqueOrThrow({ where: { id: app.replicas.owner.id } });
  const admin = new pg.Client({ connectionString: process.env.FILIERA_TEST_PG_SERVER });
  await admin.connect();
  await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND classid = $1 AND objid = $2 AND objsubid = 2`, [
    LOCK_SPACE.replica,
    lockKey,
  ]);
  await admin.end();
}

describe.runIf(testProvider === 'postgresql')('Discord across replicas', () => {
  it('given two replicas → one gateway connection, commands answered once, both send, and a takeover when the holder dies', async () => {
    fake = await new FakeDiscord().listen();
    const url = tempDbFile();
    const a = await replica(url, fake);
    const b = await replica(url, fake);
    expect([fake.identifies.length, fake.connections]).toEqual([1, 1]);

    const answered = fake.requests.length;
    fake.dispatch('INTERACTION_CREATE', slashCommand(fake, people.giulia, 'help', null));
    await fake.waitFor((r) => fake!.requests.indexOf(r) >= answered && r.path.includes('/callback'));
    await Promise.all([discordOf(a).idle(), discordOf(b).idle()]);
    expect(fake.requests.slice(answered).filter((r) => r.path.includes('/callback'))).toHaveLength(1);

    // The replica without the gateway sends from the outbox all the same.
    await b.outbox.enqueue([
      { dedupeKey: 'hello', kind: 'test', target: { kind: 'user', user: { platform: 'discord', id: people.marco.id } }, message: { text: 'Hello' } },
    ]);
    expect(await b.sender.drain()).toMatchObject({ sent: 1 });
    expect(fake.messagesIn(fake.dmChannelOf(people.marco.id)!).map((m) => m.content)).toEqual(['Hello']);

    await killLockSession(a);
    await b.replicas.beat();
    expect(fake.identifies.length).toBe(2);
    await a.replicas.beat(); // the old holder comes back to a new session and closes its gateway
    expect(fake.connections).toBe(1);
    const again = fake.requests.length;
    fake.dispatch('INTERACTION_CREATE', slashCommand(fake, people.giulia, 'help', null));
    await fake.waitFor((r) => fake!.requests.indexOf(r) >= again && r.path.includes('/callback'));
    await Promise.all([discordOf(a).idle(), discordOf(b).idle()]);
    expect(fake.requests.slice(again).filter((r) => r.path.includes('/callback'))).toHaveLength(1);
  });
});
