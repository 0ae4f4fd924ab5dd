import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/infra/config.ts';

describe('configuration', () => {
  it('given no credentials → the shell on ./data/filiera.db', () => {
    expect(loadConfig({})).toMatchObject({ adapters: ['shell'], DATABASE_URL: './data/filiera.db', FILIERA_ADMINS: ['shell:anna'] });
  });

  it('given Slack and Discord credentials → both adapters and no shell, unless asked for', () => {
    const env = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '42' };
    expect(loadConfig(env).adapters).toEqual(['slack', 'discord']);
    expect(loadConfig({ ...env, FILIERA_SHELL: '1' }).adapters).toEqual(['shell', 'slack', 'discord']);
  });

  it('given a Slack bot token without a way to receive events → an error naming both variables', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_APP_TOKEN or SLACK_SIGNING_SECRET/);
  });

  it('given malformed values → each variable named with the reason', () => {
    const attempt = () => loadConfig({ SLACK_BOT_TOKEN: 'nope', FILIERA_ADMINS: 'anna', PORT: 'x' });
    expect(attempt).toThrow(/SLACK_BOT_TOKEN: a bot token starts with xoxb-/);
    expect(attempt).toThrow(/FILIERA_ADMINS: each admin is platform:id/);
    expect(attempt).toThrow(/PORT: /);
  });

  it('given a file path or a file: URL for the database → SQLite on that file', () => {
    expect(loadConfig({}).database).toEqual({ provider: 'sqlite', file: './data/filiera.db' });
    expect(loadConfig({ DATABASE_URL: 'file:./x.db' }).database).toEqual({ provider: 'sqlite', file: './x.db' });
    expect(loadConfig({ DATABASE_URL: 'file:///srv/filiera/x.db' }).database).toEqual({ provider: 'sqlite', file: '/srv/filiera/x.db' });
    expect(loadConfig({ DATABASE_URL: '/srv/filiera/x.db' }).database).toEqual({ provider: 'sqlite', file: '/srv/filiera/x.db' });
  });

  it('given a postgresql:// or postgres:// address → PostgreSQL at that address', () => {
    const url = 'postgresql://filiera:secret@db.example:5432/filiera?sslmode=require';
    expect(loadConfig({ DATABASE_URL: url }).database).toEqual({ provider: 'postgresql', url });
    expect(loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1/db' }).database).toEqual({
      provider: 'postgresql',
      url: 'postgres://postgres@127.0.0.1/db',
    });
  });

  it('given an address the bot cannot use → the start stops with a message naming DATABASE_URL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://root@localhost/filiera' })).toThrow(/DATABASE_URL: "mysql:" is not supported/);
    expect(() => loadConfig({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432' })).toThrow(/DATABASE_URL: the PostgreSQL address names no database/);
    expect(() => loadConfig({ DATABASE_URL: 'postgresql:db' })).toThrow(/DATABASE_URL: a PostgreSQL address starts with postgresql:\/\//);
    expect(() => loadConfig({ DATABASE_URL: 'http://example.org/db' })).toThrow(/DATABASE_URL/);
  });

  it('given send budgets → the outbox budgets for Slack and Discord, Discord kept inside its global 50/s', () => {
    expect(loadConfig({})).toMatchObject({ SLACK_SEND_PER_SECOND: 8, DISCORD_REQUESTS_PER_SECOND: 40 });
    expect(loadConfig({ SLACK_SEND_PER_SECOND: '20', DISCORD_REQUESTS_PER_SECOND: '45' })).toMatchObject({
      SLACK_SEND_PER_SECOND: 20,
      DISCORD_REQUESTS_PER_SECOND: 45,
    });
    expect(() => loadConfig({ DISCORD_REQUESTS_PER_SECOND: '60' })).toThrow(/DISCORD_REQUESTS_PER_SECOND/);
    expect(() => loadConfig({ SLACK_SEND_PER_SECOND: 'fast' })).toThrow(/SLACK_SEND_PER_SECOND/);
  });
});
