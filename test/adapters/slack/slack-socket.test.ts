// The real Bolt app in Socket Mode against the fake Socket Mode server: commands, modals and events
// arrive as envelopes and are acknowledged on the socket.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dmMessage, eventEnvelope, slashCommandPayload, viewSubmission } from '../../fakes/slack/slack-requests.ts';
import { APP_TOKEN, BOT_TOKEN } from '../../fakes/slack/fake-slack-api.ts';
import { ADMIN, startSlackApp, type SlackHarness } from './slack-harness.ts';

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackApp('socket');
});
afterEach(async () => {
  await h.stop();
});

describe('Slack in Socket Mode', () => {
  it('given the app token → the app opens its connection through apps.connections.open with that token', () => {
    expect(h.slack.mode).toBe('socket');
    expect(h.fake.callsTo('apps.connections.open')[0]!.authorization).toMatch(/^Bearer xapp-/);
  });

  it('given /help as an envelope → acknowledged on the socket, the help shown to the person alone', async () => {
    const ack = h.socket!.send('slash_commands', slashCommandPayload({ command: '/help', user: ADMIN, channel: 'C1', responseUrl: h.fake.responseUrl('h') }));
    await ack;
    const posted = (await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'h'))).body;
    expect(posted.response_type).toBe('ephemeral');
    expect(posted.text).toContain('/survey');
  });

  it('given a modal submitted with a bad answer → the errors travel back in the envelope ack', async () => {
    h.socket!.send(
      'slash_commands',
      slashCommandPayload({ command: '/network', text: 'profile', user: 'UMARCO', channel: 'C1', responseUrl: h.fake.responseUrl('p') }),
    );
    const opened = await h.fake.waitFor(() => h.fake.callsTo('views.open')[0]);
    const ack = await h.socket!.send(
      'interactive',
      viewSubmission('UMARCO', opened.args.view, {
        language: { value: { type: 'radio_buttons', selected_option: { value: 'it' } } },
        timeZone: { value: { type: 'plain_text_input', value: 'Nowhere/Land' } },
      }),
    );
    expect(ack).toMatchObject({ response_action: 'errors', errors: { timeZone: expect.stringContaining('Nowhere/Land') } });
  });

  it('given an event delivered again with retry_attempt → handled once', async () => {
    const envelope = eventEnvelope(dmMessage(ADMIN, 'ciao'), 'EvSock1');
    await h.socket!.send('events_api', envelope);
    await h.fake.waitFor(() => h.fake.posted('DADMIN')[0]);
    await h.socket!.send('events_api', envelope, { retry_attempt: 1, retry_reason: 'timeout' });
    await h.log.waitFor('replayed delivery ignored');
    expect(h.fake.posted('DADMIN')).toHaveLength(1);
  });

  it('given socket traffic with response URLs → no token, response URL or payload in the log, even at debug level', async () => {
    await h.socket!.send(
      'slash_commands',
      slashCommandPayload({ command: '/help', user: ADMIN, channel: 'C1', responseUrl: h.fake.responseUrl('socket-secret-hook') }),
    );
    await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'socket-secret-hook'));
    const text = JSON.stringify(h.log.lines);
    expect(h.log.lines.some((l) => l.level === 'debug')).toBe(true);
    expect(text).not.toContain(BOT_TOKEN);
    expect(text).not.toContain(APP_TOKEN);
    expect(text).not.toContain('socket-secret-hook');
    // payloads (who answered what) stay out of the log altogether
    expect(text).not.toContain('legacy-verification-token');
  });
});
