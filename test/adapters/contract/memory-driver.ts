// The contract's driver for the in-memory adapter the feature tests use: events injected as the
// core would receive them, and what it recorded (posts, edits, replies and to whom) read back.
import { conversationRef, type OutboundMessage, type UserRef } from '../../../src/core/index.ts';
import { createTestApp } from '../../fakes/test-app.ts';
import type { ContractDriver, Seen } from './adapter-contract.ts';

/** Text and card text, as a person would read them. */
export function readableMessage(message: OutboundMessage): string {
  const parts = [message.text];
  for (const block of message.card?.blocks ?? []) {
    if (block.type === 'text') parts.push(block.markdown);
    if (block.type === 'fields') parts.push(...block.fields.map((f) => `${f.label}: ${f.value}`));
    if (block.type === 'list') parts.push(...block.items.map((i) => i.title));
  }
  return parts.join('\n');
}

export async function memoryDriver(): Promise<ContractDriver> {
  const app = await createTestApp({ FILIERA_SEED: '0' });
  const adapter = app.adapter;
  const alice: UserRef = { platform: 'shell', id: 'alice', displayName: 'Alice' };
  const bob: UserRef = { platform: 'shell', id: 'bob', displayName: 'Bob' };
  for (const who of [alice, bob]) await app.context.members.markNoticed((await app.context.members.ensure(who)).id, app.clock.now());
  const room = conversationRef('shell', 'room', 'general');
  const base = (who: UserRef, where = room) => ({ platform: 'shell' as const, user: who, conversation: where, isDirect: where !== room });

  return {
    adapter,
    context: app.context,
    room,
    people: [alice, bob],
    seen: (): Seen[] => [
      ...adapter.posted.map((p) => ({ where: p.to, text: readableMessage(p.message) })),
      ...adapter.replies.map((r) => ({ where: r.to, text: readableMessage(r.message), ...(r.ephemeral ? { onlyFor: r.user } : {}) })),
    ],
    async command(who, name, text) {
      await adapter.inject({ ...base(who), kind: 'command', name, text });
    },
    async press(who, label) {
      const all = [...adapter.posted, ...adapter.replies];
      const message = all
        .reverse()
        .find((p) => p.message.card?.blocks.some((b) => b.type === 'actions' && b.controls.some((c) => c.type === 'button' && c.label === label)));
      if (!message) throw new Error(`no button ${label}`);
      const control = message.message
        .card!.blocks.flatMap((b) => (b.type === 'actions' ? b.controls : []))
        .find((c) => c.type === 'button' && c.label === label);
      if (control?.type !== 'button') throw new Error(`no button ${label}`);
      await adapter.inject({
        ...base(who, message.to),
        kind: 'action',
        actionId: control.actionId,
        ...(control.value !== undefined ? { value: control.value } : {}),
        source: { conversation: message.to, id: message.id },
      });
    },
    modal: () => null,
    submit: async () => {
      throw new Error('the memory adapter opens no modals');
    },
    async dm(who, text) {
      await adapter.inject({ ...base(who, await adapter.openDirect(who)), kind: 'message', text });
    },
    invited: (thread) => adapter.threads.find((t) => t.room === thread)?.invited ?? [],
    refused: () => [],
    close: () => app.stop(),
  };
}
