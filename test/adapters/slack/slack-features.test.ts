// The features' own flows through Slack: a survey opened by slash command, answered in a modal and
// its results posted; a news digest by direct message; an exchange thread opened.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blockAction, dmMessage, eventCallback, interactive, sendSigned, slashCommand, viewSubmission } from '../../fakes/slack/slack-requests.ts';
import { ADMIN, startSlackApp, type SlackHarness } from './slack-harness.ts';

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackApp('http', { FILIERA_ANONYMITY_MIN: '2', FILIERA_SEED: '1', SLACK_EXCHANGE_CHANNEL: '<#CEXCH|exchange>' });
});
afterEach(async () => {
  await h.stop();
});
const port = () => h.slack.port!;
let n = 0;
async function command(user: string, channel: string, command: string, text: string): Promise<{ responses: () => Array<Record<string, any>> }> {
  const id = `r${++n}`;
  await sendSigned(port(), slashCommand({ command, text, user, channel, responseUrl: h.fake.responseUrl(id) }));
  return { responses: () => h.fake.responses.filter((r) => r.id === id).map((r) => r.body) };
}
const elements = (message: Record<string, any>) => (message.blocks ?? []).flatMap((b: any) => (b.type === 'actions' ? b.elements : []));

describe('features through Slack', () => {
  it('given /survey open in a channel → the invitation is posted, members answer in a modal, and /survey results reach the admin privately', async () => {
    const imported = await command(ADMIN, 'CSURV', '/survey', 'import');
    expect((await h.fake.waitFor(() => imported.responses()[0])).response_type).toBe('ephemeral');
    const opened = await command(ADMIN, 'CSURV', '/survey', 'open demo');
    expect((await h.fake.waitFor(() => opened.responses()[0])).response_type).toBe('ephemeral');
    await h.app.sender.drain();
    const invitation = h.fake.posted('CSURV').find((m) => elements(m).length > 0)!;
    expect(invitation).toBeDefined();
    const answer = elements(invitation)[0];
    // marco's App Home lists the survey waiting for him
    await sendSigned(port(), eventCallback({ type: 'app_home_opened', user: 'UMARCO', channel: 'DMARCO', tab: 'home', event_ts: '1.1' }));
    const home = await h.fake.waitFor(() => h.fake.callsTo('views.publish')[0]);
    expect(JSON.stringify(home.args.view.blocks)).toContain('Demo survey');

    for (const [user, choice] of [
      ['UMARCO', 'web'],
      ['UGIULIA', 'newsletter'],
    ] as const) {
      const before = h.fake.callsTo('views.open').length;
      await sendSigned(port(), interactive(blockAction(user, 'CSURV', invitation, answer, h.fake.responseUrl(`a-${user}`))));
      const opened = await h.fake.waitFor(() => h.fake.callsTo('views.open')[before]);
      const view = opened.args.view;
      const [choiceBlock, whyBlock] = view.blocks.filter((b: any) => b.type === 'input');
      const submitted = await sendSigned(
        port(),
        interactive(
          viewSubmission(user, view, {
            [choiceBlock.block_id]: { value: { type: choiceBlock.element.type, selected_option: { value: choice } } },
            [whyBlock.block_id]: { value: { type: 'plain_text_input', value: 'quick to read' } },
          }),
        ),
      );
      expect(submitted.status).toBe(200);
      expect(submitted.body).toBe('');
    }
    // The results carry a chart, and a Slack ephemeral reply cannot carry a file: they go by DM.
    await command(ADMIN, 'CSURV', '/survey', 'results demo');
    const results = await h.fake.waitFor(() => h.fake.posted('DADMIN').find((m) => /Web|web/.test(m.text) && /Newsletter/.test(m.text)));
    expect(h.fake.posted('CSURV').filter((m) => /Newsletter: 1/.test(m.text))).toEqual([]);
    expect(results.text).toContain('Newsletter: 1 (50%)');
    expect(results.text).toContain('Web: 1 (50%)');
    expect(h.fake.rejected).toEqual([]);
  });

  it('given a daily news subscription made in the DM → the digest arrives by direct message when it falls due, once', async () => {
    await command('UMARCO', 'DMARCO', '/news', 'subscribe cadence:daily at:10:00 tz:Europe/Rome');
    const confirmation = await h.fake.waitFor(() => h.fake.posted('DMARCO')[0]);
    expect(confirmation.text).toBeTruthy();
    h.clock.advance(3 * 60 * 60_000);
    await h.app.scheduler.runNow('news-digest');
    expect((await h.app.sender.drain()).sent).toBeGreaterThan(0);
    const digest = h.fake.posted('DMARCO')[1]!;
    expect(digest.blocks.length).toBeGreaterThan(1);
    expect(h.fake.rejected).toEqual([]);
    await h.app.scheduler.runNow('news-digest');
    await h.app.sender.drain();
    expect(h.fake.posted('DMARCO')).toHaveLength(2);
  });

  it('given /exchange ask → a thread opens in the exchange channel, and a reply in that thread is recorded as an answer', async () => {
    await command('UMARCO', 'C1', '/exchange', 'ask "How do you find distributors in Japan?" topics:internationalisation');
    const parent = await h.fake.waitFor(() => h.fake.posted('CEXCH')[0]);
    expect(parent.text).toContain('Japan');
    expect(await h.fake.waitFor(() => h.fake.posted('CEXCH')[1])).toMatchObject({ thread_ts: parent.ts, text: '<@UMARCO>' });
    // giulia's events run in order once her profile is known, so a DM after the thread reply is a barrier.
    await sendSigned(port(), eventCallback(dmMessage('UGIULIA', 'hello')));
    await h.fake.waitFor(() => h.fake.posted('DGIULIA')[0]);
    await sendSigned(
      port(),
      eventCallback({
        type: 'message',
        channel: 'CEXCH',
        channel_type: 'channel',
        user: 'UGIULIA',
        text: 'Ask the JETRO desk, they helped us',
        ts: '1900000000.000200',
        thread_ts: parent.ts,
      }),
    );
    await sendSigned(port(), eventCallback(dmMessage('UGIULIA', 'hello again')));
    await h.fake.waitFor(() => h.fake.posted('DGIULIA')[1]);
    expect(h.fake.posted('CEXCH')).toHaveLength(2);
    const answer = await h.app.db.exchangeAnswer.findFirst();
    expect(answer).not.toBeNull();
    expect(JSON.stringify(answer)).toContain('JETRO');
  });
});
