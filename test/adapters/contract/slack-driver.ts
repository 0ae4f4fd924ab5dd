// The contract's driver for Slack: the real Bolt app over signed HTTP against the fake Slack.
// People act with signed slash commands, block actions, view submissions and DM events; what they
// see is rebuilt from the Web API calls the fake recorded (posts, edits, ephemerals) and the
// response_url answers.
import { type ConversationRef, type UserRef } from '../../../src/core/index.ts';
import { slackRef } from '../../../adapters/slack/slack-refs.ts';
import { blockAction, dmMessage, eventCallback, interactive, sendSigned, slashCommand, viewSubmission } from '../../fakes/slack/slack-requests.ts';
import { startSlackApp } from '../slack/slack-harness.ts';
import type { ContractDriver, Seen } from './adapter-contract.ts';

type Json = Record<string, any>;

/** What a person reads: the blocks' texts where there are blocks, else the fallback text. */
function readable(args: Json): string {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object')
      for (const [key, value] of Object.entries(node)) {
        if (key === 'text' && typeof value === 'string') found.push(value);
        else walk(value);
      }
  };
  const blocks = typeof args.blocks === 'string' ? JSON.parse(args.blocks) : args.blocks;
  if (Array.isArray(blocks) && blocks.length) walk(blocks);
  return found.length ? found.join('\n') : String(args.text ?? '');
}

function buttonsOf(blocks: unknown): Json[] {
  return (Array.isArray(blocks) ? blocks : []).flatMap((b: Json) => (b.type === 'actions' ? (b.elements as Json[]) : [])).filter((e) => e.type === 'button');
}

export async function slackDriver(): Promise<ContractDriver> {
  const h = await startSlackApp('http');
  const port = h.slack.port!;
  const alice: UserRef = { platform: 'slack', id: 'UMARCO' };
  const bob: UserRef = { platform: 'slack', id: 'UGIULIA' };
  const room = slackRef('C1');
  const responders = new Map<string, { channel: string; user: string }>();
  const modals = new Map<string, Json>();
  let n = 0;

  const settle = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    await h.slack.idle();
  };
  /** Runs one request; records the modal it opened, if any. */
  const act = async (who: UserRef, send: () => Promise<unknown>) => {
    const opened = h.fake.callsTo('views.open').length;
    await send();
    await settle();
    const view = h.fake.callsTo('views.open')[opened];
    if (view) modals.set(who.id, view.args.view as Json);
  };
  const responseUrl = (channel: string, user: string) => {
    const id = `r${++n}`;
    responders.set(id, { channel, user });
    return h.fake.responseUrl(id);
  };

  const seen = (): Seen[] => {
    const byTs = new Map<string, Seen>();
    const out: Seen[] = [];
    for (const call of h.fake.calls) {
      const { args } = call;
      if (args.failed) continue;
      if (call.method === 'chat.postMessage') {
        const entry = { where: slackRef(args.channel, args.thread_ts), text: readable(args) };
        byTs.set(`${args.channel}:${call.result?.ts}`, entry);
        out.push(entry);
        // A thread's parent message is the first thing its thread shows.
        if (!args.thread_ts)
          out.push({
            get where() {
              return slackRef(args.channel, call.result?.ts as string);
            },
            get text() {
              return entry.text;
            },
          });
      } else if (call.method === 'chat.update') {
        const entry = byTs.get(`${args.channel}:${args.ts}`);
        if (entry) entry.text = readable(args);
      } else if (call.method === 'chat.postEphemeral') {
        out.push({ where: slackRef(args.channel, args.thread_ts), text: readable(args), onlyFor: args.user });
      }
    }
    for (const response of h.fake.responses) {
      const origin = responders.get(response.id);
      if (!origin) continue;
      const where = slackRef(origin.channel);
      out.push({ where, text: readable(response.body), ...(response.body.response_type === 'in_channel' ? {} : { onlyFor: origin.user }) });
    }
    return out;
  };

  return {
    adapter: h.slack,
    context: h.app.context,
    room,
    people: [alice, bob],
    seen,
    command: (who, name, text) =>
      act(who, () => sendSigned(port, slashCommand({ command: `/${name}`, text, user: who.id, channel: 'C1', responseUrl: responseUrl('C1', who.id) }))),
    async press(who, label) {
      const message = h.fake
        .callsTo('chat.postMessage')
        .reverse()
        .find((c) => buttonsOf(c.args.blocks).some((b) => b.text?.text === label));
      if (!message) throw new Error(`no button ${label}`);
      const element = buttonsOf(message.args.blocks).find((b) => b.text?.text === label)!;
      const channel = String(message.args.channel);
      const payload = blockAction(
        who.id,
        channel,
        { ts: message.result?.ts, text: message.args.text, blocks: message.args.blocks },
        element,
        responseUrl(channel, who.id),
      );
      await act(who, () => sendSigned(port, interactive(payload)));
    },
    modal: (who) => {
      const view = modals.get(who.id);
      return view ? (view.blocks as Json[]).filter((b) => b.type === 'input').map((b) => String(b.block_id)) : null;
    },
    async submit(who, values) {
      const view = modals.get(who.id);
      if (!view) throw new Error('no modal open');
      modals.delete(who.id);
      const state: Record<string, Json> = {};
      for (const block of view.blocks as Json[])
        if (block.type === 'input' && block.block_id in values)
          state[block.block_id] = { [block.element.action_id]: { type: block.element.type, value: values[block.block_id] } };
      await act(who, () => sendSigned(port, interactive(viewSubmission(who.id, view, state))));
    },
    dm: (who, text) => act(who, () => sendSigned(port, eventCallback(dmMessage(who.id, text)))),
    invited(thread: ConversationRef) {
      const mentions = seen()
        .filter((s) => s.where === thread)
        .flatMap((s) => [...s.text.matchAll(/<@(U[A-Z0-9]+)>/g)].map((m) => m[1]!));
      return [...new Set(mentions)];
    },
    refused: () => h.fake.rejected.map((r) => `${r.method}: ${r.problems.join(', ')}`),
    close: () => h.stop(),
  };
}
