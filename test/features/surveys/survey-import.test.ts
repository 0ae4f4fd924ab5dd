// Importing definitions (by URL and from surveys/), refusing broken ones with the path of the bad
// field, refusing out-of-range answers from a modal, and organisation surveys drafted by one
// colleague and submitted by another.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FormOutcome, InboundEvent } from '../../../src/core/index.ts';
import { createTestApp, type TestApp } from '../../fakes/test-app.ts';
import { from, shellUser } from '../../fakes/memory-adapter.ts';
import { conversationRef } from '../../../src/core/index.ts';
import { limeSurvey3, limeSurvey6 } from './lss-fixtures.ts';
import { currentField, lastTo } from './survey-helpers.ts';

const GOOD = `
id: pulse
version: 1
wave: "2026"
languages: [en, it]
responseUnit: person
title: { en: Pulse, it: Polso }
sections:
  - code: main
    title: { en: Main, it: Principale }
    questions:
      - code: SATISFACTION
        type: scale
        minLabel: { en: low, it: bassa }
        maxLabel: { en: high, it: alta }
        text: { en: How satisfied are you?, it: Quanto sei soddisfatto? }
`;
const BAD = GOOD.replace('type: scale', 'type: essay').replace('code: main', 'code: Main!');

let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    const body =
      req.url === '/good.yaml'
        ? GOOD
        : req.url === '/bad.yaml'
          ? BAD
          : req.url === '/v2.yaml'
            ? GOOD.replace('version: 1', 'version: 2').replace('"2026"', '"2027"')
            : req.url === '/servizi.lss'
              ? limeSurvey6()
              : req.url === '/events.lss'
                ? limeSurvey3()
                : req.url === '/page'
                  ? '<?xml version="1.0" encoding="UTF-8"?>\n<html><body>Not a survey</body></html>'
                  : req.url === '/notes.txt'
                    ? 'Just a few notes, not a survey.'
                    : null;
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/yaml' }).end(body ?? 'missing');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop();
});
const start = async (env: Record<string, string> = {}) => {
  const app = await createTestApp(env);
  apps.push(app);
  return app;
};

const submit = (who: string, context: string, values: Record<string, string | string[]>): InboundEvent => ({
  kind: 'form_submit',
  platform: 'shell',
  user: shellUser(who),
  conversation: conversationRef('shell', 'dm', who),
  isDirect: true,
  formId: 'survey:answer',
  context,
  values,
});

describe('importing survey definitions', () => {
  it('given a broken file by URL → refused with each bad path and why, nothing stored', async () => {
    const app = await start();
    const [reply] = await app.adapter.inject(from('anna').command('survey', `import ${base}/bad.yaml`));
    expect(reply?.text).toContain('nothing was changed');
    expect(reply?.text).toContain('sections.0.code: must be 1-30 characters');
    expect(reply?.text).toMatch(/sections\.0\.questions\.0\.type: unknown question type "essay"; use one of: single, multiple, scale/);
    expect(await app.db.survey.findUnique({ where: { id: 'pulse' } })).toBeNull();
    const [missing] = await app.adapter.inject(from('anna').command('survey', `import ${base}/nope.yaml`));
    expect(missing?.text).toContain('cannot download it: the server answered 404');
  });

  it('given files outside surveys/ or a member importing → refused', async () => {
    const app = await start();
    const [outside] = await app.adapter.inject(from('anna').command('survey', 'import ../package.json'));
    expect(outside?.text).toContain('give a file name from the surveys folder');
    const [member] = await app.adapter.inject(from('giulia').command('survey', `import ${base}/good.yaml`));
    expect(member?.text).toContain('Solo un amministratore');
  });

  it('given the seed and a re-import from disk → the built-in surveys are there and unchanged', async () => {
    const app = await start();
    const [reply] = await app.adapter.inject(from('anna').command('survey', 'import'));
    expect(reply?.text).toContain('cluster-managers is already up to date');
    expect(reply?.text).toContain('demo is already up to date');
    const [one] = await app.adapter.inject(from('anna').command('survey', 'import demo'));
    expect(one?.text).toContain('demo is already up to date');
  });

  it('given a good file by URL and a second wave → waves compare, anonymity not allowed is refused', async () => {
    const app = await start({ FILIERA_ANONYMITY_MIN: '2' });
    const [imported] = await app.adapter.inject(from('anna').command('survey', `import ${base}/good.yaml`));
    expect(imported?.text).toContain('Imported pulse (version 1, wave 2026)');
    const [anon] = await app.adapter.inject(from('anna').command('survey', 'open pulse to:everyone anonymous'));
    expect(anon?.text).toContain('does not allow anonymous answers');
    await app.adapter.inject(from('anna').command('survey', 'open pulse to:@petra,@jana'));
    const wave2026 = (await app.db.surveyWave.findFirstOrThrow({ where: { surveyId: 'pulse', wave: '2026' } })).id;
    for (const [who, v] of [
      ['petra', '2'],
      ['jana', '3'],
    ] as const)
      await app.bot.handle(submit(who, wave2026, { SATISFACTION: v }), { reply: async () => null });
    const [busy] = await app.adapter.inject(from('anna').command('survey', `import ${base}/v2.yaml`));
    expect(busy?.text).toContain('is open. Close it first');
    await app.adapter.inject(from('anna').command('survey', 'close pulse'));
    const [next] = await app.adapter.inject(from('anna').command('survey', `import ${base}/v2.yaml`));
    expect(next?.text).toContain('as new wave 2027');
    await app.adapter.inject(from('anna').command('survey', 'open pulse to:@petra,@jana'));
    const wave2027 = (await app.db.surveyWave.findFirstOrThrow({ where: { surveyId: 'pulse', wave: '2027' } })).id;
    for (const [who, v] of [
      ['petra', '4'],
      ['jana', '5'],
    ] as const)
      await app.bot.handle(submit(who, wave2027, { SATISFACTION: v }), { reply: async () => null });
    const [compared] = await app.adapter.inject(from('anna').command('survey', 'results pulse compare:2026'));
    expect(compared?.text).toContain('Compared with wave 2026');
    expect(compared?.text).toContain('SATISFACTION: 2.5 → 4.5 (+2)');
  });
});

describe('importing LimeSurvey exports', () => {
  it('given an .lss by URL, in Italian → imported, and everything left out is listed in Italian', async () => {
    const app = await start();
    await app.db.member.updateMany({ where: { platformId: 'anna' }, data: { language: 'it' } });
    const [reply] = await app.adapter.inject(from('anna').command('survey', `import ${base}/servizi.lss`));
    const text = reply?.text ?? '';
    expect(text).toContain('Importato servizi-del-cluster-2026');
    expect(text).toContain('La traduzione fr non è importata');
    expect(text).toContain('RANKING: non importata, non so fare domande di tipo classifica.');
    expect(text).toContain('WHY_HIGH: la sua condizione non è diventata un salto');
    expect(text).toContain('QUALITY: la matrice è diventata 2 domande');
    expect(text).toContain('AGREE: la matrice è diventata 1 domanda.');
    const stored = await app.db.survey.findUniqueOrThrow({ where: { id: 'servizi-del-cluster-2026' } });
    expect(JSON.parse(stored.definition).languages).toEqual(['it', 'en']);
  });

  it("given files that are not surveys → a clear sentence in the person's language, never validator text", async () => {
    const app = await start();
    await app.db.member.updateMany({ where: { platformId: 'anna' }, data: { language: 'de' } });
    for (const path of ['/page', '/notes.txt']) {
      const [reply] = await app.adapter.inject(from('anna').command('survey', `import ${base}${path}`));
      expect(reply?.text).toContain('Diese Datei ist keine Umfrage.');
      expect(reply?.text).not.toMatch(/\(root\)|expected|<\?xml/);
    }
    const [missing] = await app.adapter.inject(from('anna').command('survey', 'import nope.lss'));
    expect(missing?.text).toContain('Im Umfrageordner gibt es keine Datei nope.lss.');
  });

  it('given an imported LimeSurvey 3 survey → its skip logic runs in the questionnaire; a number without range asks plainly', async () => {
    const app = await start();
    const [imported] = await app.adapter.inject(from('anna').command('survey', `import ${base}/events.lss`));
    expect(imported?.text).toContain('Imported veranstaltungen');
    await app.adapter.inject(from('anna').command('survey', 'open veranstaltungen to:@petra'));
    await app.adapter.inject(from('petra', 'dm').command('survey', 'answer veranstaltungen'));
    expect(lastTo(app, 'petra').text).toContain('Do you attend events?');
    await app.adapter.inject(from('petra', 'dm').message('3'));
    expect((await currentField(app, 'petra'))?.id).toBe('STAFF');
    const asked = lastTo(app, 'petra').text;
    expect(asked).toContain('How many staff?');
    expect(asked).toContain('Type a number.');
    expect(asked).not.toMatch(/\(-?–-?\)|number from/);
  });

  it('given a broken definition and an Italian admin → each problem in Italian, with its path', async () => {
    const app = await start();
    await app.db.member.updateMany({ where: { platformId: 'anna' }, data: { language: 'it' } });
    const [reply] = await app.adapter.inject(from('anna').command('survey', `import ${base}/bad.yaml`));
    expect(reply?.text).toContain('non è cambiato nulla');
    expect(reply?.text).toContain('sections.0.code: deve avere da 1 a 30 caratteri tra a-z, 0-9 e _');
    expect(reply?.text).toContain('sections.0.questions.0.type: tipo di domanda sconosciuto "essay"; usa uno di: single, multiple, scale');
    expect(reply?.text).not.toMatch(/must be|unknown question type/);
  });
});

describe('answers that do not fit', () => {
  it('given out-of-range and unknown answers from a modal → field errors, nothing stored', async () => {
    const app = await start();
    await app.adapter.inject(from('anna').command('survey', 'open cluster-managers to:@petra'));
    const wave = (await app.db.surveyWave.findFirstOrThrow({ where: { surveyId: 'cluster-managers' } })).id;
    const outcome = (await app.bot.handle(submit('petra', wave, { CLUSTER_TYPE: 'spaceship', MEMBER_FIRMS: '-3', TRAINING_COMMUNICATION: '9' }), {
      reply: async () => null,
    })) as FormOutcome;
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.fieldErrors.MEMBER_FIRMS).toBe('Please give a number from 0 to 100,000.');
    expect(outcome.fieldErrors.TRAINING_COMMUNICATION).toBe('Please give a number from 1 to 5.');
    expect(outcome.fieldErrors.CLUSTER_TYPE).toBe('Please pick one of the listed answers.');
    expect(await app.db.surveyResponse.count()).toBe(0);
  });
});

describe('one response per organisation', () => {
  it('given two colleagues of one cluster → one drafts, the other sees the draft and submits once for both', async () => {
    const app = await start();
    const marco = await app.db.member.findFirstOrThrow({ where: { platformId: 'marco' } });
    const paolo = await app.db.member.findFirstOrThrow({ where: { platformId: 'paolo' } });
    await app.db.member.update({ where: { id: paolo.id }, data: { cluster: marco.cluster } });
    await app.adapter.inject(from('anna').command('survey', 'open cluster-managers to:@marco,@paolo'));
    const wave = (await app.db.surveyWave.findFirstOrThrow({ where: { surveyId: 'cluster-managers' } })).id;
    const answers = {
      CLUSTER_TYPE: 'industrial',
      COUNTRY: 'it',
      REGION: 'Lombardia',
      MEMBER_FIRMS: '300',
      ROLE_TIME: 'part_time',
      TRAINING_COMMUNICATION: '4',
      TRAINING_INTERNATIONALISATION: '5',
      TRAINING_STRATEGY: '4',
      TRAINING_MARKETING: '3',
      TRAINING_PROJECT_MANAGEMENT: '4',
      TRAINING_INNOVATION: '5',
      TRAINING_QUALITY: '3',
      TRAINING_FINANCIAL_PLANNING: '4',
      TRAINING_EU_POLICIES: '5',
      TRAINING_FORMS: ['in_house'],
      CHANNEL_INTRANET: '2',
      CHANNEL_NEWSLETTER: '4',
      CHANNEL_WEB: '5',
      CHANNEL_MAILING: '3',
      CLUSTER_ACTIVITIES: ['events_workshops'],
      ACTIVITIES_WANTED: ['matchmaking'],
      FINANCING: ['membership_fees'],
      COOPERATION: 'no',
      INT_BARRIERS: ['not_enough_money'],
      INT_STRATEGY: 'no',
    };
    const replies: string[] = [];
    const responder = { reply: async (m: { text: string }) => (replies.push(m.text), null) };
    await app.bot.handle(submit('marco', wave, { ...answers, submit_mode: 'draft' }), responder);
    expect(replies.at(-1)).toContain('Bozza salvata');
    const [listed] = await app.adapter.inject(from('paolo').command('survey', 'list'));
    expect(listed?.text).toContain('bozza salvata');
    await app.bot.handle(submit('paolo', wave, { ...answers, MEMBER_FIRMS: '320', submit_mode: 'final' }), responder);
    expect(replies.at(-1)).toContain('Grazie');
    const rows = await app.db.surveyResponse.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'final', memberId: paolo.id });
    expect(JSON.parse(rows[0]!.answers).MEMBER_FIRMS).toBe('320');
    // Both colleagues count as finished: no reminder for either.
    const [reminded] = await app.adapter.inject(from('anna').command('survey', 'remind cluster-managers'));
    expect(reminded?.text).toContain('0 reminders');
  });
});
