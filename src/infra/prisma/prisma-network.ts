// Link codes on Prisma: eight characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown
// as ABCD-EFGH; only a SHA-256 of the code is stored, and a redeemed or expired code is gone.
import { createHash, randomInt } from 'node:crypto';
import type { LinkCodes } from '../../features/network/network-repository.ts';
import type { PrismaClient } from './generated/client.ts';

const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const hash = (code: string) =>
  createHash('sha256')
    .update(code.toUpperCase().replace(/[^A-Z0-9]/g, ''))
    .digest('hex');

export function createPrismaLinkCodes(db: PrismaClient, now: () => Date): LinkCodes {
  return {
    async issue(memberId, expiresAt) {
      const raw = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
      await db.$transaction([
        db.linkCode.deleteMany({ where: { OR: [{ memberId }, { expiresAt: { lt: now() } }] } }),
        db.linkCode.create({ data: { codeHash: hash(raw), memberId, expiresAt, createdAt: now() } }),
      ]);
      return `${raw.slice(0, 4)}-${raw.slice(4)}`;
    },
    async redeem(code, at) {
      const row = await db.linkCode.findUnique({ where: { codeHash: hash(code) } });
      if (!row) return null;
      // Whoever deletes the row redeems the code: two replicas cannot both use it.
      const { count } = await db.linkCode.deleteMany({ where: { codeHash: row.codeHash } });
      return count === 1 && row.expiresAt >= at ? row.memberId : null;
    },
  };
}
