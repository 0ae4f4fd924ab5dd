// Who may answer, and what happens around it: only invited people (a channel post opens it to
// anyone there), a rate over the invited only, closing stops questionnaires under way, who answers
// for a cluster is an admin's decision, and storage refuses answers once a wave is closed.
import { afterEach, describe, expect, it } from 'vitest';
import type { InboundEvent } from '../../../src/core/index.ts';
import { createPrismaSurveys } from '../../../src/infra/prisma/prisma-surveys.ts';
import { createTestApp, type TestApp } from '../../fakes/test-app.ts';
import { from } from '../../fakes/memory-adapter.ts';
import { answerInDm, currentField, lastTo } from './survey-helpers.ts';

const apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop();
});
const start = async (env: Record<string, string> = {}) => {
  const app = await createTestApp(env);
  apps.push(app);
  return app;
};

/** A form submission as a modal would send it, for people who never got the form. */
const submit = (who: string, waveId: string, values: Record<string, string>): InboundEvent => ({
  ...from(who, 'dm').message(''),
  kind: 'form_submit',
  formId: 'survey:answer',
  context: waveId,
  values,
});

describe('who may answer a survey', () => {
  it('given a survey opened to Giulia → Petra is refused, even by a crafted submission, and the rate counts Giulia alone', async () => {
    const app = await start();
    await app.adapter.inject(from('anna', 'dm').command('survey', 'open demo to:@giulia,@marco'));
    const [refused] = await app.adapter.inject(from('petra', 'dm').command('survey', 'answer demo'));
    expect(refused?.text).toContain('for the people invited');
    expect(await currentField(app, 'petra')).toBeNull();

    const wave = await app.db.surveyWave.findFirstOrThrow({ where: { surveyId: 'demo' } });
    const [crafted] = await app.adapter.inject(submit('petra', wave.id, { PREFERRED_CHANNEL: 'newsletter', WHY: 'x' }));
    expect(crafted?.text).toContain('for the people invited');
    expect(await app.db.surveyResponse.count()).toBe(0);

    await app.adapter.inject(from('giulia', 'dm').command('survey', 'answer demo'));
    await answerInDm(app, 'giulia', { PREFERRED_CHANNEL: '1', WHY: 'Comoda' });
    const [results] = await app.adapter.inject(from('anna', 'dm').command('survey', 'results demo'));
    expect(results?.text).toContain('response rate 50% of 2 invited');
  });

  it('given a survey posted in a channel → anyone there may answer, and the results say it was open to everyone', async () => {
    const app = await start();
    const [opened] = await app.adapter.inject(from('anna', 'general').command('survey', 'open demo to:@giulia,#general'));
    expect(opened?.text).toContain('Anyone in the channels it was posted in can answer');
    await app.sender.drain();
    expect(app.adapter.textsTo('shell:room:general' as never).some((text) => text.includes('(anyone here can answer)'))).toBe(true);
    await app.adapter.inject(from('petra', 'dm').command('survey', 'answer demo'));
    await answerInDm(app, 'petra', { PREFERRED_CHANNEL: '2', WHY: 'Fast' });
    const [results] = await app.adapter.inject(from('anna', 'dm').command('survey', 'results demo'));
    expect(results?.text).toContain('1 response ·');
    expect(results?.text).toContain('response rate 0% of 1 invited');
    expect(results?.text).toContain('open to anyone in the channels it was posted in');
  });

  it('given questionnaires under way → closing stops them with a message, and a later message is not taken as an answer', async () => {
    const app = await start();
    await app.adapter.inject(from('anna', 'dm').command('survey', 'open demo to:@giulia,@petra'));
    await app.adapter.inject(from('giulia', 'dm').command('survey', 'answer demo'));
    await answerInDm(app, 'giulia', { PREFERRED_CHANNEL: '1' }, 1);
    await app.adapter.inject(from('petra', 'dm').command('survey', 'answer demo'));
    const [closed] = await app.adapter.inject(from('anna', 'dm').command('survey', 'close demo'));
    expect(closed?.text).toContain('2 questionnaires in progress were stopped');
    expect(lastTo(app, 'giulia').text).toContain('Il sondaggio demo è stato chiuso');
    expect(lastTo(app, 'petra').text).toContain('Survey demo has closed');
    expect(await currentField(app, 'giulia')).toBeNull();
    await app.adapter.inject(from('giulia', 'dm').message('Perché sì'));
    expect(await app.db.surveyResponse.count()).toBe(0);
    expect(await app.db.conversationSession.count()).toBe(0);
  });

  it('given a survey closed by its date → the reminder job stops the questionnaires under way too', async () => {
    const app = await start();
    await app.adapter.inject(from('anna', 'dm').command('survey', 'open demo to:@petra closes:2026-11-25'));
    await app.adapter.inject(from('petra', 'dm').command('survey', 'answer demo'));
    app.clock.set(new Date('2026-11-26T08:00:00Z'));
    await app.scheduler.runNow('survey-reminders');
    expect(lastTo(app, 'petra').text).toContain('Survey demo has closed');
    expect(await currentField(app, 'petra')).toBeNull();
  });
});

describe('one response per cluster', () => {
  it('given Marco moves his profile to Giulia’s cluster → he still answers for his own, until an admin names him for hers', async () => {
    const app = await start();
    await app.adapter.inject(from('anna', 'dm').command('survey', 'open cluster-managers to:@giulia,@marco,@petra'));
    await app.adapter.inject(from('giulia', 'dm').command('survey', 'answer cluster-managers'));
    await answerInDm(app, 'giulia', { submit_mode: '2' });
    const giulia = await app.db.member.findFirstOrThrow({ where: { platformId: 'giulia' } });
    const drafted = await app.db.surveyResponse.findFirstOrThrow();
    expect(drafted.memberId).toBe(giulia.id);

    // Marco edits his profile to claim Giulia's cluster, then answers: his answers stay his cluster's.
    await app.adapter.inject({ ...from('marco', 'dm').message(''), kind: 'form_submit', formId: 'network:profile', values: { cluster: giulia.cluster! } });
    expect((await app.db.member.findFirstOrThrow({ where: { platformId: 'marco' } })).cluster).toBe(giulia.cluster);
    await app.adapter.inject(from('marco', 'dm').command('survey', 'answer cluster-managers'));
    await answerInDm(app, 'marco', { submit_mode: '1' });
    const rows = await app.db.surveyResponse.findMany({ orderBy: { unitKey: 'asc' } });
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.memberId === giulia.id)?.status).toBe('draft');

    // Someone never named (Petra was invited, but Lukas was not) cannot answer for a cluster.
    const [lukas] = await app.adapter.inject(from('lukas', 'dm').command('survey', 'answer cluster-managers'));
    expect(lukas?.text).toMatch(/eingeladenen Personen/);

    // The admin names Petra for Giulia's cluster: she then sees Giulia's draft.
    const [named] = await app.adapter.inject(from('anna', 'dm').command('survey', `respondent cluster-managers @petra cluster:"${giulia.cluster}"`));
    expect(named?.text).toContain('now answers survey cluster-managers for');
    const [nonAdmin] = await app.adapter.inject(from('marco', 'dm').command('survey', 'respondent cluster-managers @marco'));
    expect(nonAdmin?.text).not.toContain('now answers');
    await app.adapter.inject(from('petra', 'dm').command('survey', 'answer cluster-managers'));
    await answerInDm(app, 'petra', { submit_mode: '1' });
    const after = await app.db.surveyResponse.findMany();
    expect(after).toHaveLength(2);
    expect(after.find((r) => r.unitKey === drafted.unitKey)).toMatchObject({ status: 'final' });
  });
});

describe('storage guards', () => {
  it('given a closed wave → storage refuses identified and anonymous answers and new respondents', async () => {
    const app = await start();
    const repo = createPrismaSurveys(app.db, app.clock);
    const wave = (await repo.wave('demo'))!;
    await repo.openWave(wave.id, { anonymous: false, closesAt: null, invited: [], channels: [], respondents: {}, openedAt: app.clock.now() }, []);
    const answer = {
      waveId: wave.id,
      unitKey: 'member:x',
      memberId: 'x',
      status: 'final' as const,
      language: 'en',
      answers: { WHY: 'a' },
      country: null,
      now: app.clock.now(),
    };
    expect(await repo.saveResponse(answer)).toBe('saved');
    expect(await repo.closeWave(wave.id, app.clock.now())).toBe(true);
    expect(await repo.saveResponse({ ...answer, answers: { WHY: 'changed' } })).toBe('closed');
    expect(await repo.saveResponse({ ...answer, unitKey: 'member:y' })).toBe('closed');
    expect(await repo.saveAnonymous({ waveId: wave.id, unitKey: 'member:z', answers: { WHY: 'b' } })).toBe('closed');
    expect(await repo.setRespondent(wave.id, 'x', 'org:y')).toBe(false);
    expect((await app.db.surveyResponse.findFirstOrThrow()).answers).toContain('"a"');
    expect(await app.db.surveyAnonymousAnswer.count()).toBe(0);
  });
});

describe('results and exports are private unless asked', () => {
  it('given commands typed in #general → the identified export and the results go to the admin alone; post shares the results', async () => {
    const app = await start();
    await app.adapter.inject(from('anna', 'general').command('survey', 'open demo to:@giulia'));
    await app.adapter.inject(from('giulia', 'dm').command('survey', 'answer demo'));
    await answerInDm(app, 'giulia', { PREFERRED_CHANNEL: '1', WHY: 'Comoda' });
    const inGeneral = () => app.adapter.replies.filter((r) => r.to === 'shell:room:general' && !r.ephemeral).map((r) => r.message.text);

    const [exported] = await app.adapter.inject(from('anna', 'general').command('survey', 'export demo'));
    expect(exported?.text).toContain("1 response, with the respondent's name.");
    expect(exported?.text).toContain('Only you received this file.');
    expect(app.adapter.replies.at(-1)).toMatchObject({ ephemeral: true });
    expect(app.adapter.posted.filter((p) => p.to === 'shell:room:general' && p.message.attachments?.length)).toHaveLength(0);

    const [results] = await app.adapter.inject(from('anna', 'general').command('survey', 'results demo'));
    expect(results?.text).toContain('Only you can see these results. Add post to share them in this channel.');
    expect(app.adapter.replies.at(-1)).toMatchObject({ ephemeral: true });
    expect(inGeneral()).toEqual([]);

    const [posted] = await app.adapter.inject(from('anna', 'general').command('survey', 'results demo post'));
    expect(posted?.text).not.toContain('Only you');
    expect(app.adapter.replies.at(-1)).toMatchObject({ ephemeral: false });
    expect(inGeneral()).toHaveLength(1);
  });
});
