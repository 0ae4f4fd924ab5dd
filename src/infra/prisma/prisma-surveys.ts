// SurveyRepository on Prisma. Anonymous rows (participation, answers) are inserted with a random
// SQLite rowid so neither their ids nor their physical order reveal which answer came with whom;
// they keep no language and no time (empty columns kept for older rows). On SQLite the write-ahead
// log is then checkpointed and truncated, so earlier page images (the person's questionnaire
// progress, deleted with secure_delete) do not stay readable in the -wal file.
// PostgreSQL has no rowid to choose: there both tables are rewritten in key order after each anonymous
// answer (CLUSTER: random ids, member keys), so their physical order does not follow answer order.
// Anonymous answers come at the pace people type, and these tables stay small (see the README's limits).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Clock, FormValues } from '../../core/index.ts';
import { SurveyDefinitionSchema, type SurveyDefinition } from '../../features/surveys/survey-definition.ts';
import type { SurveyRepository } from '../../features/surveys/survey-repository.ts';
import { waveLabel, type AnswerRow, type ResponseStatus, type SurveyRecord, type Wave, type WaveStatus } from '../../features/surveys/survey.ts';
import { dialectOf } from './dialect.ts';
import type { PrismaClient, Survey as SurveyRow, SurveyWave as WaveRow } from './generated/client.ts';
import { readJson } from './json-column.ts';
import { insertOutboxEntries } from './prisma-outbox.ts';

const Values: z.ZodType<FormValues> = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const Strings = z.array(z.string());
const Respondents = z.record(z.string(), z.string());
// Definitions were validated on import; parsing again would only cost time, so shape is trusted.
const readDefinition = (text: string): SurveyDefinition => JSON.parse(text) as SurveyDefinition;

const toSurvey = (r: SurveyRow): SurveyRecord => ({
  id: r.id,
  version: r.version,
  wave: r.wave,
  definition: readDefinition(r.definition),
  source: r.source,
  importedAt: r.importedAt,
});

const toWave = (r: WaveRow): Wave => ({
  id: r.id,
  surveyId: r.surveyId,
  wave: r.wave,
  version: r.version,
  definition: readDefinition(r.definition),
  status: r.status as WaveStatus,
  anonymous: r.anonymous,
  openedAt: r.openedAt,
  closesAt: r.closesAt,
  closedAt: r.closedAt,
  invited: readJson(Strings, r.invited, 'survey invited'),
  channels: readJson(Strings, r.channels, 'survey channels'),
  respondents: readJson(Respondents, r.respondents, 'survey respondents'),
});

const RANDOM_ROWID = 'abs(random() % 9007199254740991)';

export function createPrismaSurveys(db: PrismaClient, clock: Clock): SurveyRepository {
  const randomRowids = dialectOf(db).provider === 'sqlite';
  return {
    async importDefinition(def, source, now) {
      SurveyDefinitionSchema.parse(def);
      const text = JSON.stringify(def);
      const label = waveLabel(def);
      return db.$transaction(async (tx) => {
        const existing = await tx.survey.findUnique({ where: { id: def.id } });
        const survey = { version: def.version, wave: label, definition: text, source, importedAt: now };
        if (!existing) {
          await tx.survey.create({ data: { id: def.id, ...survey } });
          const wave = await tx.surveyWave.create({ data: { surveyId: def.id, wave: label, version: def.version, definition: text } });
          return { kind: 'created' as const, wave: toWave(wave) };
        }
        if (def.version < existing.version) return { kind: 'older' as const, current: existing.version };
        const current = await tx.surveyWave.findUnique({ where: { surveyId_wave: { surveyId: def.id, wave: existing.wave } } });
        if (existing.definition === text && current) return { kind: 'unchanged' as const, wave: toWave(current) };
        if (current?.status === 'open') return { kind: 'open' as const, wave: current.wave };
        const same = await tx.surveyWave.findUnique({ where: { surveyId_wave: { surveyId: def.id, wave: label } } });
        if (same && same.status !== 'draft') return { kind: 'wave_used' as const, wave: label };
        await tx.survey.update({ where: { id: def.id }, data: survey });
        if (same) {
          const wave = await tx.surveyWave.update({ where: { id: same.id }, data: { version: def.version, definition: text } });
          return { kind: 'updated' as const, wave: toWave(wave) };
        }
        const wave = await tx.surveyWave.create({ data: { surveyId: def.id, wave: label, version: def.version, definition: text } });
        return { kind: 'new_wave' as const, wave: toWave(wave) };
      });
    },

    async survey(id) {
      const row = await db.survey.findUnique({ where: { id } });
      return row ? toSurvey(row) : null;
    },
    async surveys() {
      return (await db.survey.findMany({ orderBy: { id: 'asc' } })).map(toSurvey);
    },
    async wave(surveyId, wave) {
      const label = wave ?? (await db.survey.findUnique({ where: { id: surveyId }, select: { wave: true } }))?.wave;
      if (!label) return null;
      const row = await db.surveyWave.findUnique({ where: { surveyId_wave: { surveyId, wave: label } } });
      return row ? toWave(row) : null;
    },
    async waveById(id) {
      const row = await db.surveyWave.findUnique({ where: { id } });
      return row ? toWave(row) : null;
    },
    async waves(surveyId) {
      return (await db.surveyWave.findMany({ where: { surveyId }, orderBy: { version: 'asc' } })).map(toWave);
    },
    async openWaves() {
      return (await db.surveyWave.findMany({ where: { status: 'open' } })).map(toWave);
    },

    async openWave(waveId, patch, messages) {
      await db.$transaction(async (tx) => {
        await tx.surveyWave.update({
          where: { id: waveId },
          data: {
            status: 'open',
            anonymous: patch.anonymous,
            closesAt: patch.closesAt,
            openedAt: patch.openedAt,
            invited: JSON.stringify(patch.invited),
            channels: JSON.stringify(patch.channels),
            respondents: JSON.stringify(patch.respondents),
          },
        });
        await insertOutboxEntries(tx, messages, clock.now());
      });
    },
    async closeWave(waveId, now) {
      const { count } = await db.surveyWave.updateMany({ where: { id: waveId, status: 'open' }, data: { status: 'closed', closedAt: now } });
      return count > 0;
    },

    async setRespondent(waveId, memberId, unitKey) {
      return db.$transaction(async (tx) => {
        const row = await tx.surveyWave.findUnique({ where: { id: waveId }, select: { status: true, respondents: true } });
        if (!row || row.status === 'closed') return false;
        const respondents = { ...readJson(Respondents, row.respondents, 'survey respondents'), [memberId]: unitKey };
        await tx.surveyWave.update({ where: { id: waveId }, data: { respondents: JSON.stringify(respondents) } });
        return true;
      });
    },

    async saveResponse(input) {
      // One statement: the open check and the upsert cannot be split by a close in between.
      const changed = await db.$executeRaw`
        INSERT INTO "SurveyResponse" ("id", "waveId", "unitKey", "memberId", "status", "language", "answers", "country", "updatedAt")
        SELECT ${randomUUID()}, ${input.waveId}, ${input.unitKey}, ${input.memberId}, ${input.status}, ${input.language}, ${JSON.stringify(input.answers)},
          ${input.country}, ${input.now}
        WHERE EXISTS (SELECT 1 FROM "SurveyWave" WHERE "id" = ${input.waveId} AND "status" = 'open')
        ON CONFLICT ("waveId", "unitKey") DO UPDATE SET "memberId" = excluded."memberId", "status" = excluded."status",
          "language" = excluded."language", "answers" = excluded."answers", "country" = excluded."country", "updatedAt" = excluded."updatedAt"`;
      return changed > 0 ? 'saved' : 'closed';
    },

    async saveAnonymous(input) {
      const saved = await db.$transaction(async (tx) => {
        const wave = await tx.surveyWave.findUnique({ where: { id: input.waveId }, select: { status: true } });
        if (wave?.status !== 'open') return 'closed' as const;
        const done = await tx.surveyParticipation.findUnique({ where: { waveId_unitKey: { waveId: input.waveId, unitKey: input.unitKey } } });
        if (done) return 'already' as const;
        const answer = { id: randomUUID(), waveId: input.waveId, week: '', language: '', answers: JSON.stringify(input.answers) };
        if (!randomRowids) {
          await tx.surveyParticipation.create({ data: { waveId: input.waveId, unitKey: input.unitKey } });
          await tx.surveyAnonymousAnswer.create({ data: answer });
          return 'saved' as const;
        }
        await tx.$executeRawUnsafe(
          `INSERT INTO "SurveyParticipation" (rowid, "waveId", "unitKey") VALUES (${RANDOM_ROWID}, ?, ?)`,
          input.waveId,
          input.unitKey,
        );
        await tx.$executeRawUnsafe(
          `INSERT INTO "SurveyAnonymousAnswer" (rowid, "id", "waveId", "week", "language", "answers") VALUES (${RANDOM_ROWID}, ?, ?, ?, ?, ?)`,
          answer.id,
          answer.waveId,
          answer.week,
          answer.language,
          answer.answers,
        );
        return 'saved' as const;
      });
      // Best effort: a reader holding an old snapshot makes this a no-op until the next anonymous answer.
      if (saved === 'saved' && randomRowids) await db.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
      if (saved === 'saved' && !randomRowids) {
        await db.$executeRawUnsafe('CLUSTER "SurveyAnonymousAnswer" USING "SurveyAnonymousAnswer_pkey"');
        await db.$executeRawUnsafe('CLUSTER "SurveyParticipation" USING "SurveyParticipation_pkey"');
      }
      return saved;
    },

    async response(waveId, unitKey) {
      const row = await db.surveyResponse.findUnique({ where: { waveId_unitKey: { waveId, unitKey } } });
      if (!row) return null;
      return {
        unitKey: row.unitKey,
        memberId: row.memberId,
        status: row.status as ResponseStatus,
        language: row.language,
        answers: readJson(Values, row.answers, 'survey answers'),
        country: row.country,
        updatedAt: row.updatedAt,
      };
    },
    async finishedUnits(waveId) {
      const [identified, anonymous] = await Promise.all([
        db.surveyResponse.findMany({ where: { waveId, status: 'final' }, select: { unitKey: true } }),
        db.surveyParticipation.findMany({ where: { waveId }, select: { unitKey: true } }),
      ]);
      return new Set([...identified, ...anonymous].map((r) => r.unitKey));
    },
    async answers(waveId) {
      // Raw reads: results read every response of a wave, and model mapping would double the time.
      const [identified, anonymous] = await Promise.all([
        db.$queryRaw<{ unitKey: string; memberId: string; language: string; answers: string; updatedAt: string | Date }[]>`
          SELECT "unitKey", "memberId", "language", "answers", "updatedAt" FROM "SurveyResponse" WHERE "waveId" = ${waveId} AND "status" = 'final'`,
        db.$queryRaw<{ language: string; answers: string; week: string }[]>`
          SELECT "language", "answers", "week" FROM "SurveyAnonymousAnswer" WHERE "waveId" = ${waveId} ORDER BY "id"`,
      ]);
      const rows: AnswerRow[] = identified.map((r) => ({
        unitKey: r.unitKey,
        memberId: r.memberId,
        language: r.language,
        answers: JSON.parse(r.answers) as FormValues,
        when: (r.updatedAt instanceof Date ? r.updatedAt.toISOString() : String(r.updatedAt)).slice(0, 10),
      }));
      for (const r of anonymous) rows.push({ language: r.language, answers: JSON.parse(r.answers) as FormValues, when: r.week });
      return rows;
    },
  };
}
