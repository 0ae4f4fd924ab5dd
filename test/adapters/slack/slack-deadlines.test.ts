// Slack's 3-second rule: commands are acknowledged before any work, a slow modal submission is
// acknowledged anyway and its errors follow by message, and a stale trigger id falls back to a DM.
import { afterEach, describe, expect, it } from 'vitest';
import { interactive, sendSigned, slashCommand, viewSubmission } from '../../fakes/slack/slack-requests.ts';
import { startSlackApp, type SlackHarness } from './slack-harness.ts';

let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

function gate<T>(): { promise: Promise<T>; open(value: T): void } {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

describe('Slack deadlines', () => {
  it('given a command whose work is slow → Slack gets its 200 first, the answer follows', async () => {
    const s = await startSlackApp('http');
    h = s;
    const slow = gate<void>();
    s.app.context.commands.add({
      name: 'slow',
      description: 'help.description',
      subcommands: [{ name: '', description: 'help.description', role: 'member', args: [], run: async () => (await slow.promise, { text: 'done at last' }) }],
    });
    const res = await sendSigned(s.slack.port!, slashCommand({ command: '/slow', user: 'UMARCO', channel: 'C1', responseUrl: s.fake.responseUrl('slow') }));
    expect(res.status).toBe(200);
    expect(s.fake.responses).toEqual([]);
    slow.open();
    expect((await s.fake.waitFor(() => s.fake.responses.find((r) => r.id === 'slow'))).body.text).toBe('done at last');
  });

  it('given a modal submission judged after the deadline → the modal is acknowledged (closed) and the field errors arrive as a private message', async () => {
    const s = await startSlackApp('http', {}, { viewAckMs: 0 });
    h = s;
    const judged = gate<void>();
    s.app.context.onForm('test:slow', async () => {
      await judged.promise;
      return { ok: false, fieldErrors: { a: 'Please give a number between 1 and 5.' } };
    });
    const view = {
      type: 'modal',
      callback_id: 'test:slow',
      private_metadata: JSON.stringify({ conversation: 'slack:C1' }),
      blocks: [{ type: 'input', block_id: 'a', element: { type: 'plain_text_input', action_id: 'value' } }],
    };
    const res = await sendSigned(s.slack.port!, interactive(viewSubmission('UMARCO', view, { a: { value: { type: 'plain_text_input', value: '9' } } })));
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    judged.open();
    const message = await s.fake.waitFor(() => s.fake.callsTo('chat.postEphemeral')[0]);
    expect(message.args).toMatchObject({ channel: 'C1', user: 'UMARCO', text: 'Please give a number between 1 and 5.' });
  });

  it('given users.info is slow (a restart emptied the cache) → the submission is acknowledged in time, and the field errors still show', async () => {
    // Bolt answers 404 by itself at boltAckMs; the adapter must have acknowledged before, counting from arrival.
    const s = await startSlackApp('http', {}, { viewAckMs: 150, boltAckMs: 1500 });
    h = s;
    s.app.context.onForm('test:slow-lookup', async () => ({ ok: false, fieldErrors: { a: 'Please give a number between 1 and 5.' } }));
    const lookup = s.fake.holdNext('users.info');
    const view = {
      type: 'modal',
      callback_id: 'test:slow-lookup',
      private_metadata: JSON.stringify({ conversation: 'slack:C1' }),
      blocks: [{ type: 'input', block_id: 'a', element: { type: 'plain_text_input', action_id: 'value' } }],
    };
    const res = await sendSigned(s.slack.port!, interactive(viewSubmission('UMARCO', view, { a: { value: { type: 'plain_text_input', value: '9' } } })));
    expect(res.status).toBe(200);
    lookup.release();
    const message = await s.fake.waitFor(() => s.fake.callsTo('chat.postEphemeral')[0]);
    expect(message.args).toMatchObject({ channel: 'C1', user: 'UMARCO', text: 'Please give a number between 1 and 5.' });
    // No late acknowledgement: nothing like "Cannot write headers after they are sent" was logged.
    expect(s.log.lines.filter((l) => l.level === 'error' || l.level === 'warn')).toEqual([]);
  });

  it('given the trigger id is too old for a modal → the form is asked as a questionnaire in the DM instead', async () => {
    const s = await startSlackApp('http', {}, { triggerMs: 0 });
    h = s;
    await sendSigned(
      s.slack.port!,
      slashCommand({ command: '/network', text: 'profile', user: 'UMARCO', channel: 'C1', responseUrl: s.fake.responseUrl('p') }),
    );
    const question = await s.fake.waitFor(() => s.fake.posted('DMARCO')[0]);
    expect(question.text).toContain('1');
    expect(s.fake.callsTo('views.open')).toEqual([]);
    // "I've sent you the questions in a direct message" is for the person alone.
    expect((await s.fake.waitFor(() => s.fake.responses.find((r) => r.id === 'p'))).body.response_type).toBe('ephemeral');
  });
});
