// Slack failures as the outbox sees them: what waits, what retries, what gives up; and the log scrubber.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redact } from '../../../adapters/slack/slack-errors.ts';
import { conversationRef, DeliveryError } from '../../../src/core/index.ts';
import { startSlackApp, type SlackHarness } from './slack-harness.ts';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackApp('http');
});
afterAll(async () => {
  await h.stop();
});

async function failure(): Promise<DeliveryError> {
  const error = await h.slack.post(conversationRef('slack', 'C1'), { text: 'hi' }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('Slack delivery errors', () => {
  it('given a 429 with Retry-After → rate_limited with that wait, and the client did not retry by itself', async () => {
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const before = h.fake.callsTo('chat.postMessage').length;
    expect(await failure()).toMatchObject({ kind: 'rate_limited', retryAfterMs: 7000 });
    expect(h.fake.callsTo('chat.postMessage').length - before).toBe(1);
  });

  it.each(['channel_not_found', 'not_in_channel', 'user_not_found', 'messages_tab_disabled', 'is_archived', 'invalid_blocks', 'msg_too_long'])(
    'given Slack answers %s → permanent, with that reason',
    async (reason) => {
      h.fake.failNext('chat.postMessage', { error: reason });
      expect(await failure()).toMatchObject({ kind: 'permanent', reason });
    },
  );

  it('given a 500 → transient, sent once (no hidden retry that could double the message)', async () => {
    h.fake.failNext('chat.postMessage', { status: 500 });
    const before = h.fake.callsTo('chat.postMessage').length;
    expect(await failure()).toMatchObject({ kind: 'transient' });
    expect(h.fake.callsTo('chat.postMessage').length - before).toBe(1);
  });

  it('given secrets in a message → scrubbed', () => {
    const text = redact(
      'token xoxb-123-abc app xapp-1-A-2 url https://hooks.slack.com/commands/T1/2/x "response_url":"http://x/y" wss://x/link/?ticket=abc&app_id=A1',
    );
    expect(text).not.toMatch(/xoxb-123|xapp-1|hooks\.slack|http:\/\/x\/y|ticket=abc/);
  });
});
