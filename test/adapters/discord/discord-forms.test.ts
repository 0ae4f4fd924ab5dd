// A form that fits a Discord modal: opened from a slash command, checked on submit with the core's
// rules (Discord cannot show errors inside a modal), reopened filled in, then accepted; buttons too.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actions, button, card, text, type FormSpec } from '../../../src/core/index.ts';
import { buttonClick, customIds, modalSubmit, people, slashCommand } from '../../fakes/discord/discord-payloads.ts';
import { startDiscordApp, type DiscordHarness } from './discord-harness.ts';

const visitForm: FormSpec = {
  formId: 'visit:log',
  title: 'Log a study visit to another cluster',
  context: 'wave-7',
  fields: [
    { id: 'host', kind: 'text', label: 'Which cluster hosted you?', required: true, maxLength: 80 },
    { id: 'days', kind: 'number', label: 'How many days?', required: true, min: 1, max: 10, integer: true },
    { id: 'notes', kind: 'text', label: 'What would you repeat at home?', required: false, multiline: true, help: 'A sentence or two is enough.' },
  ],
};

let h: DiscordHarness;
const saved: Array<{ values: unknown; context?: string }> = [];
beforeEach(async () => {
  h = await startDiscordApp();
  saved.length = 0;
  h.app.context.commands.add({
    name: 'visit',
    description: 'help.description',
    subcommands: [
      {
        name: 'log',
        description: 'help.description',
        role: 'member',
        args: [],
        run: async ({ event, responder, t }) => {
          await h.app.context.questionnaires.ask(event.user, visitForm, t, { responder });
        },
      },
      {
        name: 'card',
        description: 'help.description',
        role: 'member',
        args: [],
        run: async () => ({
          text: 'Visit proposal',
          card: card('Visit proposal', text('Accept?'), actions(button('visit:accept', 'Accept', 'v1', 'primary'), button('visit:decline', 'Decline', 'v1'))),
        }),
      },
    ],
  });
  h.app.context.onForm('visit:log', async ({ event }) => {
    if (event.values.host === 'nowhere') return { ok: false, fieldErrors: { host: 'That cluster is not in the network.' } };
    saved.push({ values: event.values, ...(event.context ? { context: event.context } : {}) });
    return { text: `Visit to ${String(event.values.host)} saved.` };
  });
  h.app.context.onAction('visit:accept', async ({ event, responder }) => {
    await responder.updateSource?.({ text: `Accepted (${event.value})` });
  });
});
afterEach(async () => {
  await h.close();
});

const longQuestion = 'Which practices from the host cluster would you bring home, and what would you need to make them work?';
const reviewForm: FormSpec = {
  formId: 'visit:review',
  title: 'Review a study visit',
  fields: [
    { id: 'practices', kind: 'text', label: longQuestion, required: true, multiline: true },
    { id: 'days', kind: 'number', label: 'How many days?', required: true, min: 1, max: 10, integer: true },
  ],
};

describe('Discord modals and buttons', () => {
  it('given a question longer than a modal label (45) → the label is cut, the whole question is shown in the modal', async () => {
    h.app.context.commands.extend('visit', [
      {
        name: 'review',
        description: 'help.description',
        role: 'member',
        args: [],
        run: async ({ event, responder, t }) => {
          await h.app.context.questionnaires.ask(event.user, reviewForm, t, { responder });
        },
      },
    ]);
    const opened = await h.interact(slashCommand(h.fake, people.giulia, 'visit', 'review'));
    expect(opened.body.type).toBe(9);
    const components = opened.body.data.components as any[];
    const labels = components.filter((c) => c.type === 18);
    expect(labels.map((c) => c.component.custom_id)).toEqual(['practices', 'days']);
    expect(labels.every((c) => c.label.length <= 45)).toBe(true);
    const shown = components.filter((c) => c.type === 10).map((c) => c.content as string);
    expect(shown.join('\n')).toContain(longQuestion);
    const done = await h.interact(modalSubmit(h.fake, people.giulia, opened.body.data.custom_id, { practices: 'Shared export desk', days: '2' }));
    expect(done.body.data.flags & 64).toBe(64);
  });

  it('given a form of text and number fields → it opens as a modal; a valid submission reaches the feature with clean values', async () => {
    const opened = await h.interact(slashCommand(h.fake, people.giulia, 'visit', 'log'));
    expect(opened.body.type).toBe(9);
    const modal = opened.body.data;
    expect(modal.custom_id).toBe('visit:log|wave-7');
    expect(modal.components.map((c: any) => c.component.custom_id)).toEqual(['host', 'days', 'notes']);
    expect(modal.title.length).toBeLessThanOrEqual(45);

    const done = await h.interact(modalSubmit(h.fake, people.giulia, modal.custom_id, { host: 'Kunststoff-Cluster', days: ' 3 ', notes: '' }));
    expect(done.body.data.flags & 64).toBe(64);
    expect(done.body.data.content).toContain('Kunststoff-Cluster saved');
    expect(saved).toEqual([{ values: { host: 'Kunststoff-Cluster', days: '3' }, context: 'wave-7' }]);
  });

  it('given a number that is not one → an ephemeral list of problems and a button that reopens the modal filled in', async () => {
    const opened = await h.interact(slashCommand(h.fake, people.giulia, 'visit', 'log'));
    const refused = await h.interact(modalSubmit(h.fake, people.giulia, opened.body.data.custom_id, { host: 'Aerospace Lombardia', days: 'twelve' }));
    expect(saved).toEqual([]);
    expect(refused.body.data.flags & 64).toBe(64);
    expect(JSON.stringify(refused.body.data)).toMatch(/How many days\?: Please type a number/);
    const reply = h.fake.interactions.get(refused.path.split('/')[2]!)!.original!;
    const [reopenId] = customIds(reply);
    expect(reopenId).toMatch(/^discord:reopen\|/);

    const reopened = await h.interact(buttonClick(h.fake, people.giulia, reply, reopenId!));
    expect(reopened.body.type).toBe(9);
    const values = Object.fromEntries(reopened.body.data.components.map((c: any) => [c.component.custom_id, c.component.value]));
    expect(values).toMatchObject({ host: 'Aerospace Lombardia', days: 'twelve' });

    await h.interact(modalSubmit(h.fake, people.giulia, reopened.body.data.custom_id, { host: 'Aerospace Lombardia', days: '2' }));
    expect(saved).toHaveLength(1);
  });

  it('given the feature refuses a field → its message comes back the same way', async () => {
    const opened = await h.interact(slashCommand(h.fake, people.giulia, 'visit', 'log'));
    await h.interact(modalSubmit(h.fake, people.giulia, opened.body.data.custom_id, { host: 'nowhere', days: '1' }));
    const replies = h.fake.requests.filter((r) => r.path.startsWith('/webhooks/') || (r.path.includes('/callback') && r.body.type === 4));
    expect(JSON.stringify(replies.at(-1)!.body)).toContain('That cluster is not in the network.');
  });

  it('given a card with buttons → rendered as a row; a click reaches the action handler, which edits the source message', async () => {
    const shown = await h.interact(slashCommand(h.fake, people.giulia, 'visit', 'card'));
    const message = h.fake.interactions.get(shown.path.split('/')[2]!)!.original!;
    expect(customIds(message)).toEqual(['visit:accept|v1', 'visit:decline|v1']);
    const clicked = await h.interact(buttonClick(h.fake, people.giulia, message, 'visit:accept|v1'));
    expect(clicked.body.type).toBe(7);
    expect(clicked.body.data).toMatchObject({ content: 'Accepted (v1)', components: [] });
  });
});
