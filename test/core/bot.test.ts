// The Bot through the real app: help, usage errors, roles, replays, failures and languages.
import { afterEach, describe, expect, it } from 'vitest';
import { from } from '../fakes/memory-adapter.ts';
import { createTestApp, type TestApp } from '../fakes/test-app.ts';

let app: TestApp;
afterEach(async () => app?.stop());

describe('the bot answers people', () => {
  it('given /help from a member → every member command with its usage line, no admin-only ones', async () => {
    app = await createTestApp();
    const [reply] = await app.adapter.inject(from('giulia').command('help'));
    expect(reply?.text).toContain('/network me');
    expect(reply?.text).toContain('/network set [language:<de|en|it>] [timezone:<timezone>]');
    expect(reply?.text).not.toContain('/network role');
  });

  it('given /help from an admin → admin commands too, marked', async () => {
    app = await createTestApp();
    const [reply] = await app.adapter.inject(from('anna').command('help'));
    expect(reply?.text).toContain('★ `/network role <member> <role>`');
  });

  it('given an unknown command → a clear message pointing to /help', async () => {
    app = await createTestApp();
    const [reply] = await app.adapter.inject(from('anna').command('frobnicate'));
    expect(reply?.text).toMatch(/don't know the command \/frobnicate.*\/help/);
  });

  it('given a wrong argument → the usage line of that subcommand', async () => {
    app = await createTestApp();
    const [reply] = await app.adapter.inject(from('anna').command('network', 'set timezone:Mars/Olympus'));
    expect(reply?.text).toContain('Mars/Olympus is not a time zone');
    const [usage] = await app.adapter.inject(from('anna').command('network', 'set language:xx'));
    expect(usage?.text).toContain('Usage: /network set [language:<de|en|it>] [timezone:<timezone>]');
  });

  it('given a missing subcommand → every usage line of the command', async () => {
    app = await createTestApp();
    const [reply] = await app.adapter.inject(from('anna').command('network'));
    expect(reply?.text).toContain('/network me\n/network profile');
  });

  it('given a member trying an admin command → refused, and nothing changes', async () => {
    app = await createTestApp();
    const [reply] = await app.adapter.inject(from('giulia').command('network', 'role paolo admin'));
    expect(reply?.text).toBe('Solo un amministratore della rete può farlo.');
    const paolo = await app.db.member.findFirst({ where: { platformId: 'paolo' } });
    expect(paolo?.role).toBe('member');
  });

  it('given an admin granting a role → the member has it', async () => {
    app = await createTestApp();
    const [reply] = await app.adapter.inject(from('anna').command('network', 'role paolo staff'));
    expect(reply?.text).toContain('is now staff member');
    const [list] = await app.adapter.inject(from('paolo').command('network', 'members'));
    expect(list?.text).toMatch(/Membri della rete \(7\)/);
  });

  it('given a first message from someone new → a member record with the network default language', async () => {
    app = await createTestApp();
    const [reply] = await app.adapter.inject(from('manager-b').command('network', 'me'));
    expect(reply?.text).toContain('manager-b · role: member · language: en');
    expect(await app.db.member.count({ where: { platformId: 'manager-b' } })).toBe(1);
  });

  it('given the platform says the locale → that language wins over the profile', async () => {
    app = await createTestApp();
    const [reply] = await app.adapter.inject({ ...from('giulia').command('network', 'me'), locale: 'de-AT' });
    expect(reply?.text).toContain('Rolle: Mitglied');
  });

  it('given the same delivery twice → handled once', async () => {
    app = await createTestApp();
    const event = { ...from('anna').command('network', 'role paolo admin'), deliveryId: 'Ev123' };
    expect(await app.adapter.inject(event)).toHaveLength(1);
    expect(await app.adapter.inject(event)).toHaveLength(0);
  });

  it('given a handler that fails unexpectedly → a reference for the user, details only in the log', async () => {
    app = await createTestApp();
    app.context.commands.add({
      name: 'boom',
      description: 'help.description',
      subcommands: [
        {
          name: '',
          description: 'help.description',
          role: 'member',
          args: [],
          run: async () => {
            throw new Error('secret stack detail');
          },
        },
      ],
    });
    const [reply] = await app.adapter.inject(from('anna').command('boom'));
    const reference = /reference ([0-9A-Z]{6})/.exec(reply?.text ?? '')?.[1];
    expect(reference).toBeDefined();
    expect(reply?.text).not.toContain('secret');
    expect(app.logs.some((l) => l.level === 'error' && (l.fields as { reference?: string }).reference === reference)).toBe(true);
  });
});
