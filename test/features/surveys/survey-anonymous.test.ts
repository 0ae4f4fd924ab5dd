// Anonymous surveys: nothing in the database links a person to an answer, small slices are hidden
// with complementary suppression, reminders still reach only those who have not answered.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../fakes/test-app.ts';
import { testProvider } from '../../fakes/test-database.ts';
import { from } from '../../fakes/memory-adapter.ts';
import { answerInDm, dm, lastTo } from './survey-helpers.ts';

const apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop();
});

describe('anonymous surveys', () => {
  it('given an anonymous demo answered by six of seven → no link in the DB, small slices hidden, one reminder', async () => {
    const app = await createTestApp({ FILIERA_ANONYMITY_MIN: '3' });
    apps.push(app);
    const [opened] = await app.adapter.inject(from('anna').command('survey', 'open demo to:everyone anonymous'));
    expect(opened?.text).toContain('Answers are anonymous');
    await app.sender.drain();
    expect(lastTo(app, 'giulia').text).toContain('Anonimo');

    // Italian: marco, giulia, paolo; English: anna, petra, jana; lukas (German) waits.
    const answers: Array<[string, string, string]> = [
      ['marco', '1', 'Perché è comoda'],
      ['giulia', '1', 'La leggo sempre'],
      ['paolo', '2', 'Più veloce'],
      ['anna', '2', 'Always there'],
      ['petra', '3', 'Easy'],
      ['jana', '1', 'Short'],
    ];
    for (const [who, channel, why] of answers) {
      await app.adapter.inject(from(who, 'dm').command('survey', 'answer demo'));
      await answerInDm(app, who, { PREFERRED_CHANNEL: channel, WHY: why });
      expect(lastTo(app, who).text).toMatch(/anonymous answers are recorded|risposte anonime sono registrate/);
    }

    // A second attempt is refused: anonymous answers cannot be changed.
    const [again] = await app.adapter.inject(from('giulia', 'dm').command('survey', 'answer demo'));
    expect(again?.text).toContain('Hai già risposto');

    // The reminder goes to Lukas only.
    const before = app.adapter.posted.length;
    await app.adapter.inject(from('anna').command('survey', 'remind demo'));
    await app.sender.drain();
    const reminders = app.adapter.posted.slice(before).filter((p) => /Reminder|Promemoria|Erinnerung/.test(p.message.text));
    expect(reminders.map((p) => p.to)).toEqual([dm('lukas')]);
    await app.adapter.inject(from('lukas', 'dm').command('survey', 'answer demo'));
    await answerInDm(app, 'lukas', { PREFERRED_CHANNEL: '4', WHY: 'Intern' });

    // Nothing in the database links a person to an answer.
    const members = await app.db.member.findMany();
    const stored = await app.db.surveyAnonymousAnswer.findMany();
    expect(stored).toHaveLength(7);
    expect(await app.db.surveyResponse.count()).toBe(0);
    const dump = JSON.stringify(stored);
    for (const m of members) {
      expect(dump).not.toContain(m.id);
      expect(dump).not.toContain(`"${m.platformId}"`);
      expect(dump).not.toContain(m.displayName);
    }
    for (const row of stored) {
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/);
      // No language and no time: both could tell who answered.
      expect(row.week).toBe('');
      expect(row.language).toBe('');
    }
    const participation = await app.db.surveyParticipation.findMany();
    expect(Object.keys(participation[0]!).sort()).toEqual(['unitKey', 'waveId']);
    if (testProvider === 'sqlite') {
      // SQLite only: rows get random rowids so storage order does not follow answer order (PostgreSQL: see the README's limits).
      const rowids = await app.db.$queryRawUnsafe<{ r: bigint }[]>('SELECT rowid AS r FROM "SurveyAnonymousAnswer"');
      expect(rowids.map((x) => Number(x.r)).sort((a, b) => a - b)).not.toEqual([1, 2, 3, 4, 5, 6, 7]);
    }
    const outbox = await app.db.outboxMessage.findMany();
    expect(outbox.some((o) => o.payload.includes('La leggo sempre'))).toBe(false);
    expect(app.logs.some((l) => JSON.stringify(l).includes('La leggo sempre'))).toBe(false);

    // Results: no language slice (the German speaker would stand out), counts and free text above k.
    const [results] = await app.adapter.inject(from('anna').command('survey', 'results demo'));
    expect(results?.text).toContain('7 responses');
    expect(results?.text).not.toMatch(/Deutsch|Italiano/);
    expect(results?.text).toContain('Newsletter: 3 (42.9%)');
    expect(results?.text).toContain('“La leggo sempre”');

    // Export has no names, no language and no week for an anonymous survey.
    const [exported] = await app.adapter.inject(from('anna').command('survey', 'export demo'));
    const csv = Buffer.from(exported!.attachments![0]!.base64, 'base64').toString('utf8');
    const [header, ...lines] = csv.trimEnd().split(/\r?\n/);
    expect(header).toBe('\uFEFFlanguage,date,PREFERRED_CHANNEL,WHY');
    expect(lines).toHaveLength(7);
    for (const line of lines) expect(line).toMatch(/^,,/);
    for (const m of members) expect(csv).not.toContain(m.displayName);
  });

  it('given an anonymous survey with fewer answers than the minimum → results show only the count', async () => {
    const app = await createTestApp();
    apps.push(app);
    await app.adapter.inject(from('anna').command('survey', 'open demo to:@giulia,@petra anonymous'));
    await app.adapter.inject(from('giulia', 'dm').command('survey', 'answer demo'));
    await answerInDm(app, 'giulia', { PREFERRED_CHANNEL: '1', WHY: 'Segreto' });
    const [results] = await app.adapter.inject(from('anna').command('survey', 'results demo'));
    expect(results?.text).toMatch(/\b1 response\b/);
    expect(results?.text).not.toContain('1 responses');
    expect(results?.text).toContain('Fewer than 5 responses');
    expect(results?.text).not.toContain('Newsletter');
    expect(results?.text).not.toContain('Segreto');
    expect(results?.attachments).toBeUndefined();
  });

  it('given an open identified survey → turning it anonymous is refused', async () => {
    const app = await createTestApp();
    apps.push(app);
    await app.adapter.inject(from('anna').command('survey', 'open demo to:@giulia'));
    const [refused] = await app.adapter.inject(from('anna').command('survey', 'open demo to:@petra anonymous'));
    expect(refused?.text).toContain('already open');
  });
});

describe('anonymous exports', () => {
  it('given four respondents and k = 5 → results say fewer than 5 and the export has no rows', async () => {
    const app = await createTestApp();
    apps.push(app);
    await app.adapter.inject(from('anna').command('survey', 'open demo to:everyone anonymous'));
    for (const [who, why] of [
      ['marco', 'Comoda'],
      ['giulia', 'Sempre'],
      ['petra', 'Easy'],
      ['lukas', 'Weil es schnell ist'],
    ]) {
      await app.adapter.inject(from(who!, 'dm').command('survey', 'answer demo'));
      await answerInDm(app, who!, { PREFERRED_CHANNEL: '2', WHY: why! });
    }
    const [results] = await app.adapter.inject(from('anna').command('survey', 'results demo'));
    expect(results?.text).toContain('Fewer than 5');
    const [exported] = await app.adapter.inject(from('anna').command('survey', 'export demo'));
    expect(exported?.text).toContain('exports no rows until at least 5 people have answered');
    expect(exported?.attachments ?? []).toHaveLength(0);
    expect(JSON.stringify(exported)).not.toContain('Weil es schnell ist');
  });

  it('given the questionnaire of an anonymous survey → people are told before they write that free text is shown as written', async () => {
    const app = await createTestApp();
    apps.push(app);
    await app.adapter.inject(from('anna').command('survey', 'open demo to:@petra anonymous'));
    await app.adapter.inject(from('petra', 'dm').command('survey', 'answer demo'));
    await answerInDm(app, 'petra', { PREFERRED_CHANNEL: '1' }, 1);
    expect(lastTo(app, 'petra').text).toContain('shown in the results as you write it, once at least 5 people have written one');
  });
});
