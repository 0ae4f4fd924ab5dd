// The contract's driver for the shell: people act by typing lines (":as", ":in", ":dm", commands,
// button numbers) and what they see is read back from the terminal, one printed message at a time.
import { conversationRef, type ConversationRef, type UserRef } from '../../../src/core/index.ts';
import { startShell } from '../shell/shell-harness.ts';
import type { ContractDriver, Seen } from './adapter-contract.ts';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export async function shellDriver(): Promise<ContractDriver> {
  const h = await startShell();
  const alice: UserRef = { platform: 'shell', id: 'alice' };
  const bob: UserRef = { platform: 'shell', id: 'bob' };
  for (const who of [alice, bob]) await h.app.context.members.markNoticed((await h.app.context.members.ensure(who)).id, new Date('2026-11-23T08:00:00Z'));
  const room = conversationRef('shell', 'room', 'general');
  const entries = new Map<number, Seen>();
  const invites = new Map<ConversationRef, string[]>();
  let read = 0;
  let posts = 0;

  /** Reads the writes since last time: each post is one write, led by "→ <where>" when not the current conversation. */
  const sync = () => {
    for (; read < h.writes.length; read++) {
      const write = h.writes[read]!;
      if (!write.endsWith('\n')) continue; // the prompt
      const room = /^\(new room #(\S+) from .*? with (.*?); type/.exec(write);
      if (room) {
        invites.set(
          conversationRef('shell', 'room', room[1]!),
          room[2]!.split(', ').map((p) => p.replace(/^@/, '')),
        );
        continue;
      }
      if (write.startsWith('(new room ') || write.startsWith('! ')) continue;
      const updated = /^\(message (\d+) in (?:#|DM @)\S+ updated\)\n/.exec(write);
      const body = (updated ? write.slice(updated[0].length) : write).replace(/\n {2}\(message \d+: type .*\)\n?$/, '').trimEnd();
      if (updated) {
        const entry = entries.get(Number(updated[1]));
        if (entry) entry.text = body;
        continue;
      }
      const header = /^→ (#|DM @)(.+)\n/.exec(body);
      const where = header
        ? header[1] === '#'
          ? conversationRef('shell', 'room', header[2]!)
          : conversationRef('shell', 'dm', header[2]!)
        : h.shell.currentConversation;
      let text = header ? body.slice(header[0].length) : body;
      const only = text.startsWith('(only you) ');
      if (only) text = text.slice('(only you) '.length);
      entries.set(++posts, { where, text, ...(only ? { onlyFor: h.shell.currentUser } : {}) });
    }
  };
  const as = (who: UserRef) => h.type(`:as ${who.id}`);

  return {
    adapter: h.shell,
    context: h.app.context,
    room,
    people: [alice, bob],
    seen: () => (sync(), [...entries.values()]),
    async command(who, name, text) {
      sync();
      await as(who);
      await h.type(':in #general');
      await h.type(`/${name} ${text}`.trim());
      sync();
    },
    async press(who, label) {
      sync();
      const pattern = new RegExp(`\\[(\\d+)\\] ${escape(label)}(?=\\s|$)`, 'm');
      const found = [...entries.entries()].reverse().find(([, e]) => pattern.test(e.text));
      if (!found) throw new Error(`no button ${label}`);
      await as(who);
      await h.type(`${found[0]}.${pattern.exec(found[1].text)![1]}`);
      sync();
    },
    modal: () => null,
    submit: async () => {
      throw new Error('the shell opens no modals');
    },
    async dm(who, text) {
      sync();
      await as(who);
      await h.type(':dm', text);
      sync();
    },
    invited: (thread) => (sync(), invites.get(thread) ?? []),
    refused: () => [],
    close: () => h.close(),
  };
}
