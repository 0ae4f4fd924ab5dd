// A poll through the Discord fake: /poll posts it as the interaction's public reply with a button
// per option; a click updates that same message (interaction callback type 7) with the tally; the
// closing job edits it by its id (PATCH) with the final results and posts the chart as a file.
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL_ID, buttonClick, customIds, people, readable, slashCommand } from '../../fakes/discord/discord-payloads.ts';
import { startDiscordApp, type DiscordHarness } from '../../adapters/discord/discord-harness.ts';

let h: DiscordHarness;
afterEach(async () => {
  await h.close();
});

const STRING = 3;
const BOOLEAN = 5;
const text = (data: Record<string, any>) => readable({ id: '0', channel_id: CHANNEL_ID, ...data });
const labels = (data: Record<string, any>) => (data.components ?? []).flatMap((row: any) => (row.components ?? []).map((c: any) => c.label));

describe('polls through Discord', () => {
  it('given /poll in a channel → clicks vote and update the poll message in place; at its closing time the job edits it with the results and posts a chart', async () => {
    h = await startDiscordApp();
    const created = await h.interact(
      slashCommand(h.fake, people.anna, 'poll', 'run', [
        { name: 'poll', type: STRING, value: 'Which day suits you? | Monday | Wednesday | Friday' },
        { name: 'multiple', type: BOOLEAN, value: true },
        { name: 'closes', type: STRING, value: '2h' },
      ]),
    );
    expect(created.body.type).toBe(4);
    expect(created.body.data.flags ?? 0).toBe(0);
    await h.adapter.idle();
    const poll = h.fake.messagesIn(CHANNEL_ID).find((m) => customIds(m).some((id) => id.startsWith('poll:vote')))!;
    expect(labels(poll)).toEqual(['Monday', 'Wednesday', 'Friday', 'Close poll']);
    const ids = customIds(poll);

    const first = await h.interact(buttonClick(h.fake, people.giulia, poll, ids[0]!));
    expect(first.body.type).toBe(7);
    expect(text(first.body.data)).toMatch(/Monday\*?\*?\s+[█░]+\s+1 vote \(100%\)/);
    expect(text(first.body.data)).toContain('giulia');
    const second = await h.interact(buttonClick(h.fake, people.marco, poll, ids[2]!));
    expect(second.body.type).toBe(7);
    expect(text(second.body.data)).toContain('2 people voted.');
    const again = await h.interact(buttonClick(h.fake, people.giulia, poll, ids[1]!));
    expect(text(again.body.data)).toMatch(/Wednesday\*?\*?\s+[█░]+\s+1 vote \(50%\)/);
    expect(text(again.body.data)).toMatch(/Monday\*?\*?\s+[█░]+\s+1 vote \(50%\)/);

    h.clock.advance(2 * 60 * 60_000 + 1);
    await h.app.scheduler.runNow('polls-close');
    const edit = h.fake.requests.find((r) => r.method === 'PATCH' && r.path === `/channels/${CHANNEL_ID}/messages/${poll.id}`);
    expect(edit?.status).toBe(200);
    const final = h.fake.messagesIn(CHANNEL_ID).find((m) => m.id === poll.id)!;
    expect(readable(final)).toContain('final results');
    expect(customIds(final)).toEqual([]);
    const chart = h.fake.requests.find((r) => r.method === 'POST' && r.path === `/channels/${CHANNEL_ID}/messages` && r.files > 0);
    expect(chart?.status).toBe(200);

    // Ten options with labels at the 75-character limit fit Discord's rows and its validation.
    const long = Array.from({ length: 10 }, (_, i) => `${i} ${'cluster visit '.repeat(6)}`.slice(0, 75));
    const big = await h.interact(
      slashCommand(h.fake, people.anna, 'poll', 'run', [{ name: 'poll', type: STRING, value: `Which visit? | ${long.join(' | ')}` }]),
    );
    expect(big.status).toBeLessThan(300);
    expect(labels(big.body.data)).toEqual([...long, 'Close poll']);
  });
});
