// Discord's 3-second rule: an interaction the handler has not answered in time is deferred, and
// the late answer then edits the "thinking…" reply. Driven with the real client and the fake gateway.
import 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter, type DiscordAdapter } from '../../../adapters/discord/index.ts';
import { CommandRegistry, type InboundEvent, type Responder } from '../../../src/core/index.ts';
import { FakeDiscord } from '../../fakes/discord/fake-discord.ts';
import { APPLICATION_ID, people, slashCommand } from '../../fakes/discord/discord-payloads.ts';
import { recordingLogger } from '../../fakes/test-app.ts';

let fake: FakeDiscord;
let adapter: DiscordAdapter;
let release: () => void;
const events: InboundEvent[] = [];

beforeEach(async () => {
  fake = await new FakeDiscord().listen();
  adapter = createDiscordAdapter({
    token: 'fake',
    applicationId: APPLICATION_ID,
    apiUrl: fake.apiUrl,
    registry: new CommandRegistry(),
    translator: () => (key) => key,
    logger: recordingLogger(),
    deferAfterMs: 0,
  });
  const gate = new Promise<void>((resolve) => (release = resolve));
  await adapter.start(async (event: InboundEvent, responder: Responder) => {
    events.push(event);
    await gate;
    await responder.reply({ text: 'Report ready.' });
  });
});
afterEach(async () => {
  release();
  await adapter.stop();
  await fake.close();
});

describe('Discord deferral', () => {
  it('given a handler slower than the deadline → the interaction is deferred, then the answer edits the deferred reply', async () => {
    const payload = slashCommand(fake, people.anna, 'survey', 'results', [{ name: 'id', type: 3, value: 'demo' }]);
    fake.dispatch('INTERACTION_CREATE', payload);
    const deferred = await fake.waitFor((r) => r.path.startsWith(`/interactions/${payload.id}/`));
    expect(deferred.body.type).toBe(5);
    expect(events[0]).toMatchObject({ kind: 'command', name: 'survey', text: 'results demo', deliveryId: payload.id, locale: 'en-US' });
    release();
    const edit = await fake.waitFor((r) => r.method === 'PATCH' && r.path.startsWith('/webhooks/'));
    expect(edit.path).toMatch(/messages\/@original$/);
    expect(edit.body.content).toBe('Report ready.');
    await adapter.idle();
  });
});
