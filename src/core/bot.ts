// The Bot: the core's only InboundHandler. It resolves the member, checks roles, routes commands,
// actions, form submissions and messages, runs questionnaires, and turns failures into replies
// written for users (with a reference for anything unexpected).
import type { CommandRegistry, CommandSpec } from './commands.ts';
import { parseArgs, tokenizeRaw, usageLine } from './commands.ts';
import { BotError, UserFacingError, errorReference } from './errors.ts';
import type { ActionEvent, FormOutcome, FormSubmitEvent, InboundEvent, MessageEvent, Responder } from './events.ts';
import { resolveLanguage, type I18n, type Translator } from './i18n.ts';
import type { Logger } from './logger.ts';
import { hasRole, type Member, type MemberDirectory } from './members.ts';
import type { AdapterCapabilities, ChatAdapter } from './port.ts';
import { ANSWER_ACTION_ID, QuestionnaireEngine, type QuestionnaireSession, type SessionStore } from './questionnaire.ts';
import { platformOf, type ConversationRef, type MessageRef, type Platform, type UserRef } from './refs.ts';
import type { Block, FormSpec, FormValues, OutboundMessage } from './ui.ts';

export interface HandlerContext<E extends InboundEvent = InboundEvent> {
  event: E;
  responder: Responder;
  member: Member;
  language: string;
  t: Translator;
}

export type ActionHandler = (ctx: HandlerContext<ActionEvent>) => Promise<OutboundMessage | void>;
export type FormHandler = (ctx: HandlerContext<FormSubmitEvent>) => Promise<FormOutcome | OutboundMessage | void>;
/** Returns true when it handled the message. */
export type MessageHandler = (ctx: HandlerContext<MessageEvent>) => Promise<boolean>;
/** One feature's part of a person's home view (Slack App Home, the shell's /help home…). */
export type HomeSection = (ctx: { member: Member; language: string; t: Translator }) => Promise<Block[]>;

export interface BotDeps {
  registry: CommandRegistry;
  members: MemberDirectory;
  i18n: I18n;
  sessions: SessionStore;
  /** False when this delivery id was seen before: a platform retry or a replay. */
  firstDelivery(key: string): Promise<boolean>;
  logger: Logger;
}

export class Bot {
  readonly #adapters = new Map<Platform, ChatAdapter>();
  readonly #actions = new Map<string, ActionHandler>();
  readonly #forms = new Map<string, FormHandler>();
  readonly #messageHandlers: MessageHandler[] = [];
  readonly #homeSections: HomeSection[] = [];
  /** Events of one person run one after another, so a questionnaire never sees two answers at once. */
  readonly #queues = new Map<string, Promise<unknown>>();
  readonly engine: QuestionnaireEngine;

  constructor(private readonly deps: BotDeps) {
    const words = (key: string) => deps.i18n.languages.flatMap((l) => deps.i18n.translator(l)(key).split('|'));
    this.engine = new QuestionnaireEngine(deps.sessions, {
      back: words('questionnaire.word_back'),
      skip: words('questionnaire.word_skip'),
      cancel: words('questionnaire.word_cancel'),
    });
  }

  get registry(): CommandRegistry {
    return this.deps.registry;
  }

  command(spec: CommandSpec): void {
    this.deps.registry.add(spec);
  }

  onAction(actionId: string, handler: ActionHandler): void {
    this.#actions.set(actionId, handler);
  }

  onForm(formId: string, handler: FormHandler): void {
    this.#forms.set(formId, handler);
  }

  onMessage(handler: MessageHandler): void {
    this.#messageHandlers.push(handler);
  }

  onHome(section: HomeSection): void {
    this.#homeSections.push(section);
  }

  /** The person's home view, assembled from every feature's section. */
  async home(user: UserRef, locale?: string): Promise<OutboundMessage> {
    const member = await this.deps.members.ensure(user);
    const language = this.languageOf(member, locale);
    const t = this.deps.i18n.translator(language);
    const blocks: Block[] = [];
    for (const section of this.#homeSections) blocks.push(...(await section({ member, language, t })));
    const title = t('core.home_title', { name: member.displayName });
    return { text: title, card: { title, blocks: blocks.length ? blocks : [{ type: 'text', markdown: t('core.home_empty') }] } };
  }

  attach(adapter: ChatAdapter): void {
    this.#adapters.set(adapter.platform, adapter);
  }

  adapter(platform: Platform): ChatAdapter {
    const adapter = this.#adapters.get(platform);
    if (!adapter) throw new BotError('not_supported', `no ${platform} adapter running`);
    return adapter;
  }

  platforms(): Platform[] {
    return [...this.#adapters.keys()];
  }

  translator(language: string): Translator {
    return this.deps.i18n.translator(language);
  }

  languageOf(member: Member, locale?: string): string {
    return resolveLanguage(this.deps.i18n, locale, member.language);
  }

  /** Posts now, outside the outbox: for answers in a conversation the person just spoke in. */
  post(to: ConversationRef, message: OutboundMessage): Promise<MessageRef> {
    return this.adapter(platformOf(to)).post(to, message);
  }

  /** The InboundHandler adapters call. */
  handle = (event: InboundEvent, responder: Responder): Promise<FormOutcome | void> => {
    const key = `${event.platform}:${event.user.id}`;
    const previous = this.#queues.get(key) ?? Promise.resolve();
    const run = previous.then(() => this.#dispatch(event, responder));
    const settled = run.catch(() => undefined);
    this.#queues.set(key, settled);
    void settled.then(() => {
      if (this.#queues.get(key) === settled) this.#queues.delete(key);
    });
    return run;
  };

  /**
   * Shows a form: a modal when this event can still open one and the platform can hold the form,
   * otherwise the questionnaire engine in a direct conversation.
   */
  async ask(user: UserRef, form: FormSpec, t: Translator, options: { responder?: Responder; prefill?: FormValues } = {}): Promise<'modal' | 'questionnaire'> {
    const adapter = this.adapter(user.platform);
    if (options.responder?.openForm && formFits(adapter.capabilities, form)) {
      await options.responder.openForm(form);
      return 'modal';
    }
    const conversation = await adapter.openDirect(user);
    await adapter.post(conversation, await this.engine.start(user, conversation, form, t, options.prefill));
    return 'questionnaire';
  }

  async #dispatch(event: InboundEvent, responder: Responder): Promise<FormOutcome | void> {
    if (event.deliveryId && !(await this.deps.firstDelivery(`${event.platform}:${event.deliveryId}`))) {
      this.deps.logger.info({ platform: event.platform, kind: event.kind }, 'replayed delivery ignored');
      return;
    }
    const member = await this.deps.members.ensure(event.user, { timeZone: event.timeZone });
    const language = this.languageOf(member, event.locale);
    const ctx = { event, responder, member, language, t: this.deps.i18n.translator(language) };
    try {
      switch (event.kind) {
        case 'command':
          return await this.#command({ ...ctx, event });
        case 'action':
          return await this.#action({ ...ctx, event });
        case 'form_submit':
          return await this.#submit({ ...ctx, event });
        case 'message':
          return await this.#message({ ...ctx, event });
      }
    } catch (error) {
      await this.#fail(error, ctx);
    }
  }

  async #command(ctx: HandlerContext<InboundEvent & { kind: 'command' }>): Promise<void> {
    const { event, t } = ctx;
    const spec = this.deps.registry.get(event.name);
    if (!spec) throw new UserFacingError('core.unknown_command', { command: event.name });
    const { tokens, raw } = tokenizeRaw(event.text);
    const resolved = this.deps.registry.resolve(spec, tokens);
    if (!resolved) {
      const lines = spec.subcommands.filter((s) => hasRole(ctx.member, s.role)).map((s) => usageLine(spec.name, s));
      await ctx.responder.reply({ text: t('core.usage', { usage: lines.join('\n') }) }, { ephemeral: true });
      return;
    }
    const { sub, rest } = resolved;
    if (!hasRole(ctx.member, sub.role)) throw new UserFacingError('core.forbidden', { role: t(`role.${sub.role}`) });
    const args = parseArgs(sub, rest, raw.slice(tokens.length - rest.length));
    if (!args.ok) {
      const usage = usageLine(spec.name, sub);
      await ctx.responder.reply({ text: t('core.bad_args', { usage, detail: args.error.detail ?? '' }) }, { ephemeral: true });
      return;
    }
    const reply = await sub.run({ ...ctx, args: args.value });
    if (reply) await ctx.responder.reply(reply);
  }

  async #action(ctx: HandlerContext<ActionEvent>): Promise<void> {
    const { event } = ctx;
    if (event.actionId === ANSWER_ACTION_ID) {
      const session = await this.engine.active(event.user);
      if (session && event.value !== undefined) return this.#answer(session, event.value, true, ctx);
      throw new UserFacingError('questionnaire.none_active');
    }
    const handler = this.#actions.get(event.actionId);
    if (!handler) throw new UserFacingError('core.stale_button');
    const reply = await handler(ctx);
    if (reply) await ctx.responder.reply(reply, { ephemeral: true });
  }

  async #submit(ctx: HandlerContext<FormSubmitEvent>): Promise<FormOutcome | void> {
    const handler = this.#forms.get(ctx.event.formId);
    if (!handler) throw new UserFacingError('core.stale_button');
    const outcome = await handler(ctx);
    if (outcome && 'text' in outcome) {
      await ctx.responder.reply(outcome, { ephemeral: true });
      return { ok: true };
    }
    return outcome ?? { ok: true };
  }

  async #message(ctx: HandlerContext<MessageEvent>): Promise<void> {
    const { event, t } = ctx;
    if (event.isDirect) {
      const session = await this.engine.active(event.user);
      if (session) return this.#answer(session, event.text, false, ctx);
    }
    for (const handler of this.#messageHandlers) if (await handler(ctx)) return;
    if (event.isDirect) await ctx.responder.reply({ text: t('core.dm_hint') });
  }

  async #answer(session: QuestionnaireSession, input: string, pressed: boolean, ctx: HandlerContext): Promise<void> {
    const step = await this.engine.answer(session, input, ctx.t, pressed);
    if (step.status !== 'finished') {
      await this.post(session.conversation, step.message);
      return;
    }
    const submit: FormSubmitEvent = {
      kind: 'form_submit',
      platform: session.user.platform,
      user: session.user,
      conversation: session.conversation,
      isDirect: true,
      formId: session.form.formId,
      values: step.values,
      ...(session.form.context !== undefined ? { context: session.form.context } : {}),
    };
    const responder: Responder = { reply: (message) => this.post(session.conversation, message) };
    const outcome = await this.#submit({ ...ctx, event: submit, responder });
    if (outcome && !outcome.ok) await this.post(session.conversation, await this.engine.reopen(step.session, outcome.fieldErrors, ctx.t));
  }

  async #fail(error: unknown, ctx: HandlerContext): Promise<void> {
    const { event, responder, t } = ctx;
    if (error instanceof UserFacingError) {
      await responder.reply({ text: t(error.key, error.vars) }, { ephemeral: true }).catch(() => undefined);
      return;
    }
    const reference = errorReference();
    this.deps.logger.error({ err: error, reference, platform: event.platform, kind: event.kind }, 'handler failed');
    await responder.reply({ text: t('core.failed', { reference }) }, { ephemeral: true }).catch(() => undefined);
  }
}

/** Whether a modal on this platform can hold the whole form. */
export function formFits(capabilities: AdapterCapabilities, form: FormSpec): boolean {
  const forms = capabilities.forms;
  if (!forms) return false;
  if (form.fields.length > forms.maxFields) return false;
  if (!forms.conditional && form.fields.some((f) => f.when)) return false;
  return form.fields.every((f) => forms.kinds.includes(f.kind));
}
