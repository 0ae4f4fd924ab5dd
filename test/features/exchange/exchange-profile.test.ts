// Editing an exchange profile as members do, in a direct conversation: current values shown in the
// question itself (card included), skip keeps what is stored, one part changed without the other
// ten questions, and the country as a code shown in each reader's language.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conversationRef, type InboundEvent } from '../../../src/core/index.ts';
import { from } from '../../fakes/memory-adapter.ts';
import { createTestApp, type TestApp } from '../../fakes/test-app.ts';

let app: TestApp;
const dm = conversationRef('shell', 'dm', 'ines');
const say = async (event: InboundEvent): Promise<string> => (await app.adapter.inject(event)).map((m) => m.text).join('\n');
const lastToInes = () => app.adapter.posted.filter((p) => p.to === dm).at(-1)!;
const answer = async (text: string): Promise<void> => void (await app.adapter.inject(from('ines', 'dm').message(text)));
/** What the shell shows: the card's blocks as text. */
const cardText = () =>
  JSON.stringify(lastToInes().message.card?.blocks ?? [])
    .replace(/\\n/g, ' ')
    .replace(/\\"/g, '"');

beforeEach(async () => {
  app = await createTestApp({ FILIERA_SEED: '0' });
  await say(from('ines').command('network', 'set language:en'));
  await say(from('ines').command('exchange', 'profile'));
  for (const a of ['Eyewear district', 'Eyewear', '1', 'Deutschland', 'Veneto', '300', '1, 2', '6', '1', 'design, export', 'runs joint stands at MIDO'])
    await answer(a);
});
afterEach(async () => {
  await app.stop();
});

describe('exchange profile', () => {
  it('given a profile → re-answering with skip everywhere keeps every stored value, and each question shows the current one in its card', async () => {
    await say(from('ines').command('exchange', 'profile'));
    expect(cardText()).toMatch(/Now: Eyewear district/);
    for (let i = 0; i < 11; i++) {
      if (i === 5) expect(cardText()).toMatch(/Now: 300\. Leave it out \(skip\) to keep it, or type - to clear it/);
      if (i === 7) expect(cardText()).toMatch(/Now: marketing and promotion/);
      await answer('skip');
    }
    const me = await say(from('ines').command('exchange', 'me'));
    expect(me).toMatch(/Eyewear district/);
    expect(me).toMatch(/: 300/);
    expect(me).toMatch(/help others with: marketing and promotion/);
    expect(me).toMatch(/like help with: internationalisation/);
    expect(me).toMatch(/design, export/);
    expect(me).toMatch(/runs joint stands at MIDO/);
  });

  it('given field:topics → only the two topic questions are asked; skipping one keeps it, "-" clears a text field', async () => {
    expect(await say(from('ines', 'dm').command('exchange', 'profile field:topics'))).toBe('');
    expect(lastToInes().message.text).toMatch(/1 of 2/i);
    await answer('3');
    await answer('skip');
    let me = await say(from('ines').command('exchange', 'me'));
    expect(me).toMatch(/help others with: training/);
    expect(me).toMatch(/like help with: internationalisation/);
    await say(from('ines', 'dm').command('exchange', 'profile field:experience'));
    await answer('-');
    me = await say(from('ines').command('exchange', 'me'));
    expect(me).toMatch(/Experience[^\n]*: —/i);
    expect(me).toMatch(/help others with: training/);
  });

  it("given a country typed as a name → stored as its code and shown in each reader's language; an unknown one is refused in the person's language", async () => {
    expect(await say(from('ines').command('exchange', 'me'))).toMatch(/Germany, Veneto/);
    await say(from('ines').command('network', 'set language:it'));
    expect(await say(from('ines').command('exchange', 'me'))).toMatch(/Germania, Veneto/);
    await say(from('ines', 'dm').command('exchange', 'profile field:country'));
    await answer('Narnia');
    await answer('skip');
    expect(lastToInes().message.text).toMatch(/Non conosco questo paese/);
    await answer('Austria');
    await answer('skip');
    expect(await say(from('ines').command('exchange', 'me'))).toMatch(/Austria, Veneto/);
    expect(await say(from('ines').command('exchange', 'profile field:bogus'))).toMatch(/exchange profile \[field:<cluster\|sector/);
  });
});
