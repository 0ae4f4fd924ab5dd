// The questionnaire engine: asks a form one field at a time in a direct conversation, checks each
// answer with the form's own rules, understands back / skip / cancel, and keeps its progress in a
// SessionStore so a restart resumes where the person left off. A finished questionnaire yields the
// same values a modal submission would.
import { interpretTyped, isVisible, otherKey, validateValue, type FieldError } from './form-validation.ts';
import type { Translator } from './i18n.ts';
import type { ConversationRef, UserRef } from './refs.ts';
import type { FormField, FormSpec, FormValues, OutboundMessage } from './ui.ts';
import { questionMessage } from './questionnaire-views.ts';

export { ANSWER_ACTION_ID } from './questionnaire-views.ts';

export interface QuestionnaireSession {
  user: UserRef;
  conversation: ConversationRef;
  form: FormSpec;
  /** Index into form.fields of the question being asked. */
  index: number;
  values: FormValues;
  /** Indexes asked before, for "back". */
  history: number[];
}

export interface SessionStore {
  get(user: UserRef): Promise<QuestionnaireSession | null>;
  save(session: QuestionnaireSession): Promise<void>;
  delete(user: UserRef): Promise<void>;
}

/** Words that steer the questionnaire, in every language the network speaks. */
export interface SteeringWords {
  back: string[];
  skip: string[];
  cancel: string[];
}

export type Step =
  | { status: 'asked'; message: OutboundMessage }
  | { status: 'cancelled'; message: OutboundMessage }
  | { status: 'finished'; values: FormValues; session: QuestionnaireSession };

export class QuestionnaireEngine {
  constructor(
    private readonly store: SessionStore,
    private readonly words: SteeringWords,
  ) {}

  active(user: UserRef): Promise<QuestionnaireSession | null> {
    return this.store.get(user);
  }

  /** Starts (or restarts) a questionnaire; prefilled values become the defaults shown. */
  async start(user: UserRef, conversation: ConversationRef, form: FormSpec, t: Translator, prefill: FormValues = {}): Promise<OutboundMessage> {
    const first = this.nextIndex(form, -1, prefill);
    const session: QuestionnaireSession = { user, conversation, form, index: first, values: { ...prefill }, history: [] };
    await this.store.save(session);
    return this.ask(session, t, undefined, t('questionnaire.intro', { title: form.title, count: form.fields.length }));
  }

  /** Asks the current question again, e.g. after a restart or when the person says hello. */
  async repeat(session: QuestionnaireSession, t: Translator): Promise<OutboundMessage> {
    return this.ask(session, t, undefined, t('questionnaire.resume', { title: session.form.title }));
  }

  /** Re-opens a finished questionnaire at the first field the feature refused. */
  async reopen(session: QuestionnaireSession, errors: Record<string, string>, t: Translator): Promise<OutboundMessage> {
    const index = session.form.fields.findIndex((f) => f.id in errors);
    const next = { ...session, index: index < 0 ? 0 : index };
    await this.store.save(next);
    const field = next.form.fields[next.index];
    return this.ask(next, t, field ? errors[field.id] : undefined);
  }

  /** Takes one typed answer (or a pressed option) and moves on. */
  async answer(session: QuestionnaireSession, input: string, t: Translator, pressed = false): Promise<Step> {
    const field = session.form.fields[session.index];
    if (!field) return this.finish(session);
    const word = input.trim().toLowerCase();
    if (!pressed && this.words.cancel.includes(word)) {
      await this.store.delete(session.user);
      return { status: 'cancelled', message: { text: t('questionnaire.cancelled') } };
    }
    if (!pressed && this.words.back.includes(word)) {
      const previous = session.history.at(-1);
      if (previous === undefined) return { status: 'asked', message: await this.ask(session, t, t('questionnaire.at_start')) };
      return this.move({ ...session, index: previous, history: session.history.slice(0, -1) }, t);
    }
    const values = { ...session.values };
    if (!pressed && this.words.skip.includes(word)) {
      if (field.required) return { status: 'asked', message: await this.ask(session, t, t('form.error.required')) };
      delete values[field.id];
      delete values[otherKey(field.id)];
    } else {
      const typed = pressed ? { value: input } : interpretTyped(field, input);
      const checked = validateValue(field, typed.value);
      if (!checked.ok) return { status: 'asked', message: await this.ask(session, t, this.errorText(checked.error, t)) };
      if (checked.value === undefined) delete values[field.id];
      else values[field.id] = checked.value;
      if (typed.other) values[otherKey(field.id)] = typed.other;
    }
    const next = this.nextIndex(session.form, session.index, values);
    return this.move({ ...session, values, index: next, history: [...session.history, session.index] }, t);
  }

  errorText(error: FieldError, t: Translator): string {
    return t(error.key, error.vars);
  }

  private async move(session: QuestionnaireSession, t: Translator): Promise<Step> {
    if (session.index >= session.form.fields.length) return this.finish(session);
    await this.store.save(session);
    return { status: 'asked', message: await this.ask(session, t) };
  }

  private async finish(session: QuestionnaireSession): Promise<Step> {
    await this.store.delete(session.user);
    const visible = new Set(session.form.fields.filter((f) => isVisible(f, session.values)).map((f) => f.id));
    const values = Object.fromEntries(Object.entries(session.values).filter(([k]) => visible.has(k) || visible.has(k.replace(/_other$/, ''))));
    return { status: 'finished', values, session };
  }

  private nextIndex(form: FormSpec, from: number, values: FormValues): number {
    let i = from + 1;
    while (i < form.fields.length && !isVisible(form.fields[i] as FormField, values)) i++;
    return i;
  }

  private async ask(session: QuestionnaireSession, t: Translator, problem?: string, intro?: string): Promise<OutboundMessage> {
    const visible = session.form.fields.filter((f) => isVisible(f, session.values));
    const field = session.form.fields[session.index] as FormField;
    const position = visible.indexOf(field) + 1;
    return questionMessage({ field, position, total: visible.length, current: session.values[field.id], problem, intro, t });
  }
}
