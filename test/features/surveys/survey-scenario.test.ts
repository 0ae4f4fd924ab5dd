// The check, driven through the bot: the built-in questionnaire opened to three members,
// answered in Italian and English, one stopping halfway across a restart, a reminder only to the
// unfinished one, then results, chart and CSV that agree with the answers.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../fakes/test-app.ts';
import { from, shellUser } from '../../fakes/memory-adapter.ts';
import { answerInDm, attachment, csvRecords, currentField, dm, lastTo, PNG_SIGNATURE } from './survey-helpers.ts';

const apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop().catch(() => undefined);
});
const start = async (env: Record<string, string> = {}, now?: string) => {
  const app = await createTestApp(env, now);
  apps.push(app);
  return app;
};

const SURVEY = 'cluster-managers';

describe('the cluster managers questionnaire, end to end', () => {
  it('given three invitees, one stopping halfway and a restart → resume, one reminder, results, PNG and CSV agree', async () => {
    const app = await start();
    const file = app.config.DATABASE_URL;

    const listed = await app.adapter.inject(from('anna').command('survey', 'list'));
    expect(listed[0]?.text).toContain(SURVEY);

    const opened = await app.adapter.inject(from('anna').command('survey', `open ${SURVEY} to:@giulia,@petra,@jana closes:2026-12-01`));
    expect(opened[0]?.text).toContain('Invitations by direct message: 3');
    await app.sender.drain();
    expect(lastTo(app, 'giulia').text).toContain('Sei invitato a rispondere');
    expect(lastTo(app, 'petra').text).toContain('You are invited to answer');

    // Giulia answers in Italian, pressing the Answer button in her invitation.
    await app.adapter.inject(from('giulia', 'dm').action('survey:answer', SURVEY));
    expect(lastTo(app, 'giulia').text).toContain('Di che tipologia di cluster si tratta?');
    await answerInDm(app, 'giulia', { CLUSTER_TYPE: '1', COUNTRY: '1', TRAINING_COMMUNICATION: '5', MEMBER_FIRMS: '120', COOPERATION: '2', submit_mode: '1' });
    expect(lastTo(app, 'giulia').text).toContain('Grazie, le tue risposte sono registrate');
    expect(lastTo(app, 'giulia').text).toContain('rete: finora meno di 5 risposte');

    // Petra answers in English with the command.
    await app.adapter.inject(from('petra', 'dm').command('survey', `answer ${SURVEY}`));
    expect(lastTo(app, 'petra').text).toContain('What type of cluster is it?');
    await answerInDm(app, 'petra', { CLUSTER_TYPE: '2', COUNTRY: '4', TRAINING_COMMUNICATION: '3', MEMBER_FIRMS: '40', COOPERATION: '1', submit_mode: '1' });
    expect(lastTo(app, 'petra').text).toContain('Thank you, your answers are recorded');

    // Jana gets one answer wrong (refused, nothing lost), then stops after eight answers.
    await app.adapter.inject(from('jana', 'dm').command('survey', `answer ${SURVEY}`));
    await answerInDm(app, 'jana', { CLUSTER_TYPE: '1', COUNTRY: '5', TRAINING_COMMUNICATION: '4' }, 3);
    expect((await currentField(app, 'jana'))?.id).toBe('MEMBER_FIRMS');
    await app.adapter.inject(from('jana', 'dm').message('-5'));
    expect(lastTo(app, 'jana').text).toContain('Please give a number from 0 to 100,000');
    expect((await currentField(app, 'jana'))?.id).toBe('MEMBER_FIRMS');
    await answerInDm(app, 'jana', { MEMBER_FIRMS: '75' }, 5);
    const stoppedAt = (await currentField(app, 'jana'))!.id;

    // Restart: stop the first app, open a second on the same file, days later.
    await app.stop();
    apps.splice(apps.indexOf(app), 1);
    const again = await start({ DATABASE_URL: file }, '2026-11-28T08:30:00Z');
    await again.sender.drain();
    await again.scheduler.runNow('survey-reminders');
    await again.sender.drain();
    const reminders = again.adapter.posted.filter((p) => p.message.text.includes('Reminder:') || p.message.text.includes('Promemoria:'));
    expect(reminders.map((r) => r.to)).toEqual([dm('jana')]);
    await again.scheduler.runNow('survey-reminders');
    await again.sender.drain();
    expect(again.adapter.posted.filter((p) => p.message.text.includes('Reminder:'))).toHaveLength(1);

    // Jana resumes where she was, then finishes.
    await again.adapter.inject(from('jana', 'dm').command('survey', `answer ${SURVEY}`));
    expect(lastTo(again, 'jana').text).toContain("Let's continue");
    expect((await currentField(again, 'jana'))?.id).toBe(stoppedAt);
    await answerInDm(again, 'jana', { COOPERATION: '1', submit_mode: '1' });
    expect(lastTo(again, 'jana').text).toContain('Thank you');

    // Results aggregate Italian and English answers.
    const [results] = await again.adapter.inject(from('anna').command('survey', `results ${SURVEY}`));
    expect(results?.text).toContain('3 responses');
    expect(results?.text).toContain('response rate 100% of 3 invited');
    expect(results?.text).toMatch(/TRAINING_COMMUNICATION\* Training: communication \(3 answered\)\n\s+mean 4 of 5/);
    expect(results?.text).toContain('Industrial cluster: 2 (66.7%)');
    expect(results?.text).toContain('By language');
    expect(results?.text).toContain('hidden (fewer than 5)');
    const png = attachment(results, 'image/png');
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(png.length).toBeGreaterThan(5_000);

    // The CSV agrees: one row per response, codes as columns, labels in the admin's language.
    const [exported] = await again.adapter.inject(from('anna').command('survey', `export ${SURVEY}`));
    const rows = csvRecords(attachment(exported, 'text/csv').toString('utf8'));
    expect(rows).toHaveLength(3);
    const byName = Object.fromEntries(rows.map((r) => [r.respondent, r]));
    expect(byName['Giulia Ferri']).toMatchObject({
      language: 'it',
      CLUSTER_TYPE: 'Industrial cluster',
      COUNTRY: 'Italy',
      TRAINING_COMMUNICATION: '5',
      MEMBER_FIRMS: '120',
      COOPERATION: 'No',
    });
    expect(byName['Petra Horvat']).toMatchObject({ language: 'en', CLUSTER_TYPE: 'Service cluster', TRAINING_COMMUNICATION: '3' });
    expect(byName['Jana Dvořák']).toMatchObject({ MEMBER_FIRMS: '75', TRAINING_COMMUNICATION: '4' });
    const mean = rows.reduce((sum, r) => sum + Number(r.TRAINING_COMMUNICATION), 0) / rows.length;
    expect(mean).toBe(4);
    // Giulia said no cooperation: the skipped questions stay empty.
    expect(byName['Giulia Ferri']?.COOPERATION_PARTNERS).toBe('');
    expect(byName['Petra Horvat']?.COOPERATION_PARTNERS).not.toBe('');

    // Closing stops answers and reminders.
    await again.adapter.inject(from('anna').command('survey', `close ${SURVEY}`));
    const [late] = await again.adapter.inject(from('giulia', 'dm').command('survey', `answer ${SURVEY}`));
    expect(late?.text).toContain('chiuso');
    expect((await again.adapter.inject(from('anna').command('survey', `remind ${SURVEY}`)))[0]?.text).toContain('is closed: no reminders are sent');
  });

  it('given an answered identified survey → the respondent can change answers and see a benchmark', async () => {
    const app = await start({ FILIERA_ANONYMITY_MIN: '2' });
    await app.adapter.inject(from('anna').command('survey', `open ${SURVEY} to:everyone`));
    expect((await app.bot.home(shellUser('petra'))).text).toBeDefined();
    expect(JSON.stringify((await app.bot.home(shellUser('petra'))).card)).toContain('Surveys waiting for your answers (1)');
    for (const [who, score] of [
      ['petra', '2'],
      ['jana', '4'],
      ['lukas', '5'],
    ] as const) {
      await app.adapter.inject(from(who, 'dm').command('survey', `answer ${SURVEY}`));
      await answerInDm(app, who, { TRAINING_COMMUNICATION: score, submit_mode: '1' });
    }
    expect(JSON.stringify((await app.bot.home(shellUser('petra'))).card)).not.toContain('Surveys waiting');
    const [bench] = await app.adapter.inject(from('petra', 'dm').command('survey', `benchmark ${SURVEY}`));
    // Every question with numbers or choices, in plain words, for the network and each peer group.
    expect(bench?.text).toContain(
      'Training: communication: you 2 · network: you are in the bottom quarter (median 4, half between 3 and 4.5; 3 answers) · Industrial cluster: you are in the bottom quarter',
    );
    expect(bench?.text).toContain('How many firms are members of the cluster?: you 10 · network: you are at the median (median 10');
    expect(bench?.text).toContain('What type of cluster is it?: you Industrial cluster · network: 100% chose Industrial cluster (3 answers)');

    // Petra changes her mind: the questionnaire shows her earlier answer and stores the new one.
    await app.adapter.inject(from('petra', 'dm').command('survey', `answer ${SURVEY}`));
    await answerInDm(app, 'petra', { TRAINING_COMMUNICATION: '5' });
    const [after] = await app.adapter.inject(from('petra', 'dm').command('survey', `benchmark ${SURVEY}`));
    expect(after?.text).toContain('you 5');
    const [results] = await app.adapter.inject(from('anna').command('survey', `results ${SURVEY}`));
    expect(results?.text).toContain('3 responses');
  });
});
