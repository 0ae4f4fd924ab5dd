// The Bot: the core's only InboundHandler. It resolves the member, checks roles, parses arguments,
// routes commands, actions, form submissions, messages and suggestions, runs questionnaires, and
// turns failures into replies written for users (with a reference for anything unexpected).
// Features never see it: they get a FeatureContext of narrow handles (see feature.ts).
import type { Clock } from './clock.ts';
import { argProblemText } from './command-feedback.ts';
import { parseArgs, usageLine, type CommandRegistry, type CommandReply } from './commands.ts';
import type { AdapterConversations } from './conversations.ts';
import { UserFacingError, errorReference } from './errors.ts';
import type { ActionEvent, CommandEvent, FormOutcome, FormSubmitEvent, InboundEvent, MessageEvent, Responder, SuggestEvent } from './events.ts';
import type { FeatureContext, FirstContact, Languages, SuggestionProvider } from './feature.ts';
import { resolveLanguage, type I18n, type Translator } from './i18n.ts';
import type { Logger } from './logger.ts';
import { hasRole, type Member, type MemberDirectory } from './members.ts';
import type { Outbox } from './outbox.ts';
import { PersonalDataRegistry } from './personal-data.ts';
import { ANSWER_ACTION_ID, QuestionnaireEngine, type FieldCheck, type SessionStore } from './questionnaire.ts';
import { QuestionnaireService } from './questionnaires.ts';
import type { UserRef } from './refs.ts';
import type { PersonSerializer } from './replicas.ts';
import { deliveringResponder } from './replies.ts';
import type { ActionHandler, FormHandler, HandlerContext, HomeSection, MessageHandler } from './routes.ts';
import type { Block, OutboundMessage } from './ui.ts';

export interface BotDeps {
  registry: CommandRegistry;
  members: MemberDirectory;
  i18n: I18n;
  sessions: SessionStore;
  conversations: AdapterConversations;
  /** False when this delivery id was seen before: a platform retry or a replay. */
  firstDelivery(key: string): Promise<boolean>;
  clock: Clock;
  logger: Logger;
  /** One person's events one at a time across replicas too (replicas.ts); in this process the queue below does it. */
  serial?: PersonSerializer;
}

export class Bot {
  readonly #actions = new Map<string, ActionHandler>();
  readonly #forms = new Map<string, { handler: FormHandler; checkField?: FieldCheck | undefined }>();
  readonly #messageHandlers: MessageHandler[] = [];
  readonly #homeSections: HomeSection[] = [];
  readonly #suggestions = new Map<string, SuggestionProvider>();
  readonly #firstContact: FirstContact[] = [];
  readonly personalData = new PersonalDataRegistry();
  /** Events of one person run one after another, so a questionnaire never sees two answers at once. */
  readonly #queues = new Map<string, Promise<unknown>>();
  readonly questionnaires: QuestionnaireService;
  readonly languages: Languages;

  constructor(private readonly deps: BotDeps) {
    const words = (key: string) => deps.i18n.languages.flatMap((l) => deps.i18n.translator(l)(key).split('|'));
    const engine = new QuestionnaireEngine(deps.sessions, {
      back: words('questionnaire.word_back'),
      skip: words('questionnaire.word_skip'),
      keep: words('questionnaire.word_keep'),
      cancel: words('questionnaire.word_cancel'),
    });
    this.languages = {
      list: deps.i18n.languages,
      translator: (language) => deps.i18n.translator(language),
      languageOf: (member, locale) => resolveLanguage(deps.i18n, locale, member.language),
    };
    this.questionnaires = new QuestionnaireService({
      engine,
      conversations: deps.conversations,
      clock: deps.clock,
      logger: deps.logger,
      startedAt: deps.clock.now(),
      translatorFor: async (user) => this.#translatorOf(await deps.members.ensure(user)),
      submit: (session, values, t) => this.#submitFromQuestionnaire(session.user, session.form, values, t),
      checkFor: (formId) => this.#forms.get(formId)?.checkField,
    });
  }

  get registry(): CommandRegistry {
    return this.deps.registry;
  }

  /** The handles a feature registers with; the composition root adds storage-backed ones. */
  featureContext(parts: { outbox: Outbox; clock: Clock; logger: Logger }): FeatureContext {
    return {
      commands: { add: (spec) => this.deps.registry.add(spec), extend: (name, subs) => this.deps.registry.extend(name, subs) },
      onAction: (actionId, handler) => void this.#actions.set(actionId, handler),
      onForm: (formId, handler, options) => void this.#forms.set(formId, { handler, checkField: options?.checkField }),
      onMessage: (handler) => void this.#messageHandlers.push(handler),
      onHome: (section) => void this.#homeSections.push(section),
      onSuggest: (kind, provider) => void this.#suggestions.set(kind, provider),
      onFirstContact: (greeting) => void this.#firstContact.push(greeting),
      personalData: { register: (provider) => this.personalData.register(provider), all: () => this.personalData.all() },
      conversations: this.deps.conversations,
      questionnaires: this.questionnaires,
      languages: this.languages,
      members: this.deps.members,
      ...parts,
    };
  }

  /** The person's home view, assembled from every feature's section. */
  async home(user: UserRef, locale?: string): Promise<OutboundMessage> {
    const member = await this.deps.members.ensure(user);
    const language = this.languages.languageOf(member, locale);
    const t = this.deps.i18n.translator(language);
    const blocks: Block[] = [];
    for (const section of this.#homeSections) blocks.push(...(await section({ member, language, t })));
    const title = t('core.home_title', { name: member.displayName });
    return { text: title, card: { title, blocks: blocks.length ? blocks : [{ type: 'text', markdown: t('core.home_empty') }] } };
  }

  /** The InboundHandler adapters call. */
  handle = (event: InboundEvent, responder: Responder): Promise<FormOutcome | void> => {
    const key = `${event.platform}:${event.user.id}`;
    const previous = this.#queues.get(key) ?? Promise.resolve();
    const dispatch = () => this.#dispatch(event, responder);
    const run = previous.then(() => (this.deps.serial ? this.deps.serial.run(key, dispatch) : dispatch()));
    const settled = run.catch(() => undefined);
    this.#queues.set(key, settled);
    void settled.then(() => {
      if (this.#queues.get(key) === settled) this.#queues.delete(key);
    });
    return run;
  };

  #translatorOf(member: Member, locale?: string): Translator {
    return this.deps.i18n.translator(this.languages.languageOf(member, locale));
  }

  async #dispatch(event: InboundEvent, raw: Responder): Promise<FormOutcome | void> {
    if (event.deliveryId && !(await this.deps.firstDelivery(`${event.platform}:${event.deliveryId}`))) {
      this.deps.logger.info({ platform: event.platform, kind: event.kind }, 'replayed delivery ignored');
      return;
    }
    const member = await this.deps.members.ensure(event.user, event.timeZone ? { timeZone: event.timeZone } : {});
    const language = this.languages.languageOf(member, event.locale);
    const t = this.deps.i18n.translator(language);
    if (!member.privacyNoticeAt && event.kind !== 'suggest') await this.#greet(member, language, t);
    const responder = deliveringResponder(this.deps, event, raw, t);
    const ctx = { event, responder, member, language, t };
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
        case 'suggest':
          return await this.#suggest({ ...ctx, event });
      }
    } catch (error) {
      await this.#fail(error, ctx);
    }
  }

  /** The first-contact messages (the privacy notice), by DM, once per person. */
  async #greet(member: Member, language: string, t: Translator): Promise<void> {
    await this.deps.members.markNoticed(member.id, this.deps.clock.now());
    for (const greeting of this.#firstContact) {
      const message = await greeting({ member, language, t });
      if (!message) continue;
      const user = { platform: member.platform, id: member.platformId };
      await this.deps.conversations
        .post(await this.deps.conversations.openDirect(user), message)
        .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'first-contact message not delivered'));
    }
  }

  async #reply(responder: Responder, reply: CommandReply): Promise<void> {
    if (!reply) return;
    if ('visibility' in reply) await responder.reply(reply.message);
    else await responder.reply(reply, { ephemeral: true });
  }

  async #command(ctx: HandlerContext<CommandEvent>): Promise<void> {
    const { event, t, member } = ctx;
    const spec = this.deps.registry.get(event.name);
    if (!spec) throw new UserFacingError('core.unknown_command', { command: event.name });
    const resolved = this.deps.registry.resolve(spec, event.text);
    if (!resolved) {
      const lines = spec.subcommands.filter((s) => hasRole(member, s.role)).map((s) => usageLine(spec.name, s));
      return this.#reply(ctx.responder, { text: t('core.usage', { usage: lines.join('\n') }) });
    }
    const { sub, rest } = resolved;
    if (!hasRole(member, sub.role)) throw new UserFacingError('core.forbidden', { role: t(`role.${sub.role}`) });
    const args = parseArgs(sub.args, rest);
    if (!args.ok) {
      const problem = argProblemText(args.error, t, this.deps.clock.now());
      return this.#reply(ctx.responder, { text: `${problem}\n${t('core.usage_one', { usage: usageLine(spec.name, sub) })}` });
    }
    await this.#reply(ctx.responder, await sub.run({ ...ctx, event, args: args.value }));
  }

  async #action(ctx: HandlerContext<ActionEvent>): Promise<void> {
    const { event, t } = ctx;
    if (event.actionId === ANSWER_ACTION_ID) {
      const taken = event.value !== undefined && (await this.questionnaires.onPress(event.user, event.conversation, event.value, t));
      if (!taken) throw new UserFacingError('questionnaire.none_active');
      return;
    }
    const handler = this.#actions.get(event.actionId);
    if (!handler) throw new UserFacingError('core.stale_button');
    const reply = await handler(ctx);
    if (reply) await ctx.responder.reply(reply, { ephemeral: true });
  }

  async #submit(ctx: HandlerContext<FormSubmitEvent>): Promise<FormOutcome | void> {
    const route = this.#forms.get(ctx.event.formId);
    if (!route) throw new UserFacingError('core.stale_button');
    const outcome = await route.handler(ctx);
    if (outcome && 'text' in outcome) {
      await ctx.responder.reply(outcome, { ephemeral: true });
      return { ok: true };
    }
    return outcome ?? { ok: true };
  }

  /** A finished questionnaire goes to its form's handler like a modal submission would. */
  async #submitFromQuestionnaire(
    user: UserRef,
    form: { formId: string; context?: string | undefined },
    values: Record<string, string | string[]>,
    t: Translator,
  ) {
    const route = this.#forms.get(form.formId);
    if (!route) throw new UserFacingError('core.stale_button');
    const member = await this.deps.members.ensure(user);
    const conversation = await this.deps.conversations.openDirect(user);
    const event: FormSubmitEvent = {
      kind: 'form_submit',
      platform: user.platform,
      user,
      conversation,
      isDirect: true,
      formId: form.formId,
      values,
      ...(form.context !== undefined ? { context: form.context } : {}),
    };
    const responder: Responder = { reply: (message) => this.deps.conversations.post(conversation, message) };
    return route.handler({ event, responder, member, language: this.languages.languageOf(member), t });
  }

  async #message(ctx: HandlerContext<MessageEvent>): Promise<void> {
    const { event, t } = ctx;
    if (event.isDirect && (await this.questionnaires.onMessage(event.user, event.conversation, event.text, t))) return;
    for (const handler of this.#messageHandlers) if (await handler(ctx)) return;
    if (event.isDirect) await ctx.responder.reply({ text: t('core.dm_hint') });
  }

  async #suggest(ctx: HandlerContext<SuggestEvent>): Promise<void> {
    const { event } = ctx;
    const sub = this.deps.registry.get(event.name)?.subcommands.find((s) => s.name === event.sub);
    const kind = sub?.args.find((a) => a.name === event.arg)?.suggest;
    const provider = kind ? this.#suggestions.get(kind) : undefined;
    const found = provider ? await provider({ member: ctx.member, language: ctx.language, t: ctx.t, query: event.query }) : [];
    await ctx.responder.suggest?.(found);
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
