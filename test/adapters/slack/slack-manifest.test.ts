// The committed Slack manifest and the command registry never disagree: regenerate with
// `npm run slack:manifest` when a command is added or renamed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildSlackManifest, SLACK_MANIFEST_PATH } from '../../../src/app/slack-manifest-build.ts';
import { SLASH_DESCRIPTION_MAX, SLASH_NAME_MAX, SLASH_USAGE_HINT_MAX } from '../../../adapters/slack/slack-manifest.ts';

describe('Slack manifest', () => {
  it('given the registry of the running app → adapters/slack/manifest.yaml is exactly what it generates', async () => {
    const generated = await buildSlackManifest();
    expect(readFileSync(SLACK_MANIFEST_PATH, 'utf8'), 'run `npm run slack:manifest`').toBe(generated);
  });

  it('given the manifest → every slash command within Slack limits, escaped mentions, and the scopes the adapter uses', () => {
    const manifest = parse(readFileSync(new URL('../../../adapters/slack/manifest.yaml', import.meta.url), 'utf8'));
    const commands = manifest.features.slash_commands as Array<Record<string, any>>;
    expect(commands.map((c) => c.command)).toEqual(expect.arrayContaining(['/help', '/network']));
    for (const c of commands) {
      expect(c.command.length).toBeLessThanOrEqual(SLASH_NAME_MAX);
      expect(c.description.length).toBeLessThanOrEqual(SLASH_DESCRIPTION_MAX);
      expect((c.usage_hint ?? '').length).toBeLessThanOrEqual(SLASH_USAGE_HINT_MAX);
      expect(c.should_escape).toBe(true);
    }
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'chat:write', 'im:write', 'users:read', 'files:write']));
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['app_home_opened', 'message.im']));
  });

  it('given commands with many subcommands → the usage hint lists every one of them, none cut off', () => {
    const manifest = parse(readFileSync(new URL('../../../adapters/slack/manifest.yaml', import.meta.url), 'utf8'));
    const hint = (name: string) => String((manifest.features.slash_commands as Array<Record<string, any>>).find((c) => c.command === name)?.usage_hint);
    expect(hint('/exchange').split(' | ')).toEqual(expect.arrayContaining(['round']));
    expect(hint('/news').split(' | ')).toEqual(expect.arrayContaining(['add-source', 'add']));
    expect(hint('/exchange')).not.toContain('…');
    expect(hint('/news')).not.toContain('…');
  });
});
