// Questionnaire progress on Prisma: one row per person, so a restart resumes where they left off.
import { z } from 'zod';
import { FormSpecSchema, type Clock, type ConversationRef, type Platform, type QuestionnaireSession, type SessionStore } from '../../core/index.ts';
import type { PrismaClient } from './generated/client.ts';
import { readJson } from './json-column.ts';

const Values = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const History = z.array(z.number().int());

export function createPrismaSessions(db: PrismaClient, clock: Clock): SessionStore {
  return {
    async get(user) {
      const row = await db.conversationSession.findUnique({ where: { platform_userId: { platform: user.platform, userId: user.id } } });
      if (!row) return null;
      return {
        user: { platform: row.platform as Platform, id: row.userId },
        conversation: row.conversation as ConversationRef,
        form: readJson(FormSpecSchema, row.form, 'questionnaire form'),
        index: row.step,
        values: readJson(Values, row.values, 'questionnaire answers'),
        history: readJson(History, row.history, 'questionnaire history'),
      };
    },
    async save(session: QuestionnaireSession) {
      const data = {
        conversation: session.conversation,
        formId: session.form.formId,
        context: session.form.context ?? null,
        form: JSON.stringify(session.form),
        step: session.index,
        values: JSON.stringify(session.values),
        history: JSON.stringify(session.history),
        updatedAt: clock.now(),
      };
      await db.conversationSession.upsert({
        where: { platform_userId: { platform: session.user.platform, userId: session.user.id } },
        update: data,
        create: { platform: session.user.platform, userId: session.user.id, ...data },
      });
    },
    async delete(user) {
      await db.conversationSession.deleteMany({ where: { platform: user.platform, userId: user.id } });
    },
  };
}
