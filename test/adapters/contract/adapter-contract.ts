// One adapter contract: the same behaviour, asserted the same way, against every ChatAdapter —
// shell, Slack (real Bolt on the fake Slack), Discord (real discord.js on the fake Discord) and the
// in-memory adapter the feature tests use. Each adapter has a driver that acts as people do on its
// platform and reads what they would see; the cases below never look at a platform's own shapes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actions,
  button,
  card,
  formFits,
  inChannel,
  text,
  type ChatAdapter,
  type ConversationRef,
  type FeatureContext,
  type FormSpec,
  type FormValues,
  type UserRef,
} from '../../../src/core/index.ts';

/** One message as a person sees it: where, its readable text, and who alone sees it (ephemeral). */
export interface Seen {
  where: ConversationRef;
  text: string;
  onlyFor?: string;
}

export interface ContractDriver {
  adapter: ChatAdapter;
  context: FeatureContext;
  /** A shared conversation (channel, room) both people are in. */
  room: ConversationRef;
  people: [UserRef, UserRef];
  /** Everything delivered so far, current versions of edited messages included. */
  seen(): Seen[];
  /** A slash command typed by a person in the room; resolves once the bot is done with it. */
  command(who: UserRef, name: string, text: string): Promise<void>;
  /** Presses the button with this label on the newest message that has one. */
  press(who: UserRef, label: string): Promise<void>;
  /** The field ids of the modal the bot opened for this person, if it did. */
  modal(who: UserRef): string[] | null;
  submit(who: UserRef, values: Record<string, string>): Promise<void>;
  /** A message written in the person's direct conversation with the bot. */
  dm(who: UserRef, text: string): Promise<void>;
  /** Who was invited to a thread the adapter opened. */
  invited(thread: ConversationRef): string[];
  /** What the platform refused so far as breaking its limits (a fake's validation); none where nothing checks. */
  refused(): string[];
  close(): Promise<void>;
}

const smallForm: FormSpec = {
  formId: 'contract:small',
  title: 'Contract form',
  fields: [
    { id: 'name', kind: 'text', label: 'Your name?', required: true },
    { id: 'count', kind: 'number', label: 'How many?', required: true, min: 1, max: 9, integer: true },
  ],
};

/** A follow-up question shown only on some answers: no modal holds that, so it is asked in the DM. */
const branchingForm: FormSpec = {
  formId: 'contract:branching',
  title: 'Branching form',
  fields: [
    { id: 'visited', kind: 'text', label: 'Did you visit another cluster (yes/no)?', required: true },
    { id: 'where', kind: 'text', label: 'Which one?', required: true, when: { field: 'visited', in: ['yes'] } },
  ],
};

/** About 46,000 characters: past Slack's 40,000 and many Discord messages, yet within Discord's 50 requests a second. */
const LONG_LINES = 1500;

export function adapterContract(name: string, start: () => Promise<ContractDriver>): void {
  describe(`adapter contract: ${name}`, () => {
    let d: ContractDriver;
    const submitted: Array<{ formId: string; user: string; values: FormValues }> = [];
    const pressed: Array<{ actionId: string; value?: string; user: string }> = [];

    beforeAll(async () => {
      d = await start();
      d.context.commands.add({
        name: 'contract',
        description: 'help.description',
        subcommands: (['private', 'public', 'small', 'branching'] as const).map((sub) => ({
          name: sub,
          description: 'help.description',
          role: 'member' as const,
          args: [],
          run: async ({ event, responder, t }) => {
            if (sub === 'private') return { text: `Secret for ${event.user.id}` };
            if (sub === 'public') return inChannel({ text: `Everyone sees this, from ${event.user.id}` });
            await d.context.questionnaires.ask(event.user, sub === 'small' ? smallForm : branchingForm, t, { responder });
            return undefined;
          },
        })),
      });
      for (const formId of [smallForm.formId, branchingForm.formId])
        d.context.onForm(formId, async ({ event }) => {
          submitted.push({ formId, user: event.user.id, values: event.values });
          return { text: `Saved ${formId}` };
        });
      d.context.onAction('contract:press', async ({ event, responder }) => {
        pressed.push({ actionId: event.actionId, ...(event.value !== undefined ? { value: event.value } : {}), user: event.user.id });
        await responder.updateSource?.({ text: `Pressed by ${event.user.id}` });
        return undefined;
      });
      d.context.onAction('contract:many', async ({ event }) => {
        pressed.push({ actionId: event.actionId, ...(event.value !== undefined ? { value: event.value } : {}), user: event.user.id });
        return undefined;
      });
    }, 60_000);
    afterAll(async () => {
      await d?.close();
    });

    const textsIn = (where: ConversationRef, who?: string) =>
      d
        .seen()
        .filter((s) => s.where === where && (!s.onlyFor || s.onlyFor === who))
        .map((s) => s.text);
    const everything = () => d.seen().map((s) => s.text);

    /** Answers a form the way this platform asked it: the modal, or the questions in the DM. */
    async function answer(who: UserRef, values: string[], fields: string[]): Promise<void> {
      if (d.modal(who)) return d.submit(who, Object.fromEntries(fields.map((f, i) => [f, values[i]!])));
      for (const value of values) await d.dm(who, value);
    }

    it('post: a card reaches the conversation with its text readable', async () => {
      const ref = await d.adapter.post(d.room, { text: 'Contract post', card: card('Contract card', text('Body line A')) });
      expect(ref.conversation).toBe(d.room);
      expect(textsIn(d.room).join('\n')).toContain('Body line A');
    });

    it('update: the posted message is replaced, not added to', async () => {
      const ref = await d.adapter.post(d.room, { text: 'Version one of the notice' });
      const before = textsIn(d.room).length;
      await d.adapter.update(ref, { text: 'Version two of the notice' });
      const after = textsIn(d.room);
      expect(after.join('\n')).toContain('Version two of the notice');
      expect(after.join('\n')).not.toContain('Version one of the notice');
      expect(after.length).toBe(before);
    });

    it('open a DM: the same conversation every time, and a message there reaches the person', async () => {
      const [alice] = d.people;
      const dm = await d.adapter.openDirect(alice);
      expect(await d.adapter.openDirect(alice)).toBe(dm);
      expect(dm).not.toBe(d.room);
      await d.adapter.post(dm, { text: 'Hello in private' });
      expect(textsIn(dm, alice.id)).toContain('Hello in private');
    });

    it('open a thread and invite: the opening is in the thread, and the invited person is in it', async () => {
      const [, bob] = d.people;
      const thread = await d.adapter.startThread(d.room, { text: 'Thread opening line' }, { title: 'Contract thread', invite: [bob] });
      expect(thread).not.toBe(d.room);
      expect(textsIn(thread).join('\n')).toContain('Thread opening line');
      expect(d.invited(thread)).toContain(bob.id);
    });

    it('private reply: seen by the person alone (ephemeral, or in their DM where there is none), never in the room', async () => {
      const [alice, bob] = d.people;
      await d.command(alice, 'contract', 'private');
      const secret = `Secret for ${alice.id}`;
      const dm = await d.adapter.openDirect(alice);
      const forAlice = d.seen().filter((s) => s.text.includes(secret));
      expect(forAlice.length).toBeGreaterThan(0);
      for (const s of forAlice) expect(s.where === dm || (s.where === d.room && s.onlyFor === alice.id)).toBe(true);
      expect(textsIn(d.room, bob.id).join('\n')).not.toContain(secret);
    });

    it('public reply: posted in the room for everyone', async () => {
      const [alice, bob] = d.people;
      await d.command(alice, 'contract', 'public');
      expect(textsIn(d.room, bob.id).join('\n')).toContain(`Everyone sees this, from ${alice.id}`);
    });

    it('a form that fits the platform opens as a modal, otherwise it is asked in the DM; either way the feature gets the values', async () => {
      const [alice] = d.people;
      await d.command(alice, 'contract', 'small');
      const fits = formFits(d.adapter.capabilities, smallForm);
      expect(d.modal(alice)).toEqual(fits ? ['name', 'count'] : null);
      if (!fits) expect(textsIn(await d.adapter.openDirect(alice), alice.id).join('\n')).toContain('Your name?');
      await answer(alice, ['Ada', '3'], ['name', 'count']);
      expect(submitted.filter((s) => s.formId === smallForm.formId)).toEqual([
        { formId: smallForm.formId, user: alice.id, values: { name: 'Ada', count: '3' } },
      ]);
      expect(everything().join('\n')).toContain(`Saved ${smallForm.formId}`);
    });

    it('a form no modal can hold falls back to a questionnaire in the DM, skip logic included', async () => {
      const [, bob] = d.people;
      await d.command(bob, 'contract', 'branching');
      expect(d.modal(bob)).toBeNull();
      const dm = await d.adapter.openDirect(bob);
      expect(textsIn(dm, bob.id).join('\n')).toContain('Did you visit another cluster');
      await d.dm(bob, 'yes');
      expect(textsIn(dm, bob.id).join('\n')).toContain('Which one?');
      await d.dm(bob, 'Aerospace Lombardia');
      expect(submitted.find((s) => s.formId === branchingForm.formId)).toEqual({
        formId: branchingForm.formId,
        user: bob.id,
        values: { visited: 'yes', where: 'Aerospace Lombardia' },
      });
    });

    it('buttons: a press reaches the feature with its value, and the message can be updated in place', async () => {
      const [, bob] = d.people;
      await d.adapter.post(d.room, {
        text: 'Proposal',
        card: card('Proposal', text('Meet Ada?'), actions(button('contract:press', 'Accept it', 'v-7', 'primary'))),
      });
      await d.press(bob, 'Accept it');
      expect(pressed).toEqual([{ actionId: 'contract:press', value: 'v-7', user: bob.id }]);
      expect(textsIn(d.room, bob.id).join('\n')).toContain(`Pressed by ${bob.id}`);
    });
    it('platform limits: a message far longer than any platform allows, and a card with many rows of buttons, arrive whole', async () => {
      const lines = Array.from({ length: LONG_LINES }, (_, i) => `line ${String(i + 1).padStart(4, '0')} of the long report`);
      await d.adapter.post(d.room, { text: lines.join('\n') });
      const shown = textsIn(d.room).join('\n');
      expect(shown).toContain('line 0001 of the long report');
      expect(shown).toContain(`line ${LONG_LINES} of the long report`);
      expect(shown.match(/line \d{4} of the long report/g)?.length).toBe(LONG_LINES);
      const many = Array.from({ length: 30 }, (_, i) => button('contract:many', `Option ${i + 1}`, String(i + 1)));
      const rows = Array.from({ length: 6 }, (_, r) => actions(...many.slice(r * 5, r * 5 + 5)));
      const blocks = [...Array.from({ length: 60 }, (_, i) => text(`Paragraph ${i + 1}`)), ...rows];
      await d.adapter.post(d.room, { text: 'A big card', card: card('Big card', ...blocks) });
      const after = textsIn(d.room).join('\n');
      expect(after).toContain('Paragraph 60');
      expect(d.refused()).toEqual([]);
      // Every button made it, the last one too, and it still works.
      const [alice] = d.people;
      await d.press(alice, 'Option 30');
      expect(pressed.at(-1)).toEqual({ actionId: 'contract:many', value: '30', user: alice.id });
    });
  });
}
