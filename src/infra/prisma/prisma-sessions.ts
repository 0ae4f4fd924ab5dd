// Questionnaire progress on Prisma: one row per person, form and context, so a restart (or another
// replica) resumes where the person left off, and several questionnaires can wait their turn.
import { z } from 'zod';
import { FormSpecSchema, type Clock, type ConversationRef, type Platform, type QuestionnaireSession, type SessionStore } from '../../core/index.ts';
import type { ConversationSession, PrismaClient } from './generated/client.ts';
import { dialectOf } from './dialect.ts';
import { readJson } from './json-column.ts';

const Values = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const History = z.array(z.number().int());

const toSession = (row: ConversationSession): QuestionnaireSession => ({
  user: { platform: row.platform as Platform, id: row.userId },
  conversation: row.conversation as ConversationRef,
  form: readJson(FormSpecSchema, row.form, 'questionnaire form'),
  index: row.step,
  values: readJson(Values, row.values, 'questionnaire answers'),
  history: readJson(History, row.history, 'questionnaire history'),
  asked: row.askedStep !== null && row.askedAt ? { index: row.askedStep, at: row.askedAt } : null,
  active: row.active,
});

const key = (s: QuestionnaireSession) => ({ platform: s.user.platform, userId: s.user.id, formId: s.form.formId, context: s.form.context ?? '' });

export function createPrismaSessions(db: PrismaClient, clock: Clock): SessionStore {
  const sqlite = dialectOf(db).provider === 'sqlite';
  return {
    async forUser(user) {
      const rows = await db.conversationSession.findMany({ where: { platform: user.platform, userId: user.id }, orderBy: { createdAt: 'asc' } });
      return rows.map(toSession);
    },
    async forForm(formId, context) {
      const rows = await db.conversationSession.findMany({ where: { formId, ...(context !== undefined ? { context } : {}) }, orderBy: { createdAt: 'asc' } });
      return rows.map(toSession);
    },
    async save(session) {
      const data = {
        conversation: session.conversation,
        form: JSON.stringify(session.form),
        step: session.index,
        values: JSON.stringify(session.values),
        history: JSON.stringify(session.history),
        active: session.active,
        askedStep: session.asked?.index ?? null,
        askedAt: session.asked?.at ?? null,
        updatedAt: clock.now(),
      };
      await db.conversationSession.upsert({
        where: { platform_userId_formId_context: key(session) },
        update: data,
        create: { ...key(session), ...data, createdAt: clock.now() },
      });
    },
    async remove(session) {
      await db.conversationSession.deleteMany({ where: key(session) });
      // Progress is personal (and, for anonymous surveys, the only link between a person and their
      // answers): secure_delete zeroes it in the file, and truncating the write-ahead log drops the
      // earlier copies of its pages there. Best effort: a reader holding a snapshot defers it.
      if (sqlite) await db.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
    },
  };
}
