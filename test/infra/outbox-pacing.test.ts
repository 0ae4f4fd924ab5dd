// The outbox's pacing, on real SQLite with the test clock (every wait of the sender goes through it,
// so the schedule below is the one production would follow, without sleeping): the platform budget
// is never exceeded and is used (not much slower), one message a second into one conversation, a
// 429 stops the platform then slows it down and it recovers, a replica spends only its share, and
// DM opens count where the platform counts them.
import { afterEach, describe, expect, it } from 'vitest';
import { conversationRef, DeliveryError, OutboxSender, type OutboxEntry, type OutboxStore, type UserRef } from '../../src/core/index.ts';
import { createTestApp, type TestApp } from '../fakes/test-app.ts';

let app: TestApp;
afterEach(async () => app?.stop());

const dm = (who: string, n = 1): OutboxEntry => ({
  dedupeKey: `pacing:${who}:${n}`,
  kind: 'digest',
  target: { kind: 'user', user: { platform: 'shell', id: who } },
  message: { text: `Digest ${n} for ${who}` },
});
const people = (n: number, prefix = 'p') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** Starts the app with a paced adapter and records when each send starts (ms after the start). */
async function pacedApp(rate: number, gapMs = 0) {
  app = await createTestApp();
  app.adapter.capabilities.sendRatePerSecond = rate;
  app.adapter.capabilities.conversationGapMs = gapMs;
  const t0 = app.clock.now().getTime();
  const starts: Array<{ who: string; at: number }> = [];
  const open = app.adapter.openDirect.bind(app.adapter);
  // The sender calls openDirect synchronously when a send starts: the clock there is the start time.
  app.adapter.openDirect = (user: UserRef) => {
    starts.push({ who: user.id, at: app.clock.now().getTime() - t0 });
    return open(user);
  };
  return { starts, t0 };
}

/** The most sends that started within any window of `ms`. */
function busiestWindow(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= ms) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe('outbox pacing', () => {
  it('given 100 DMs and a budget of 8/s → never more than the budget in any second, and the budget is used', async () => {
    const { starts } = await pacedApp(8);
    await app.outbox.enqueue(people(100).map((p) => dm(p)));
    expect(await app.sender.drain()).toEqual({ sent: 100, failed: 0, deferred: 0 });
    const times = starts.map((s) => s.at);
    // 8 a second plus a burst of at most a fifth of a second's budget.
    expect(busiestWindow(times, 1000)).toBeLessThanOrEqual(9);
    const last = Math.max(...times);
    expect(last).toBeGreaterThanOrEqual(12_000);
    expect(last).toBeLessThanOrEqual(12_600);
  });

  it('given several messages for one person among many → one a second into their conversation, the rest go on meanwhile', async () => {
    const { starts } = await pacedApp(20, 1000);
    await app.outbox.enqueue([...[1, 2, 3, 4, 5].map((n) => dm('giulia', n)), ...people(60).map((p) => dm(p))]);
    expect((await app.sender.drain()).sent).toBe(65);
    const giulia = starts.filter((s) => s.who === 'giulia').map((s) => s.at);
    expect(giulia).toHaveLength(5);
    for (let i = 1; i < giulia.length; i++) expect(giulia[i]! - giulia[i - 1]!).toBeGreaterThanOrEqual(1000);
    expect(giulia.at(-1)!).toBeLessThanOrEqual(5_500);
    expect(app.adapter.textsTo(conversationRef('shell', 'dm', 'giulia'))).toEqual([1, 2, 3, 4, 5].map((n) => `Digest ${n} for giulia`));
    // The 60 others did not wait for Giulia's conversation: about 3 s at 20/s.
    expect(Math.max(...starts.filter((s) => s.who !== 'giulia').map((s) => s.at))).toBeLessThanOrEqual(3_600);
  });

  it('given a message just sent to a conversation by another replica → the next waits out the gap there too', async () => {
    await pacedApp(0, 1000);
    await app.outbox.enqueue([dm('giulia', 1)]);
    await app.sender.drain();
    const sentAt = app.clock.now().getTime();
    await app.outbox.enqueue([dm('giulia', 2)]);
    // A second sender on the same database, which never saw the first send.
    const other = new OutboxSender({
      store: app.outbox as unknown as OutboxStore,
      adapters: () => [app.adapter],
      clock: app.clock,
      logger: app.context.logger,
    });
    const posted: number[] = [];
    const post = app.adapter.post.bind(app.adapter);
    app.adapter.post = (to, message, options) => (posted.push(app.clock.now().getTime()), post(to, message, options));
    expect((await other.drain()).sent).toBe(1);
    expect(posted[0]! - sentAt).toBeGreaterThanOrEqual(1000);
  });

  it('given a 429 mid-way → nothing until Retry-After, then slower, then back to the whole budget', async () => {
    const { starts } = await pacedApp(10);
    let posts = 0;
    const post = app.adapter.post.bind(app.adapter);
    app.adapter.post = (to, message, options) =>
      ++posts === 21 ? Promise.reject(new DeliveryError('rate_limited', 'ratelimited', 2000)) : post(to, message, options);
    await app.outbox.enqueue(people(120).map((p) => dm(p)));
    const first = await app.sender.drain();
    expect(first.sent).toBeGreaterThanOrEqual(20);
    expect(first.deferred).toBeGreaterThanOrEqual(1);
    const limitedAt = starts[20]!.at;
    const before = starts.length;
    // The platform said two seconds: nothing goes out before then, even when asked to drain.
    app.clock.advance(1000);
    expect((await app.sender.drain()).sent).toBe(0);
    expect(starts.length).toBe(before);
    app.clock.advance(1000);
    const second = await app.sender.drain();
    expect(first.sent + second.sent).toBe(120);
    const resumed = starts.slice(before).map((s) => s.at);
    expect(resumed[0]!).toBeGreaterThanOrEqual(limitedAt + 2000);
    const inSecond = (from: number) => resumed.filter((t) => t >= from && t < from + 1000).length;
    // Right after the pause about half the budget, then back to the full 10/s.
    expect(inSecond(resumed[0]!)).toBeLessThanOrEqual(7);
    expect(inSecond(resumed[0]! + 7000)).toBeGreaterThanOrEqual(9);
    expect(new Set(app.adapter.posted.map((p) => p.to)).size).toBe(120);
    expect(app.adapter.posted).toHaveLength(120);
  });

  it('given a rate limit on one conversation only → that conversation waits, the others are not slowed', async () => {
    const { starts } = await pacedApp(10);
    let limited = false;
    const post = app.adapter.post.bind(app.adapter);
    app.adapter.post = (to, message, options) => {
      if (to === conversationRef('shell', 'dm', 'p3') && !limited) {
        limited = true;
        return Promise.reject(new DeliveryError('rate_limited', 'channel bucket', 5000, 'conversation'));
      }
      return post(to, message, options);
    };
    await app.outbox.enqueue(people(30).map((p) => dm(p)));
    expect(await app.sender.drain()).toEqual({ sent: 29, failed: 0, deferred: 1 });
    expect(Math.max(...starts.map((s) => s.at))).toBeLessThanOrEqual(3_000);
    app.clock.advance(5000);
    expect((await app.sender.drain()).sent).toBe(1);
  });

  it('given this replica holds half the budget → it sends at half the rate', async () => {
    const { starts } = await pacedApp(10);
    const half = new OutboxSender({
      store: app.outbox as unknown as OutboxStore,
      adapters: () => [app.adapter],
      clock: app.clock,
      logger: app.context.logger,
      budget: { fraction: () => 0.5 },
    });
    await app.outbox.enqueue(people(31).map((p) => dm(p)));
    expect((await half.drain()).sent).toBe(31);
    const last = Math.max(...starts.map((s) => s.at));
    expect(last).toBeGreaterThanOrEqual(5_800);
    expect(last).toBeLessThanOrEqual(6_200);
    expect(
      busiestWindow(
        starts.map((s) => s.at),
        1000,
      ),
    ).toBeLessThanOrEqual(6);
  });

  it('given a platform that counts DM opens → a first DM costs two requests of the budget, a known one one', async () => {
    const { starts } = await pacedApp(10);
    const known = new Set<string>();
    Object.assign(app.adapter, { directOpenCost: (user: UserRef) => (known.has(user.id) ? 0 : 1) });
    const open = app.adapter.openDirect;
    app.adapter.openDirect = (user) => (known.add(user.id), open(user));
    await app.outbox.enqueue(people(20).map((p) => dm(p, 1)));
    await app.sender.drain();
    const span = (times: number[]) => Math.max(...times) - Math.min(...times);
    // 40 requests at 10/s, the first two back to back.
    const firstRound = span(starts.map((s) => s.at));
    expect(firstRound).toBeGreaterThanOrEqual(3_600);
    expect(firstRound).toBeLessThanOrEqual(4_000);
    starts.length = 0;
    app.clock.advance(10_000);
    await app.outbox.enqueue(people(20).map((p) => dm(p, 2)));
    await app.sender.drain();
    // Known DMs: 20 requests.
    const secondRound = span(starts.map((s) => s.at));
    expect(secondRound).toBeGreaterThanOrEqual(1_700);
    expect(secondRound).toBeLessThanOrEqual(2_000);
  });
});
