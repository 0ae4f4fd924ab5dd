// Builds the real app (real Prisma on a temp SQLite file, real translations and features) around
// an in-memory adapter, for tests that drive the bot without a terminal.
import { PassThrough } from 'node:stream';
import { createApp, type App } from '../../src/app/create-app.ts';
import type { ChatAdapter, Logger } from '../../src/core/index.ts';
import { loadConfig } from '../../src/infra/config.ts';
import { FixedClock } from './fixed-clock.ts';
import { MemoryAdapter } from './memory-adapter.ts';
import { providerEnv, tempDatabase } from './test-database.ts';

/** A fresh database for one test: a SQLite file, or a PostgreSQL database under npm run test:postgres. */
export const tempDbFile = tempDatabase;

export interface LogLine {
  level: string;
  fields: object;
  message: string;
}

/** A Logger that keeps what it was told, so tests can check what is (and is not) logged. */
export function recordingLogger(lines: LogLine[] = []): Logger & { lines: LogLine[] } {
  const make = (bound: object): Logger => ({
    debug: (f, m) => void lines.push({ level: 'debug', fields: { ...bound, ...f }, message: m }),
    info: (f, m) => void lines.push({ level: 'info', fields: { ...bound, ...f }, message: m }),
    warn: (f, m) => void lines.push({ level: 'warn', fields: { ...bound, ...f }, message: m }),
    error: (f, m) => void lines.push({ level: 'error', fields: { ...bound, ...f }, message: m }),
    child: (f) => make({ ...bound, ...f }),
  });
  return Object.assign(make({}), { lines });
}

export interface TestApp extends App {
  adapter: MemoryAdapter;
  clock: FixedClock;
  logs: LogLine[];
}

export async function createTestApp(env: Record<string, string> = {}, now = '2026-11-23T08:00:00Z', others: ChatAdapter[] = []): Promise<TestApp> {
  const config = { ...loadConfig({ ...providerEnv, DATABASE_URL: tempDbFile(), ...env }), adapters: [] };
  const adapter = new MemoryAdapter();
  const clock = new FixedClock(new Date(now));
  const logger = recordingLogger();
  // No heartbeat timer: tests beat by hand (app.replicas.beat()), so nothing runs behind their back.
  const app = await createApp(config, {
    input: new PassThrough(),
    output: new PassThrough(),
    interactive: false,
    clock,
    logger,
    adapters: [adapter, ...others],
    heartbeatMs: 0,
  });
  await app.start();
  // Tests deliver the outbox themselves (app.sender.drain()), so nothing races them in the background.
  await app.sender.stop();
  return Object.assign(app, { adapter, clock, logs: logger.lines });
}
