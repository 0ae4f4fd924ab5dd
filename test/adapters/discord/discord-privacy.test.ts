// The privacy notice on Discord, as a newcomer sees it: the first interaction brings a direct message
// saying what filiera keeps, in the person's Discord language, once.
import { afterEach, describe, expect, it } from 'vitest';
import { people, readable, slashCommand } from '../../fakes/discord/discord-payloads.ts';
import { startDiscordApp, type DiscordHarness } from './discord-harness.ts';

let h: DiscordHarness;
afterEach(async () => h?.close());

describe('privacy notice on Discord', () => {
  it('given newcomers → each gets the notice by DM in their Discord language at first contact, once', async () => {
    h = await startDiscordApp({ FILIERA_SEED: '0' }, { noticed: false });
    await h.interact(slashCommand(h.fake, people.giulia, 'network', 'me'));
    await h.interact(slashCommand(h.fake, people.giulia, 'network', 'me'));
    await h.interact(slashCommand(h.fake, people.marco, 'network', 'me'));
    const inDm = (who: typeof people.giulia) => h.fake.messagesIn(h.fake.dmChannelOf(who.id) ?? '').map(readable);
    const english = inDm(people.giulia).filter((t) => t.includes('What filiera keeps about you'));
    expect(english).toHaveLength(1);
    expect(english[0]).toContain('/privacy export');
    expect(inDm(people.marco).filter((t) => t.includes('Cosa conserva filiera su di te'))).toHaveLength(1);
  });
});
