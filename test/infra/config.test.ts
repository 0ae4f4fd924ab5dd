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

  it('given a file: URL for the database → a plain path', () => {
    expect(loadConfig({ DATABASE_URL: 'file:./x.db' }).DATABASE_URL).toBe('./x.db');
  });
});
