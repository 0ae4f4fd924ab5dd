// The digest job writes through the SQLite connection Prisma itself uses. The adapter must still hand
// that connection over (the writes would otherwise take the slower Prisma path), and a direct write
// must never slip into another caller's open transaction.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/infra/prisma/prisma-client.ts';
import { directSqlite } from '../../src/infra/prisma/sqlite-direct.ts';

describe('direct SQLite writes', () => {
  it('given a SQLite client → it writes through its own connection, after any transaction open on it, and Prisma reads what it wrote', async () => {
    const db = await openDatabase(join(mkdtempSync(join(tmpdir(), 'filiera-direct-')), 'direct.db'));
    try {
      const direct = directSqlite(db);
      expect(direct).not.toBeNull();
      const order: string[] = [];
      let finish!: () => void;
      const open = db.$transaction(async (tx) => {
        await tx.workItem.create({ data: { id: 'a', key: 'tx-key', job: 't', dueAt: new Date(0) } });
        order.push('transaction wrote');
        await new Promise<void>((resolve) => (finish = resolve));
        order.push('transaction ends');
      });
      await new Promise((resolve) => setImmediate(resolve));
      const written = direct!.write((statement) => {
        order.push('direct write');
        return statement(`INSERT INTO "WorkItem" ("id", "key", "job", "dueAt") VALUES ('b', 'direct-key', 't', '1970-01-01T00:00:00.000+00:00')`).run().changes;
      });
      await new Promise((resolve) => setImmediate(resolve));
      finish();
      await open;
      expect(await written).toBe(1);
      expect(order).toEqual(['transaction wrote', 'transaction ends', 'direct write']);
      const rows = await db.workItem.findMany({ orderBy: { key: 'asc' } });
      expect(rows.map((r) => [r.key, r.dueAt.toISOString()])).toEqual([
        ['direct-key', '1970-01-01T00:00:00.000Z'],
        ['tx-key', '1970-01-01T00:00:00.000Z'],
      ]);
    } finally {
      await db.$disconnect();
    }
  });
});
