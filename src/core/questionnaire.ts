// The questionnaire engine: asks a form one field at a time in a direct conversation, checks each
// answer as it is given, understands back / skip / keep / cancel, and keeps its progress in a
// SessionStore. A person may have several questionnaires in progress: one is active in a
// conversation, the others wait and resume where they were. An answer is taken only for the
// question that last reached the person; anything else gets that question again.
import { interpretTyped, isVisible, otherKey, validateValue, type FieldError } from './form-validation.ts';
import type { Translator } from './i18n.ts';
import type { ConversationRef, UserRef } from './refs.ts';
import type { FormField, FormSpec, FormValues, OutboundMessage } from './ui.ts';
import { questionMessage } from './questionnaire-views.ts';

export { ANSWER_ACTION_ID, pressValue, readPress } from './questionnaire-views.ts';

export interface QuestionnaireSession {
  user: UserRef;
  conversation: ConversationRef;
  form: FormSpec;
  /** Index into form.fields of the question being asked. */
  index: number;
  values: FormValues;
  /** Indexes asked before, for "back". */
  history: number[];
  /** The question that last reached the person, and when; null until one was delivered. */
  asked: { index: number; at: Date } | null;
  /** The one questionnaire taking answers in its conversation; the others wait their turn. */
  active: boolean;
}

/** Progress storage: one row per person, form and context. */
export interface SessionStore {
  /** The person's questionnaires in progress, oldest first. */
  forUser(user: UserRef): Promise<QuestionnaireSession[]>;
  /** Everyone's questionnaires in progress for one form (and context). */
  forForm(formId: string, context: string | undefined): Promise<QuestionnaireSession[]>;
  save(session: QuestionnaireSession): Promise<void>;
  /** Removes the row; personal and anonymous drafts must not stay readable in the file. */
  remove(session: QuestionnaireSession): Promise<void>;
}

/** Words that steer the questionnaire, in every language the network speaks. */
export interface SteeringWords {
  back: string[];
  skip: string[];
  keep: string[];
  cancel: string[];
}

/** A feature's own check of one answer, given the others (e.g. a country code it knows). */
export type FieldCheck = (field: FormField, value: string | string[] | undefined, values: FormValues, t: Translator) => string | null;

export type Step =
  | { status: 'asked'; session: QuestionnaireSession; message: OutboundMessage }
  | { status: 'cancelled'; session: QuestionnaireSession; message: OutboundMessage }
  | { status: 'finished'; values: FormValues; session: QuestionnaireSession };

export const sameQuestionnaire = (a: Pick<QuestionnaireSession, 'form'>, b: Pick<QuestionnaireSession, 'form'>): boolean =>
  a.form.formId === b.form.formId && (a.form.context ?? '') === (b.form.context ?? '');

export class QuestionnaireEngine {
  constructor(
    private readonly store: SessionStore,
    private readonly words: SteeringWords,
  ) {}

  /** The questionnaire taking answers in this conversation, if any. */
  async activeIn(user: UserRef, conversation: ConversationRef): Promise<QuestionnaireSession | null> {
    return (await this.store.forUser(user)).find((s) => s.active && s.conversation === conversation) ?? null;
  }

  /** The person's questionnaire in progress for this form and context (any context when none is given). */
  async find(user: UserRef, formId: string, context?: string): Promise<QuestionnaireSession | null> {
    const matches = (s: QuestionnaireSession) => s.form.formId === formId && (context === undefined || (s.form.context ?? '') === context);
    return (await this.store.forUser(user)).find(matches) ?? null;
  }

  forForm(formId: string, context?: string): Promise<QuestionnaireSession[]> {
    return this.store.forForm(formId, context);
  }

  /**
   * Starts a questionnaire, or resumes the one already in progress for the same form and context.
   * Whatever was active in that conversation waits. `current` values (what is stored already) are
   * shown with each question and kept with the keep word.
   */
  async start(
    user: UserRef,
    conversation: ConversationRef,
    form: FormSpec,
    t: Translator,
    current: FormValues = {},
  ): Promise<{ session: QuestionnaireSession; message: OutboundMessage }> {
    const all = await this.store.forUser(user);
    const existing = all.find((s) => sameQuestionnaire(s, { form }));
    const paused = all.filter((s) => s.active && s.conversation === conversation && s !== existing);
    for (const other of paused) await this.store.save({ ...other, active: false });
    const waiting = paused.map((s) => s.form.title);
    if (existing) {
      const session = { ...existing, conversation, active: true };
      await this.store.save(session);
      return { session, message: this.ask(session, t, undefined, this.intro(t('questionnaire.resume', { title: form.title }), waiting, t)) };
    }
    const session: QuestionnaireSession = {
      user,
      conversation,
      form,
      index: this.nextIndex(form, -1, current),
      values: { ...current },
      history: [],
      asked: null,
      active: true,
    };
    await this.store.save(session);
    const count = form.fields.filter((f) => isVisible(f, current)).length;
    return { session, message: this.ask(session, t, undefined, this.intro(t('questionnaire.intro', { title: form.title, count }), waiting, t)) };
  }

  /** Records that the current question reached the person. */
  async delivered(session: QuestionnaireSession, at: Date): Promise<QuestionnaireSession> {
    const next = { ...session, asked: { index: session.index, at } };
    await this.store.save(next);
    return next;
  }

  /** The current question again, e.g. after a restart or a message that was not an answer. */
  repeat(session: QuestionnaireSession, t: Translator, note?: string): OutboundMessage {
    return this.ask(session, t, undefined, note ?? t('questionnaire.resume', { title: session.form.title }));
  }

  /** Re-opens a finished questionnaire at the first field the feature refused. */
  async reopen(
    session: QuestionnaireSession,
    errors: Record<string, string>,
    t: Translator,
  ): Promise<{ session: QuestionnaireSession; message: OutboundMessage }> {
    const index = session.form.fields.findIndex((f) => f.id in errors);
    const next = { ...session, index: index < 0 ? 0 : index, active: true };
    await this.store.save(next);
    const field = next.form.fields[next.index];
    return { session: next, message: this.ask(next, t, field ? errors[field.id] : undefined) };
  }

  /** Takes one typed answer, or a pressed option (its value already canonical), and moves on. */
  async answer(session: QuestionnaireSession, input: string, t: Translator, options: { pressed?: boolean; check?: FieldCheck } = {}): Promise<Step> {
    const field = session.form.fields[session.index];
    if (!field) return this.finish(session);
    const word = input.trim().toLowerCase();
    const said = (words: string[]) => !options.pressed && words.includes(word);
    if (said(this.words.cancel)) {
      await this.store.remove(session);
      return { status: 'cancelled', session, message: { text: t('questionnaire.cancelled') } };
    }
    if (said(this.words.back)) {
      const previous = session.history.at(-1);
      if (previous === undefined) return this.stay(session, t, t('questionnaire.at_start'));
      return this.move({ ...session, index: previous, history: session.history.slice(0, -1) }, t);
    }
    const values = { ...session.values };
    const stored = values[field.id];
    if (said(this.words.keep) || (said(this.words.skip) && !field.required)) {
      // Keeping, or skipping an optional question, leaves what is stored as it is.
      if (stored === undefined && field.required) return this.stay(session, t, t('form.error.required'));
    } else if (said(this.words.skip)) {
      return this.stay(session, t, t(stored === undefined ? 'form.error.required' : 'questionnaire.required_keep'));
    } else {
      const typed = options.pressed
        ? { ok: true as const, value: { value: input } as { value: string | string[]; other?: string } }
        : interpretTyped(field, input);
      if (!typed.ok) return this.stay(session, t, this.errorText(typed.error, t));
      const checked = validateValue(field, typed.value.value, session.form.language, values);
      if (!checked.ok) return this.stay(session, t, this.errorText(checked.error, t));
      const refused = options.check?.(field, checked.value, values, t);
      if (refused) return this.stay(session, t, refused);
      if (checked.value === undefined) delete values[field.id];
      else values[field.id] = checked.value;
      if (typed.value.other) values[otherKey(field.id)] = typed.value.other;
      else delete values[otherKey(field.id)];
    }
    const next = this.nextIndex(session.form, session.index, values);
    return this.move({ ...session, values, index: next, history: [...session.history, session.index] }, t);
  }

  /** Ends a questionnaire without submitting it (cancelled, or its survey closed). */
  remove(session: QuestionnaireSession): Promise<void> {
    return this.store.remove(session);
  }

  /** After one ends: the next questionnaire waiting in that conversation becomes active again. */
  async resumeWaiting(
    user: UserRef,
    conversation: ConversationRef,
    t: Translator,
  ): Promise<{ session: QuestionnaireSession; message: OutboundMessage } | null> {
    const sessions = await this.store.forUser(user);
    if (sessions.some((s) => s.active && s.conversation === conversation)) return null;
    const waiting = sessions.find((s) => s.conversation === conversation);
    if (!waiting) return null;
    const session = { ...waiting, active: true };
    await this.store.save(session);
    return { session, message: this.ask(session, t, undefined, t('questionnaire.back_to', { title: session.form.title })) };
  }

  errorText(error: FieldError, t: Translator): string {
    return t(error.key, error.vars);
  }

  private intro(line: string, waiting: string[], t: Translator): string {
    return waiting.length ? `${line}\n${t('questionnaire.paused', { titles: waiting.join(', ') })}` : line;
  }

  private stay(session: QuestionnaireSession, t: Translator, problem: string): Step {
    return { status: 'asked', session, message: this.ask(session, t, problem) };
  }

  private async move(session: QuestionnaireSession, t: Translator): Promise<Step> {
    if (session.index >= session.form.fields.length) return this.finish(session);
    await this.store.save(session);
    return { status: 'asked', session, message: this.ask(session, t) };
  }

  private async finish(session: QuestionnaireSession): Promise<Step> {
    await this.store.remove(session);
    const visible = new Set(session.form.fields.filter((f) => isVisible(f, session.values)).map((f) => f.id));
    const values = Object.fromEntries(Object.entries(session.values).filter(([k]) => visible.has(k) || visible.has(k.replace(/_other$/, ''))));
    return { status: 'finished', values, session };
  }

  private nextIndex(form: FormSpec, from: number, values: FormValues): number {
    let i = from + 1;
    while (i < form.fields.length && !isVisible(form.fields[i] as FormField, values)) i++;
    return i;
  }

  private ask(session: QuestionnaireSession, t: Translator, problem?: string, intro?: string): OutboundMessage {
    const visible = session.form.fields.filter((f) => isVisible(f, session.values));
    const field = session.form.fields[session.index] as FormField;
    const position = visible.indexOf(field) + 1;
    return questionMessage({
      field,
      index: session.index,
      position,
      total: visible.length,
      current: session.values[field.id],
      problem,
      intro,
      t,
      language: session.form.language,
    });
  }
}
