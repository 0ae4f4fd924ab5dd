// Slash commands end to end: the real discord.js Client on the fake gateway, the real app behind it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { people, readable, slashCommand } from '../../fakes/discord/discord-payloads.ts';
import { startDiscordApp, TOKEN, type DiscordHarness } from './discord-harness.ts';

let h: DiscordHarness;
beforeEach(async () => {
  h = await startDiscordApp();
});
afterEach(async () => {
  await h.close();
});

describe('Discord slash commands', () => {
  it('given the app configured for Discord → it identifies with only the Guilds and DirectMessages intents and runs no shell', () => {
    expect(h.app.shell).toBeNull();
    expect(h.app.adapters.map((a) => a.platform)).toEqual(['discord']);
    const intents = h.fake.identifies[0]?.intents as number;
    expect(intents).toBe((1 << 0) | (1 << 12));
  });

  it('given /help → the bot answers the interaction privately with the command list as an embed', async () => {
    const callback = await h.interact(slashCommand(h.fake, people.giulia, 'help', null));
    expect(callback.status).toBeLessThan(300);
    expect(callback.body.type).toBe(4);
    const shown = callback.body.data;
    expect(shown.flags & 64).toBe(64);
    expect(shown.embeds[0].title).toMatch(/filiera/);
    expect(JSON.stringify(shown.embeds)).toContain('/network');
  });

  it('given /help in Italian → the answer is in Italian, from the interaction locale', async () => {
    const callback = await h.interact(slashCommand(h.fake, { ...people.marco, locale: 'it' }, 'help', null));
    expect(JSON.stringify(callback.body.data.embeds)).toMatch(/Ecco|comandi/i);
  });

  it('given /network set with a time zone that does not exist → an ephemeral error, nothing saved', async () => {
    const callback = await h.interact(slashCommand(h.fake, people.giulia, 'network', 'set', [{ name: 'timezone', type: 3, value: 'Mars/Olympus' }]));
    expect(callback.body.data.flags & 64).toBe(64);
    expect(callback.body.data.content).toContain('Mars/Olympus');
  });

  it('given an option value that breaks the grammar (a language Discord let through) → the usage line comes back, ephemeral', async () => {
    const callback = await h.interact(slashCommand(h.fake, people.giulia, 'network', 'set', [{ name: 'language', type: 3, value: 'klingon' }]));
    expect(callback.body.data.flags & 64).toBe(64);
    expect(callback.body.data.content).toContain('/network set');
  });

  it('given /network set timezone:America/New_York → the member is saved with it (options rebuilt as name:value)', async () => {
    const callback = await h.interact(slashCommand(h.fake, people.giulia, 'network', 'set', [{ name: 'timezone', type: 3, value: 'America/New_York' }]));
    expect(callback.body.data.content).toContain('America/New_York');
    const member = await h.app.db.member.findFirst({ where: { platformId: people.giulia.id } });
    expect(member?.timeZone).toBe('America/New_York');
  });

  it('given an admin-only subcommand by a plain member → refused by filiera roles at run time', async () => {
    const callback = await h.interact(
      slashCommand(h.fake, people.giulia, 'network', 'role', [
        { name: 'member', type: 3, value: 'marco' },
        { name: 'role', type: 3, value: 'admin' },
      ]),
    );
    expect(callback.body.data.flags & 64).toBe(64);
    expect(callback.body.data.content).toMatch(/admin/);
  });

  it('given the same interaction delivered twice (gateway replay) → it changes nothing the second time', async () => {
    const first = slashCommand(h.fake, people.giulia, 'network', 'set', [{ name: 'timezone', type: 3, value: 'Asia/Tokyo' }]);
    await h.interact(first);
    await h.interact(slashCommand(h.fake, people.giulia, 'network', 'set', [{ name: 'timezone', type: 3, value: 'Europe/Berlin' }]));
    const before = h.fake.requests.length;
    h.fake.dispatch('INTERACTION_CREATE', first);
    await h.fake.waitFor((r) => h.fake.requests.indexOf(r) >= before && r.path.startsWith(`/interactions/${first.id}/`));
    await h.adapter.idle();
    const member = await h.app.db.member.findFirst({ where: { platformId: people.giulia.id } });
    expect(member?.timeZone).toBe('Europe/Berlin');
    const callbacks = h.fake.requests.filter((r) => r.path.startsWith(`/interactions/${first.id}/`));
    expect(callbacks.map((r) => r.status < 300)).toEqual([true, false]);
  });

  it('given /network profile (a choice field: no Discord modal can hold it) → the questionnaire runs by DM, answered with DM messages', async () => {
    const callback = await h.interact(slashCommand(h.fake, people.giulia, 'network', 'profile', [], {}));
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.content).toMatch(/direct message/);
    const dm = h.fake.dmChannelOf(people.giulia.id)!;
    expect(readable(h.fake.messagesIn(dm)[0]!)).toMatch(/Question 1 of 4/);
    await h.dm(people.giulia, 'it');
    await h.dm(people.giulia, 'Europe/Rome');
    await h.dm(people.giulia, 'Italia');
    const last = await h.dm(people.giulia, 'Occhialeria Bellunese');
    expect(last.map(readable).join('\n')).toMatch(/Profilo salvato|Profile saved/);
    const member = await h.app.db.member.findFirst({ where: { platformId: people.giulia.id } });
    expect(member).toMatchObject({ language: 'it', timeZone: 'Europe/Rome', country: 'Italia', cluster: 'Occhialeria Bellunese' });
  });

  it('given autocomplete on an option with choices → Discord gets the matching choices (type 8)', async () => {
    const payload = slashCommand(h.fake, people.anna, 'network', 'set', [{ name: 'language', type: 3, value: 'i', focused: true } as never]);
    const callback = await h.interact({ ...payload, type: 4 });
    expect(callback.body).toEqual({ type: 8, data: { choices: [{ name: 'it', value: 'it' }] } });
  });

  it('never logs the token', async () => {
    await h.interact(slashCommand(h.fake, people.giulia, 'help', null));
    expect(JSON.stringify(h.logs)).not.toContain(TOKEN);
  });
});
