// Asking the network as members do: a limit per asker that says when they can ask again, helpers
// at their weekly limit named rather than silently left out, quotes and multi-word topics kept,
// limits said instead of cutting text, and everyone told added to the question's thread.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conversationRef, type InboundEvent } from '../../../src/core/index.ts';
import { from } from '../../fakes/memory-adapter.ts';
import { createTestApp, type TestApp } from '../../fakes/test-app.ts';

const DAY = 86_400_000;
let app: TestApp;
const say = async (event: InboundEvent): Promise<string> => (await app.adapter.inject(event)).map((m) => m.text).join('\n');

async function profile(id: string, language: string, canHelp: string[]): Promise<void> {
  await say(from(id).command('network', `set language:${language}`));
  const values = {
    clusterName: `Cluster ${id}`,
    sector: 'Plastics',
    clusterType: 'industrial',
    country: 'IT',
    languages: ['it', 'en', 'de'],
    canHelp,
    needsHelp: [],
  };
  await app.adapter.inject({ ...from(id, 'dm').message(''), kind: 'form_submit', formId: 'exchange:profile', values });
}

beforeEach(async () => {
  app = await createTestApp({ FILIERA_SEED: '0', FILIERA_EXCHANGE_ASK_LIMIT: '1', FILIERA_EXCHANGE_ASKER_LIMIT: '2' });
  await profile('ines', 'it', []);
  await profile('carla', 'it', ['eu-funding', 'financing']);
  await profile('dieter', 'de', ['eu-funding']);
});
afterEach(async () => {
  await app.stop();
});

describe('/exchange ask', () => {
  it('given a question with quotes and topics:"EU funding" → the thread shows the quotes, the topic is EU funding, and every helper told is in the thread', async () => {
    const posted = await say(from('lena').command('exchange', 'ask What is "smart specialisation"? Examples welcome. topics:"EU funding"'));
    expect(posted).toMatch(/told: 2/);
    const thread = conversationRef('shell', 'room', 'exchange-q1');
    expect(app.adapter.textsTo(thread)[0]).toMatch(/What is "smart specialisation"\? Examples welcome\./);
    expect(app.adapter.textsTo(thread)[0]).toMatch(/EU funding and project design/);
    expect(app.adapter.threads[0]?.invited.sort()).toEqual(['carla', 'dieter', 'lena']);
    await app.sender.drain();
    expect(app.adapter.textsTo(conversationRef('shell', 'dm', 'dieter')).join()).toMatch(/zum Thread "exchange-q1" .*hinzugefügt/);
  });

  it('given an asker at their weekly limit → refused with the day and time they can ask again; a week later they can', async () => {
    expect(await say(from('ines').command('exchange', 'ask Prima domanda? topics:financing'))).toMatch(/domanda 1/);
    app.clock.advance(DAY);
    expect(await say(from('ines').command('exchange', 'ask Seconda domanda?'))).toMatch(/Su quale tema/);
    const refused = await say(from('ines').command('exchange', 'ask Terza domanda? topics:financing'));
    expect(refused).toMatch(/Puoi fare 2 domande alla rete ogni sette giorni\. Potrai chiedere di nuovo dal 2026-11-30 09:00/);
    app.clock.advance(6 * DAY);
    expect(await say(from('ines').command('exchange', 'ask Terza domanda? topics:financing'))).toMatch(/domanda 3/);
  });

  it('given helpers already asked as often as allowed this week → the asker is told how many could help but were not told', async () => {
    await say(from('ines').command('exchange', 'ask Come finanziate le fiere? topics:financing'));
    const second = await say(from('lena').command('exchange', 'ask How do you fund trade fairs? topics:financing'));
    expect(second).toMatch(/told: 0/);
    expect(second).toMatch(/1 more member could help but was already asked 1 times this week/);
    const nobody = await say(from('lena').command('exchange', 'ask Who knows about IP? topics:ip'));
    expect(nobody).toMatch(/Nobody with a profile offers help on these topics/);
  });

  it('given a question over the limit → refused with the limit and nothing posted; a long answer is kept up to its limit and its author told', async () => {
    expect(await say(from('lena').command('exchange', `ask ${'word '.repeat(250)}? topics:financing`))).toMatch(/at most 1000 characters long; yours has 1251/);
    expect(app.adapter.threads).toEqual([]);
    await say(from('lena').command('exchange', 'ask How do you fund trade fairs? topics:financing'));
    const long = 'We used the regional programme. '.repeat(150);
    expect(await say(from('carla', 'exchange-q1').message(long))).toMatch(/4799 caratteri; ne ho conservati i primi 4000/);
    expect(await say(from('carla', 'exchange-q1').message('Short follow-up.'))).toBe('');
  });

  it("given topics:fon typed in Italian → the platform is offered the matching topics in the person's language", async () => {
    const offered: Array<{ label: string; value: string }> = [];
    const event: InboundEvent = { ...from('ines').message(''), kind: 'suggest', name: 'exchange', sub: 'ask', arg: 'topics', query: 'fondi' };
    await app.bot.handle(event, { reply: async () => null, suggest: async (s) => void offered.push(...s) });
    expect(offered).toEqual([{ label: 'fondi europei e progettazione', value: 'eu-funding' }]);
  });
});
