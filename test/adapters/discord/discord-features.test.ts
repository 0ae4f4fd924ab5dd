// The features' flows through Discord: a survey opened with a slash command, answered through the
// questionnaire in DMs, results posted; a news digest delivered by DM; an exchange thread opened.
import { once } from 'node:events';
import { Events } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL_ID, GUILD_ID, buttonClick, customIds, dmMessage, people, readable, slashCommand } from '../../fakes/discord/discord-payloads.ts';
import { startDiscordApp, type DiscordHarness } from './discord-harness.ts';

let h: DiscordHarness;
afterEach(async () => {
  await h.close();
});

const content = (r: { body: Record<string, any> }) => JSON.stringify(r.body);

describe('Discord feature flows', () => {
  it('given /survey open demo in a channel → an invitation with a button; two members answer by DM; /survey results shows them', async () => {
    h = await startDiscordApp({ FILIERA_ANONYMITY_MIN: '2' });
    const opened = await h.interact(slashCommand(h.fake, people.anna, 'survey', 'open', [{ name: 'id', type: 3, value: 'demo' }]));
    expect(content(opened)).toMatch(/demo/);
    await h.app.sender.drain();
    const invitation = h.fake.messagesIn(CHANNEL_ID).find((m) => customIds(m).some((id) => id.includes('demo')))!;
    expect(readable(invitation)).toMatch(/Demo survey|Sondaggio di prova/);
    const answerId = customIds(invitation).find((id) => id.includes('demo'))!;

    for (const [who, choice] of [
      [people.giulia, '2'],
      [people.marco, '1'],
    ] as const) {
      const clicked = await h.interact(buttonClick(h.fake, who, invitation, answerId));
      expect(clicked.status).toBeLessThan(300);
      const dm = h.fake.dmChannelOf(who.id)!;
      expect(h.fake.messagesIn(dm).map(readable).join('\n')).toMatch(/1\/2|1 of 2|1 di 2/);
      await h.dm(who, choice);
      const end = await h.dm(who, 'skip');
      expect(end.map(readable).join('\n')).toMatch(/[Tt]hank|[Gg]razie/);
    }

    const results = await h.interact(slashCommand(h.fake, people.anna, 'survey', 'results', [{ name: 'id', type: 3, value: 'demo' }]));
    await h.adapter.idle();
    const shown = h.fake.requests.filter((r) => r.path.includes(`/interactions/${results.path.split('/')[2]}/`) || r.path.startsWith('/webhooks/'));
    expect(shown.map(content).join('\n')).toMatch(/Web/);
    expect(shown.some((r) => r.files > 0)).toBe(true);
  });

  it('given a member subscribed to news by a slash command → the digest job delivers it by DM through the outbox', async () => {
    h = await startDiscordApp();
    const subscribed = await h.interact(slashCommand(h.fake, people.giulia, 'news', 'subscribe', [{ name: 'cadence', type: 3, value: 'daily' }]));
    expect(subscribed.status).toBeLessThan(300);
    await h.app.scheduler.runNow('news-poll');
    h.clock.advance(24 * 3_600_000);
    await h.app.scheduler.runNow('news-digest');
    await h.app.sender.drain();
    const dm = h.fake.dmChannelOf(people.giulia.id);
    expect(dm).toBeDefined();
    const posted = h.fake.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${dm}/messages`);
    expect(posted.length).toBeGreaterThan(0);
    expect(posted.every((r) => r.body.enforce_nonce === true && r.status === 200)).toBe(true);
    expect(posted.map(content).join('\n')).toMatch(/Funding calls|Bandi|Förder/);
  });

  it('given /exchange ask with a topic → a private thread opens in the exchange channel with the asker in it; with thread reading on, replies there reach the feature', async () => {
    h = await startDiscordApp({ DISCORD_EXCHANGE_CHANNEL: CHANNEL_ID, DISCORD_MESSAGE_CONTENT: '1' });
    const asked = await h.interact(
      slashCommand(h.fake, people.giulia, 'exchange', 'ask', [
        { name: 'question', type: 3, value: 'Who has taken SMEs to a trade fair in Germany?' },
        { name: 'topics', type: 3, value: 'internationalisation' },
      ]),
    );
    expect(asked.status).toBeLessThan(300);
    const [threadId] = [...h.fake.threadMembers.keys()];
    expect(threadId).toBeDefined();
    expect(h.fake.channels.get(threadId!)).toMatchObject({ type: 12, parent_id: CHANNEL_ID });
    expect([...h.fake.threadMembers.get(threadId!)!]).toEqual([people.giulia.id]);
    expect(h.fake.messagesIn(threadId!).map(readable).join('\n')).toMatch(/trade fair in Germany/);
    expect(h.fake.identifies.at(-1)!.intents & (1 << 15)).toBe(1 << 15);

    const arrived = once(h.adapter.client, Events.MessageCreate);
    h.fake.dispatch('MESSAGE_CREATE', { ...dmMessage(h.fake, people.marco, threadId!, 'We did it with Anuga: ask me.'), guild_id: GUILD_ID, channel_type: 12 });
    await arrived;
    await h.adapter.idle();
    const answers = await h.app.db.exchangeAnswer.findMany();
    expect(answers.map((a) => a.text)).toEqual(['We did it with Anuga: ask me.']);
  });
});
