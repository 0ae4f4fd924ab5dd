// A survey definition as a FormSpec in one language: question codes become field ids, option codes
// become values (so answers aggregate across languages), sections become field sections and skip
// rules become `when` conditions on the questions they jump over.
import type { Condition, FormField, FormSpec, Translator } from '../../core/index.ts';
import { localize, surveyQuestions, type SurveyDefinition, type SurveyLanguage, type SurveyQuestion } from './survey-definition.ts';

export const ANSWER_FORM_ID = 'survey:answer';
/** The extra field of organisation surveys: submit for the cluster now, or keep it as a draft. */
export const SUBMIT_MODE_FIELD = 'submit_mode';

export interface FormOptions {
  anonymous: boolean;
  /** Ask "submit or keep as draft" (organisation surveys not yet submitted). */
  draftChoice: boolean;
  minSlice: number;
}

/** The language to show a survey in: the person's, if the survey has it, else the survey's first. */
export function surveyLanguage(def: SurveyDefinition, language: string): SurveyLanguage {
  return (def.languages as string[]).includes(language) ? (language as SurveyLanguage) : (def.languages[0] as SurveyLanguage);
}

/** Conditions from skip rules: a question jumped over is shown only when the answer is not a jump. */
export function skipConditions(def: SurveyDefinition): Map<string, Condition> {
  const order = surveyQuestions(def).map((q) => q.question);
  const conditions = new Map<string, Condition>();
  order.forEach((q, index) => {
    if (q.type !== 'single' || !q.skipTo) return;
    const target = order.findIndex((o) => o.code === q.skipTo!.goTo);
    for (let i = index + 1; i < target; i++) conditions.set(order[i]!.code, { field: q.code, notIn: q.skipTo.ifAnswer });
  });
  return conditions;
}

function field(q: SurveyQuestion, lang: SurveyLanguage, fallback: SurveyLanguage, section: string, t: Translator, options: FormOptions): FormField {
  const l = (text: Parameters<typeof localize>[0]) => localize(text, lang, fallback);
  const help = q.help ? l(q.help) : undefined;
  const base = { id: q.code, label: l(q.text), section, required: q.required, ...(help ? { help } : {}) };
  switch (q.type) {
    case 'single':
    case 'multiple': {
      const choices = q.options.map((o) => ({ value: o.code, label: l(o.label) }));
      if (q.type === 'single') return { ...base, kind: 'choice', options: choices };
      // Anonymous: "other" is free text too, so people are told before they write it how it will be shown.
      const otherNote = q.other && options.anonymous ? t('surveys.free_text_shown', { min: options.minSlice }) : undefined;
      const withNote = otherNote ? { ...base, help: [help, otherNote].filter(Boolean).join(' ') } : base;
      return { ...withNote, kind: 'choice', options: choices, multiple: true, other: q.other, ...(q.maxChoices ? { maxChoices: q.maxChoices } : {}) };
    }
    case 'scale':
      return { ...base, kind: 'scale', min: q.min, max: q.max, minLabel: l(q.minLabel), maxLabel: l(q.maxLabel) };
    case 'number':
      return { ...base, kind: 'number', integer: q.integer, ...(q.min !== undefined ? { min: q.min } : {}), ...(q.max !== undefined ? { max: q.max } : {}) };
    case 'date':
      return { ...base, kind: 'date' };
    case 'text':
    case 'longtext': {
      // Anonymous free text is shown as written once k people wrote: people are told before they answer.
      const note = t(options.anonymous ? 'surveys.free_text_shown' : 'surveys.free_text_note', { min: options.minSlice });
      return { ...base, kind: 'text', multiline: q.type === 'longtext', maxLength: q.maxLength, help: help ? `${help} (${note})` : note };
    }
  }
}

/** The whole survey as one form in the person's language, tagged with the wave it answers. */
export function surveyForm(def: SurveyDefinition, waveId: string, language: string, t: Translator, options: FormOptions): FormSpec {
  const lang = surveyLanguage(def, language);
  const fallback = def.languages[0] as SurveyLanguage;
  const conditions = skipConditions(def);
  const fields: FormField[] = def.sections.flatMap((s) =>
    s.questions.map((q) => {
      const f = field(q, lang, fallback, localize(s.title, lang, fallback), t, options);
      const when = conditions.get(q.code);
      return when ? { ...f, when } : f;
    }),
  );
  if (options.anonymous && fields[0]) {
    const first = fields[0];
    fields[0] = { ...first, help: [t('surveys.anonymous_note', { min: options.minSlice }), first.help].filter(Boolean).join('\n') };
  }
  if (options.draftChoice) {
    fields.push({
      id: SUBMIT_MODE_FIELD,
      kind: 'choice',
      label: t('surveys.submit_mode'),
      required: true,
      options: [
        { value: 'final', label: t('surveys.submit_final') },
        { value: 'draft', label: t('surveys.submit_draft') },
      ],
    });
  }
  return {
    formId: ANSWER_FORM_ID,
    title: localize(def.title, lang, fallback).slice(0, 150),
    context: waveId,
    language: lang,
    submitLabel: t('surveys.submit'),
    fields,
  };
}
