// The Responder for one Discord interaction. Discord wants a first answer within 3 seconds and
// exactly once: this class keeps that state. A modal can open only as the first answer; if the
// handler has not answered after `deferAfterMs` it defers (a "thinking…" reply for commands and
// modal submissions, a silent acknowledgement for buttons) and later answers edit or follow it.
import { MessageFlags, type ChatInputCommandInteraction, type MessageComponentInteraction, type ModalSubmitInteraction } from 'discord.js';
import type { ConversationRef, FormSpec, Logger, MessageRef, OutboundMessage, ReplyOptions, Responder } from '../../src/core/index.ts';
import { toDiscordPayloads, type DiscordPayload } from './discord-components.ts';

export type RespondableInteraction = ChatInputCommandInteraction | MessageComponentInteraction | ModalSubmitInteraction;

type State = 'pending' | 'deferred' | 'answered' | 'modal';

export interface ResponderDeps {
  conversation: ConversationRef;
  cards: boolean;
  deferAfterMs: number;
  logger: Logger;
  /** Opens the form as a modal (the adapter remembers it for validation on submit). */
  showForm(form: FormSpec): Promise<void>;
  /** The text sent when the handler answered nothing, so Discord does not show "interaction failed". */
  doneText(): string;
}

export class InteractionResponder implements Responder {
  #state: State = 'pending';
  #deferredEphemeral = false;
  #chain: Promise<unknown> = Promise.resolve();
  readonly #timer: NodeJS.Timeout;

  constructor(
    private readonly interaction: RespondableInteraction,
    private readonly deps: ResponderDeps,
  ) {
    this.#timer = setTimeout(() => void this.#serial(() => this.#defer()).catch(() => undefined), deps.deferAfterMs);
    this.#timer.unref();
  }

  get #component(): boolean {
    return this.interaction.isMessageComponent();
  }

  /** Present only while a modal can still be the first answer (not for modal submissions). */
  get openForm(): ((form: FormSpec) => Promise<void>) | undefined {
    if (this.#state !== 'pending' || this.interaction.isModalSubmit()) return undefined;
    return (form) =>
      this.#serial(async () => {
        if (this.#state !== 'pending') throw new Error('interaction already answered');
        clearTimeout(this.#timer);
        this.#state = 'modal';
        await this.deps.showForm(form);
      });
  }

  reply(message: OutboundMessage, options: ReplyOptions = {}): Promise<MessageRef | null> {
    return this.#serial(async () => {
      const ephemeral = Boolean(options.ephemeral);
      const [first, ...more] = toDiscordPayloads(message, { cards: this.deps.cards });
      const flags = ephemeral ? MessageFlags.Ephemeral : undefined;
      let id: string | undefined;
      const files = message.attachments?.map((a) => ({ name: a.filename, attachment: Buffer.from(a.base64, 'base64') }));
      const withFiles = (p: DiscordPayload | undefined, last: boolean) => ({ ...p, ...(last && files?.length ? { files } : {}) });
      const i = this.interaction;
      if (this.#state === 'pending') {
        clearTimeout(this.#timer);
        this.#state = 'answered';
        const response = await i.reply({ ...withFiles(first, more.length === 0), ...(flags ? { flags } : {}), withResponse: true });
        id = response.resource?.message?.id;
      } else if (this.#state === 'deferred' && !this.#component && this.#deferredEphemeral === ephemeral) {
        this.#state = 'answered';
        id = (await i.editReply(withFiles(first, more.length === 0))).id;
      } else {
        if (this.#state === 'deferred' && !this.#component) await i.deleteReply().catch(() => undefined);
        this.#state = 'answered';
        id = (await i.followUp({ ...withFiles(first, more.length === 0), ...(flags ? { flags } : {}) })).id;
      }
      for (const [n, p] of more.entries()) await i.followUp({ ...withFiles(p, n === more.length - 1), ...(flags ? { flags } : {}) });
      return ephemeral || !id ? null : { conversation: this.deps.conversation, id };
    });
  }

  get updateSource(): ((message: OutboundMessage) => Promise<void>) | undefined {
    const i = this.interaction;
    if (!i.isMessageComponent()) return undefined;
    return (message) =>
      this.#serial(async () => {
        const [first = {}] = toDiscordPayloads(message, { cards: this.deps.cards });
        const full = { content: first.content ?? '', embeds: first.embeds ?? [], components: first.components ?? [] };
        if (this.#state === 'pending') {
          clearTimeout(this.#timer);
          this.#state = 'answered';
          await i.update(full);
        } else if (this.#state === 'deferred') {
          this.#state = 'answered';
          await i.editReply(full);
        } else await i.webhook.editMessage(i.message.id, full);
      });
  }

  /** After the handler: answer something if nothing was answered, and stop the deferral timer. */
  finish(): Promise<void> {
    clearTimeout(this.#timer);
    return this.#serial(async () => {
      if (this.#state === 'deferred' && !this.#component) {
        this.#state = 'answered';
        await this.interaction.editReply({ content: this.deps.doneText() });
      }
      if (this.#state !== 'pending') return;
      this.#state = 'answered';
      if (this.#component) await (this.interaction as MessageComponentInteraction).deferUpdate();
      else await this.interaction.reply({ content: this.deps.doneText(), flags: MessageFlags.Ephemeral });
    }).catch((error: unknown) => this.deps.logger.debug({ code: (error as { code?: unknown }).code }, 'discord: could not acknowledge interaction'));
  }

  async #defer(): Promise<void> {
    if (this.#state !== 'pending') return;
    this.#state = 'deferred';
    if (this.#component) await (this.interaction as MessageComponentInteraction).deferUpdate();
    else {
      this.#deferredEphemeral = this.interaction.isModalSubmit();
      await this.interaction.deferReply(this.#deferredEphemeral ? { flags: MessageFlags.Ephemeral } : {});
    }
  }

  /** One Discord call at a time per interaction, in order. */
  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#chain.then(work);
    this.#chain = run.catch((error: unknown) => this.deps.logger.debug({ code: (error as { code?: unknown }).code }, 'discord: interaction call failed'));
    return run;
  }
}
