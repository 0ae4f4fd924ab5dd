// Replies inside a conversation are deliveries too, through the real Bolt WebClient and the fake
// Slack: a 429 on a questionnaire's next question is waited out (Retry-After, on the test clock) and
// the question arrives once; when Slack keeps refusing, the person is not told "something went
// wrong", and what they write next is not taken as the answer to the question they never got.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutboxSender, type FormValues, type OutboxStore } from '../../../src/core/index.ts';
import { ScaledClock } from '../../fakes/scaled-clock.ts';
import { SlackRateLimits } from '../../fakes/slack/slack-rate-limits.ts';
import { dmMessage, eventCallback, sendSigned } from '../../fakes/slack/slack-requests.ts';
import { recordVisits, visitForm } from '../../fakes/visit-form.ts';
import { startSlackApp, type SlackHarness } from './slack-harness.ts';

let h: SlackHarness;
let received: FormValues[];
beforeEach(async () => {
  h = await startSlackApp('http');
  received = recordVisits(h.app.context);
});
afterEach(async () => {
  await h.stop();
});

const form = visitForm;
const giulia = { platform: 'slack' as const, id: 'UGIULIA' };
const say = (text: string) => sendSigned(h.slack.port!, eventCallback(dmMessage('UGIULIA', text)));
const inDm = () => h.fake.posted('DGIULIA').map((m) => String(m.text));
const everyText = () => h.fake.calls.filter((c) => c.method.startsWith('chat.')).map((c) => String(c.args.text ?? ''));

async function firstQuestionAsked(): Promise<void> {
  await h.app.context.questionnaires.ask(giulia, form, h.app.bot.languages.translator('en'));
  await h.fake.waitFor(() => inDm()[0]);
  expect(inDm()[0]).toContain('How many staff came?');
}

describe('Slack: replies are deliveries', () => {
  it('given a 429 on the next question → it arrives once after Retry-After, and its answer is taken', async () => {
    await firstQuestionAsked();
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 2 });
    const before = h.clock.now().getTime();
    await say('12');
    await h.fake.waitFor(() => inDm()[1]);
    expect(inDm()[1]).toContain('Anything to remember?');
    expect(h.clock.now().getTime() - before).toBeGreaterThanOrEqual(2000);
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.failed)).toHaveLength(1);
    await say('the forklift demo');
    await h.fake.waitFor(() => inDm().includes('Thanks!'));
    expect(received).toEqual([{ staff: '12', note: 'the forklift demo' }]);
    expect(inDm().filter((t) => t.includes('Anything to remember?'))).toHaveLength(1);
    expect(everyText().some((t) => t.includes('Something went wrong'))).toBe(false);
  });

  it('given Slack refusing the next question for longer than the bot waits → no apology, and the next message is not taken as its answer', async () => {
    await firstQuestionAsked();
    h.fake.failNext('chat.postMessage', ...Array.from({ length: 4 }, () => ({ status: 429 as const, retryAfter: 10 })));
    await say('12');
    await h.log.waitFor('question not delivered; it is asked again on the next message');
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.failed)).toHaveLength(4);
    expect(inDm()).toHaveLength(1);
    // Written without having seen the question: it gets the question, and is not stored as the note.
    await say('hello? are you there');
    await h.fake.waitFor(() => inDm()[1]);
    expect(inDm()[1]).toContain('Anything to remember?');
    await say('the forklift demo');
    await h.fake.waitFor(() => inDm().includes('Thanks!'));
    expect(received).toEqual([{ staff: '12', note: 'the forklift demo' }]);
    expect(everyText().some((t) => t.includes('Something went wrong'))).toBe(false);
  });

  it('given the fake enforcing one message a second per channel → quick replies in one DM are paced by Retry-After, none lost', async () => {
    h.fake.limits = new SlackRateLimits({ perChannelMs: 1000, workspacePerSecond: 20, now: () => h.clock.now().getTime() });
    await firstQuestionAsked();
    await say('12');
    await h.fake.waitFor(() => inDm()[1]);
    await say('the forklift demo');
    await h.fake.waitFor(() => inDm().includes('Thanks!'));
    expect(received).toEqual([{ staff: '12', note: 'the forklift demo' }]);
    expect(h.fake.limits.stats.limitedByChannel).toBeGreaterThanOrEqual(1);
  });

  it('given a fan-out with the fake enforcing 1/s per channel and 20/s per workspace → at the budget, every message once, no 429', async () => {
    // The bot's sender and the fake keep one clock that runs twice as fast as the machine's.
    const clock = new ScaledClock(h.clock.now(), 2);
    const now = () => clock.now().getTime();
    h.fake.limits = new SlackRateLimits({ perChannelMs: 1000, workspacePerSecond: 20, now });
    h.slack.capabilities.sendRatePerSecond = 20;
    const sender = new OutboxSender({ store: h.app.outbox as unknown as OutboxStore, adapters: () => [h.slack], clock, logger: h.log.logger });
    const to = (id: string) => ({ kind: 'user' as const, user: { platform: 'slack' as const, id } });
    const others = Array.from({ length: 60 }, (_, i) => `UP${String(i).padStart(3, '0')}`);
    await h.app.outbox.enqueue([
      ...[1, 2, 3].map((n) => ({ dedupeKey: `fan:giulia:${n}`, kind: 'digest', target: to('UGIULIA'), message: { text: `Digest ${n}` } })),
      ...others.map((id) => ({ dedupeKey: `fan:${id}`, kind: 'digest', target: to(id), message: { text: `Digest for ${id}` } })),
    ]);
    const started = now();
    expect(await sender.drain()).toEqual({ sent: 63, failed: 0, deferred: 0 });
    const took = now() - started;
    expect(h.fake.limits.stats).toMatchObject({ accepted: 63, limited: 0 });
    expect(inDm()).toEqual(['Digest 1', 'Digest 2', 'Digest 3']);
    expect(new Set(h.fake.posted().map((m) => m.channel)).size).toBe(61);
    // 63 messages at 20/s: about 3 s on the clock (a loaded machine adds some); a 5/s pace would take 12.6 s, 1/s a minute.
    expect(took).toBeGreaterThanOrEqual(2_900);
    expect(took).toBeLessThanOrEqual(12_000);
  });
});
