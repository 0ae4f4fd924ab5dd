// Slash commands typed in a direct message on Slack. In the person's DM with the bot the answer is a
// message in that DM (only they and the bot are in it); in a DM between people, where the bot is not
// a member and cannot post, it comes through the command's response URL, so nobody's question is lost.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inChannel, subcommand } from '../../../src/core/index.ts';
import { sendSigned, slashCommand } from '../../fakes/slack/slack-requests.ts';
import { startSlackApp, type SlackHarness } from './slack-harness.ts';

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackApp('http', { FILIERA_SEED: '1' });
});
afterEach(async () => {
  await h.stop();
});

const text = (body: Record<string, any>) => String(body.text ?? '') + JSON.stringify(body.blocks ?? []);
let n = 0;

/** Types a command in `channel` as marco; resolves once the adapter is done, with everything the bot sent. */
async function marcoTypes(channel: string, command: string, commandText: string) {
  const id = `dm${++n}`;
  const posts = h.fake.posted().length;
  const res = await sendSigned(h.slack.port!, slashCommand({ command, text: commandText, user: 'UMARCO', channel, responseUrl: h.fake.responseUrl(id) }));
  expect(res.status).toBe(200);
  await h.slack.idle();
  return { responses: h.fake.responses.filter((r) => r.id === id).map((r) => r.body), posts: h.fake.posted().slice(posts) };
}

const commands = [
  ['/help', '', '/network'],
  ['/survey', 'list', 'cluster-managers'],
  ['/network', 'me', 'marco'],
] as const;

describe('slash commands in a Slack direct message', () => {
  it('given /help, /survey list and /network me typed in the DM with the bot → each answered in that DM, and only there', async () => {
    for (const [command, args, expected] of commands) {
      const { responses, posts } = await marcoTypes('DMARCO', command, args);
      expect(posts.map((p) => p.channel)).toEqual(['DMARCO']);
      expect(text(posts[0]!)).toContain(expected);
      expect(responses).toEqual([]);
    }
    expect(h.fake.rejected).toEqual([]);
  });

  it('given the same commands typed in a DM between two people → answered to the person alone, nothing posted into their DM', async () => {
    h.fake.outside.add('DMARCOGIULIA');
    for (const [command, args, expected] of commands) {
      const { responses, posts } = await marcoTypes('DMARCOGIULIA', command, args);
      expect(posts).toEqual([]);
      expect(responses).toHaveLength(1);
      expect(responses[0]).toMatchObject({ response_type: 'ephemeral' });
      expect(text(responses[0]!)).toContain(expected);
    }
  });

  it('given a public reply to a command typed in a DM between two people → the bot cannot post there, the reply still reaches the DM', async () => {
    h.app.context.commands.add({
      name: 'announce',
      description: 'help.description',
      subcommands: [
        subcommand({ name: '', description: 'help.description', role: 'member', args: {}, run: async () => inChannel({ text: 'see you at the fair' }) }),
      ],
    });
    h.fake.outside.add('DMARCOGIULIA');
    const { responses, posts } = await marcoTypes('DMARCOGIULIA', '/announce', '');
    expect(posts).toEqual([]);
    expect(h.fake.rejected.map((r) => r.method)).toEqual(['chat.postMessage']);
    expect(responses).toEqual([expect.objectContaining({ response_type: 'in_channel', text: 'see you at the fair' })]);
  });
});
