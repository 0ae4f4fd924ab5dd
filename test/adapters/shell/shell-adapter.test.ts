// The shell as people use it over days: buttons of earlier messages (and of an earlier run) still
// press, member ids with ":" have their own DM, the prompt follows ":as", and editing a profile shows
// what is stored now.
import { afterEach, describe, expect, it } from 'vitest';
import { actions, button, card, conversationRef, text } from '../../../src/core/index.ts';
import { startShell, type ShellHarness } from './shell-harness.ts';

let runs: ShellHarness[] = [];
afterEach(async () => {
  for (const run of runs) await run.close().catch(() => undefined);
  runs = [];
});

async function run(database?: string) {
  const h = await startShell(database);
  runs.push(h);
  const pressed: string[] = [];
  h.app.context.onAction('visit:accept', async ({ event }) => {
    pressed.push(`${event.user.id} accepted ${event.value}`);
    return { text: `Accepted ${event.value}` };
  });
  const general = conversationRef('shell', 'room', 'general');
  const proposal = (id: string) =>
    h.shell.post(general, {
      text: `Proposal ${id}`,
      card: card(`Proposal ${id}`, text('Meet?'), actions(button('visit:accept', 'Accept', id), button('visit:decline', 'Decline', id))),
    });
  return { h, pressed, proposal };
}

const lastPrompt = (h: ShellHarness) => h.writes.filter((w) => !w.endsWith('\n')).at(-1);

describe('shell adapter', () => {
  it('given two proposals → the first one\'s button still presses by "<message>.<button>", and a bare number presses the newest', async () => {
    const { h, pressed, proposal } = await run();
    const first = await proposal('p1');
    await proposal('p2');
    expect(h.output()).toContain(`(message ${first.id}: type ${first.id}.<number> to press one of these later)`);
    await h.type(`${first.id}.1`);
    await h.type('1');
    expect(pressed).toEqual(['anna accepted p1', 'anna accepted p2']);
  });

  it('given a proposal from an earlier run → after a restart its button still presses', async () => {
    const earlier = await run();
    const sent = await earlier.proposal('p9');
    await earlier.h.close();
    runs = [];
    const later = await run(earlier.h.database);
    await later.h.type(`${sent.id}.1`);
    expect(later.pressed).toEqual(['anna accepted p9']);
    // Numbering goes on where it stopped: no new message takes an old one's number.
    const next = await later.proposal('p10');
    expect(Number(next.id)).toBeGreaterThan(Number(sent.id));
  });

  it('given a member id with ":" → their DM is theirs: direct messages reach the bot as direct', async () => {
    const { h } = await run();
    await h.type(':as org:marco', ':dm');
    expect(lastPrompt(h)).toBe('[org:marco ➜ DM] ');
    const before = h.writes.length;
    await h.type('hello');
    expect(h.writes.slice(before).join('')).toContain('Type /help');
  });

  it('given :as while in a DM → the prompt shows the new person in their own DM, and what they type is theirs', async () => {
    const { h } = await run();
    await h.type(':dm', ':as giulia');
    expect(lastPrompt(h)).toBe('[giulia ➜ DM] ');
    expect(h.shell.currentConversation).toBe(conversationRef('shell', 'dm', 'giulia'));
    await h.type(':in #general', ':as lukas');
    expect(lastPrompt(h)).toBe('[lukas ➜ #general] ');
  });

  it('given a profile edited a second time → each question shows the answer stored so far', async () => {
    const { h } = await run();
    await h.type(':as lukas', ':dm', '/network profile', '2', 'Europe/Vienna', 'skip', 'skip');
    expect(h.output()).toContain('Profile saved.');
    const before = h.writes.length;
    await h.type('/network profile', 'keep');
    const shown = h.writes.slice(before).join('');
    expect(shown).toContain('Your answer so far: English');
    expect(shown).toContain('Your answer so far: Europe/Vienna');
  });
});
