// The composition root: builds storage, translations, the bot, its features, scheduler, outbox and
// adapters from one parsed Config. The only module that knows every concrete part.
import { dirname, join, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { ShellAdapter } from '../../adapters/shell/index.ts';
import {
  AdapterConversations,
  Bot,
  CommandRegistry,
  OutboxSender,
  systemClock,
  type ChatAdapter,
  type Clock,
  type FeatureContext,
  type Logger,
  type Outbox,
} from '../core/index.ts';
import { helpCommand } from '../features/help/help-commands.ts';
import { registerNetwork } from '../features/network/network-commands.ts';
import type { Config } from '../infra/config.ts';
import type { DatabaseTarget } from '../infra/prisma/database-target.ts';
import { PROJECT_ROOT } from '../infra/paths.ts';
import { createI18n } from '../infra/i18n.ts';
import { createLogger } from '../infra/logger.ts';
import type { PrismaClient } from '../infra/prisma/generated/client.ts';
import { openDatabase } from '../infra/prisma/prisma-client.ts';
import { createPrismaMembers } from '../infra/prisma/prisma-members.ts';
import { createPrismaLinkCodes } from '../infra/prisma/prisma-network.ts';
import { createPrismaOutbox } from '../infra/prisma/prisma-outbox.ts';
import { createPrismaSessions } from '../infra/prisma/prisma-sessions.ts';
import { createPrismaInbox, createPrismaWork } from '../infra/prisma/prisma-work.ts';
import { createReplicaRegistry, type ReplicaRegistry } from '../infra/replicas/replica-registry.ts';
import { CronScheduler } from '../infra/scheduler.ts';
import { wireFeatures } from './features.ts';
import { platformAdapters } from './platform-adapters.ts';
import { seedMembers } from './seed.ts';

export interface AppIo {
  input: Readable;
  output: Writable;
  interactive: boolean;
  clock?: Clock;
  logger?: Logger;
  /** Adapters built elsewhere (an embedding host, the tests' in-memory one), added to the configured ones. */
  adapters?: ChatAdapter[];
  /** How often this replica beats (ms); 0 beats only at start, for tests that beat by hand. */
  heartbeatMs?: number;
}

export interface App {
  config: Config;
  db: PrismaClient;
  bot: Bot;
  /** The handles features register with; tests register their own commands and forms through it. */
  context: FeatureContext;
  scheduler: CronScheduler;
  sender: OutboxSender;
  /** Where features write messages to send; tests and benchmarks enqueue through it too. */
  outbox: Outbox;
  /** This process among the replicas on the database: claims, budget share, single-holder duties. */
  replicas: ReplicaRegistry;
  adapters: ChatAdapter[];
  shell: ShellAdapter | null;
  start(): Promise<void>;
  /** Delivers what is due, stops every part and closes the database. */
  stop(): Promise<void>;
}

export async function createApp(config: Config, io: AppIo): Promise<App> {
  const clock = io.clock ?? systemClock;
  const shellOnly = config.adapters.length === 1 && config.adapters[0] === 'shell';
  const logger = io.logger ?? createLogger(config.LOG_LEVEL ?? (shellOnly ? 'warn' : 'info'));
  const target: DatabaseTarget = config.database.provider === 'sqlite' ? { provider: 'sqlite', file: resolve(config.database.file) } : config.database;
  const db = await openDatabase(target);
  const replicas = await createReplicaRegistry({ db, target, clock, logger });
  const i18n = createI18n(join(PROJECT_ROOT, 'locales'), config.FILIERA_LANGUAGE);
  const members = createPrismaMembers(db, config.FILIERA_ADMINS, clock);
  const registry = new CommandRegistry();
  const conversations = new AdapterConversations({ clock, logger });
  const bot = new Bot({
    registry,
    members,
    i18n,
    conversations,
    sessions: createPrismaSessions(db, clock),
    firstDelivery: createPrismaInbox(db, clock),
    clock,
    logger,
    serial: replicas,
  });
  const scheduler = new CronScheduler({ work: createPrismaWork(db, clock, replicas.owner), clock, logger, defaultTimeZone: config.FILIERA_TIMEZONE });
  const adapters: ChatAdapter[] = [];
  const outbox = createPrismaOutbox(db, clock, () => sender.notify(), replicas.owner);
  const sender: OutboxSender = new OutboxSender({ store: outbox, adapters: () => adapters, clock, logger, budget: replicas });

  const context = bot.featureContext({ outbox, clock, logger });
  registry.add(helpCommand(registry));
  registerNetwork(context, { codes: createPrismaLinkCodes(db, () => clock.now()) });

  const features = await wireFeatures({ context, db, clock, logger, config, root: PROJECT_ROOT });
  for (const feature of features) for (const job of feature.jobs) scheduler.register(job);
  if (config.FILIERA_SEED)
    // Replicas starting together seed one after another; each seed skips what exists.
    await replicas.exclusive('seed', async () => {
      await seedMembers(members);
      for (const feature of features) await feature.seed?.();
    });

  /** Features' warm-ups under way: stop() waits for them before closing the database. */
  let warming: Array<Promise<void> | undefined> = [];
  let shell: ShellAdapter | null = null;
  if (config.adapters.includes('shell')) {
    const admin = config.FILIERA_ADMINS.find((a) => a.startsWith('shell:'))?.slice('shell:'.length) ?? 'anna';
    shell = new ShellAdapter({
      input: io.input,
      output: io.output,
      user: admin,
      interactive: io.interactive,
      filesDir: resolve(config.FILIERA_FILES_DIR ?? (target.provider === 'sqlite' ? join(dirname(target.file), 'files') : join('data', 'files'))),
      runJob: async (name) => {
        const result = await scheduler.runNow(name);
        return result.ok ? result.summary : `No job called ${name}. Jobs: ${result.known.join(', ') || '(none)'}`;
      },
      afterLine: async () => void (await sender.drain()),
    });
    adapters.push(shell);
  }
  adapters.push(...(await platformAdapters(config, { bot, logger, leadership: replicas })), ...(io.adapters ?? []));
  for (const adapter of adapters) conversations.attach(adapter);

  return {
    config,
    db,
    bot,
    context,
    scheduler,
    sender,
    outbox,
    replicas,
    adapters,
    shell,
    async start() {
      // Registers this replica and hands back what dead ones held (on SQLite: whatever a previous process left).
      await replicas.start({ heartbeatMs: io.heartbeatMs, onBeat: () => scheduler.recover() });
      await outbox.releaseInFlight();
      // Caches read once (benchmark aggregates of open surveys) fill while the adapters connect.
      warming = features.map((feature) => feature.warm?.().catch((error: unknown) => logger.warn({ err: error, feature: feature.name }, 'warm-up failed')));
      for (const adapter of adapters) await adapter.start(bot.handle);
      await scheduler.start();
      if (shell) await sender.drain();
      else sender.start();
    },
    async stop() {
      await scheduler.stop();
      await sender.stop();
      await sender.drain();
      for (const adapter of adapters) await adapter.stop();
      await Promise.all(warming);
      await replicas.stop();
      await db.$disconnect();
    },
  };
}
