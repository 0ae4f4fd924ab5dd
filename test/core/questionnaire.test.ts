// The questionnaire engine through the real app: /network profile has a choice field, which the
// in-memory adapter (no modals) asks one question at a time in the person's direct conversation.
// It never loses an answer and never invents one: answers only to questions that reached the
// person, stored answers shown and kept, several questionnaires waiting their turn.
import { afterEach, describe, expect, it } from 'vitest';
import { conversationRef, DeliveryError, pressValue, type FormSpec } from '../../src/core/index.ts';
import { from, shellUser } from '../fakes/memory-adapter.ts';
import { createTestApp, tempDbFile, type TestApp } from '../fakes/test-app.ts';

let app: TestApp;
afterEach(async () => app?.stop());

const dm = (id: string) => conversationRef('shell', 'dm', id);
const lastTo = (app: TestApp, id: string) => app.adapter.textsTo(dm(id)).at(-1) ?? '';
const LATER = '2026-11-24T09:00:00Z';

/** A small form with a number, a choice with "other" and an optional text, registered for the test. */
function registerPulse(app: TestApp, submitted: Array<Record<string, unknown>>) {
  const form = (id: string, language = 'it'): FormSpec => ({
    formId: 'test:pulse',
    context: id,
    title: `Pulse ${id}`,
    language,
    fields: [
      { id: 'firms', kind: 'number', label: 'Imprese associate', required: true, integer: true, min: 0 },
      {
        id: 'channel',
        kind: 'choice',
        label: 'Canale',
        required: true,
        other: true,
        multiple: true,
        options: [
          { value: 'newsletter', label: 'Newsletter' },
          { value: 'web', label: 'Web' },
          { value: 'fairs', label: 'Fiere' },
        ],
      },
      { id: 'note', kind: 'text', label: 'Note', required: false },
    ],
  });
  app.context.onForm('test:pulse', async ({ event }) => {
    submitted.push({ context: event.context, ...event.values });
    return { text: `saved ${event.context}` };
  });
  return (who: string, id: string, current?: Record<string, string | string[]>, language?: string) =>
    app.context.questionnaires.ask(shellUser(who), form(id, language), app.bot.languages.translator('en'), current ? { current } : {});
}

describe('questionnaire engine', () => {
  it('given a form started from a room → the questions arrive by DM, one at a time', async () => {
    app = await createTestApp();
    const [reply] = await app.adapter.inject(from('manager-b').command('network', 'profile'));
    expect(reply?.text).toContain('direct message');
    expect(lastTo(app, 'manager-b')).toContain('Question 1 of 4');
    expect(lastTo(app, 'manager-b')).toContain('Which language should I use with you?');
  });

  it('given answers, a back, a skip and a bad value → validated like the form, then saved once finished', async () => {
    app = await createTestApp();
    const b = from('manager-b', 'dm');
    await app.adapter.inject(b.command('network', 'profile'));
    await app.adapter.inject(b.action('form:answer', pressValue(0, 3)));
    expect(lastTo(app, 'manager-b')).toContain('Question 2 of 4');
    await app.adapter.inject(b.message('indietro'));
    expect(lastTo(app, 'manager-b')).toContain('Question 1 of 4');
    await app.adapter.inject(b.message('3'));
    await app.adapter.inject(b.message('Europe/Milano'));
    expect(lastTo(app, 'manager-b')).toContain('Country');
    await app.adapter.inject(b.message('salta'));
    expect(lastTo(app, 'manager-b')).toContain('Your cluster or district');
    await app.adapter.inject(b.message('Distretto dell’occhialeria'));
    expect(lastTo(app, 'manager-b')).toContain('Non conosco il fuso orario Europe/Milano');
    await app.adapter.inject(b.message('Europe/Rome'));
    await app.adapter.inject(b.message('tieni'));
    await app.adapter.inject(b.message('DI.MA.PLA.'));
    expect(lastTo(app, 'manager-b')).toContain('Profilo salvato.');
    const member = await app.db.member.findFirst({ where: { platformId: 'manager-b' } });
    expect(member).toMatchObject({ language: 'it', timeZone: 'Europe/Rome', country: null, cluster: 'DI.MA.PLA.' });
  });

  it('given a required question → skip is refused with a reason', async () => {
    app = await createTestApp();
    const b = from('manager-b', 'dm');
    await app.adapter.inject(b.command('network', 'profile'));
    await app.adapter.inject(b.message('skip'));
    expect(lastTo(app, 'manager-b')).toContain('This question needs an answer.');
  });

  it('given a restart halfway → the current question is asked again, and only then is an answer taken', async () => {
    const file = tempDbFile();
    app = await createTestApp({ DATABASE_URL: file });
    const b = from('manager-b', 'dm');
    await app.adapter.inject(b.command('network', 'profile'));
    await app.adapter.inject(b.action('form:answer', pressValue(0, 2)));
    await app.adapter.inject(b.message('Europe/Vienna'));
    await app.stop();

    app = await createTestApp({ DATABASE_URL: file }, LATER);
    await app.adapter.inject(b.message('hello?'));
    expect(lastTo(app, 'manager-b')).toContain("Let's continue");
    expect(lastTo(app, 'manager-b')).toContain('Question 3 of 4');
    await app.adapter.inject(b.message('AT'));
    expect(lastTo(app, 'manager-b')).toContain('Question 4 of 4');
    await app.adapter.inject(b.message('Kunststoff-Cluster'));
    const member = await app.db.member.findFirst({ where: { platformId: 'manager-b' } });
    expect(member).toMatchObject({ language: 'en', timeZone: 'Europe/Vienna', country: 'AT', cluster: 'Kunststoff-Cluster' });
  });

  it('given the next question failed to reach the person → their next message is not taken as its answer', async () => {
    app = await createTestApp();
    const submitted: Array<Record<string, unknown>> = [];
    const ask = registerPulse(app, submitted);
    await ask('petra', 'q1');
    app.adapter.failures.push(...Array.from({ length: 4 }, () => new DeliveryError('rate_limited', 'ratelimited', 1000)));
    await app.adapter.inject(from('petra', 'dm').message('40'));
    expect(lastTo(app, 'petra')).toContain('Imprese associate');
    await app.adapter.inject(from('petra', 'dm').message('Fiere e congressi'));
    expect(lastTo(app, 'petra')).toContain('Canale');
    expect(lastTo(app, 'petra')).not.toContain('Note');
  });

  it('given a rate limit on the next question → it is retried after Retry-After and arrives', async () => {
    app = await createTestApp();
    const ask = registerPulse(app, []);
    await ask('petra', 'q1');
    app.adapter.failures.push(new DeliveryError('rate_limited', 'ratelimited', 2000));
    const before = app.clock.now().getTime();
    await app.adapter.inject(from('petra', 'dm').message('40'));
    expect(lastTo(app, 'petra')).toContain('Canale');
    expect(app.clock.now().getTime() - before).toBeGreaterThanOrEqual(2000);
  });

  it('given numbers the Italian way and an option number outside the list → 1.000 is a thousand, 9 is refused', async () => {
    app = await createTestApp();
    const submitted: Array<Record<string, unknown>> = [];
    const ask = registerPulse(app, submitted);
    await ask('petra', 'q1');
    const p = from('petra', 'dm');
    await app.adapter.inject(p.message('1.000'));
    await app.adapter.inject(p.message('9'));
    expect(lastTo(app, 'petra')).toContain('Please pick a number from 1 to 3.');
    await app.adapter.inject(p.message('1, 3'));
    await app.adapter.inject(p.message('skip'));
    expect(submitted).toEqual([{ context: 'q1', firms: '1000', channel: ['newsletter', 'fairs'] }]);
  });

  it('given stored answers → each question shows them, keep keeps, skip does not erase', async () => {
    app = await createTestApp();
    const submitted: Array<Record<string, unknown>> = [];
    const ask = registerPulse(app, submitted);
    await ask('petra', 'q1', { firms: '2500', channel: ['web'], note: 'fiere a Verona' });
    expect(lastTo(app, 'petra')).toContain('Your answer so far: 2500');
    const p = from('petra', 'dm');
    await app.adapter.inject(p.message('keep'));
    expect(lastTo(app, 'petra')).toContain('Your answer so far: Web');
    await app.adapter.inject(p.message('2'));
    await app.adapter.inject(p.message('skip'));
    expect(submitted).toEqual([{ context: 'q1', firms: '2500', channel: ['web'], note: 'fiere a Verona' }]);
  });

  it('given a second questionnaire started halfway through the first → the first waits and resumes where it was', async () => {
    app = await createTestApp();
    const submitted: Array<Record<string, unknown>> = [];
    const ask = registerPulse(app, submitted);
    const p = from('petra', 'dm');
    await ask('petra', 'first');
    await app.adapter.inject(p.message('12'));
    await ask('petra', 'second');
    expect(lastTo(app, 'petra')).toContain('Pulse first* waits');
    await app.adapter.inject(p.message('30'));
    await app.adapter.inject(p.message('2'));
    await app.adapter.inject(p.message('skip'));
    expect(lastTo(app, 'petra')).toContain('Back to *Pulse first*');
    expect(lastTo(app, 'petra')).toContain('Canale');
    await app.adapter.inject(p.message('1'));
    await app.adapter.inject(p.message('ok'));
    expect(submitted).toEqual([
      { context: 'second', firms: '30', channel: ['web'] },
      { context: 'first', firms: '12', channel: ['newsletter'], note: 'ok' },
    ]);
  });

  it('given a press on an earlier question’s button → refused, and the current question asked again', async () => {
    app = await createTestApp();
    const b = from('manager-b', 'dm');
    await app.adapter.inject(b.command('network', 'profile'));
    await app.adapter.inject(b.action('form:answer', pressValue(0, 2)));
    await app.adapter.inject(b.action('form:answer', pressValue(0, 3)));
    expect(lastTo(app, 'manager-b')).toContain('That button belonged to an earlier question');
    expect(lastTo(app, 'manager-b')).toContain('Question 2 of 4');
  });

  it('given cancel → nothing is saved and the DM is free again', async () => {
    app = await createTestApp();
    const b = from('manager-b', 'dm');
    await app.adapter.inject(b.command('network', 'profile'));
    await app.adapter.inject(b.message('cancel'));
    expect(lastTo(app, 'manager-b')).toContain('Nothing was submitted');
    const [hint] = await app.adapter.inject(b.message('hello'));
    expect(hint?.text).toContain('/help');
  });
});
