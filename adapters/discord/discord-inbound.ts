// Inbound Discord traffic as neutral events: slash commands (options rebuilt as registry text),
// buttons and selects (custom_id "<actionId>|<value>"), modal submissions (checked with the core's
// form rules first: Discord cannot show field errors inside a modal, so errors come back as an
// ephemeral reply with a button that reopens the modal, filled in), autocomplete, and DM messages.
import {
  MessageFlags,
  type AutocompleteInteraction,
  type CommandInteractionOption,
  type Interaction,
  type Message,
  type MessageComponentInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import {
  actions,
  button,
  card,
  conversationRef,
  text,
  validateForm,
  type Choice,
  type CommandRegistry,
  type ConversationRef,
  type FormSpec,
  type FormValues,
  type InboundEvent,
  type InboundHandler,
  type Logger,
  type MessageRef,
  type OutboundMessage,
  type Translator,
  type UserRef,
} from '../../src/core/index.ts';
import { coreSubcommand, commandText, discordName, type ReceivedOption } from './command-manifest.ts';
import { CUSTOM_ID_SEPARATOR, parseCustomId, toDiscordModal } from './discord-components.ts';
import { clip, DISCORD_LIMITS as L } from './discord-limits.ts';
import { InteractionResponder, type RespondableInteraction } from './discord-responder.ts';

export const REOPEN_ACTION_ID = 'discord:reopen';
/** Interaction tokens live 15 minutes; a remembered form is useless after that. */
const FORM_MEMORY_MS = 15 * 60_000;

export interface InboundDeps {
  registry: CommandRegistry;
  translator(locale?: string): Translator;
  logger: Logger;
  cards: boolean;
  deferAfterMs: number;
  readThreads: boolean;
}

interface OpenForm {
  user: string;
  form: FormSpec;
  values: FormValues;
  at: number;
}

export class DiscordInbound {
  readonly #forms = new Map<string, OpenForm>();
  #counter = 0;

  constructor(private readonly deps: InboundDeps) {}

  async interaction(i: Interaction, handle: InboundHandler): Promise<void> {
    if (i.isAutocomplete()) return this.#autocomplete(i, handle);
    if (!i.isChatInputCommand() && !i.isButton() && !i.isStringSelectMenu() && !i.isModalSubmit()) return;
    const t = this.deps.translator(i.locale);
    const conversation = conversationRef('discord', i.channelId ?? `dm-${i.user.id}`);
    const responder = new InteractionResponder(i, {
      conversation,
      cards: this.deps.cards,
      deferAfterMs: this.deps.deferAfterMs,
      logger: this.deps.logger,
      showForm: (form) => this.#show(i as Exclude<RespondableInteraction, ModalSubmitInteraction>, form, {}),
      doneText: () => t('discord.done'),
    });
    const base = {
      platform: 'discord' as const,
      user: this.#user(i),
      conversation,
      isDirect: !i.inGuild(),
      deliveryId: i.id,
      locale: i.locale,
    };
    let event: InboundEvent;
    if (i.isChatInputCommand()) {
      const spec = this.deps.registry.get(i.commandName);
      const sub = i.options.getSubcommand(false);
      const data = sub ? (i.options.data[0]?.options ?? []) : i.options.data;
      const received: ReceivedOption[] = data.flatMap((o: CommandInteractionOption) => (o.value === undefined ? [] : [{ name: o.name, value: o.value }]));
      event = {
        ...base,
        kind: 'command',
        name: i.commandName,
        text: spec ? commandText(spec, sub, received) : [sub, ...received.map((o) => String(o.value))].filter(Boolean).join(' '),
      };
    } else if (i.isModalSubmit()) {
      const submitted = this.#submitted(i);
      if (submitted.errors) {
        await responder.reply(this.#errorsMessage(i.user.id, submitted.form, submitted.event.values, submitted.errors, t), { ephemeral: true });
        return responder.finish();
      }
      event = { ...base, kind: 'form_submit', ...submitted.event };
    } else {
      const { actionId, value } = parseCustomId(i.customId);
      if (actionId === REOPEN_ACTION_ID) return this.#reopen(i, value ?? '', t);
      const picked = i.isStringSelectMenu() ? i.values[0] : value;
      event = { ...base, kind: 'action', actionId, ...(picked !== undefined ? { value: picked } : {}), source: { conversation, id: i.message.id } };
    }
    try {
      const outcome = await handle(event, responder);
      if (outcome && !outcome.ok && event.kind === 'form_submit') {
        const form = this.#forms.get(this.#formKey(i.user.id, (i as ModalSubmitInteraction).customId))?.form;
        await responder.reply(this.#errorsMessage(i.user.id, form, event.values, outcome.fieldErrors, t), { ephemeral: true });
      }
    } finally {
      await responder.finish();
    }
  }

  /** A DM to the bot (questionnaire answers…), or with `readThreads` a message in a server thread. */
  async message(m: Message, handle: InboundHandler, post: (to: ConversationRef, message: OutboundMessage) => Promise<MessageRef>): Promise<void> {
    if (m.author.bot || (m.inGuild() && !this.deps.readThreads) || !m.content.trim()) return;
    const conversation = conversationRef('discord', m.channelId);
    const user: UserRef = { platform: 'discord', id: m.author.id, displayName: m.member?.displayName ?? m.author.globalName ?? m.author.username };
    await handle(
      { platform: 'discord', kind: 'message', user, conversation, isDirect: !m.inGuild(), deliveryId: m.id, text: m.content },
      { reply: (message) => post(conversation, message) },
    );
  }

  #user(i: Interaction): UserRef {
    const member = i.member && 'displayName' in i.member ? i.member.displayName : undefined;
    return { platform: 'discord', id: i.user.id, displayName: member ?? i.user.globalName ?? i.user.username };
  }

  #formKey = (user: string, customId: string): string => `${user}${CUSTOM_ID_SEPARATOR}${customId}`;

  #remember(key: string, entry: OpenForm): void {
    const now = Date.now();
    for (const [k, v] of this.#forms) if (now - v.at > FORM_MEMORY_MS) this.#forms.delete(k);
    this.#forms.set(key, entry);
  }

  async #show(i: Exclude<RespondableInteraction, ModalSubmitInteraction>, form: FormSpec, values: FormValues): Promise<void> {
    const id = `${form.formId}${CUSTOM_ID_SEPARATOR}${form.context ?? ''}`;
    const modal = toDiscordModal(form, id, values);
    if (!modal) throw new Error(`form ${form.formId} does not fit a Discord modal`);
    this.#remember(this.#formKey(i.user.id, id), { user: i.user.id, form, values, at: Date.now() });
    await i.showModal(modal);
  }

  /** Reads a modal submission; with the form remembered, checks it with the same rules as the questionnaire. */
  #submitted(i: ModalSubmitInteraction): { event: { formId: string; values: FormValues; context?: string }; form?: FormSpec; errors?: Record<string, string> } {
    const { actionId: formId, value: context } = parseCustomId(i.customId);
    const raw: FormValues = {};
    for (const [id, field] of i.fields.fields) {
      const value = 'value' in field && typeof field.value === 'string' ? field.value.trim() : '';
      if (value) raw[id] = value;
    }
    const open = this.#forms.get(this.#formKey(i.user.id, i.customId));
    const event = { formId, values: raw, ...(context ? { context } : {}) };
    if (!open) return { event };
    const checked = validateForm(open.form, raw);
    const t = this.deps.translator(i.locale);
    if (checked.ok) return { event: { ...event, values: checked.value }, form: open.form };
    const errors = Object.fromEntries(Object.entries(checked.error).map(([id, e]) => [id, t(e.key, e.vars)]));
    return { event, form: open.form, errors };
  }

  /** The problems, and (while the form is remembered) a button that reopens the modal as it was filled in. */
  #errorsMessage(user: string, form: FormSpec | undefined, values: FormValues, errors: Record<string, string>, t: Translator): OutboundMessage {
    const intro = t('discord.form_errors', { title: form?.title ?? '' });
    const label = (id: string) => form?.fields.find((f) => f.id === id)?.label ?? id;
    const lines = Object.entries(errors).map(([id, problem]) => `• ${label(id)}: ${problem}`);
    const message = `${intro}\n${lines.join('\n')}`;
    if (!form) return { text: message };
    const key = `r${(++this.#counter).toString(36)}`;
    this.#remember(key, { user, form, values, at: Date.now() });
    return {
      text: message,
      card: card(undefined, text(intro), text(lines.join('\n')), actions(button(REOPEN_ACTION_ID, t('discord.reopen'), key, 'primary'))),
    };
  }

  async #reopen(i: MessageComponentInteraction, key: string, t: Translator): Promise<void> {
    const open = this.#forms.get(key);
    if (!open || open.user !== i.user.id) {
      await i.reply({ content: t('discord.form_expired'), flags: MessageFlags.Ephemeral }).catch(() => undefined);
      return;
    }
    await this.#show(i, open.form, open.values);
  }

  /**
   * Autocomplete: fixed choices the adapter knows; otherwise a suggest event through the core, whose
   * features' providers (survey ids, topics, calls, members…) answer in the person's language.
   */
  async #autocomplete(i: AutocompleteInteraction, handle: InboundHandler): Promise<void> {
    const spec = this.deps.registry.get(i.commandName);
    const sub = spec ? coreSubcommand(spec, i.options.getSubcommand(false)) : undefined;
    const focused = i.options.getFocused(true);
    const arg = sub?.args.find((a) => discordName(a.name) === focused.name);
    const typed = String(focused.value);
    let answered = false;
    const respond = async (choices: Choice[]) => {
      if (answered) return;
      answered = true;
      await i
        .respond(
          choices
            // A value Discord cannot carry whole would run the command on something else: left out.
            .filter((c) => c.value.length <= L.commandChoiceValueMax)
            .slice(0, L.autocompleteChoicesMax)
            .map((c) => ({ name: clip(c.label, L.commandChoiceNameMax), value: c.value })),
        )
        .catch((error: unknown) => this.deps.logger.debug({ code: (error as { code?: unknown }).code }, 'discord: autocomplete not answered'));
    };
    if (!spec || !sub || !arg) return respond([]);
    if (arg.choices && !arg.suggest) {
      const needle = typed.toLowerCase();
      return respond(arg.choices.filter((c) => c.toLowerCase().includes(needle)).map((c) => ({ label: c, value: c })));
    }
    const conversation = conversationRef('discord', i.channelId ?? `dm-${i.user.id}`);
    // No delivery id: every keystroke is a new question, and none of them changes anything.
    const event: InboundEvent = {
      platform: 'discord',
      kind: 'suggest',
      user: this.#user(i),
      conversation,
      isDirect: !i.inGuild(),
      locale: i.locale,
      name: spec.name,
      sub: sub.name,
      arg: arg.name,
      query: typed,
    };
    try {
      await handle(event, { reply: async () => null, suggest: (found) => respond(found) });
    } finally {
      await respond([]);
    }
  }
}
