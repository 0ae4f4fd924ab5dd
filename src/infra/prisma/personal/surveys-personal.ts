// The surveys' personal data: identified answers, invitations (the wave's list of invited members) and
// participation in anonymous waves. Anonymous answers carry no person and stay; the participation
// row that said a person finished gets a random key on erasure, so counts stay right and nothing
// links it to anyone. Invitation and reminder messages are outbox rows, erased by the core provider.
import { randomUUID } from 'node:crypto';
import type { PersonalDataProvider } from '../../../core/index.ts';
import type { PrismaClient } from '../generated/client.ts';

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

const unit = (memberId: string) => `member:${memberId}`;
const readIds = (text: string): string[] => {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
};

/** Waves whose invitation list holds `memberId`, rewritten by `change` (ids de-duplicated). */
async function rewriteInvited(tx: Tx, memberId: string, change: (ids: string[]) => string[]): Promise<void> {
  const waves = await tx.surveyWave.findMany({ where: { invited: { contains: memberId } }, select: { id: true, invited: true } });
  for (const wave of waves) {
    const ids = readIds(wave.invited);
    if (!ids.includes(memberId)) continue;
    await tx.surveyWave.update({ where: { id: wave.id }, data: { invited: JSON.stringify([...new Set(change(ids))]) } });
  }
}

/** Which of two answers to one wave a merged person keeps: a final one over a draft, then the newer. */
const better = <R extends { status: string; updatedAt: Date }>(a: R, b: R): R =>
  a.status !== b.status ? (a.status === 'final' ? a : b) : a.updatedAt >= b.updatedAt ? a : b;

export function createSurveysPersonalData(db: PrismaClient): PersonalDataProvider {
  return {
    name: 'surveys',
    async export(memberId) {
      const [responses, invitedTo, tookPart] = await Promise.all([
        db.surveyResponse.findMany({ where: { OR: [{ memberId }, { unitKey: unit(memberId) }] } }),
        db.surveyWave.findMany({ where: { invited: { contains: memberId } }, select: { surveyId: true, wave: true, invited: true, openedAt: true } }),
        db.surveyParticipation.findMany({ where: { unitKey: unit(memberId) } }),
      ]);
      const waves = new Map((await db.surveyWave.findMany({ select: { id: true, surveyId: true, wave: true } })).map((w) => [w.id, w]));
      const label = (waveId: string) => ({ survey: waves.get(waveId)?.surveyId ?? waveId, wave: waves.get(waveId)?.wave ?? '' });
      return {
        answers: responses.map((r) => ({
          ...label(r.waveId),
          unit: r.unitKey.startsWith('org:') ? 'organisation' : 'person',
          status: r.status,
          language: r.language,
          answers: JSON.parse(r.answers) as unknown,
          updatedAt: r.updatedAt,
        })),
        invitations: invitedTo.filter((w) => readIds(w.invited).includes(memberId)).map((w) => ({ survey: w.surveyId, wave: w.wave, openedAt: w.openedAt })),
        // Anonymous waves: only that the person finished; their answers cannot be told apart from others'.
        anonymous_participation: tookPart.map((p) => label(p.waveId)),
      };
    },
    async erase(memberId) {
      await db.$transaction(async (tx) => {
        await tx.surveyResponse.deleteMany({ where: { OR: [{ memberId }, { unitKey: unit(memberId) }] } });
        for (const p of await tx.surveyParticipation.findMany({ where: { unitKey: unit(memberId) } }))
          await tx.surveyParticipation.update({
            where: { waveId_unitKey: { waveId: p.waveId, unitKey: p.unitKey } },
            data: { unitKey: `erased:${randomUUID()}` },
          });
        await rewriteInvited(tx, memberId, (ids) => ids.filter((id) => id !== memberId));
      });
    },
    async merge(from, to) {
      await db.$transaction(async (tx) => {
        // One answer per wave: where both identities answered, the final (else newer) one stays.
        for (const mine of await tx.surveyResponse.findMany({ where: { unitKey: unit(from) } })) {
          const theirs = await tx.surveyResponse.findUnique({ where: { waveId_unitKey: { waveId: mine.waveId, unitKey: unit(to) } } });
          if (theirs && better(theirs, mine) === theirs) {
            await tx.surveyResponse.delete({ where: { id: mine.id } });
            continue;
          }
          if (theirs) await tx.surveyResponse.delete({ where: { id: theirs.id } });
          await tx.surveyResponse.update({ where: { id: mine.id }, data: { unitKey: unit(to), memberId: to } });
        }
        // Answers given for an organisation stay the organisation's; only who gave them changes.
        await tx.surveyResponse.updateMany({ where: { memberId: from }, data: { memberId: to } });
        for (const p of await tx.surveyParticipation.findMany({ where: { unitKey: unit(from) } })) {
          const key = { waveId_unitKey: { waveId: p.waveId, unitKey: p.unitKey } };
          const both = await tx.surveyParticipation.findUnique({ where: { waveId_unitKey: { waveId: p.waveId, unitKey: unit(to) } } });
          if (both) await tx.surveyParticipation.delete({ where: key });
          else await tx.surveyParticipation.update({ where: key, data: { unitKey: unit(to) } });
        }
        await rewriteInvited(tx, from, (ids) => ids.map((id) => (id === from ? to : id)));
      });
    },
  };
}
