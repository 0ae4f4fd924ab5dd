// The newsletter's personal data: a person's own digest subscription (with what each digest carried),
// follows, "I'm going" marks, their display preference, and the sources an admin added (whose
// author is forgotten on erasure; the source stays for the network). Items added by hand keep no
// author. Channel subscriptions belong to the channel, not to whoever set them up.
import type { PersonalDataProvider } from '../../../core/index.ts';
import type { PrismaClient } from '../generated/client.ts';

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

const targetKey = (memberId: string) => `member:${memberId}`;

/** Rows keyed by (memberId, itemId): `from`'s move to `to`, except items `to` already has. */
async function moveMarks(table: Tx['newsFollow'] | Tx['newsGoing'], from: string, to: string): Promise<void> {
  const model = table as Tx['newsFollow'];
  const kept = new Set((await model.findMany({ where: { memberId: to }, select: { itemId: true } })).map((r) => r.itemId));
  await model.deleteMany({ where: { memberId: from, itemId: { in: [...kept] } } });
  await model.updateMany({ where: { memberId: from }, data: { memberId: to } });
}

export function createNewsPersonalData(db: PrismaClient): PersonalDataProvider {
  return {
    name: 'news',
    async export(memberId) {
      const [subscriptions, follows, going, prefs, sources] = await Promise.all([
        db.newsSubscription.findMany({ where: { memberId } }),
        db.newsFollow.findMany({ where: { memberId }, select: { itemId: true, createdAt: true } }),
        db.newsGoing.findMany({ where: { memberId }, select: { itemId: true, createdAt: true } }),
        db.newsPrefs.findMany({ where: { memberId }, select: { showGoing: true } }),
        db.newsSource.findMany({ where: { createdBy: memberId }, select: { id: true, kind: true, url: true, createdAt: true } }),
      ]);
      return {
        subscriptions: subscriptions.map((s) => ({
          platform: s.platform,
          filters: JSON.parse(s.filters) as unknown,
          cadence: s.cadence,
          at: s.at,
          day: s.day,
          timeZone: s.timeZone,
          language: s.language,
          createdAt: s.createdAt,
        })),
        follows,
        going,
        preferences: prefs,
        sources_added: sources,
      };
    },
    async erase(memberId) {
      const mine = await db.newsSubscription.findMany({ where: { memberId }, select: { id: true } });
      await db.$transaction([
        db.newsSent.deleteMany({ where: { subscriptionId: { in: mine.map((s) => s.id) } } }),
        db.newsSubscription.deleteMany({ where: { OR: [{ memberId }, { targetKey: targetKey(memberId) }] } }),
        db.newsFollow.deleteMany({ where: { memberId } }),
        db.newsGoing.deleteMany({ where: { memberId } }),
        db.newsPrefs.deleteMany({ where: { memberId } }),
        db.newsSource.updateMany({ where: { createdBy: memberId }, data: { createdBy: null } }),
      ]);
    },
    async merge(from, to) {
      await db.$transaction(async (tx) => {
        // One subscription per person: the surviving member's own stays; theirs moves only if it has none.
        const survivor = await tx.newsSubscription.findFirst({ where: { memberId: to }, select: { id: true } });
        const moving = await tx.newsSubscription.findMany({ where: { memberId: from }, orderBy: { createdAt: 'asc' } });
        const keep = survivor ? null : (moving[0] ?? null);
        const drop = moving.filter((s) => s.id !== keep?.id).map((s) => s.id);
        await tx.newsSent.deleteMany({ where: { subscriptionId: { in: drop } } });
        await tx.newsSubscription.deleteMany({ where: { id: { in: drop } } });
        if (keep) await tx.newsSubscription.update({ where: { id: keep.id }, data: { memberId: to, targetKey: targetKey(to) } });
        await moveMarks(tx.newsFollow, from, to);
        await moveMarks(tx.newsGoing, from, to);
        if (await tx.newsPrefs.findUnique({ where: { memberId: to } })) await tx.newsPrefs.deleteMany({ where: { memberId: from } });
        else await tx.newsPrefs.updateMany({ where: { memberId: from }, data: { memberId: to } });
        await tx.newsSource.updateMany({ where: { createdBy: from }, data: { createdBy: to } });
      });
    },
  };
}
