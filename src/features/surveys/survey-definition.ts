// Survey definition files: the zod schemas (the source of truth, types via z.infer) and
// parseSurveyDefinition, which turns any raw value into a definition or a list of readable errors
// with i18n keys. The checks that span the whole file are in survey-definition-checks.ts.
import { z } from 'zod';
import { UI_LIMITS } from '../../core/ui-limits.ts';
import { checkSurvey } from './survey-definition-checks.ts';

export const SURVEY_LANGUAGES = ['it', 'en', 'de'] as const;
export { OPTION_LABEL_MAX } from './survey-definition-checks.ts';

export const SurveyLanguageSchema = z.enum(SURVEY_LANGUAGES, {
  error: () => `must be one of: ${SURVEY_LANGUAGES.join(', ')}`,
});
export type SurveyLanguage = z.infer<typeof SurveyLanguageSchema>;

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** One text in several languages, keyed by language code. Completeness is checked per survey. */
export const LocalizedTextSchema = z
  .strictObject({ it: nonEmpty.optional(), en: nonEmpty.optional(), de: nonEmpty.optional() })
  .refine((t) => Object.values(t).some((v) => v !== undefined), 'needs at least one translation');
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export const QuestionCodeSchema = z.string().regex(/^[A-Z][A-Z0-9_]{0,30}$/, 'must be UPPER_SNAKE_CASE: a capital, then A-Z, 0-9 or _');
/** Option codes; section codes follow the same rule. */
export const OptionCodeSchema = z.string().regex(/^[a-z0-9_]{1,30}$/, 'must be 1-30 characters of a-z, 0-9 or _');

export const SurveyOptionSchema = z.strictObject({
  code: OptionCodeSchema,
  label: LocalizedTextSchema,
});
export type SurveyOption = z.infer<typeof SurveyOptionSchema>;

const optionList = z
  .array(SurveyOptionSchema)
  .min(2, 'needs at least 2 options')
  .max(UI_LIMITS.selectOptionsMax, `at most ${UI_LIMITS.selectOptionsMax} options`);

const base = {
  code: QuestionCodeSchema,
  text: LocalizedTextSchema,
  help: LocalizedTextSchema.optional(),
  required: z.boolean().default(true),
  /** Answers can slice results (country, cluster type): only on single and multiple questions. */
  segment: z.boolean().default(false),
};

/** If the answer is one of `ifAnswer`, jump forward to question `goTo`. */
export const SkipRuleSchema = z.strictObject({
  ifAnswer: z.array(OptionCodeSchema).min(1, 'list at least one option code'),
  goTo: QuestionCodeSchema,
});
export type SkipRule = z.infer<typeof SkipRuleSchema>;

export const SingleQuestionSchema = z.strictObject({
  ...base,
  type: z.literal('single'),
  options: optionList,
  skipTo: SkipRuleSchema.optional(),
});
export const MultipleQuestionSchema = z.strictObject({
  ...base,
  type: z.literal('multiple'),
  options: optionList,
  /** Adds "other, please specify". */
  other: z.boolean().default(false),
  maxChoices: z.number().int().min(1).optional(),
});
export const ScaleQuestionSchema = z.strictObject({
  ...base,
  type: z.literal('scale'),
  min: z.number().int().min(0).max(1).default(1),
  max: z.number().int().min(2).max(10).default(5),
  minLabel: LocalizedTextSchema,
  maxLabel: LocalizedTextSchema,
});
export const NumberQuestionSchema = z.strictObject({
  ...base,
  type: z.literal('number'),
  min: z.number().optional(),
  max: z.number().optional(),
  integer: z.boolean().default(false),
});
export const TextQuestionSchema = z.strictObject({
  ...base,
  type: z.literal('text'),
  maxLength: z.number().int().min(1).max(500).default(200),
});
export const LongtextQuestionSchema = z.strictObject({
  ...base,
  type: z.literal('longtext'),
  maxLength: z.number().int().min(1).max(10_000).default(2000),
});
/** A calendar day, stored as YYYY-MM-DD (LimeSurvey's date questions). */
export const DateQuestionSchema = z.strictObject({
  ...base,
  type: z.literal('date'),
});

export const SurveyQuestionSchema = z.discriminatedUnion('type', [
  SingleQuestionSchema,
  MultipleQuestionSchema,
  ScaleQuestionSchema,
  NumberQuestionSchema,
  TextQuestionSchema,
  LongtextQuestionSchema,
  DateQuestionSchema,
]);
export type SingleQuestion = z.infer<typeof SingleQuestionSchema>;
export type MultipleQuestion = z.infer<typeof MultipleQuestionSchema>;
export type ScaleQuestion = z.infer<typeof ScaleQuestionSchema>;
export type NumberQuestion = z.infer<typeof NumberQuestionSchema>;
export type TextQuestion = z.infer<typeof TextQuestionSchema>;
export type LongtextQuestion = z.infer<typeof LongtextQuestionSchema>;
export type DateQuestion = z.infer<typeof DateQuestionSchema>;
export type SurveyQuestion = z.infer<typeof SurveyQuestionSchema>;
export type QuestionType = SurveyQuestion['type'];
export const QUESTION_TYPES: QuestionType[] = SurveyQuestionSchema.options.map((o) => o.shape.type.value);

export const SurveySectionSchema = z.strictObject({
  code: OptionCodeSchema,
  title: LocalizedTextSchema,
  questions: z.array(SurveyQuestionSchema).min(1, 'needs at least one question'),
});
export type SurveySection = z.infer<typeof SurveySectionSchema>;

/** A reminder N days before the survey closes; 0 is the last day. */
export const SurveyReminderSchema = z.strictObject({
  daysBeforeClose: z.number().int().min(0).max(60),
});
export type SurveyReminder = z.infer<typeof SurveyReminderSchema>;

const SurveyShape = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,40}$/, 'must be a slug: 2-41 characters of a-z, 0-9 or -'),
  version: z.number().int().min(1),
  /** A label for one round of a recurring survey ("2026"); results of waves sharing codes compare. */
  wave: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/, 'must be 1-20 characters of letters, digits, . _ or -')
    .optional(),
  title: LocalizedTextSchema,
  description: LocalizedTextSchema.optional(),
  /** The first language is the fallback. */
  languages: z.array(SurveyLanguageSchema).min(1, 'list at least one language'),
  /** `organisation`: one response per cluster organisation. */
  responseUnit: z.enum(['person', 'organisation'], {
    error: () => 'must be "person" or "organisation"',
  }),
  anonymousAllowed: z.boolean().default(false),
  reminders: z.array(SurveyReminderSchema).default([]),
  sections: z.array(SurveySectionSchema).min(1, 'needs at least one section'),
});

/** A definition as written, before the checks that span the whole file. */
export type SurveyShapeValue = z.infer<typeof SurveyShape>;

export const SurveyDefinitionSchema = SurveyShape.superRefine((s, ctx) =>
  checkSurvey(s, (path, message, key, params = {}) => ctx.addIssue({ code: 'custom', path, message, params: { key, ...params } })),
);
export type SurveyDefinition = z.infer<typeof SurveyDefinitionSchema>;
export type SurveyDefinitionInput = z.input<typeof SurveyDefinitionSchema>;

export interface SurveyIssue {
  /** Dotted path to the bad field (`sections.1.questions.3.options.0.code`), `(root)`, `(file)`. */
  path: string;
  /** English, for logs and survey designers; `key` (under `surveys.issue.`) is what people read. */
  message: string;
  key?: string;
  params?: Record<string, string | number>;
}
export type SurveyParseResult<T = SurveyDefinition> = { ok: true; value: T } | { ok: false; errors: SurveyIssue[] };

const dotted = (path: readonly PropertyKey[]): string => (path.length === 0 ? '(root)' : path.map(String).join('.'));

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 40));
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** The schema's own messages, by the key people read them under (`surveys.issue.<key>`). */
const MESSAGE_KEYS: Record<string, string> = {
  'must not be empty': 'empty',
  'needs at least one translation': 'no_translation',
  'must be UPPER_SNAKE_CASE: a capital, then A-Z, 0-9 or _': 'question_code',
  'must be 1-30 characters of a-z, 0-9 or _': 'option_code',
  'needs at least 2 options': 'min_options',
  [`at most ${UI_LIMITS.selectOptionsMax} options`]: 'max_options',
  'list at least one option code': 'skip_empty',
  'needs at least one question': 'no_questions',
  'must be a slug: 2-41 characters of a-z, 0-9 or -': 'survey_id',
  'must be 1-20 characters of letters, digits, . _ or -': 'wave',
  'list at least one language': 'no_languages',
  'must be "person" or "organisation"': 'response_unit',
  'needs at least one section': 'no_sections',
  [`must be one of: ${SURVEY_LANGUAGES.join(', ')}`]: 'bad_language',
};

function toIssues(issue: z.core.$ZodIssue): SurveyIssue[] {
  const path = dotted(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const message = 'unknown field (check the spelling)';
    return issue.keys.map((key) => ({ path: dotted([...issue.path, key]), message, key: 'unknown_field' }));
  }
  if (issue.code === 'invalid_type') {
    const { expected, input } = issue;
    if (input === undefined) return [{ path, message: `is required but missing (expected ${expected})`, key: 'required', params: { expected } }];
    return [{ path, message: `expected ${expected}, got ${describe(input)}`, key: 'wrong_type', params: { expected, got: describe(input) } }];
  }
  if (issue.code === 'invalid_union' && issue.path.at(-1) === 'type') {
    const input: unknown = issue.input;
    const type = input && typeof input === 'object' ? (input as { type?: unknown }).type : input;
    const types = QUESTION_TYPES.join(', ');
    if (type === undefined) return [{ path, message: `question type is missing; use one of: ${types}`, key: 'type_missing', params: { types } }];
    return [{ path, message: `unknown question type ${describe(type)}; use one of: ${types}`, key: 'type_unknown', params: { type: describe(type), types } }];
  }
  if (issue.code === 'custom' && typeof issue.params?.key === 'string') {
    const { key, ...params } = issue.params as Record<string, string | number>;
    return [{ path, message: issue.message, key: String(key), params }];
  }
  const known = MESSAGE_KEYS[issue.message];
  if (known) return [{ path, message: issue.message, key: known }];
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
    return [{ path, message: issue.message, key: issue.code, params: { limit } }];
  }
  return [{ path, message: issue.message }];
}

/** Checks a raw value (parsed YAML or JSON) as a survey definition; never throws for bad input. */
export function parseSurveyDefinition(raw: unknown): SurveyParseResult {
  const parsed = SurveyDefinitionSchema.safeParse(raw, { reportInput: true });
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, errors: parsed.error.issues.flatMap(toIssues) };
}

/** The text in `lang`, else in `fallbackLang`, else in any language it has. */
export function localize(text: LocalizedText, lang: SurveyLanguage | string, fallbackLang: SurveyLanguage): string {
  const byLang = text as Partial<Record<string, string>>;
  return byLang[lang] ?? text[fallbackLang] ?? text.it ?? text.en ?? text.de ?? '';
}

/** Every question in survey order, with the code of its section. */
export function surveyQuestions(def: SurveyDefinition): { section: string; question: SurveyQuestion }[] {
  return def.sections.flatMap((s) => s.questions.map((question) => ({ section: s.code, question })));
}
