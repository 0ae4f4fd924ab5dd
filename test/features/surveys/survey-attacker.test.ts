// The attacker's test: given the SQLite database file (and its write-ahead log) as bytes and the
// member list, try to link each anonymous answer to a person, by its columns, by time, by row
// order, and by what deleted questionnaire progress left behind. Every attempt must fail.
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../fakes/test-app.ts';
import { testProvider } from '../../fakes/test-database.ts';
import { from } from '../../fakes/memory-adapter.ts';
import { answerInDm } from './survey-helpers.ts';

const apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop().catch(() => undefined);
});

/** Every occurrence of `needle` in the bytes. */
function occurrences(bytes: Buffer, needle: string): number {
  let count = 0;
  for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + 1)) count++;
  return count;
}

describe('an attacker with the database file', () => {
  it.skipIf(testProvider !== 'sqlite')('given six anonymous answers and one abandoned questionnaire → no answer can be linked to a person', async () => {
    const app = await createTestApp();
    apps.push(app);
    const file = app.config.DATABASE_URL;
    await app.adapter.inject(from('anna').command('survey', 'open demo to:everyone anonymous'));
    await app.sender.drain();

    // Six people answer, each with words only they wrote; nobody picks "intranet".
    const answered = ['marco', 'giulia', 'paolo', 'anna', 'petra', 'jana'];
    for (const [i, who] of answered.entries()) {
      await app.adapter.inject(from(who, 'dm').command('survey', 'answer demo'));
      await answerInDm(app, who, { PREFERRED_CHANNEL: String((i % 3) + 1), WHY: `probe ${i + 1} words` });
    }
    // Lukas picks "intranet", then abandons: his progress (linked to him) is deleted.
    await app.adapter.inject(from('lukas', 'dm').command('survey', 'answer demo'));
    await answerInDm(app, 'lukas', { PREFERRED_CHANNEL: '4' }, 1);
    await app.adapter.inject(from('lukas', 'dm').message('cancel'));
    expect(await app.db.conversationSession.count()).toBe(0);

    // The attacker copies the files of the running bot.
    const bytes = Buffer.concat([readFileSync(file), ...(existsSync(`${file}-wal`) ? [readFileSync(`${file}-wal`)] : [])]);
    const members = await app.db.member.findMany();
    expect(members.length).toBeGreaterThanOrEqual(7);

    // Deleted residue: Lukas's abandoned choice, and every draft linking a person to a choice, are gone.
    expect(occurrences(bytes, '"PREFERRED_CHANNEL":"intranet"')).toBe(0);
    // Each choice given appears only inside the six anonymous answers, never in a person's draft.
    expect(occurrences(bytes, '"PREFERRED_CHANNEL":"')).toBe(6);
    for (let i = 1; i <= answered.length; i++) expect(occurrences(bytes, `probe ${i} words`)).toBe(1);

    // Columns: nothing in the anonymous tables names a person, a language or a time.
    const columns = await app.db.$queryRawUnsafe<{ name: string; type: string }[]>(
      `SELECT name, type FROM pragma_table_info('SurveyAnonymousAnswer') UNION ALL SELECT name, type FROM pragma_table_info('SurveyParticipation')`,
    );
    expect(columns.filter((c) => /date|time/i.test(c.type))).toEqual([]);
    const rows = await app.db.$queryRawUnsafe<{ rowid: bigint; id: string; week: string; language: string; answers: string }[]>(
      'SELECT rowid, id, week, language, answers FROM "SurveyAnonymousAnswer"',
    );
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      expect([row.week, row.language]).toEqual(['', '']);
      for (const m of members) for (const value of [m.id, m.platformId, m.displayName, m.cluster]) if (value) expect(row.answers).not.toContain(value);
    }

    // Row order: neither answers nor participation are stored in the order people answered.
    const participation = await app.db.$queryRawUnsafe<{ rowid: bigint }[]>('SELECT rowid FROM "SurveyParticipation"');
    for (const { rowid } of [...rows, ...participation]) expect(Number(rowid)).toBeGreaterThan(2 ** 32);

    // The attacker's best guess: members consistent with what a row shows. Every row keeps at least k.
    const participants = await app.db.surveyParticipation.findMany();
    const consistent = (row: (typeof rows)[number]) =>
      members.filter((m) => participants.some((p) => p.unitKey === `member:${m.id}`) && (!row.language || row.language === m.language));
    for (const row of rows) expect(consistent(row).length).toBeGreaterThanOrEqual(app.config.FILIERA_ANONYMITY_MIN);
  });

  it.skipIf(testProvider !== 'postgresql')('given anonymous answers on PostgreSQL → rows lie in key order, not in the order people answered', async () => {
    const app = await createTestApp();
    apps.push(app);
    await app.adapter.inject(from('anna').command('survey', 'open demo to:everyone anonymous'));
    for (const who of ['marco', 'giulia', 'paolo', 'anna', 'petra', 'jana']) {
      await app.adapter.inject(from(who, 'dm').command('survey', 'answer demo'));
      await answerInDm(app, who, { PREFERRED_CHANNEL: '1', WHY: 'x' });
    }
    const answers = await app.db.$queryRawUnsafe<{ id: string }[]>('SELECT "id" FROM "SurveyAnonymousAnswer" ORDER BY ctid');
    expect(answers.map((a) => a.id)).toEqual(answers.map((a) => a.id).sort());
    const units = await app.db.$queryRawUnsafe<{ unitKey: string }[]>('SELECT "unitKey" FROM "SurveyParticipation" ORDER BY ctid');
    expect(units.map((u) => u.unitKey)).toEqual(units.map((u) => u.unitKey).sort());
  });
});
