// The questionnaires port and its service: shows a form as a modal where the platform can hold it,
// otherwise runs the engine in the person's direct conversation. Every question is delivered (with
// retries) and marked as seen only once it reached the person; a message arriving for a question
// that never reached them, or that was asked before this process started, gets the question again
// instead of being taken as its answer.
import type { Clock } from './clock.ts';
import type { Conversations } from './conversations.ts';
import { DeliveryError } from './errors.ts';
import type { FormOutcome, Responder } from './events.ts';
import type { Translator } from './i18n.ts';
import type { Logger } from './logger.ts';
import { QuestionnaireEngine, readPress, type FieldCheck, type QuestionnaireSession, type Step } from './questionnaire.ts';
import type { AdapterCapabilities } from './port.ts';
import type { ConversationRef, UserRef } from './refs.ts';
import type { FormSpec, FormValues, OutboundMessage } from './ui.ts';

export interface Questionnaires {
  /** A modal where this event can still open one and the platform can hold the form, otherwise the questionnaire in a DM. */
  ask(user: UserRef, form: FormSpec, t: Translator, options?: { responder?: Responder; current?: FormValues }): Promise<'modal' | 'questionnaire'>;
  /** The person's questionnaire in progress for this form and context, if any. */
  find(user: UserRef, formId: string, context?: string): Promise<QuestionnaireSession | null>;
  /** Stops every questionnaire in progress for this form and context, telling each person why. */
  stopAll(formId: string, context: string | undefined, message: (t: Translator) => OutboundMessage): Promise<number>;
}

/** Whether a modal on this platform can hold the whole form. */
export function formFits(capabilities: AdapterCapabilities, form: FormSpec): boolean {
  const forms = capabilities.forms;
  if (!forms) return false;
  if (form.fields.length > forms.maxFields) return false;
  if (!forms.conditional && form.fields.some((f) => f.when)) return false;
  return form.fields.every((f) => forms.kinds.includes(f.kind));
}

export interface QuestionnaireDeps {
  engine: QuestionnaireEngine;
  conversations: Conversations;
  clock: Clock;
  logger: Logger;
  /** When this process started: questions asked before it are asked again before an answer counts. */
  startedAt: Date;
  /** The translator for a person, for messages the service sends on its own (a survey closed…). */
  translatorFor(user: UserRef): Promise<Translator>;
  /** Hands finished answers to the form's handler, as a modal submission would. */
  submit(session: QuestionnaireSession, values: FormValues, t: Translator): Promise<FormOutcome | OutboundMessage | void>;
  /** A feature's check of one answer, run as it is given. */
  checkFor(formId: string): FieldCheck | undefined;
}

export class QuestionnaireService implements Questionnaires {
  constructor(private readonly deps: QuestionnaireDeps) {}

  async ask(user: UserRef, form: FormSpec, t: Translator, options: { responder?: Responder; current?: FormValues } = {}): Promise<'modal' | 'questionnaire'> {
    const { conversations, engine } = this.deps;
    if (options.responder?.openForm && formFits(conversations.capabilities(user.platform), form)) {
      await options.responder.openForm(form, options.current);
      return 'modal';
    }
    const conversation = await conversations.openDirect(user);
    const { session, message } = await engine.start(user, conversation, form, t, options.current);
    await this.deliver(session, message);
    return 'questionnaire';
  }

  find(user: UserRef, formId: string, context?: string): Promise<QuestionnaireSession | null> {
    return this.deps.engine.find(user, formId, context);
  }

  async stopAll(formId: string, context: string | undefined, message: (t: Translator) => OutboundMessage): Promise<number> {
    const sessions = await this.deps.engine.forForm(formId, context);
    for (const session of sessions) {
      await this.deps.engine.remove(session);
      const t = await this.deps.translatorFor(session.user);
      await this.deps.conversations
        .post(session.conversation, message(t))
        .catch((error: unknown) => this.deps.logger.warn({ err: error }, 'could not tell a person their questionnaire stopped'));
      await this.#resumeWaiting(session.user, session.conversation, t);
    }
    return sessions.length;
  }

  /** A message in a direct conversation: true when a questionnaire took it. */
  async onMessage(user: UserRef, conversation: ConversationRef, text: string, t: Translator): Promise<boolean> {
    const session = await this.deps.engine.activeIn(user, conversation);
    if (!session) return false;
    if (!this.#seen(session)) {
      await this.deliver(session, this.deps.engine.repeat(session, t));
      return true;
    }
    await this.#step(await this.deps.engine.answer(session, text, t, { check: this.deps.checkFor(session.form.formId) }), t);
    return true;
  }

  /** A pressed option button; false when no questionnaire is waiting for it. */
  async onPress(user: UserRef, conversation: ConversationRef, value: string, t: Translator): Promise<boolean> {
    const session = await this.deps.engine.activeIn(user, conversation);
    if (!session) return false;
    const press = readPress(value);
    const field = session.form.fields[session.index];
    if (!press || !field || press.index !== session.index || !this.#seen(session)) {
      await this.deliver(session, this.deps.engine.repeat(session, t, t('questionnaire.earlier_button')));
      return true;
    }
    const option = field.kind === 'choice' ? field.options[Number(press.option) - 1]?.value : press.option;
    if (option === undefined) return false;
    await this.#step(await this.deps.engine.answer(session, option, t, { pressed: true, check: this.deps.checkFor(session.form.formId) }), t);
    return true;
  }

  /**
   * Posts a question and records that it reached the person; a failed delivery leaves it unseen.
   * When the platform keeps refusing for a while (rate limits, outages: the post already waited out
   * Retry-After and retried), there is nothing useful to tell the person through that same platform:
   * the question stays unseen and is asked again when they next write, so no message of theirs is
   * ever taken as the answer to a question they did not get. A permanent failure is thrown.
   */
  async deliver(session: QuestionnaireSession, message: OutboundMessage): Promise<void> {
    try {
      await this.deps.conversations.post(session.conversation, message);
    } catch (error) {
      if (!(error instanceof DeliveryError) || error.kind === 'permanent') throw error;
      this.deps.logger.warn({ reason: error.reason, form: session.form.formId }, 'question not delivered; it is asked again on the next message');
      return;
    }
    await this.deps.engine.delivered(session, this.deps.clock.now());
  }

  #seen(session: QuestionnaireSession): boolean {
    return session.asked !== null && session.asked.index === session.index && session.asked.at >= this.deps.startedAt;
  }

  async #step(step: Step, t: Translator): Promise<void> {
    const { engine, conversations } = this.deps;
    if (step.status === 'asked') return this.deliver(step.session, step.message);
    if (step.status === 'cancelled') {
      await conversations.post(step.session.conversation, step.message);
      return this.#resumeWaiting(step.session.user, step.session.conversation, t);
    }
    const { session, values } = step;
    const outcome = await this.deps.submit(session, values, t);
    if (outcome && 'ok' in outcome && !outcome.ok) {
      const reopened = await engine.reopen(session, outcome.fieldErrors, t);
      return this.deliver(reopened.session, reopened.message);
    }
    if (outcome && 'text' in outcome) await conversations.post(session.conversation, outcome);
    await this.#resumeWaiting(session.user, session.conversation, t);
  }

  async #resumeWaiting(user: UserRef, conversation: ConversationRef, t: Translator): Promise<void> {
    const next = await this.deps.engine.resumeWaiting(user, conversation, t);
    if (next) await this.deliver(next.session, next.message);
  }
}
