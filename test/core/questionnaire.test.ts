// The questionnaire engine through the real app: /network profile has a choice field, which the
// in-memory adapter (no modals) asks one question at a time in the person's direct conversation.
import { afterEach, describe, expect, it } from 'vitest';
import { conversationRef } from '../../src/core/index.ts';
import { from } from '../fakes/memory-adapter.ts';
import { createTestApp, tempDbFile, type TestApp } from '../fakes/test-app.ts';

let app: TestApp;
afterEach(async () => app?.stop());

const dm = (id: string) => conversationRef('shell', 'dm', id);
const lastTo = (app: TestApp, id: string) => app.adapter.textsTo(dm(id)).at(-1) ?? '';

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
    await app.adapter.inject(b.action('form:answer', 'it'));
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
    await app.adapter.inject(b.message('IT'));
    await app.adapter.inject(b.message('DI.MA.PLA.'));
    expect(lastTo(app, 'manager-b')).toContain('Profilo salvato.');
    const member = await app.db.member.findFirst({ where: { platformId: 'manager-b' } });
    expect(member).toMatchObject({ language: 'it', timeZone: 'Europe/Rome', country: 'IT', cluster: 'DI.MA.PLA.' });
  });

  it('given a required question → skip is refused with a reason', async () => {
    app = await createTestApp();
    const b = from('manager-b', 'dm');
    await app.adapter.inject(b.command('network', 'profile'));
    await app.adapter.inject(b.message('skip'));
    expect(lastTo(app, 'manager-b')).toContain('This question needs an answer.');
  });

  it('given a restart halfway → the person resumes at the same question with their answers', async () => {
    const file = tempDbFile();
    app = await createTestApp({ DATABASE_URL: file });
    const b = from('manager-b', 'dm');
    await app.adapter.inject(b.command('network', 'profile'));
    await app.adapter.inject(b.action('form:answer', 'en'));
    await app.adapter.inject(b.message('Europe/Vienna'));
    await app.stop();

    app = await createTestApp({ DATABASE_URL: file });
    await app.adapter.inject(b.message('AT'));
    expect(lastTo(app, 'manager-b')).toContain('Question 4 of 4');
    await app.adapter.inject(b.message('Kunststoff-Cluster'));
    const member = await app.db.member.findFirst({ where: { platformId: 'manager-b' } });
    expect(member).toMatchObject({ language: 'en', timeZone: 'Europe/Vienna', country: 'AT', cluster: 'Kunststoff-Cluster' });
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
