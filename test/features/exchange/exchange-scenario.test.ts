// The "how it will be checked" scenario, through the bot on a real database: profiles, a
// round, accepting, the exchange thread, the follow-up, asking the network, keeping the answer as
// good practice and finding it again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conversationRef, type InboundEvent, type OutboundMessage } from '../../../src/core/index.ts';
import { from, shellUser, type Posted } from '../../fakes/memory-adapter.ts';
import { createTestApp, type TestApp } from '../../fakes/test-app.ts';

const DAY = 86_400_000;
let app: TestApp;

beforeEach(async () => {
  app = await createTestApp({ FILIERA_SEED: '0' });
});
afterEach(async () => {
  await app.stop();
});

const dm = (id: string) => conversationRef('shell', 'dm', id);
const send = (event: InboundEvent): Promise<OutboundMessage[]> => app.adapter.inject(event);
const replyText = async (event: InboundEvent): Promise<string> => (await send(event)).map((m) => m.text).join('\n');

interface ProfileSpec {
  language: 'it' | 'de' | 'en';
  languages: string[];
  cluster: string;
  canHelp?: string[];
  needsHelp?: string[];
  experience?: string;
}

async function join(id: string, p: ProfileSpec): Promise<void> {
  await send(from(id).command('network', `set language:${p.language}`));
  const values: Record<string, string | string[]> = {
    clusterName: p.cluster,
    sector: 'Plastics',
    clusterType: 'industrial',
    country: 'IT',
    languages: p.languages,
    canHelp: p.canHelp ?? [],
    needsHelp: p.needsHelp ?? [],
    ...(p.experience ? { experience: p.experience } : {}),
  };
  const replies = await send({ ...from(id, 'dm').message(''), kind: 'form_submit', formId: 'exchange:profile', values });
  expect(replies.map((r) => r.text).join()).not.toMatch(/wrong|schief|storto/i);
}

/** Delivers the outbox and returns what it sent. */
async function deliver(): Promise<Posted[]> {
  const before = app.adapter.posted.length;
  await app.sender.drain();
  return app.adapter.posted.slice(before);
}

function buttonValue(post: Posted, actionId: string): string | undefined {
  for (const block of post.message.card?.blocks ?? []) {
    if (block.type !== 'actions') continue;
    for (const control of block.controls) if (control.type === 'button' && control.actionId === actionId) return control.value;
  }
  return undefined;
}

const proposalsTo = (posts: Posted[], id: string) => posts.filter((p) => p.to === dm(id) && buttonValue(p, 'exchange:accept'));

/** Four members (two need help on internationalisation, two can help, in Italian and German) and one who opted out. */
async function network(): Promise<void> {
  await join('ines', { language: 'it', languages: ['it'], cluster: 'Occhialeria', needsHelp: ['internationalisation'] });
  await join('otto', { language: 'de', languages: ['de'], cluster: 'Kunststoff', needsHelp: ['internationalisation'] });
  await join('carla', {
    language: 'it',
    languages: ['it', 'en'],
    cluster: 'Gomma',
    canHelp: ['internationalisation'],
    experience: 'ha gestito tre progetti europei',
  });
  await join('dieter', { language: 'de', languages: ['de', 'en'], cluster: 'Mechatronik', canHelp: ['internationalisation', 'financing'] });
  await join('olga', { language: 'it', languages: ['it', 'de'], cluster: 'Giostre', needsHelp: ['internationalisation'] });
  expect(await replyText(from('olga').command('exchange', 'optout'))).toMatch(/prossimo turno/);
}

describe('experience exchange, end to end', () => {
  it('given four members and one who opted out → a round proposes language-sharing pairs, with why; a decline closes the pair; a second run proposes nothing new', async () => {
    await network();
    const summary = await app.scheduler.runNow('exchange-round');
    expect(summary).toMatchObject({ ok: true, summary: expect.stringMatching(/pairs proposed: 2/) });
    const sent = await deliver();

    const ines = proposalsTo(sent, 'ines');
    const carla = proposalsTo(sent, 'carla');
    expect(ines).toHaveLength(1);
    expect(ines[0]?.message.text).toMatch(/carla .*internazionalizzazione, il tema su cui hai chiesto aiuto: «ha gestito tre progetti europei»/s);
    expect(carla[0]?.message.text).toMatch(/ines .*cerca aiuto su internazionalizzazione.*Parlate entrambi italiano/s);
    expect(buttonValue(ines[0]!, 'exchange:accept')).toBe(buttonValue(carla[0]!, 'exchange:accept'));
    expect(proposalsTo(sent, 'otto')[0]?.message.text).toMatch(/dieter.*Internationalisierung/s);
    expect(proposalsTo(sent, 'dieter')).toHaveLength(1);
    expect(proposalsTo(sent, 'olga')).toEqual([]);

    const ottoId = buttonValue(proposalsTo(sent, 'otto')[0]!, 'exchange:decline')!;
    expect(await replyText(from('otto', 'dm').action('exchange:decline', ottoId))).toMatch(/diesmal kein Austausch mit dieter/);
    expect(
      (await deliver())
        .filter((p) => p.to === dm('dieter'))
        .map((p) => p.message.text)
        .join(),
    ).toMatch(/otto kann den Austausch/);
    expect(await replyText(from('dieter', 'dm').action('exchange:accept', ottoId))).toMatch(/geschlossen/);
    expect(await replyText(from('ines', 'dm').action('exchange:accept', ottoId))).toMatch(/non è più valido/);

    const again = await app.scheduler.runNow('exchange-round');
    expect(again).toMatchObject({ ok: true, summary: expect.stringMatching(/already ran/) });
    expect(await deliver()).toEqual([]);
  });

  it('given profiles saved moments ago → the scheduled tick leaves them for later, while an admin running the round includes them', async () => {
    await network();
    const job = app.scheduler.jobs().find((j) => j.name === 'exchange-round')!;
    expect(await job.run({ now: app.clock.now(), manual: false })).toMatch(/pairs proposed: 0/);
    expect(await deliver()).toEqual([]);
    expect(await replyText(from('carla').command('exchange', 'round'))).toMatch(/Solo un amministratore/);
    expect(await replyText(from('anna').command('exchange', 'round'))).toMatch(/pairs proposed: 2/);
    expect(proposalsTo(await deliver(), 'ines')).toHaveLength(1);
  });

  it('given a pair met in the last period → the next period does not propose it again, and nobody gets a partner they share no language with', async () => {
    await network();
    await app.scheduler.runNow('exchange-round');
    await deliver();
    app.clock.advance(14 * DAY);
    const next = await app.scheduler.runNow('exchange-round');
    expect(next).toMatchObject({ ok: true, summary: expect.stringMatching(/pairs proposed: 0/) });
    expect(await deliver()).toEqual([]);
  });

  it('given both sides accept → a room opens with the introduction; the follow-up asks each side once; admins see it in the stats', async () => {
    await network();
    await app.scheduler.runNow('exchange-round');
    const sent = await deliver();
    const id = buttonValue(proposalsTo(sent, 'ines')[0]!, 'exchange:accept')!;

    expect(await replyText(from('ines', 'dm').action('exchange:accept', id))).toMatch(/appena accetta anche carla/);
    expect(app.adapter.posted.filter((p) => p.to.startsWith('shell:room:'))).toEqual([]);
    expect(await replyText(from('carla', 'dm').action('exchange:accept', id))).toMatch(/ho aperto la discussione "ines & carla: internazionalizzazione"/);
    const room = app.adapter.posted.find((p) => p.to === conversationRef('shell', 'room', 'ines & carla: internazionalizzazione'));
    expect(room?.message.text).toMatch(/Benvenuti, ines e carla!.*Qualche domanda per cominciare.*1\. ines: cosa vuoi ottenere/s);
    expect(
      (await deliver())
        .filter((p) => p.to === dm('ines'))
        .map((p) => p.message.text)
        .join(),
    ).toMatch(/ho aperto la discussione/);
    expect(await replyText(from('carla', 'dm').action('exchange:accept', id))).toMatch(/già risposto/);

    const followUpJob = app.scheduler.jobs().find((j) => j.name === 'exchange-followup')!;
    expect(await followUpJob.run({ now: app.clock.now(), manual: false })).toMatch(/exchanges asked: 0, reminded: 0/);
    app.clock.advance(14 * DAY);
    expect(await followUpJob.run({ now: app.clock.now(), manual: false })).toMatch(/exchanges asked: 1, reminded: 0/);
    const followUps = await deliver();
    const asked = (who: string) => followUps.filter((p) => p.to === dm(who) && buttonValue(p, 'exchange:outcome'));
    expect(asked('ines')).toHaveLength(1);
    expect(asked('carla')).toHaveLength(1);
    expect(asked('ines')[0]?.message.text).toMatch(/carla.*internazionalizzazione.*È stato utile/s);
    expect(followUps.filter((p) => p.to === dm('otto') || p.to === dm('dieter'))).toEqual([]);
    await app.scheduler.runNow('exchange-followup');
    expect(await deliver()).toEqual([]);

    const outcome = `${id}|project`;
    expect(await replyText(from('ines', 'dm').action('exchange:outcome', outcome))).toMatch(/progetto o una proposta comune/);
    expect(app.adapter.textsTo(dm('ines')).at(-1)).toMatch(/Una riga su cosa ne è venuto fuori/);
    await send(from('ines', 'dm').message('Prepariamo insieme una proposta Interreg'));
    expect(app.adapter.textsTo(dm('ines')).at(-1)).toMatch(/la tua riga è conservata/);
    expect(await replyText(from('ines', 'dm').action('exchange:outcome', `${id}|no_help`))).toMatch(/già risposto/);
    await send(from('carla', 'dm').action('exchange:outcome', `${id}|helped`));
    await send(from('carla', 'dm').message('skip'));

    expect(await replyText(from('carla').command('exchange', 'stats'))).toMatch(/Solo un amministratore/);
    const stats = await replyText(from('anna').command('exchange', 'stats'));
    expect(stats).toMatch(/5 profiles, 1 opted out/);
    // One exchange where both sides answered counts once: met 1, helped 1, joint project 1.
    expect(stats).toMatch(/2026-11: 2 proposed, 1 pending, 1 accepted, 0 declined, 1 met, 1 helped, 1 joint projects/);
    expect(stats).toMatch(/internationalisation: 2 proposed, 1 pending, 1 accepted, 0 declined, 1 met, 1 helped, 1 joint projects · 2 need it \/ 2 offer it/);
  });

  it('given a question asked with a topic → only members who can help on it and share a language are told; answered, it is found by search', async () => {
    await network();
    const posted = await replyText(from('ines').command('exchange', 'ask Come avete trovato distributori in Germania? topics:internationalisation'));
    expect(posted).toMatch(/domanda 1 .*"exchange-q1".*avvisati: 1/s);
    const thread = conversationRef('shell', 'room', 'exchange-q1');
    expect(app.adapter.textsTo(thread)[0]).toMatch(/Domanda 1 di ines.*distributori in Germania/s);
    const notices = (await deliver()).filter((p) => p.to.startsWith('shell:dm:'));
    expect(notices.map((p) => p.to)).toEqual([dm('carla')]);
    expect(notices[0]?.message.text).toMatch(/ines chiede alla rete su internazionalizzazione/);

    await send(from('carla', 'exchange-q1').message('Siamo andati alla fiera K di Düsseldorf con uno stand collettivo.'));
    await send(from('ines', 'exchange-q1').message('Grazie!'));
    await send(from('dieter', 'general').message('Unrelated chatter in another room'));
    expect(await replyText(from('otto').command('exchange', 'answered 1 picks:1'))).toMatch(/keine offene Frage/);
    expect(await replyText(from('ines').command('exchange', 'answered 1 picks:2'))).toMatch(/da 1 a 1/);
    expect(await replyText(from('ines').command('exchange', 'answered 1 picks:1'))).toMatch(/domanda 1 è conservata.*risposte conservate: 1/);
    expect((await deliver()).find((p) => p.to === thread)?.message.text).toMatch(/ines ha segnato la domanda 1 come risolta/);

    const found = await replyText(from('otto').command('exchange', 'search stand Dusseldorf'));
    expect(found).toMatch(/#1 · Come avete trovato distributori in Germania/);
    expect(found).toMatch(/carla: Siamo andati/);
    expect(await replyText(from('otto').command('exchange', 'search Internationalisierung'))).toMatch(/#1/);
    expect(await replyText(from('otto').command('exchange', 'search "NEAR(x"'))).toMatch(/Keine gute Praxis/);
  });

  it('given the asker marks a question answered without picks → a form asks which answers to keep and what they learned', async () => {
    await network();
    await send(from('ines').command('exchange', 'ask Chi conosce un buon consulente doganale? topics:internationalisation'));
    await send(from('carla', 'exchange-q1').message('Noi lavoriamo con uno spedizioniere di Verona.'));
    await send(from('carla', 'exchange-q1').message('Anche la Camera di commercio offre uno sportello.'));
    expect(await replyText(from('ines').command('exchange', 'answered 1'))).toMatch(/messaggio diretto/);
    expect(app.adapter.textsTo(dm('ines')).at(-1)).toMatch(/carla: Noi lavoriamo.*carla: Anche la Camera/s);
    await send(from('ines', 'dm').message('2'));
    await send(from('ines', 'dm').message('Lo sportello camerale è gratuito'));
    expect(app.adapter.textsTo(dm('ines')).at(-1)).toMatch(/domanda 1 è conservata.*risposte conservate: 1/);
    const found = await replyText(from('otto').command('exchange', 'search sportello gratuito'));
    expect(found).toMatch(/#1 · Chi conosce un buon consulente doganale/);
    expect(await replyText(from('otto').command('exchange', 'search spedizioniere'))).toMatch(/Keine gute Praxis/);
  });

  it('given a question without topics → the asker picks one, and members are told within their weekly limit only', async () => {
    await network();
    await send(from('dieter').command('network', 'set language:de'));
    for (let i = 1; i <= 3; i++) await send(from('otto').command('exchange', `ask Frage ${i} topics:financing`));
    const first = (await deliver()).filter((p) => p.to === dm('dieter'));
    expect(first).toHaveLength(3);
    // A fourth question from someone else: otto has reached his own limit of three a week.
    await send(from('lukas').command('network', 'set language:de'));
    expect(await replyText(from('otto').command('exchange', 'ask Wie finanziert ihr Messen?'))).toMatch(/alle sieben Tage 3 Fragen stellen/);
    const picker = await send(from('lukas').command('exchange', 'ask Wie finanziert ihr Messen?'));
    const pick = picker[0]?.card?.blocks
      .flatMap((b) => (b.type === 'actions' ? b.controls : []))
      .find((c) => c.type === 'button' && c.value?.endsWith('|financing'));
    expect(pick).toBeDefined();
    expect(await replyText(from('lukas', 'dm').action('exchange:ask-topic', (pick as { value: string }).value))).toMatch(
      /Frage 4 .*benachrichtigte Mitglieder, die helfen können: 0/s,
    );
    expect((await deliver()).filter((p) => p.to === dm('dieter'))).toEqual([]);
  });

  it('given the profile form as a questionnaire in a direct conversation → the profile is saved from the typed answers', async () => {
    await send(from('ines').command('network', 'set language:en'));
    const replies = await send(from('ines').command('exchange', 'profile'));
    expect(replies.map((r) => r.text).join()).toMatch(/direct message/);
    const answers = ['Eyewear district', 'Eyewear', '1', 'IT', 'Veneto', '300', '1, 2', '6', '1', 'design, export', 'runs joint stands at MIDO'];
    for (const answer of answers) await send(from('ines', 'dm').message(answer));
    const me = await replyText(from('ines').command('exchange', 'me'));
    expect(me).toMatch(/Eyewear district/);
    expect(me).toMatch(/Languages you speak: Italian, English/);
    expect(me).toMatch(/help others with: marketing and promotion/);
    expect(me).toMatch(/like help with: internationalisation/);
    expect(me).toMatch(/matched every two weeks/);
    expect(shellUser('ines').id).toBe('ines');
  });
});
