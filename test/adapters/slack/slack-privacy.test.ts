// The privacy notice on Slack, as a newcomer sees it: the first command brings a direct message saying
// what filiera keeps, in the person's Slack language, once; later commands bring no second notice.
import { afterEach, describe, expect, it } from 'vitest';
import { sendSigned, slashCommand } from '../../fakes/slack/slack-requests.ts';
import { ADMIN, startSlackApp, type SlackHarness } from './slack-harness.ts';

let h: SlackHarness;
afterEach(async () => h?.stop());

async function command(user: string, text: string): Promise<void> {
  const id = `${user}-${text}-${h.fake.responses.length}`;
  await sendSigned(h.slack.port!, slashCommand({ command: '/network', text, user, channel: 'CGEN', responseUrl: h.fake.responseUrl(id) }));
  await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === id));
}

const notices = (channel: string, title: RegExp) => h.fake.posted(channel).filter((m) => title.test(String(m.text) + JSON.stringify(m.blocks ?? [])));

describe('privacy notice on Slack', () => {
  it('given newcomers → each gets the notice by DM in their Slack language at first contact, once', async () => {
    h = await startSlackApp('http', { FILIERA_SEED: '0' }, undefined, { noticed: false });
    await command('UMARCO', 'me');
    await command('UMARCO', 'me');
    await command(ADMIN, 'me');
    const english = notices('DMARCO', /What filiera keeps about you/);
    expect(english).toHaveLength(1);
    expect(JSON.stringify(english[0])).toContain('/privacy export');
    expect(notices('DADMIN', /Cosa conserva filiera su di te/)).toHaveLength(1);
    expect(h.fake.rejected).toEqual([]);
  });
});
