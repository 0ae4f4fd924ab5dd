// A digest split into pages reaches its reader page by page in order, whether the bot rendered it or
// a worker thread encoded it: its pages share a creation time and the sender breaks that tie by id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../src/core/index.ts';
import type { DigestRecord } from '../../src/features/news/news-repository.ts';
import { createPrismaNews } from '../../src/infra/prisma/prisma-news.ts';
import { createTestApp, type TestApp } from '../fakes/test-app.ts';

const PAGES = 12;

function digest(who: string): DigestRecord {
  const claimKey = `digest:${who}:2026-W48`;
  const entries: OutboxEntry[] = Array.from({ length: PAGES }, (_, i) => ({
    dedupeKey: `${claimKey}:${i + 1}`,
    kind: 'news-digest',
    target: { kind: 'user', user: { platform: 'shell', id: who, displayName: who } },
    message: { text: `Page ${i + 1} of ${PAGES}` },
  }));
  return { claimKey, subscriptionId: `s-${who}`, period: '2026-W48', entries, items: [] };
}

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ FILIERA_SEED: '0' });
});
afterAll(() => app.stop());

describe('digest pages', () => {
  it('given digests of twelve pages, written as rendered and as a worker encodes them → each reader gets pages 1 to 12 in order', async () => {
    const repo = createPrismaNews(app.db, app.clock);
    await repo.recordDigests([digest('petra')], app.clock.now());
    const encoder = repo.digestEncoder();
    encoder.add(digest('marco'));
    await repo.recordDigests(encoder.take(), app.clock.now());
    await app.sender.drain();
    const expected = Array.from({ length: PAGES }, (_, i) => `Page ${i + 1} of ${PAGES}`);
    for (const who of ['petra', 'marco']) expect(app.adapter.posted.filter((p) => p.to === `shell:dm:${who}`).map((p) => p.message.text)).toEqual(expected);
  });
});
