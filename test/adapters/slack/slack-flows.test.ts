// End-to-end flows through the real Bolt app and the fake Slack: modals with field errors, a
// questionnaire in a direct message, outbox delivery by DM through a 429, App Home, threads, files.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conversationRef, type FormSpec } from '../../../src/core/index.ts';
import { blockAction, dmMessage, eventCallback, interactive, sendSigned, slashCommand, viewSubmission } from '../../fakes/slack/slack-requests.ts';
import { ADMIN, startSlackApp, type SlackHarness } from './slack-harness.ts';

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackApp('http');
});
afterEach(async () => {
  await h.stop();
});
const port = () => h.slack.port!;

describe('Slack flows', () => {
  it('given /network profile → a modal opens; a bad time zone comes back as a field error in the modal; a good one saves the profile', async () => {
    await sendSigned(port(), slashCommand({ command: '/network', text: 'profile', user: 'UMARCO', channel: 'C1', responseUrl: h.fake.responseUrl('p') }));
    const opened = await h.fake.waitFor(() => h.fake.callsTo('views.open')[0]);
    const view = opened.args.view;
    expect(view.callback_id).toBe('network:profile');
    expect(view.blocks.map((b: any) => b.block_id)).toEqual(['language', 'timeZone', 'country', 'cluster']);
    const answers = (timeZone: string) => ({
      language: { value: { type: 'radio_buttons', selected_option: { value: 'de' } } },
      timeZone: { value: { type: 'plain_text_input', value: timeZone } },
      country: { value: { type: 'plain_text_input', value: 'Austria' } },
      cluster: { value: { type: 'plain_text_input', value: null } },
    });
    const refused = await sendSigned(port(), interactive(viewSubmission('UMARCO', view, answers('Mars/Olympus'))));
    expect(refused.status).toBe(200);
    const body = JSON.parse(refused.body);
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors)).toEqual(['timeZone']);
    expect(body.errors.timeZone).toContain('Mars/Olympus');

    const saved = await sendSigned(port(), interactive(viewSubmission('UMARCO', view, answers('Europe/Vienna'))));
    expect(saved.status).toBe(200);
    expect(saved.body).toBe('');
    const marco = await h.app.db.member.findFirst({ where: { platform: 'slack', platformId: 'UMARCO' } });
    expect(marco).toMatchObject({ language: 'de', timeZone: 'Europe/Vienna', country: 'Austria', cluster: null });
    const confirmation = h.fake.callsTo('chat.postEphemeral').at(-1)!.args;
    expect(confirmation).toMatchObject({ channel: 'C1', user: 'UMARCO' });
    expect(confirmation.text).toContain('Profil');
  });

  it('given a form asked as a questionnaire → questions arrive by DM and are answered by message and by button', async () => {
    const form: FormSpec = {
      formId: 'test:check',
      title: 'Check-in',
      fields: [
        {
          id: 'mood',
          kind: 'choice',
          label: 'How is the cluster doing?',
          required: true,
          options: [
            { value: 'good', label: 'Good' },
            { value: 'bad', label: 'Bad' },
          ],
        },
        { id: 'note', kind: 'text', label: 'Anything else?', required: false, when: { field: 'mood', in: ['bad'] } },
        { id: 'staff', kind: 'number', label: 'How many staff?', required: true, min: 0, max: 100 },
      ],
    };
    const received: unknown[] = [];
    h.app.context.onForm('test:check', async ({ event }) => {
      received.push(event.values);
      return { text: 'Thanks!' };
    });
    const user = { platform: 'slack' as const, id: 'UGIULIA' };
    expect(await h.app.context.questionnaires.ask(user, form, h.app.bot.languages.translator('en'))).toBe('questionnaire');
    const first = await h.fake.waitFor(() => h.fake.posted('DGIULIA')[0]);
    expect(first.text).toContain('How is the cluster doing?');
    const buttons = first.blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements : []));
    const bad = buttons.find((e: any) => e.text.text === 'Bad');
    await sendSigned(port(), interactive(blockAction('UGIULIA', 'DGIULIA', first, bad, h.fake.responseUrl('b'))));
    await h.fake.waitFor(() => h.fake.posted('DGIULIA')[1]);
    expect(h.fake.posted('DGIULIA')[1]!.text).toContain('Anything else?');
    await sendSigned(port(), eventCallback(dmMessage('UGIULIA', 'skip')));
    await h.fake.waitFor(() => h.fake.posted('DGIULIA')[2]);
    await sendSigned(port(), eventCallback(dmMessage('UGIULIA', 'many')));
    await h.fake.waitFor(() => h.fake.posted('DGIULIA')[3]);
    expect(h.fake.posted('DGIULIA')[3]!.text).toContain('How many staff?');
    await sendSigned(port(), eventCallback(dmMessage('UGIULIA', '12')));
    await h.fake.waitFor(() => h.fake.posted('DGIULIA').find((m) => m.text === 'Thanks!'));
    expect(received).toEqual([{ mood: 'bad', staff: '12' }]);
  });

  it('given an outbox message to a person and a 429 with Retry-After → delivered by DM once, after the wait, nothing lost or doubled', async () => {
    const outbox = h.app.outbox;
    const to = (id: string) => ({ kind: 'user' as const, user: { platform: 'slack' as const, id } });
    await outbox.enqueue([{ dedupeKey: 'test:1', kind: 'digest', target: to('UMARCO'), message: { text: 'Your digest: 3 new calls' } }]);
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 30 });
    const first = await h.app.sender.drain();
    expect(first.sent).toBe(0);
    // The workspace said 30 s: a message written meanwhile waits too (sends are concurrent, so it comes after the 429).
    await outbox.enqueue([{ dedupeKey: 'test:2', kind: 'digest', target: to('UGIULIA'), message: { text: 'Your digest: 1 new call' } }]);
    expect((await h.app.sender.drain()).sent).toBe(0);
    expect(h.fake.posted()).toEqual([]);
    h.clock.advance(10_000);
    expect((await h.app.sender.drain()).sent).toBe(0);
    h.clock.advance(21_000);
    const later = await h.app.sender.drain();
    expect(later.sent).toBe(2);
    expect(h.fake.posted('DMARCO').map((m) => m.text)).toEqual(['Your digest: 3 new calls']);
    expect(h.fake.posted('DGIULIA').map((m) => m.text)).toEqual(['Your digest: 1 new call']);
    expect(h.fake.callsTo('conversations.open').filter((c) => c.args.users === 'UMARCO')).toHaveLength(1);
    expect((await h.app.sender.drain()).sent).toBe(0);
    expect(h.fake.posted()).toHaveLength(2);
  });

  it('given a permanent Slack error → the outbox row fails with the reason instead of retrying', async () => {
    const outbox = h.app.outbox;
    await outbox.enqueue([
      { dedupeKey: 'test:perm', kind: 'notice', target: { kind: 'conversation', conversation: conversationRef('slack', 'CGONE') }, message: { text: 'hello' } },
    ]);
    h.fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    expect(await h.app.sender.drain()).toMatchObject({ failed: 1, sent: 0 });
  });

  it('given the App Home is opened → the home view is published for that person', async () => {
    await sendSigned(port(), eventCallback({ type: 'app_home_opened', user: ADMIN, channel: 'DADMIN', tab: 'home', event_ts: '1.2' }));
    const published = await h.fake.waitFor(() => h.fake.callsTo('views.publish')[0]);
    expect(published.args.user_id).toBe(ADMIN);
    expect(published.args.view.type).toBe('home');
    expect(JSON.stringify(published.args.view.blocks)).toContain('anna');
  });

  it('given a thread is started and a chart is posted in it → a parent message, invitees mentioned in the thread, the file uploaded there', async () => {
    const thread = await h.slack.startThread(
      conversationRef('slack', 'CEXCH'),
      { text: 'Exchange: export to Japan' },
      { title: 'Exchange', invite: [{ platform: 'slack', id: 'UMARCO' }] },
    );
    const parent = h.fake.posted('CEXCH')[0]!;
    expect(thread).toBe(`slack:CEXCH:${parent.ts}`);
    expect(JSON.stringify(parent.blocks)).toContain('Exchange');
    expect(h.fake.posted('CEXCH')[1]).toMatchObject({ thread_ts: parent.ts, text: '<@UMARCO>' });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]).toString('base64');
    await h.slack.post(thread, {
      text: 'Results',
      attachments: [
        { filename: 'chart.png', mediaType: 'image/png', base64: png },
        { filename: 'answers.csv', mediaType: 'text/csv', base64: Buffer.from('a,b\n1,2\n').toString('base64') },
      ],
    });
    const complete = h.fake.callsTo('files.completeUploadExternal');
    expect(complete.map((c) => c.args)).toMatchObject([{ channel_id: 'CEXCH', thread_ts: parent.ts }]);
    expect(h.fake.uploads).toHaveLength(2);
    expect(h.fake.uploads.some((u) => u.bytes.includes(Buffer.from([0x89, 0x50, 0x4e, 0x47])))).toBe(true);
  });

  it('given a message is updated (an answered invitation) → chat.update on the same message', async () => {
    const ref = await h.slack.post(conversationRef('slack', 'C7'), {
      text: 'Invitation',
      card: { title: 'Invitation', blocks: [{ type: 'actions', controls: [{ type: 'button', actionId: 'survey:start', label: 'Start', value: 's1' }] }] },
    });
    await h.slack.update(ref, { text: 'Answered', card: { blocks: [{ type: 'text', markdown: 'Answered ✔' }] } });
    expect(h.fake.callsTo('chat.update')[0]!.args).toMatchObject({ channel: 'C7', ts: ref.id, text: 'Answered' });
  });

  it('given a button pressed on a message → the handler can replace that message (chat.update of the clicked message)', async () => {
    h.app.context.onAction('test:accept', async ({ responder, event }) => {
      await responder.updateSource?.({ text: `Accepted ${event.value}` });
    });
    const ref = await h.slack.post(conversationRef('slack', 'C8'), {
      text: 'Proposal',
      card: {
        blocks: [
          {
            type: 'actions',
            controls: [
              { type: 'button', actionId: 'test:accept', label: 'Accept', value: 'p1' },
              { type: 'button', actionId: 'test:accept', label: 'Also accept', value: 'p2' },
            ],
          },
        ],
      },
    });
    const message = h.fake.posted('C8')[0]!;
    const second = message.blocks[0].elements[1];
    expect(second.action_id).not.toBe(message.blocks[0].elements[0].action_id);
    await sendSigned(port(), interactive(blockAction('UMARCO', 'C8', message, second, h.fake.responseUrl('acc'))));
    const update = await h.fake.waitFor(() => h.fake.callsTo('chat.update')[0]);
    expect(update.args).toMatchObject({ channel: 'C8', ts: ref.id, text: 'Accepted p2' });
  });
});
