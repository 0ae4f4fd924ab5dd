// Builds the Slack manifest from the registry of the real app (every wired feature's commands), on a
// throwaway database, so `npm run slack:manifest` and its test see exactly what `npm start` registers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { manifestYaml } from '../../adapters/slack/index.ts';
import { loadConfig } from '../infra/config.ts';
import { PROJECT_ROOT } from '../infra/paths.ts';
import { createApp } from './create-app.ts';

export const SLACK_MANIFEST_PATH = join(PROJECT_ROOT, 'adapters/slack/manifest.yaml');

export async function buildSlackManifest(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'filiera-manifest-'));
  const config = { ...loadConfig({ DATABASE_URL: join(dir, 'manifest.db'), FILIERA_SEED: '0', LOG_LEVEL: 'silent' }), adapters: [] };
  const app = await createApp(config, { input: new PassThrough(), output: new PassThrough(), interactive: false });
  try {
    return manifestYaml(app.bot.registry, app.bot.languages.translator('en'));
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
