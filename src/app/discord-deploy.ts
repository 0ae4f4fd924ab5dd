// `npm run discord:deploy`: registers filiera's commands with Discord, generated from the same
// registry the bot runs (to DISCORD_GUILD_ID when set, else globally). Builds the app on a
// throwaway database only to collect every feature's commands; the real database is not touched.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { commandManifest, deployCommands } from '../../adapters/discord/index.ts';
import { BotError } from '../core/index.ts';
import { loadConfig, readEnvironment, type Config } from '../infra/config.ts';
import { createI18n } from '../infra/i18n.ts';
import { PROJECT_ROOT } from '../infra/paths.ts';
import { createApp } from './create-app.ts';

export async function deployDiscordCommands(config: Config): Promise<{ scope: 'guild' | 'global'; count: number }> {
  if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID)
    throw new BotError('config_invalid', 'DISCORD_TOKEN and DISCORD_APPLICATION_ID are needed to deploy commands');
  const dir = mkdtempSync(join(tmpdir(), 'filiera-deploy-'));
  const app = await createApp(
    { ...config, DATABASE_URL: join(dir, 'deploy.db'), database: { provider: 'sqlite', file: join(dir, 'deploy.db') }, FILIERA_SEED: false, adapters: [] },
    { input: new PassThrough(), output: new PassThrough(), interactive: false },
  );
  try {
    const i18n = createI18n(join(PROJECT_ROOT, 'locales'), config.FILIERA_LANGUAGE);
    const commands = commandManifest(app.bot.registry, {
      t: i18n.translator(config.FILIERA_LANGUAGE),
      languages: i18n.languages.map((language) => ({ language, t: i18n.translator(language) })),
    });
    return await deployCommands({
      token: config.DISCORD_TOKEN,
      applicationId: config.DISCORD_APPLICATION_ID,
      ...(config.DISCORD_GUILD_ID ? { guildId: config.DISCORD_GUILD_ID } : {}),
      ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}),
      commands,
    });
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '\0')) {
  deployDiscordCommands(loadConfig(readEnvironment(process.env))).then(
    ({ scope, count }) => {
      process.stdout.write(`Registered ${count} commands ${scope === 'guild' ? 'in the server' : 'globally (may take up to an hour to appear)'}.\n`);
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(
        `${error instanceof BotError ? error.message : `Deploy failed: ${(error as Error)?.name ?? 'error'} ${(error as { code?: unknown })?.code ?? ''}`}\n`,
      );
      process.exit(1);
    },
  );
}
