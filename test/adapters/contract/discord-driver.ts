// The contract's driver for Discord: the real discord.js client on the fake gateway and REST.
// People act with interactions (slash commands, button clicks, modal submissions) and DM messages;
// what they see is the fake's messages as they stand now, ephemeral ones seen by their requester.
import { conversationRef, type ConversationRef, type UserRef } from '../../../src/core/index.ts';
import { buttonClick, CHANNEL_ID, modalSubmit, people, readable, slashCommand, type Person } from '../../fakes/discord/discord-payloads.ts';
import { startDiscordApp } from '../discord/discord-harness.ts';
import type { ContractDriver, Seen } from './adapter-contract.ts';

type Json = Record<string, any>;
const EPHEMERAL = 64;

export async function discordDriver(): Promise<ContractDriver> {
  const h = await startDiscordApp({ FILIERA_SEED: '0' });
  for (const p of Object.values(people))
    await h.app.context.members.markNoticed((await h.app.context.members.ensure({ platform: 'discord', id: p.id, displayName: p.name })).id, h.clock.now());
  const alice: UserRef = { platform: 'discord', id: people.marco.id };
  const bob: UserRef = { platform: 'discord', id: people.giulia.id };
  const person = (who: UserRef): Person => Object.values(people).find((p) => p.id === who.id)!;
  const room = conversationRef('discord', CHANNEL_ID);
  /** Ephemeral messages, by the person they were shown to. */
  const audience = new Map<string, string>();
  const modals = new Map<string, Json>();

  const interact = async (who: UserRef, payload: Json) => {
    const before = h.fake.messages.length;
    const callback = await h.interact(payload);
    for (const m of h.fake.messages.slice(before)) if ((m.flags ?? 0) & EPHEMERAL) audience.set(m.id, who.id);
    if (callback.body?.type === 9) modals.set(who.id, callback.body.data);
  };

  return {
    adapter: h.adapter,
    context: h.app.context,
    room,
    people: [alice, bob],
    seen: (): Seen[] =>
      h.fake.messages.map((m) => {
        const onlyFor = audience.get(m.id);
        return { where: conversationRef('discord', m.channel_id), text: readable(m), ...(onlyFor ? { onlyFor } : {}) };
      }),
    command: (who, name, text) => {
      const [sub = null, ...rest] = text.split(' ').filter(Boolean);
      if (rest.length) throw new Error('the contract types no arguments');
      return interact(who, slashCommand(h.fake, person(who), name, sub));
    },
    async press(who, label) {
      const message = [...h.fake.messages]
        .reverse()
        .find((m) => (m.components ?? []).some((row: Json) => (row.components ?? []).some((c: Json) => c.label === label)));
      if (!message) throw new Error(`no button ${label}`);
      const control = (message.components as Json[]).flatMap((row) => row.components as Json[]).find((c) => c.label === label)!;
      await interact(who, buttonClick(h.fake, person(who), message, control.custom_id));
    },
    modal: (who) => {
      const data = modals.get(who.id);
      return data ? (data.components as Json[]).filter((c) => c.type === 18).map((c) => String(c.component.custom_id)) : null;
    },
    async submit(who, values) {
      const data = modals.get(who.id);
      if (!data) throw new Error('no modal open');
      modals.delete(who.id);
      await interact(who, modalSubmit(h.fake, person(who), data.custom_id, values));
    },
    async dm(who, text) {
      await h.dm(person(who), text);
    },
    invited: (thread: ConversationRef) => [...(h.fake.threadMembers.get(thread.split(':')[1]!) ?? [])],
    refused: () => h.fake.requests.filter((r) => r.status === 400).map((r) => `${r.method} ${r.path}`),
    close: () => h.close(),
  };
}
