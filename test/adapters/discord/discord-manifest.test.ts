// The application commands generated from the registry, and their registration by the deploy step.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_PERMISSIONS, commandManifest, commandText, type CommandJson } from '../../../adapters/discord/command-manifest.ts';
import { deployDiscordCommands } from '../../../src/app/discord-deploy.ts';
import { CommandRegistry, parseArgs, type CommandSpec } from '../../../src/core/index.ts';
import { loadConfig } from '../../../src/infra/config.ts';
import { commandProblems } from '../../fakes/discord/fake-discord-validate.ts';
import { APPLICATION_ID, GUILD_ID } from '../../fakes/discord/discord-payloads.ts';
import { tempDbFile } from '../../fakes/test-app.ts';
import { startDiscordApp, TOKEN, type DiscordHarness } from './discord-harness.ts';

let h: DiscordHarness;
beforeEach(async () => {
  h = await startDiscordApp();
});
afterEach(async () => {
  await h.close();
});

const texts = () => ({
  t: h.app.bot.languages.translator('en'),
  languages: ['en', 'it', 'de'].map((language) => ({ language, t: h.app.bot.languages.translator(language) })),
});

const sample: CommandSpec = {
  name: 'survey',
  description: 'help.description',
  subcommands: [
    { name: '', description: 'help.description', role: 'member', args: [], run: async () => undefined },
    {
      name: 'open',
      description: 'help.description',
      role: 'admin',
      args: [
        { name: 'id', kind: 'string', required: true, description: 'help.description', suggest: 'survey' },
        { name: 'closes', kind: 'date', named: true, description: 'help.description' },
        { name: 'anonymous', kind: 'flag', description: 'help.description' },
        { name: 'note', kind: 'text', description: 'help.description' },
      ],
      run: async () => undefined,
    },
  ],
};

describe('Discord command manifest', () => {
  it('given the running registry → one valid CHAT_INPUT command per registry command, with every subcommand', () => {
    const manifest = commandManifest(h.app.bot.registry, texts());
    expect(manifest.map((c) => c.name).sort()).toEqual(
      h.app.bot.registry
        .all()
        .map((s) => s.name)
        .sort(),
    );
    expect(manifest.flatMap(commandProblems)).toEqual([]);
    for (const spec of h.app.bot.registry.all()) {
      const json = manifest.find((c) => c.name === spec.name)!;
      const named = spec.subcommands.filter((s) => s.name);
      if (named.length) expect(json.options!.filter((o) => o.type === 1).map((o) => o.name)).toEqual(expect.arrayContaining(named.map((s) => s.name)));
    }
  });

  it('given /network → typed options with choices, the description localised, and no admin gate (members use it)', () => {
    const network = commandManifest(h.app.bot.registry, texts()).find((c) => c.name === 'network')!;
    expect(network.default_member_permissions).toBeNull();
    expect(network.description_localizations?.it).toBeTruthy();
    const set = network.options!.find((o) => o.name === 'set') as any;
    expect(
      set.options
        .find((o: any) => o.name === 'language')
        .choices.map((c: any) => c.value)
        .sort(),
    ).toEqual(['de', 'en', 'it']);
    const role = network.options!.find((o) => o.name === 'role') as any;
    expect(role.options.find((o: any) => o.name === 'member').autocomplete).toBe(true);
  });

  it('given a command whose subcommands are all admin → default_member_permissions is set; flags are booleans, dates strings', () => {
    const registry = new CommandRegistry();
    registry.add({ ...sample, name: 'admin', subcommands: sample.subcommands.filter((s) => s.name === 'open') });
    registry.add(sample);
    const [admin, survey] = commandManifest(registry, texts()) as [CommandJson, CommandJson];
    expect(admin.default_member_permissions).toBe(ADMIN_PERMISSIONS);
    expect(survey.default_member_permissions).toBeNull();
    const open = (admin.options![0] as any).options;
    expect(open.map((o: any) => [o.name, o.type, o.required])).toEqual([
      ['id', 3, true],
      ['closes', 3, false],
      ['anonymous', 5, false],
      ['note', 3, false],
    ]);
    expect(survey.options!.map((o) => o.name)).toEqual(['run', 'open']);
    expect([admin, survey].flatMap(commandProblems)).toEqual([]);
  });

  it('given a date argument in the real registry → its description keeps (YYYY-MM-DD) in every language, however long', () => {
    const manifest = commandManifest(h.app.bot.registry, texts());
    const exchange = manifest.find((c) => c.name === 'exchange')!;
    const snooze = (exchange.options ?? []).find((o) => o.name === 'snooze') as { options?: Array<Record<string, any>> };
    const until = snooze.options!.find((o) => o.name === 'until')!;
    expect(until.description).toMatch(/\(YYYY-MM-DD\)$/);
    const localizations = Object.values(until.description_localizations as Record<string, string>);
    expect(localizations.length).toBeGreaterThanOrEqual(3);
    for (const text of localizations) {
      expect(text).toMatch(/\(YYYY-MM-DD\)$/);
      expect(text.length).toBeLessThanOrEqual(100);
    }
  });

  it('given options as Discord delivers them → the rebuilt text parses to the same arguments the shell would get', () => {
    const text = commandText(sample, 'open', [
      { name: 'note', value: 'for the "rubber" cluster, second wave' },
      { name: 'anonymous', value: true },
      { name: 'closes', value: '2026-12-01' },
      { name: 'id', value: 'managers 2026' },
    ]);
    const sub = sample.subcommands[1]!;
    const resolved = new CommandRegistry().resolve(sample, text);
    expect(resolved?.sub.name).toBe('open');
    const parsed = parseArgs(sub.args, resolved!.rest);
    expect(parsed.ok && parsed.value).toEqual({ id: 'managers 2026', closes: '2026-12-01', anonymous: true, note: 'for the "rubber" cluster, second wave' });
    expect(commandText(sample, 'run', [])).toBe('');
  });

  it('given DISCORD_GUILD_ID → npm run discord:deploy PUTs the manifest to that server on the fake', async () => {
    const config = loadConfig({
      DATABASE_URL: tempDbFile(),
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_GUILD_ID: GUILD_ID,
      DISCORD_API_URL: h.fake.apiUrl,
    });
    const result = await deployDiscordCommands(config);
    expect(result).toEqual({ scope: 'guild', count: h.app.bot.registry.all().length });
    const put = await h.fake.waitFor((r) => r.method === 'PUT');
    expect(put.path).toBe(`/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`);
    expect(put.auth).toBe(`Bot ${TOKEN}`);
    expect(
      h.fake.commands
        .get(GUILD_ID)!
        .map((c) => c.name)
        .sort(),
    ).toEqual(
      h.app.bot.registry
        .all()
        .map((s) => s.name)
        .sort(),
    );
  });
});
