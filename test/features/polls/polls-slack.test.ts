// A poll through the Slack fake: posted in the channel with a button per option; a press edits the
// same message (chat.update on its ts) with the new tally; closing edits it once more without
// buttons and uploads the chart into the channel.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blockAction, interactive, sendSigned, slashCommand } from '../../fakes/slack/slack-requests.ts';
import { startSlackApp, type SlackHarness } from '../../adapters/slack/slack-harness.ts';

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackApp('http');
});
afterEach(async () => {
  await h.stop();
});

let n = 0;
async function command(user: string, channel: string, text: string) {
  const id = `poll-${++n}`;
  await sendSigned(h.slack.port!, slashCommand({ command: '/poll', text, user, channel, responseUrl: h.fake.responseUrl(id) }));
  return () => h.fake.responses.filter((r) => r.id === id).map((r) => r.body);
}
const buttons = (message: Record<string, any>) => (message.blocks ?? []).flatMap((b: any) => (b.type === 'actions' ? b.elements : []));
const blockText = (message: Record<string, any>) => JSON.stringify(message.blocks ?? []);

describe('polls through Slack', () => {
  it('given /poll in a channel → buttons vote and chat.update edits the poll message in place; closing shows the results and uploads a chart there', async () => {
    const acked = await command('UMARCO', 'CPOLL', '"Where do we meet?" Milan Turin');
    expect((await h.fake.waitFor(() => acked()[0])).text).toMatch(/Poll [A-Z2-9]{6} is posted/);
    const poll = h.fake.posted('CPOLL')[0]!;
    expect(buttons(poll).map((b: any) => b.text.text)).toEqual(['Milan', 'Turin', 'Close poll']);

    const milan = buttons(poll)[0];
    await sendSigned(h.slack.port!, interactive(blockAction('UGIULIA', 'CPOLL', poll, milan, h.fake.responseUrl('press-1'))));
    const edit = await h.fake.waitFor(() => h.fake.callsTo('chat.update')[0]);
    expect(edit.args).toMatchObject({ channel: 'CPOLL', ts: poll.ts });
    expect(blockText(edit.args)).toMatch(/Milan\*\s+[█░]+\s+1 vote \(100%\)/);
    expect(blockText(edit.args)).toContain('giulia');
    // giulia reads German: her receipt is hers, privately, in her language.
    const receipt = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'press-1'));
    expect(receipt.body).toMatchObject({ response_type: 'ephemeral' });
    expect(receipt.body.text).toContain('Deine Stimme bei „Where do we meet?“: Milan.');

    // Pressed again: withdrawn, and the same message shows it.
    await sendSigned(h.slack.port!, interactive(blockAction('UGIULIA', 'CPOLL', poll, milan, h.fake.responseUrl('press-2'))));
    const second = await h.fake.waitFor(() => h.fake.callsTo('chat.update')[1]);
    expect(second.args.ts).toBe(poll.ts);
    expect(blockText(second.args)).toContain('Nobody has voted yet.');
    await sendSigned(h.slack.port!, interactive(blockAction('UGIULIA', 'CPOLL', poll, buttons(poll)[1], h.fake.responseUrl('press-3'))));
    await h.fake.waitFor(() => h.fake.callsTo('chat.update')[2]);

    const closed = await command('UMARCO', 'CPOLL', 'close');
    expect((await h.fake.waitFor(() => closed()[0])).text).toMatch(/is closed/);
    const final = h.fake.callsTo('chat.update').at(-1)!;
    expect(final.args.ts).toBe(poll.ts);
    expect(buttons(final.args)).toEqual([]);
    expect(blockText(final.args)).toMatch(/final results/);
    expect(blockText(final.args)).toMatch(/Turin\*\s+[█░]+\s+1 vote \(100%\)/);
    const upload = await h.fake.waitFor(() => h.fake.callsTo('files.completeUploadExternal')[0]);
    expect(upload.args.channel_id).toBe('CPOLL');
    expect(h.fake.rejected).toEqual([]);
  });
});
