// The real Bolt app over HTTP with signed requests: slash commands, signatures, retried events.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inChannel, subcommand } from '../../../src/core/index.ts';
import { BOT_TOKEN } from '../../fakes/slack/fake-slack-api.ts';
import { dmMessage, eventCallback, sendSigned, sign, slashCommand, SIGNING_SECRET } from '../../fakes/slack/slack-requests.ts';
import { ADMIN, startSlackApp, type SlackHarness } from './slack-harness.ts';

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackApp('http');
});
afterEach(async () => {
  await h.stop();
});

const port = () => h.slack.port!;

describe('Slack over HTTP', () => {
  it('given /help typed in a channel → acknowledged at once, the help shown to the person alone in their Slack language', async () => {
    const res = await sendSigned(port(), slashCommand({ command: '/help', user: ADMIN, channel: 'C1', responseUrl: h.fake.responseUrl('help') }));
    expect(res.status).toBe(200);
    const posted = (await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'help'))).body;
    expect(posted.response_type).toBe('ephemeral');
    expect(h.fake.posted('C1')).toEqual([]);
    expect(posted.text).toContain('/network');
    expect(JSON.stringify(posted.blocks)).toContain('/network');
    // anna's Slack locale is it-IT
    expect(posted.text).toMatch(/comandi|Ecco/i);
  });

  it('given a command with arguments that do not fit → a usage line only the person sees', async () => {
    await sendSigned(port(), slashCommand({ command: '/network', text: 'bogus', user: 'UMARCO', channel: 'C1', responseUrl: h.fake.responseUrl('usage') }));
    const response = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'usage'));
    expect(response.body.response_type).toBe('ephemeral');
    expect(response.body.text).toContain('/network me');
    expect(response.body.text).not.toContain('/network role');
  });

  it('given Slack-escaped mentions in the command text → the command sees plain ids', async () => {
    await sendSigned(port(), slashCommand({ command: '/network', text: 'me', user: 'UMARCO', channel: 'C3', responseUrl: h.fake.responseUrl('me') }));
    await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'me'));
    await sendSigned(
      port(),
      slashCommand({ command: '/network', text: 'role <@UMARCO|marco> staff', user: ADMIN, channel: 'C1', responseUrl: h.fake.responseUrl('role') }),
    );
    const done = (await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'role'))).body;
    expect(done.text).toContain('marco');
    const marco = await h.app.db.member.findFirst({ where: { platform: 'slack', platformId: 'UMARCO' } });
    expect(marco?.role).toBe('staff');
    // language and time zone come from the Slack profile (users.info)
    expect(marco?.timeZone).toBe('Europe/Vienna');
    expect(h.fake.callsTo('users.info').filter((c) => c.args.user === 'UMARCO')).toHaveLength(1);
  });

  it('given forged and stale signatures → 401 before any handler runs, and a valid one still works', async () => {
    const delivery = slashCommand({ command: '/help', user: ADMIN, channel: 'C9', responseUrl: h.fake.responseUrl('x') });
    const forged = await sendSigned(port(), delivery, { secret: 'not-the-secret' });
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const old = await sendSigned(port(), delivery, { timestamp: stale, signature: sign(SIGNING_SECRET, stale, delivery.body) });
    const missing = await sendSigned(port(), delivery, { signature: '' });
    expect([forged.status, old.status, missing.status]).toEqual([401, 401, 401]);
    expect(h.fake.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
    await sendSigned(port(), slashCommand({ command: '/help', user: ADMIN, channel: 'C2', responseUrl: h.fake.responseUrl('ok') }));
    await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'ok'));
    expect(h.fake.responses.filter((r) => r.id === 'x')).toEqual([]);
  });

  it('given Slack retries an event (X-Slack-Retry-Num) → it is handled once', async () => {
    const delivery = eventCallback(dmMessage(ADMIN, 'ciao'), 'EvRetry1');
    expect((await sendSigned(port(), delivery)).status).toBe(200);
    await h.fake.waitFor(() => h.fake.posted('DADMIN')[0]);
    const retry = await sendSigned(port(), delivery, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    await h.log.waitFor('replayed delivery ignored');
    expect(h.fake.posted('DADMIN')).toHaveLength(1);
  });

  it('given traffic with tokens and response URLs → neither ever reaches the log', async () => {
    await sendSigned(port(), slashCommand({ command: '/help', user: ADMIN, channel: 'C1', responseUrl: h.fake.responseUrl('secret-hook') }));
    await sendSigned(port(), slashCommand({ command: '/nope', user: ADMIN, channel: 'C1', responseUrl: h.fake.responseUrl('secret-hook-2') }));
    await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'secret-hook-2'));
    const text = JSON.stringify(h.log.lines);
    expect(h.log.lines.length).toBeGreaterThan(0);
    expect(text).not.toContain(BOT_TOKEN);
    expect(text).not.toContain(SIGNING_SECRET);
    expect(text).not.toContain('secret-hook');
  });

  it('given a public reply where the bot is not in the channel → it still reaches the channel through the response URL', async () => {
    h.app.context.commands.add({
      name: 'announce',
      description: 'help.description',
      subcommands: [
        subcommand({
          name: '',
          description: 'help.description',
          role: 'member',
          args: {},
          run: async ({ member }) => inChannel({ text: `from ${member.displayName}: marco` }),
        }),
      ],
    });
    h.fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    await sendSigned(port(), slashCommand({ command: '/announce', text: '', user: 'UMARCO', channel: 'CPRIV', responseUrl: h.fake.responseUrl('fallback') }));
    const response = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'fallback'));
    expect(response.body).toMatchObject({ response_type: 'in_channel' });
    expect(response.body.text).toContain('marco');
  });
});
