// The outbox, on real SQLite: delivered once, paced by Retry-After, retried, failed with a reason.
import { afterEach, describe, expect, it } from 'vitest';
import { conversationRef, DeliveryError, type OutboxEntry } from '../../src/core/index.ts';
import { createTestApp, type TestApp } from '../fakes/test-app.ts';

let app: TestApp;
afterEach(async () => app?.stop());

const invite = (who: string, n = 1): OutboxEntry => ({
  dedupeKey: `invite:demo:${who}:${n}`,
  kind: 'survey-invite',
  target: { kind: 'user', user: { platform: 'shell', id: who } },
  message: { text: `Hello ${who}, a questionnaire is waiting for you (${n})` },
});
const outbox = (app: TestApp) => app.db.outboxMessage.findMany({ orderBy: { createdAt: 'asc' } });

describe('outbox', () => {
  it('given queued messages → each delivered once to the person’s DM, with the platform id recorded', async () => {
    app = await createTestApp();
    const sender = app.sender;
    const { enqueued } = await app.outbox.enqueue([invite('giulia'), invite('petra')]);
    expect(enqueued).toBe(2);
    expect(await sender.drain()).toEqual({ sent: 2, failed: 0, deferred: 0 });
    expect(app.adapter.textsTo(conversationRef('shell', 'dm', 'giulia'))).toEqual(['Hello giulia, a questionnaire is waiting for you (1)']);
    expect((await outbox(app)).map((r) => [r.status, r.platformRef !== null])).toEqual([
      ['sent', true],
      ['sent', true],
    ]);
    expect(await sender.drain()).toEqual({ sent: 0, failed: 0, deferred: 0 });
  });

  it('given the same dedupe key or work key twice → one message', async () => {
    app = await createTestApp();
    const box = app.outbox;
    expect(await box.enqueue([invite('giulia')], { claimKey: 'digest:sub1:2026-W48' })).toEqual({ claimed: true, enqueued: 1 });
    expect(await box.enqueue([invite('giulia', 2)], { claimKey: 'digest:sub1:2026-W48' })).toEqual({ claimed: false, enqueued: 0 });
    expect(await box.enqueue([invite('giulia')])).toEqual({ claimed: true, enqueued: 0 });
    expect(await app.db.outboxMessage.count()).toBe(1);
  });

  it('given a 429 with Retry-After → the platform waits that long: nothing new is sent until then, then everything once', async () => {
    app = await createTestApp();
    await app.outbox.enqueue([invite('giulia')]);
    app.adapter.failures.push(new DeliveryError('rate_limited', 'ratelimited', 30_000));
    expect(await app.sender.drain()).toEqual({ sent: 0, failed: 0, deferred: 1 });
    const [waiting] = await outbox(app);
    expect(waiting!.nextAttemptAt.getTime() - app.clock.now().getTime()).toBe(30_000);
    await app.outbox.enqueue(['petra', 'jana'].map((w) => invite(w)));
    expect(await app.sender.drain()).toEqual({ sent: 0, failed: 0, deferred: 0 });
    app.clock.advance(10_000);
    expect((await app.sender.drain()).sent).toBe(0);
    expect(app.adapter.posted).toEqual([]);
    app.clock.advance(21_000);
    expect(await app.sender.drain()).toEqual({ sent: 3, failed: 0, deferred: 0 });
    expect(app.adapter.posted.map((p) => p.to).sort()).toEqual(['shell:dm:giulia', 'shell:dm:jana', 'shell:dm:petra']);
  });

  it('given a transient failure → retried later with backoff and counted', async () => {
    app = await createTestApp();
    await app.outbox.enqueue([invite('giulia')]);
    app.adapter.failures.push(new DeliveryError('transient', 'HTTP 502'));
    expect((await app.sender.drain()).deferred).toBe(1);
    const [row] = await outbox(app);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 502' });
    app.clock.advance(5_000);
    expect((await app.sender.drain()).sent).toBe(1);
  });

  it('given a person whose DMs are closed → failed for good with the reason, not retried', async () => {
    app = await createTestApp();
    await app.outbox.enqueue([invite('giulia'), invite('petra')]);
    app.adapter.failures.push(new DeliveryError('permanent', 'Cannot send messages to this user'));
    expect(await app.sender.drain()).toEqual({ sent: 1, failed: 1, deferred: 0 });
    const failed = (await outbox(app)).find((r) => r.status === 'failed');
    expect(failed?.lastError).toBe('Cannot send messages to this user');
    app.clock.advance(3_600_000);
    expect(await app.sender.drain()).toEqual({ sent: 0, failed: 0, deferred: 0 });
  });
});
