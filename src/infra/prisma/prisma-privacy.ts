// Storage for privacy: the core tables' personal data (questionnaire progress, messages to and about a
// person, work keyed by their id), the retention pass, and compaction after an erasure. Features
// register their own providers for their tables.
import { dialectOf } from './dialect.ts';
import type { PersonalDataProvider } from '../../core/index.ts';
import type { PrivacyStore } from '../../features/privacy/privacy-repository.ts';
import type { PrismaClient } from './generated/client.ts';

/** Rows whose text mentions any of these (ids, names): what "naming the person" means in stored text. */
const mentions = (needles: string[]) => needles.filter(Boolean).map((n) => ({ contains: n }));

export function createCorePersonalData(db: PrismaClient): PersonalDataProvider {
  return {
    name: 'core',
    async export(memberId) {
      const identities = await db.memberIdentity.findMany({ where: { memberId } });
      const ids = identities.map((i) => i.platformId);
      const targets = identities.map((i) => `user:${i.platform}:${i.platformId}`);
      const [sessions, messages] = await Promise.all([
        db.conversationSession.findMany({ where: { userId: { in: ids } } }),
        db.outboxMessage.findMany({ where: { target: { in: targets } }, select: { kind: true, status: true, payload: true, createdAt: true, sentAt: true } }),
      ]);
      return {
        questionnaires_in_progress: sessions.map((s) => ({
          form: s.formId,
          context: s.context,
          step: s.step,
          answers: JSON.parse(s.values) as unknown,
          updatedAt: s.updatedAt,
        })),
        messages: messages.map((m) => ({ ...m, payload: JSON.parse(m.payload) as unknown })),
      };
    },
    async erase(memberId, person) {
      const identities = await db.memberIdentity.findMany({ where: { memberId } });
      const targets = identities.map((i) => `user:${i.platform}:${i.platformId}`);
      const needles = [memberId, ...person.platformIds, ...person.names];
      await db.$transaction([
        db.conversationSession.deleteMany({ where: { userId: { in: person.platformIds } } }),
        db.outboxMessage.deleteMany({
          where: { OR: [{ target: { in: targets } }, ...mentions(needles).map((m) => ({ payload: m })), ...mentions(needles).map((m) => ({ dedupeKey: m }))] },
        }),
        db.workItem.deleteMany({ where: { OR: mentions([memberId, ...person.platformIds]).map((m) => ({ key: m })) } }),
        db.linkCode.deleteMany({ where: { memberId } }),
      ]);
    },
    // Questionnaire progress and messages are keyed by platform accounts, which a merge does not change.
    async merge() {},
  };
}

export function createPrismaPrivacy(db: PrismaClient): PrivacyStore {
  return {
    async prune(before) {
      const messages = await db.outboxMessage.updateMany({
        where: { status: { in: ['sent', 'failed'] }, createdAt: { lt: before }, NOT: { payload: '{}' } },
        data: { payload: '{}', target: 'pruned', lastError: null },
      });
      const deliveries = await db.inboxEvent.deleteMany({ where: { receivedAt: { lt: before } } });
      // The latest occurrence of each job stays: catch-up after downtime compares with it.
      const latest = await db.workItem.groupBy({ by: ['job'], _max: { dueAt: true } });
      const keep = latest.map((l) => ({ NOT: { job: l.job, dueAt: l._max.dueAt ?? undefined } }));
      const work = await db.workItem.deleteMany({ where: { status: 'done', doneAt: { lt: before }, AND: keep } });
      return { messages: messages.count, deliveries: deliveries.count, work: work.count };
    },
    async compact() {
      if (dialectOf(db).provider === 'sqlite') {
        // With secure_delete on, freed pages are zeroed in the main file; the checkpoint moves every page
        // out of the write-ahead log and truncates it, so no copy of an erased row stays there either.
        await db.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
      } else {
        // PostgreSQL keeps dead row versions until vacuumed; VACUUM makes their space reusable at once
        // (it cannot zero them: the README says what an operator of a PostgreSQL server should add).
        await db.$executeRawUnsafe('VACUUM');
      }
    },
  };
}
