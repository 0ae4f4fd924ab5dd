// Outbox delivery through the Discord adapter: DMs with a nonce, a 429 honoured through the
// outbox's own schedule (FixedClock), a lost response not doubled, closed DMs stored as final.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { card, text, type OutboxEntry } from '../../../src/core/index.ts';
import { people, readable } from '../../fakes/discord/discord-payloads.ts';
import { startDiscordApp, type DiscordHarness } from './discord-harness.ts';

let h: DiscordHarness;
beforeEach(async () => {
  h = await startDiscordApp();
});
afterEach(async () => {
  await h.close();
});

const digestTo = (who: { id: string }, n: number): OutboxEntry => ({
  dedupeKey: `digest:test:${who.id}:${n}`,
  kind: 'digest',
  target: { kind: 'user', user: { platform: 'discord', id: who.id } },
  message: { text: `Digest ${n}: 3 new calls`, card: card(`Digest ${n}`, text('3 new *funding* calls this week')) },
});

const enqueue = (...entries: OutboxEntry[]) => h.app.outbox.enqueue(entries);
const messagePosts = () => h.fake.requests.filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path));

describe('Discord outbox delivery', () => {
  it('given a digest for a member → it arrives by DM, sent with a nonce and enforce_nonce, and the row is marked sent', async () => {
    await enqueue(digestTo(people.giulia, 1));
    const report = await h.app.sender.drain();
    expect(report).toMatchObject({ sent: 1, failed: 0 });
    const dm = h.fake.dmChannelOf(people.giulia.id)!;
    const [message] = h.fake.messagesIn(dm);
    expect(readable(message!)).toContain('3 new **funding** calls');
    const [post] = messagePosts();
    expect(post!.body.enforce_nonce).toBe(true);
    expect(String(post!.body.nonce).length).toBeLessThanOrEqual(25);
    const row = await h.app.db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: digestTo(people.giulia, 1).dedupeKey } });
    expect(row).toMatchObject({ status: 'sent', platformRef: message!.id });
  });

  it('given a 429 with Retry-After → the outbox waits that long on its clock, then delivers each message once', async () => {
    h.fake.inject({ match: (r) => r.method === 'POST' && r.path.endsWith('/messages'), status: 429, retryAfterSeconds: 3 });
    await enqueue(digestTo(people.giulia, 1));
    expect(await h.app.sender.drain()).toMatchObject({ sent: 0, deferred: 1 });
    const waiting = await h.app.db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: digestTo(people.giulia, 1).dedupeKey } });
    expect(waiting.status).toBe('pending');
    expect(waiting.nextAttemptAt.getTime() - h.clock.now().getTime()).toBeGreaterThanOrEqual(3000);

    expect(await h.app.sender.drain()).toMatchObject({ sent: 0 });
    expect(messagePosts()).toHaveLength(1);

    h.clock.advance(3_100);
    expect(await h.app.sender.drain()).toMatchObject({ sent: 1 });
    const dm = h.fake.dmChannelOf(people.giulia.id)!;
    expect(h.fake.messagesIn(dm).map(readable)).toEqual([expect.stringContaining('Digest 1')]);
    expect(messagePosts().map((r) => r.status)).toEqual([429, 200]);
  });

  it('given Discord posted but the answer was lost (500) → the retry carries the same nonce and nothing is doubled', async () => {
    h.fake.inject({ match: (r) => r.method === 'POST' && r.path.endsWith('/messages'), status: 500, commit: true });
    await enqueue(digestTo(people.giulia, 2));
    expect(await h.app.sender.drain()).toMatchObject({ sent: 0, deferred: 1 });
    h.clock.advance(60_000);
    expect(await h.app.sender.drain()).toMatchObject({ sent: 1 });
    const [first, second] = messagePosts();
    expect(second!.body.nonce).toBe(first!.body.nonce);
    expect(h.fake.messagesIn(h.fake.dmChannelOf(people.giulia.id)!)).toHaveLength(1);
  });

  it('given a member whose DMs are closed (50007) → the message is stored as failed for good and not retried', async () => {
    h.fake.inject({
      match: (r) => r.method === 'POST' && r.path.endsWith('/messages'),
      status: 403,
      code: 50007,
      message: 'Cannot send messages to this user',
    });
    await enqueue(digestTo(people.marco, 1));
    expect(await h.app.sender.drain()).toMatchObject({ failed: 1 });
    const row = await h.app.db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: digestTo(people.marco, 1).dedupeKey } });
    expect(row.status).toBe('failed');
    expect(row.lastError).toContain('50007');
    h.clock.advance(3_600_000);
    await h.app.sender.drain();
    expect(messagePosts()).toHaveLength(1);
  });

  it('given a message longer than Discord allows → it is split across messages, none refused', async () => {
    const long = Array.from({ length: 120 }, (_, i) => `Call ${i}: ${'regional funding for cluster innovation '.repeat(3)}`).join('\n');
    await h.app.outbox.enqueue([{ ...digestTo(people.giulia, 3), message: { text: long, card: card('Calls', text(long)) } }]);
    expect(await h.app.sender.drain()).toMatchObject({ sent: 1 });
    const posts = messagePosts();
    expect(posts.length).toBeGreaterThan(1);
    expect(posts.every((r) => r.status === 200)).toBe(true);
    expect(new Set(posts.map((r) => r.body.nonce)).size).toBe(posts.length);
  });
});
