// Prepared statements reused by query text on SQLite (src/infra/prisma/sqlite-statements.ts): the same
// text with other arguments, a statement that failed, and one inside a transaction each behave as if
// prepared afresh.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/infra/prisma/prisma-client.ts';

const db = await openDatabase(join(mkdtempSync(join(tmpdir(), 'filiera-statements-')), 'test.db'));
afterAll(() => db.$disconnect());

const insert = (key: string) => db.$executeRaw`INSERT INTO "InboxEvent" ("key", "receivedAt") VALUES (${key}, ${new Date(0)}) ON CONFLICT ("key") DO NOTHING`;
const keys = async (prefix: string) =>
  (await db.$queryRaw<{ key: string }[]>`SELECT "key" FROM "InboxEvent" WHERE "key" LIKE ${`${prefix}%`} ORDER BY "key"`).map((r) => r.key);

describe('reused SQLite statements', () => {
  it('given one query text run with different arguments → each run sees its own', async () => {
    expect(await insert('a-1')).toBe(1);
    expect(await insert('a-2')).toBe(1);
    expect(await insert('a-1')).toBe(0);
    expect(await keys('a-')).toEqual(['a-1', 'a-2']);
    expect(await keys('b-')).toEqual([]);
    expect(await db.inboxEvent.findUnique({ where: { key: 'a-2' } })).toMatchObject({ key: 'a-2' });
    expect(await db.inboxEvent.findUnique({ where: { key: 'a-3' } })).toBeNull();
  });

  it('given a statement that failed → the same text runs again, and a rolled-back transaction leaves nothing', async () => {
    const create = (key: string) => db.inboxEvent.create({ data: { key, receivedAt: new Date(0) } });
    await create('c-1');
    await expect(create('c-1')).rejects.toThrow();
    await create('c-2');
    await expect(
      db.$transaction(async (tx) => {
        await tx.inboxEvent.create({ data: { key: 'c-3', receivedAt: new Date(0) } });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await keys('c-')).toEqual(['c-1', 'c-2']);
  });
});
