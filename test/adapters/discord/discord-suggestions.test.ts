// Autocomplete on Discord answers with the features' own suggestions, through the core's suggest
// event: survey ids, exchange topics in the person's language, news calls and topics, and values
// Discord cannot carry whole are left out rather than cut.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { people, slashCommand } from '../../fakes/discord/discord-payloads.ts';
import { startDiscordApp, type DiscordHarness } from './discord-harness.ts';

let h: DiscordHarness;
beforeEach(async () => {
  h = await startDiscordApp();
});
afterEach(async () => {
  await h.close();
});

type Choice = { name: string; value: string };

async function autocomplete(who: (typeof people)[keyof typeof people], command: string, sub: string | null, option: string, typed: string): Promise<Choice[]> {
  const payload = slashCommand(h.fake, who, command, sub, [{ name: option, type: 3, value: typed, focused: true } as never]);
  const callback = await h.interact({ ...payload, type: 4 });
  expect(callback.body.type).toBe(8);
  return callback.body.data.choices as Choice[];
}

describe('Discord autocomplete', () => {
  it('given /survey answer id: typed → the surveys the bot has, by id', async () => {
    const surveys = await h.app.db.survey.findMany({ select: { id: true } });
    expect(surveys.length).toBeGreaterThan(0);
    const choices = await autocomplete(people.anna, 'survey', 'answer', 'id', '');
    expect(choices.map((c) => c.value).sort()).toEqual(surveys.map((s) => s.id).sort());
    const first = surveys[0]!.id;
    expect((await autocomplete(people.anna, 'survey', 'answer', 'id', first.slice(0, 4))).map((c) => c.value)).toContain(first);
  });

  it('given /exchange find topic: typed in Italian → topics labelled in Italian, the command gets the topic code', async () => {
    const choices = await autocomplete(people.marco, 'exchange', 'find', 'topic', 'intern');
    const topic = choices.find((c) => c.value === 'internationalisation');
    expect(topic).toBeDefined();
    expect(topic!.name).toMatch(/internazionali/i);
  });

  it('given /news follow item: typed → current calls and events, and topics: completes the last entry of a list', async () => {
    const items = await h.app.db.newsItem.count();
    const calls = await autocomplete(people.anna, 'news', 'follow', 'item', '');
    expect(calls.length).toBe(Math.min(items, 25));
    expect(calls.length).toBeGreaterThan(0);
    const topics = await autocomplete(people.anna, 'news', 'subscribe', 'topics', '');
    expect(topics.length).toBeGreaterThan(0);
    const [first] = topics;
    const listed = await autocomplete(people.anna, 'news', 'subscribe', 'topics', `${first!.value},`);
    expect(listed.every((c) => c.value.startsWith(`${first!.value},`))).toBe(true);
  });

  it('given an option nobody suggests for → an empty list, answered at once', async () => {
    expect(await autocomplete(people.anna, 'news', 'subscribe', 'programmes', 'hor')).toEqual([]);
  });
});
