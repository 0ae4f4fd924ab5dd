// The experience exchange's personal data: the profile (with its place on the waiting list), the
// proposals a person was part of with their answers, outcomes and notes, the questions they asked,
// the answers they gave, and the ledger of who was told about a question.
// Erasure: the partner of an exchange keeps their side of the record, without the person (their id
// becomes ERASED and their words go); questions asked are withdrawn with their answers and their
// good-practice entry; answers given elsewhere leave the good-practice entry, which is re-indexed.
import type { PersonalDataProvider } from '../../../core/index.ts';
import { entryTerms } from '../../../features/exchange/exchange-search.ts';
import type { PrismaClient } from '../generated/client.ts';
import { head } from '../prisma-exchange-search.ts';

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** Who an erased person was in an exchange their partner keeps: nobody. */
export const ERASED = 'erased';

/**
 * Writes a good-practice entry again without an erased author's answers: the kept (picked) answers of
 * the others, as the feature writes them ("Name: text", one after another), then indexes it again.
 */
async function withdrawAnswers(tx: Tx, questionId: number, authorId: string): Promise<void> {
  const entry = await tx.exchangePractice.findUnique({ where: { questionId } });
  if (!entry) return;
  const kept = await tx.exchangeAnswer.findMany({ where: { questionId, picked: true, NOT: { authorId } }, orderBy: { id: 'asc' } });
  const names = new Map((await tx.member.findMany({ where: { id: { in: kept.map((a) => a.authorId) } } })).map((m) => [m.id, m.displayName]));
  const rewritten = { question: entry.question, answers: kept.map((a) => `${names.get(a.authorId) ?? ''}: ${a.text}`).join('\n'), topics: entry.topics };
  await tx.exchangePractice.update({ where: { questionId }, data: { answers: rewritten.answers } });
  await tx.exchangeSearchTerm.deleteMany({ where: { questionId } });
  await tx.exchangeSearchTerm.createMany({ data: entryTerms(rewritten).map((t) => ({ ...t, head: head(t.term), questionId })) });
}

export function createExchangePersonalData(db: PrismaClient): PersonalDataProvider {
  return {
    name: 'exchange',
    async export(memberId) {
      const [profile, proposals, questions, answers, notices] = await Promise.all([
        db.exchangeProfile.findMany({ where: { memberId } }),
        db.exchangeProposal.findMany({ where: { OR: [{ seekerId: memberId }, { helperId: memberId }] }, orderBy: { createdAt: 'asc' } }),
        db.exchangeQuestion.findMany({ where: { askerId: memberId }, orderBy: { id: 'asc' } }),
        db.exchangeAnswer.findMany({ where: { authorId: memberId }, orderBy: { id: 'asc' } }),
        db.exchangeAskNotice.findMany({ where: { memberId }, select: { questionId: true, sentAt: true } }),
      ]);
      return {
        profile: profile.map(({ memberId: _, ...p }) => ({
          ...p,
          languages: JSON.parse(p.languages) as unknown,
          canHelp: JSON.parse(p.canHelp) as unknown,
          needsHelp: JSON.parse(p.needsHelp) as unknown,
          tags: JSON.parse(p.tags) as unknown,
        })),
        // The person's side of each exchange; the partner is named by their own record, not copied here.
        exchanges: proposals.map((p) => {
          const side = p.seekerId === memberId ? 'seeker' : 'helper';
          return {
            round: p.round,
            topic: p.topic,
            role: side,
            status: p.status,
            answer: side === 'seeker' ? p.seekerAnswer : p.helperAnswer,
            outcome: side === 'seeker' ? p.seekerOutcome : p.helperOutcome,
            note: side === 'seeker' ? p.seekerNote : p.helperNote,
            createdAt: p.createdAt,
          };
        }),
        questions: questions.map((q) => ({
          id: q.id,
          text: q.text,
          topics: JSON.parse(q.topics) as unknown,
          status: q.status,
          summary: q.summary,
          createdAt: q.createdAt,
        })),
        answers: answers.map((a) => ({ question: a.questionId, text: a.text, picked: a.picked, createdAt: a.createdAt })),
        told_about_questions: notices,
      };
    },
    async erase(memberId) {
      await db.$transaction(async (tx) => {
        await tx.exchangeProfile.deleteMany({ where: { memberId } });
        // The partner keeps the exchange (topic, when, their own answer and outcome); this side is emptied.
        await tx.exchangeProposal.updateMany({
          where: { seekerId: memberId },
          data: { seekerId: ERASED, seekerAnswer: null, seekerOutcome: null, seekerNote: null },
        });
        await tx.exchangeProposal.updateMany({
          where: { helperId: memberId },
          data: { helperId: ERASED, helperAnswer: null, helperOutcome: null, helperNote: null },
        });
        const asked = (await tx.exchangeQuestion.findMany({ where: { askerId: memberId }, select: { id: true } })).map((q) => q.id);
        await tx.exchangeSearchTerm.deleteMany({ where: { questionId: { in: asked } } });
        await tx.exchangePractice.deleteMany({ where: { questionId: { in: asked } } });
        await tx.exchangeAskNotice.deleteMany({ where: { OR: [{ questionId: { in: asked } }, { memberId }] } });
        await tx.exchangeAnswer.deleteMany({ where: { questionId: { in: asked } } });
        await tx.exchangeQuestion.deleteMany({ where: { id: { in: asked } } });
        const given = await tx.exchangeAnswer.findMany({ where: { authorId: memberId, picked: true }, select: { questionId: true } });
        for (const questionId of new Set(given.map((a) => a.questionId))) await withdrawAnswers(tx, questionId, memberId);
        await tx.exchangeAnswer.deleteMany({ where: { authorId: memberId } });
      });
    },
    async merge(from, to) {
      await db.$transaction(async (tx) => {
        // One profile: the surviving member's stays, with the longer wait of the two.
        const [mine, theirs] = await Promise.all([
          tx.exchangeProfile.findUnique({ where: { memberId: from } }),
          tx.exchangeProfile.findUnique({ where: { memberId: to } }),
        ]);
        if (mine && theirs) {
          await tx.exchangeProfile.delete({ where: { memberId: from } });
          if (mine.waitingRounds > theirs.waitingRounds)
            await tx.exchangeProfile.update({ where: { memberId: to }, data: { waitingRounds: mine.waitingRounds } });
        } else if (mine) await tx.exchangeProfile.update({ where: { memberId: from }, data: { memberId: to } });
        await tx.exchangeProposal.updateMany({ where: { seekerId: from }, data: { seekerId: to } });
        await tx.exchangeProposal.updateMany({ where: { helperId: from }, data: { helperId: to } });
        await tx.exchangeQuestion.updateMany({ where: { askerId: from }, data: { askerId: to } });
        await tx.exchangeAnswer.updateMany({ where: { authorId: from }, data: { authorId: to } });
        const told = new Set((await tx.exchangeAskNotice.findMany({ where: { memberId: to }, select: { questionId: true } })).map((n) => n.questionId));
        await tx.exchangeAskNotice.deleteMany({ where: { memberId: from, questionId: { in: [...told] } } });
        await tx.exchangeAskNotice.updateMany({ where: { memberId: from }, data: { memberId: to } });
      });
    },
  };
}
