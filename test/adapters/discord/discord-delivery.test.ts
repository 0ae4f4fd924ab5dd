// Replies inside a conversation are deliveries too, through the real discord.js REST client and the
// fake Discord: a 429 on a questionnaire's next question is waited out (Retry-After, on the test
// clock) and the question arrives once; when Discord keeps refusing, the person is not told
// "something went wrong", and what they write next is not taken as the answer to a question they never got.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conversationRef, DeliveryError, OutboxSender, type FormValues, type OutboxStore } from '../../../src/core/index.ts';
import { DiscordRateLimits } from '../../fakes/discord/discord-rate-limits.ts';
import { ScaledClock } from '../../fakes/scaled-clock.ts';
import { people, readable } from '../../fakes/discord/discord-payloads.ts';
import { recordVisits, visitForm } from '../../fakes/visit-form.ts';
import { startDiscordApp, type DiscordHarness } from './discord-harness.ts';

let h: DiscordHarness;
let received: FormValues[];
beforeEach(async () => {
  h = await startDiscordApp();
  received = recordVisits(h.app.context);
});
afterEach(async () => {
  await h.close();
});

const form = visitForm;
const giulia = { platform: 'discord' as const, id: people.giulia.id };
const dmPosts = (channel: string) => h.fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channel}/messages`);
const texts = (channel: string) => h.fake.messagesIn(channel).map(readable);

async function firstQuestionAsked(): Promise<string> {
  await h.app.context.questionnaires.ask(giulia, form, h.app.bot.languages.translator('en'));
  const channel = h.fake.dmChannelOf(people.giulia.id)!;
  expect(texts(channel)[0]).toContain('How many staff came?');
  return channel;
}
const limitNextPosts = (channel: string, times: number, seconds: number) => {
  for (let i = 0; i < times; i++)
    h.fake.inject({ match: (r) => r.method === 'POST' && r.path === `/channels/${channel}/messages`, status: 429, retryAfterSeconds: seconds });
};

describe('Discord: replies are deliveries', () => {
  it('given a 429 on the next question → it arrives once after Retry-After, and its answer is taken', async () => {
    const channel = await firstQuestionAsked();
    limitNextPosts(channel, 1, 2);
    const before = h.clock.now().getTime();
    await h.dm(people.giulia, '12');
    expect(texts(channel)[1]).toContain('Anything to remember?');
    expect(h.clock.now().getTime() - before).toBeGreaterThanOrEqual(2000);
    expect(dmPosts(channel).map((r) => r.status)).toEqual([200, 429, 200]);
    await h.dm(people.giulia, 'the forklift demo');
    expect(texts(channel).at(-1)).toBe('Thanks!');
    expect(received).toEqual([{ staff: '12', note: 'the forklift demo' }]);
    expect(texts(channel).filter((t) => t.includes('Anything to remember?'))).toHaveLength(1);
    expect(texts(channel).some((t) => t.includes('Something went wrong'))).toBe(false);
  });

  it('given Discord refusing the next question for longer than the bot waits → no apology, and the next message is not taken as its answer', async () => {
    const channel = await firstQuestionAsked();
    limitNextPosts(channel, 6, 10);
    await h.dm(people.giulia, '12');
    // The bot waited out Retry-After a few times (about 30 s on its clock), then gave up for now.
    expect(dmPosts(channel).filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(3);
    expect(texts(channel)).toHaveLength(1);
    h.fake.injections.length = 0;
    // Written without having seen the question: it gets the question, and is not stored as the note.
    await h.dm(people.giulia, 'hello? are you there');
    expect(texts(channel)[1]).toContain('Anything to remember?');
    await h.dm(people.giulia, 'the forklift demo');
    expect(texts(channel).at(-1)).toBe('Thanks!');
    expect(received).toEqual([{ staff: '12', note: 'the forklift demo' }]);
    expect(texts(channel).some((t) => t.includes('Something went wrong'))).toBe(false);
  });

  it('given a 429 on one DM channel’s own bucket → only that conversation waits; the platform keeps sending', async () => {
    const to = (id: string) => ({ kind: 'user' as const, user: { platform: 'discord' as const, id } });
    const digest = (who: { id: string }, n: number) => ({
      dedupeKey: `d:${who.id}:${n}`,
      kind: 'digest',
      target: to(who.id),
      message: { text: `Digest ${n}` },
    });
    const giuliaDm = h.dmChannel(people.giulia);
    limitNextPosts(giuliaDm, 1, 5);
    await h.app.outbox.enqueue([digest(people.giulia, 1), digest(people.marco, 1)]);
    expect(await h.app.sender.drain()).toEqual({ sent: 1, failed: 0, deferred: 1 });
    // Not a global limit: a message for someone else goes out at once.
    await h.app.outbox.enqueue([digest(people.anna, 1)]);
    expect(await h.app.sender.drain()).toMatchObject({ sent: 1, deferred: 0 });
    h.clock.advance(5_100);
    expect(await h.app.sender.drain()).toMatchObject({ sent: 1 });
    expect(texts(giuliaDm)).toEqual(['Digest 1']);
  });

  it('given the fake enforcing the global 50/s and per-route buckets → a fan-out at the budget gets no 429, each message once', async () => {
    // The bot's sender and the fake keep one clock that runs twice as fast as the machine's.
    const clock = new ScaledClock(h.clock.now(), 2);
    h.fake.limits = new DiscordRateLimits({ globalPerSecond: 50, now: () => clock.now().getTime() });
    const sender = new OutboxSender({ store: h.app.outbox as unknown as OutboxStore, adapters: () => [h.adapter], clock, logger: h.app.context.logger });
    const ids = Array.from({ length: 20 }, (_, i) => String(710_000_000_000_000_000n + BigInt(i)));
    const to = (id: string) => ({ kind: 'user' as const, user: { platform: 'discord' as const, id } });
    await h.app.outbox.enqueue([
      ...[1, 2, 3].map((n) => ({ dedupeKey: `fan:${ids[0]}:${n}`, kind: 'digest', target: to(ids[0]!), message: { text: `Digest ${n}` } })),
      ...ids.slice(1).map((id) => ({ dedupeKey: `fan:${id}`, kind: 'digest', target: to(id), message: { text: `Digest for ${id}` } })),
    ]);
    const started = clock.now().getTime();
    expect(await sender.drain()).toEqual({ sent: 22, failed: 0, deferred: 0 });
    const took = clock.now().getTime() - started;
    expect(h.fake.limits.stats).toMatchObject({ limitedGlobal: 0, limitedRoute: 0 });
    expect(ids.map((id) => h.fake.messagesIn(h.fake.dmChannelOf(id)!).length)).toEqual([3, ...ids.slice(1).map(() => 1)]);
    expect(texts(h.fake.dmChannelOf(ids[0]!)!)).toEqual(['Digest 1', 'Digest 2', 'Digest 3']);
    // Three messages into one DM take two gaps of a second; the 42 requests fit in them at 40/s.
    expect(took).toBeGreaterThanOrEqual(2_000);
    expect(took).toBeLessThanOrEqual(6_000);
  });

  it('given Discord’s global limit reached → the send fails as rate-limited for the whole platform, with Retry-After', async () => {
    const channel = h.dmChannel(people.giulia);
    h.fake.limits = new DiscordRateLimits({ globalPerSecond: 1, now: () => 0 });
    await h.adapter.post(conversationRef('discord', channel), { text: 'first' });
    const refused = await h.adapter.post(conversationRef('discord', channel), { text: 'second' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DeliveryError);
    expect(refused).toMatchObject({ kind: 'rate_limited', scope: 'platform' });
    expect((refused as DeliveryError).retryAfterMs).toBeGreaterThanOrEqual(1000);
    expect(h.fake.limits.stats).toMatchObject({ accepted: 1, limitedGlobal: 1 });
    expect(texts(channel)).toEqual(['first']);
  });
});
