// Conversations on Discord: threads (private where allowed, else public) with invites, message
// edits, file uploads, channel mentions, and commands used in the bot's DM.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actions, button, card, conversationRef, text } from '../../../src/core/index.ts';
import { CHANNEL_ID, people, readable, slashCommand } from '../../fakes/discord/discord-payloads.ts';
import { startDiscordApp, type DiscordHarness } from './discord-harness.ts';

let h: DiscordHarness;
beforeEach(async () => {
  h = await startDiscordApp();
});
afterEach(async () => {
  await h.close();
});

const channel = conversationRef('discord', CHANNEL_ID);
const pair = [
  { platform: 'discord' as const, id: people.giulia.id },
  { platform: 'discord' as const, id: people.marco.id },
];

describe('Discord conversations', () => {
  it('given a thread for an exchange pair → a private thread, both invited, the opening message inside', async () => {
    const thread = await h.adapter.startThread(channel, { text: 'Giulia ↔ Marco: export to Germany' }, { title: 'Export to Germany', invite: pair });
    const id = thread.split(':')[1]!;
    expect(h.fake.channels.get(id)).toMatchObject({ type: 12, parent_id: CHANNEL_ID, name: 'Export to Germany' });
    expect([...h.fake.threadMembers.get(id)!]).toEqual([people.giulia.id, people.marco.id]);
    expect(h.fake.messagesIn(id).map(readable)).toEqual(['Giulia ↔ Marco: export to Germany']);
  });

  it('given a server that does not allow private threads → a public one instead', async () => {
    h.fake.privateThreads = false;
    const thread = await h.adapter.startThread(channel, { text: 'Opening' }, { invite: pair });
    expect(h.fake.channels.get(thread.split(':')[1]!)).toMatchObject({ type: 11, name: 'Opening' });
  });

  it('given a posted invitation → update() replaces it, buttons gone (an answered invitation)', async () => {
    const ref = await h.adapter.post(channel, { text: 'Survey', card: card('Survey', text('Answer?'), actions(button('survey:answer', 'Answer', 'demo'))) });
    await h.adapter.update(ref, { text: 'Thanks, answered.' });
    const [message] = h.fake.messagesIn(CHANNEL_ID);
    expect(message).toMatchObject({ id: ref.id, content: 'Thanks, answered.', components: [], embeds: [] });
  });

  it('given a message with a PNG chart → uploaded as a file with the message', async () => {
    await h.adapter.post(channel, {
      text: 'Chart',
      attachments: [{ filename: 'chart.png', mediaType: 'image/png', base64: Buffer.from('png').toString('base64') }],
    });
    const upload = h.fake.requests.find((r) => r.method === 'POST' && r.path === `/channels/${CHANNEL_ID}/messages`)!;
    expect(upload.files).toBe(1);
    expect(upload.body.content).toBe('Chart');
  });

  it('given channel mentions → <#id>, #id and id resolve to the channel; names do not', () => {
    for (const m of [`<#${CHANNEL_ID}>`, `#${CHANNEL_ID}`, CHANNEL_ID]) expect(h.adapter.resolveChannel(m)).toBe(channel);
    expect(h.adapter.resolveChannel('#general')).toBeNull();
  });

  it('given a command in the DM with the bot → handled as a direct conversation', async () => {
    const dm = h.dmChannel(people.giulia);
    const callback = await h.interact(slashCommand(h.fake, people.giulia, 'network', 'me', [], { dm }));
    expect(callback.body.data.content).toContain('giulia');
  });

  it('given a DM that is not an answer to anything → the hint to type /help', async () => {
    const replies = await h.dm(people.giulia, 'hello?');
    expect(replies.map(readable).join()).toMatch(/\/help/);
  });
});
