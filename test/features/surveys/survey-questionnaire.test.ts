// The survey questionnaire never loses or invents an answer: after a restart the current question is
// asked again before anything counts; two surveys in progress wait for each other; going back shows
// the previous answer, keep keeps it and skip never erases it; numbers are read the person's way;
// an option number outside the list is refused.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../fakes/test-app.ts';
import { from, shellUser } from '../../fakes/memory-adapter.ts';
import { lastTo } from './survey-helpers.ts';

const apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop().catch(() => undefined);
});
const start = async (env: Record<string, string> = {}, now?: string) => {
  const app = await createTestApp(env, now);
  apps.push(app);
  return app;
};

const waveId = async (app: TestApp, survey: string) => (await app.db.surveyWave.findFirstOrThrow({ where: { surveyId: survey } })).id;

/** The question `who` is being asked in this wave's questionnaire, or null. */
async function asking(app: TestApp, who: string, wave: string) {
  const session = await app.bot.questionnaires.find(shellUser(who), 'survey:answer', wave);
  return session ? (session.form.fields[session.index]?.id ?? null) : null;
}

/** Types answers by question id (a default for the others) until the questionnaire of this wave ends. */
async function answerAll(app: TestApp, who: string, wave: string, script: Record<string, string>): Promise<void> {
  for (let id = await asking(app, who, wave), guard = 0; id && guard < 100; id = await asking(app, who, wave), guard++) {
    const session = (await app.bot.questionnaires.find(shellUser(who), 'survey:answer', wave))!;
    const field = session.form.fields[session.index]!;
    const answer =
      script[id] ?? (field.kind === 'choice' ? (field.multiple ? '1, 2' : '1') : field.kind === 'scale' ? '4' : field.kind === 'number' ? '10' : 'ok');
    await app.adapter.inject(from(who, 'dm').message(answer));
  }
}

const stored = async (app: TestApp, memberId: string) =>
  JSON.parse((await app.db.surveyResponse.findFirstOrThrow({ where: { memberId } })).answers) as Record<string, string | string[]>;

describe('the survey questionnaire', () => {
  it('given two surveys in progress and a restart → the question is asked again, nothing invented, each resumes where it was', async () => {
    const app = await start();
    await app.adapter.inject(from('anna', 'dm').command('survey', 'open demo to:@petra'));
    await app.adapter.inject(from('anna', 'dm').command('survey', 'open cluster-managers to:@petra'));
    const demo = await waveId(app, 'demo');
    const managers = await waveId(app, 'cluster-managers');

    await app.adapter.inject(from('petra', 'dm').command('survey', 'answer demo'));
    await app.adapter.inject(from('petra', 'dm').message('2'));
    expect(await asking(app, 'petra', demo)).toBe('WHY');
    await app.adapter.inject(from('petra', 'dm').command('survey', 'answer cluster-managers'));
    expect(lastTo(app, 'petra').text).toContain('Demo survey');
    await app.adapter.inject(from('petra', 'dm').message('1'));
    expect(await asking(app, 'petra', managers)).toBe('COUNTRY');

    // Restart: the first thing Petra types is not an answer; the current question comes again.
    const file = app.config.DATABASE_URL;
    await app.stop();
    apps.splice(apps.indexOf(app), 1);
    const again = await start({ DATABASE_URL: file }, '2026-11-23T10:00:00Z');
    await again.adapter.inject(from('petra', 'dm').message('hello?'));
    expect(lastTo(again, 'petra').text).toContain('In which country is the cluster based?');
    expect(await asking(again, 'petra', managers)).toBe('COUNTRY');
    const session = await again.bot.questionnaires.find(shellUser('petra'), 'survey:answer', managers);
    expect(JSON.stringify(session?.values)).not.toContain('hello');

    // Finishing the cluster questionnaire brings back the demo at its second question, its answer kept.
    await answerAll(again, 'petra', managers, { COUNTRY: '4', submit_mode: '1' });
    expect(lastTo(again, 'petra').text).toContain('Why?');
    expect(await asking(again, 'petra', demo)).toBe('WHY');
    await again.adapter.inject(from('petra', 'dm').message('Schnell'));
    const petra = await again.db.member.findFirstOrThrow({ where: { platformId: 'petra' } });
    const answers = await again.db.surveyResponse.findMany({ where: { memberId: petra.id } });
    expect(answers).toHaveLength(2);
    expect(answers.map((a) => JSON.parse(a.answers) as Record<string, string>).find((a) => a.WHY)).toEqual({ PREFERRED_CHANNEL: 'web', WHY: 'Schnell' });
  });

  it('given Italian numbers, an option out of range, back, skip and keep → stored as meant, nothing erased', async () => {
    const app = await start();
    await app.adapter.inject(from('anna', 'dm').command('survey', 'open cluster-managers to:@giulia'));
    const wave = await waveId(app, 'cluster-managers');
    const giulia = await app.db.member.findFirstOrThrow({ where: { platformId: 'giulia' } });
    await app.adapter.inject(from('giulia', 'dm').command('survey', 'answer cluster-managers'));

    const until = async (id: string) => {
      for (let guard = 0; (await asking(app, 'giulia', wave)) !== id && guard < 60; guard++) {
        const session = (await app.bot.questionnaires.find(shellUser('giulia'), 'survey:answer', wave))!;
        const field = session.form.fields[session.index]!;
        await app.adapter.inject(
          from('giulia', 'dm').message(
            field.kind === 'choice' ? (field.multiple ? '1, 2' : '1') : field.kind === 'scale' ? '4' : field.kind === 'number' ? '10' : 'ok',
          ),
        );
      }
      expect(await asking(app, 'giulia', wave)).toBe(id);
    };

    await until('MEMBER_FIRMS');
    await app.adapter.inject(from('giulia', 'dm').message('1.000'));
    await until('YEARS_IN_ROLE');
    await app.adapter.inject(from('giulia', 'dm').message('12'));
    // Back to the optional question: the previous answer is shown; skip leaves it as it was.
    await app.adapter.inject(from('giulia', 'dm').message('indietro'));
    expect(await asking(app, 'giulia', wave)).toBe('YEARS_IN_ROLE');
    expect(lastTo(app, 'giulia').text).toContain('12');
    await app.adapter.inject(from('giulia', 'dm').message('salta'));
    expect(await asking(app, 'giulia', wave)).not.toBe('YEARS_IN_ROLE');

    // "9" on a three-option multiple choice with "other" is refused, not stored as other = "9".
    await until('TRAINING_FORMS');
    await app.adapter.inject(from('giulia', 'dm').message('9'));
    expect(await asking(app, 'giulia', wave)).toBe('TRAINING_FORMS');
    await app.adapter.inject(from('giulia', 'dm').message('1, 3'));
    await answerAll(app, 'giulia', wave, { submit_mode: '1' });
    const first = await stored(app, giulia.id);
    expect(first).toMatchObject({ MEMBER_FIRMS: '1000', YEARS_IN_ROLE: '12', TRAINING_FORMS: ['in_house', 'case_studies'] });
    expect(first.TRAINING_FORMS_other).toBeUndefined();

    // Changing answers before the close: each question shows the stored answer, and keep keeps it.
    await app.adapter.inject(from('giulia', 'dm').command('survey', 'answer cluster-managers'));
    await until('MEMBER_FIRMS');
    expect(lastTo(app, 'giulia').text).toMatch(/1\.?000/);
    await app.adapter.inject(from('giulia', 'dm').message('tieni'));
    await answerAll(app, 'giulia', wave, { YEARS_IN_ROLE: 'salta', TRAINING_FORMS: 'tieni', submit_mode: '1' });
    expect(await stored(app, giulia.id)).toMatchObject({ MEMBER_FIRMS: '1000', YEARS_IN_ROLE: '12', TRAINING_FORMS: ['in_house', 'case_studies'] });
  });
});
