// Slash commands used in a person's DM with the bot on Discord (the commands are registered for the
// bot's DMs too): each is answered in that DM through the interaction, visible to that person only.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { people, slashCommand } from '../../fakes/discord/discord-payloads.ts';
import { startDiscordApp, type DiscordHarness } from './discord-harness.ts';

let h: DiscordHarness;
beforeEach(async () => {
  h = await startDiscordApp({ FILIERA_SEED: '1' });
});
afterEach(async () => h?.close());

/** What a person reads in an interaction reply: content and embeds. */
const readable = (data: Record<string, any>) => JSON.stringify([data.content ?? '', data.embeds ?? []]);

describe('slash commands in the DM with the bot on Discord', () => {
  it('given /help, /survey list and /network me used in the DM → each answered there, and nothing posted anywhere else', async () => {
    const dm = h.dmChannel(people.marco);
    for (const [name, sub, expected] of [
      ['help', null, '/network'],
      ['survey', 'list', 'cluster-managers'],
      ['network', 'me', 'marco'],
    ] as const) {
      const from = h.fake.requests.length;
      const callback = await h.interact(slashCommand(h.fake, people.marco, name, sub, [], { dm }));
      expect(callback.status).toBeLessThan(300);
      expect(callback.body.type).toBe(4);
      expect(readable(callback.body.data)).toContain(expected);
      // No "thinking…" left hanging and no second message somewhere else.
      expect(
        h.fake.requests
          .slice(from)
          .filter((r) => r.method !== 'GET')
          .map((r) => r.path),
      ).toEqual([callback.path]);
    }
    expect(h.logs.filter((l) => l.level === 'error')).toEqual([]);
  });
});
