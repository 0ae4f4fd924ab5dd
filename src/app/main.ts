// Entry point: parse configuration, build the app, run until the shell's input ends or a signal
// arrives, then finish pending work and exit. The only place that calls process.exit.
import { BotError } from '../core/index.ts';
import { loadConfig, readEnvironment } from '../infra/config.ts';
import { createApp } from './create-app.ts';

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig(readEnvironment(process.env));
  } catch (error) {
    if (error instanceof BotError && error.code === 'config_invalid') {
      process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`);
      return 1;
    }
    throw error;
  }
  const app = await createApp(config, { input: process.stdin, output: process.stdout, interactive: Boolean(process.stdin.isTTY) });
  let stopping: Promise<void> | null = null;
  const stop = () => (stopping ??= app.stop());
  process.once('SIGINT', () => void stop().then(() => process.exit(0)));
  process.once('SIGTERM', () => void stop().then(() => process.exit(0)));
  await app.start();
  if (!app.shell) return new Promise<number>(() => undefined);
  await app.shell.closed;
  await stop();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`filiera could not start: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
