// Configuration alone starts Slack: with a bot token and a signing secret the app runs the Slack
// adapter over HTTP (and no shell), pointed at SLACK_API_URL.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../../adapters/slack/index.ts';
import { createApp, type App } from '../../../src/app/create-app.ts';
import { loadConfig } from '../../../src/infra/config.ts';
import { BOT_TOKEN, FakeSlack } from '../../fakes/slack/fake-slack-api.ts';
import { sendSigned, SIGNING_SECRET, slashCommand } from '../../fakes/slack/slack-requests.ts';
import { tempDbFile } from '../../fakes/test-app.ts';
import { watchedLogger } from './slack-harness.ts';

let stop: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const s of stop.reverse()) await s();
  stop = [];
});

describe('Slack from configuration', () => {
  it('given SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET → Slack over HTTP on PORT, no shell, answering /help', async () => {
    const fake = await FakeSlack.start();
    stop.push(() => fake.stop());
    const config = loadConfig({
      DATABASE_URL: tempDbFile(),
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      FILIERA_SEED: '0',
    });
    expect(config.adapters).toEqual(['slack']);
    const log = watchedLogger();
    const app: App = await createApp(config, { input: new PassThrough(), output: new PassThrough(), interactive: false, logger: log.logger });
    stop.push(() => app.stop());
    await app.start();
    expect(app.shell).toBeNull();
    const slack = app.adapters.find((a) => a.platform === 'slack') as SlackAdapter;
    expect(slack.mode).toBe('http');
    const res = await sendSigned(slack.port!, slashCommand({ command: '/help', user: 'U1', channel: 'C1', responseUrl: fake.responseUrl('w') }));
    expect(res.status).toBe(200);
    await fake.waitFor(() => fake.responses.find((r) => r.id === 'w'));
    expect(JSON.stringify(log.lines)).not.toContain(BOT_TOKEN);
  });
});
