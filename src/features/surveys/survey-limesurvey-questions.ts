// LimeSurvey question types as filiera questions. Lists, yes/no and gender become single choice;
// multiple choice stays multiple; 5-point and numeric arrays become scales, other arrays one
// single-choice question per row; numeric, short and long text, date map one to one. Anything else
// is left out with a note saying so.
import { UI_LIMITS } from '../../core/ui-limits.ts';
import { OPTION_LABEL_MAX, type LocalizedText, type SurveyLanguage } from './survey-definition.ts';
import type { LsAnswer, LsModel, LsQuestion, Texts } from './survey-limesurvey-model.ts';

export interface ImportNote {
  key: string;
  params: Record<string, string | number>;
}
/** A mapped question, with what the skip-logic mapping needs to know about where it came from. */
export interface MappedQuestion {
  raw: Record<string, unknown>;
  code: string;
  /** The LimeSurvey question it came from (array rows share their parent's). */
  qid: string;
  /** For a single choice made from a whole question: LimeSurvey answer code → option code. */
  optionCodes?: Map<string, string>;
}

export interface MapContext {
  model: LsModel;
  /** filiera language → LimeSurvey language code. */
  languages: Array<[SurveyLanguage, string]>;
  localize(texts: Texts, fallback?: string): LocalizedText | undefined;
  note(key: string, params?: Record<string, string | number>): void;
  uniqueCode(wanted: string): string;
}

const BUILT_IN: Record<string, Record<SurveyLanguage, string>> = {
  yes: { it: 'Sì', en: 'Yes', de: 'Ja' },
  no: { it: 'No', en: 'No', de: 'Nein' },
  uncertain: { it: 'Incerto', en: 'Uncertain', de: 'Unsicher' },
  increase: { it: 'Aumento', en: 'Increase', de: 'Zunahme' },
  same: { it: 'Uguale', en: 'Same', de: 'Gleich' },
  decrease: { it: 'Diminuzione', en: 'Decrease', de: 'Abnahme' },
  female: { it: 'Femmina', en: 'Female', de: 'Weiblich' },
  male: { it: 'Maschio', en: 'Male', de: 'Männlich' },
  other: { it: 'Altro', en: 'Other', de: 'Sonstiges' },
};
/** Fixed answers of LimeSurvey types that have no answer rows: [LimeSurvey code, built-in label]. */
const FIXED: Record<string, Array<[string, string]>> = {
  Y: [
    ['Y', 'yes'],
    ['N', 'no'],
  ],
  G: [
    ['F', 'female'],
    ['M', 'male'],
  ],
  C: [
    ['Y', 'yes'],
    ['U', 'uncertain'],
    ['N', 'no'],
  ],
  E: [
    ['I', 'increase'],
    ['S', 'same'],
    ['D', 'decrease'],
  ],
};

/** LimeSurvey types filiera cannot ask, by name (translated under `surveys.lss_kind`). */
const SKIPPED_KINDS: Record<string, string> = {
  R: 'ranking',
  ':': 'array_numbers',
  ';': 'array_texts',
  '1': 'dual_scale',
  '|': 'file_upload',
  '*': 'equation',
  X: 'text_display',
  I: 'language_switch',
};

export const optionCode = (code: string): string =>
  code
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 30) || 'x';

function builtIn(ctx: MapContext, word: string): LocalizedText {
  return Object.fromEntries(ctx.languages.map(([lang]) => [lang, BUILT_IN[word]![lang]]));
}

/** Labels longer than chat platforms show are cut, and the cut is reported. */
function label(ctx: MapContext, texts: Texts, fallback: string, code: string): LocalizedText {
  const text = ctx.localize(texts, fallback)!;
  let cut = false;
  const out = Object.fromEntries(
    Object.entries(text).map(([lang, s]) => {
      if (s.length <= OPTION_LABEL_MAX) return [lang, s];
      cut = true;
      return [lang, `${s.slice(0, OPTION_LABEL_MAX - 1)}…`];
    }),
  );
  if (cut) ctx.note('lss_label_cut', { code });
  return out as LocalizedText;
}

function options(ctx: MapContext, answers: LsAnswer[], code: string): { list: Array<{ code: string; label: LocalizedText }>; codes: Map<string, string> } {
  const codes = new Map<string, string>();
  const used = new Set<string>();
  const list = answers.map((a) => {
    let c = optionCode(a.code);
    for (let i = 2; used.has(c); i++) c = `${optionCode(a.code).slice(0, 27)}_${i}`;
    used.add(c);
    codes.set(a.code, c);
    return { code: c, label: label(ctx, a.label, a.code, code) };
  });
  return { list, codes };
}

function fixedAnswers(ctx: MapContext, type: string): LsAnswer[] {
  return (FIXED[type] ?? []).map(([code, word], order) => ({
    code,
    order,
    scaleId: '0',
    label: new Map(ctx.languages.map(([lang, ls]) => [ls, BUILT_IN[word]![lang]])),
  }));
}

const intAttr = (attrs: Map<string, string> | undefined, name: string): number | undefined => {
  const v = attrs?.get(name)?.trim();
  return v && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : undefined;
};

/** A numeric array's columns 1..5 (or 0..10) are a scale; anything else is a list of answers. */
function asScale(answers: LsAnswer[]): { min: number; max: number } | null {
  const values = answers.map((a) => (/^\d+$/.test(a.code) ? Number(a.code) : NaN));
  if (values.some(Number.isNaN) || values.length < 3) return null;
  const [min, max] = [values[0]!, values.at(-1)!];
  const consecutive = values.every((v, i) => v === min + i);
  return consecutive && (min === 0 || min === 1) && max <= 10 ? { min, max } : null;
}

/** Maps one top-level LimeSurvey question; returns nothing (with a note) when it cannot. */
export function mapQuestion(ctx: MapContext, q: LsQuestion): MappedQuestion[] {
  const { model } = ctx;
  const code = ctx.uniqueCode(q.title);
  const text = ctx.localize(q.question, q.title)!;
  const help = ctx.localize(q.help);
  if (q.mandatory === 'S') ctx.note('lss_soft_mandatory', { code });
  const base = { code, text, ...(help ? { help } : {}), required: q.mandatory === 'Y' };
  const attrs = model.attributes.get(q.qid);
  const subs = model.subquestions.get(q.qid) ?? [];
  const answers = (model.answers.get(q.qid) ?? []).filter((a) => a.scaleId === '0');
  const one = (raw: Record<string, unknown>, optionCodes?: Map<string, string>): MappedQuestion[] => [
    { raw: { ...base, ...raw }, code, qid: q.qid, ...(optionCodes ? { optionCodes } : {}) },
  ];

  switch (q.type) {
    case 'L':
    case '!':
    case 'O':
    case 'Y':
    case 'G': {
      const source = q.type === 'Y' || q.type === 'G' ? fixedAnswers(ctx, q.type) : answers;
      const opts = options(ctx, source, code);
      if (q.other) {
        opts.list.push({ code: 'other', label: builtIn(ctx, 'other') });
        opts.codes.set('-oth-', 'other');
        ctx.note('lss_other_as_option', { code });
      }
      if (q.type === 'O') ctx.note('lss_comment_dropped', { code });
      if (opts.list.length > UI_LIMITS.selectOptionsMax) return asText(ctx, code, opts.list.length, one);
      return one({ type: 'single', options: opts.list }, opts.codes);
    }
    case 'M':
    case 'P': {
      if (q.type === 'P') ctx.note('lss_comment_dropped', { code });
      const opts = options(
        ctx,
        subs.map((s, order) => ({ code: s.title, order, scaleId: '0', label: s.question })),
        code,
      );
      if (opts.list.length > UI_LIMITS.selectOptionsMax) return asText(ctx, code, opts.list.length, one);
      const max = intAttr(attrs, 'max_answers');
      return one({ type: 'multiple', options: opts.list, other: q.other, ...(max ? { maxChoices: max } : {}) });
    }
    case '5':
      return one({ type: 'scale', min: 1, max: 5, minLabel: fixed(ctx, '1'), maxLabel: fixed(ctx, '5') });
    case 'N': {
      const min = intAttr(attrs, 'min_num_value_n');
      const max = intAttr(attrs, 'max_num_value_n');
      const integer = attrs?.get('num_value_int_only') === '1';
      return one({ type: 'number', integer, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) });
    }
    case 'S':
      return one({ type: 'text', maxLength: Math.min(500, intAttr(attrs, 'maximum_chars') ?? 200) });
    case 'T':
    case 'U':
      return one({ type: 'longtext', maxLength: Math.min(10_000, intAttr(attrs, 'maximum_chars') ?? 2000) });
    case 'D':
      return one({ type: 'date' });
    case 'K':
    case 'Q': {
      // Several numbers or short texts in one question: one question per field, like an array.
      if (subs.length === 0) break;
      ctx.note('lss_array_split', { code, count: subs.length });
      const parent = ctx.localize(q.question, q.title)!;
      return subs.map((s) => {
        const rowCode = ctx.uniqueCode(`${code}_${s.title}`);
        const row = ctx.localize(s.question, s.title)! as Record<string, string>;
        const rowText = Object.fromEntries(Object.entries(parent).map(([lang, p]) => [lang, `${p}: ${row[lang] ?? ''}`]));
        const kind = q.type === 'K' ? { type: 'number', integer: attrs?.get('num_value_int_only') === '1' } : { type: 'text', maxLength: 200 };
        return { raw: { code: rowCode, text: rowText, required: base.required, ...(help ? { help } : {}), ...kind }, code: rowCode, qid: q.qid };
      });
    }
    case 'A':
    case 'B':
    case 'C':
    case 'E':
    case 'F':
    case 'H':
      return arrayRows(ctx, q, { code, help, required: base.required }, subs, q.type === 'C' || q.type === 'E' ? fixedAnswers(ctx, q.type) : answers);
  }
  ctx.note('lss_type_skipped', { code, type: SKIPPED_KINDS[q.type] ?? 'unknown' });
  return [];
}

/** Chat lists hold 25 answers (Discord's limit): a longer list is asked as a typed answer. */
function asText(ctx: MapContext, code: string, count: number, one: (raw: Record<string, unknown>) => MappedQuestion[]): MappedQuestion[] {
  ctx.note('lss_too_many_options', { code, count, max: UI_LIMITS.selectOptionsMax });
  return one({ type: 'text', maxLength: 200 });
}

const fixed = (ctx: MapContext, s: string): LocalizedText => Object.fromEntries(ctx.languages.map(([lang]) => [lang, s])) as LocalizedText;

/** An array's rows as questions of their own: "<question>: <row>" in each language. */
function arrayRows(
  ctx: MapContext,
  q: LsQuestion,
  base: { code: string; help: LocalizedText | undefined; required: boolean },
  subs: LsQuestion[],
  answers: LsAnswer[],
): MappedQuestion[] {
  if (subs.length === 0) {
    ctx.note('lss_type_skipped', { code: base.code, type: 'unknown' });
    return [];
  }
  const scale = q.type === 'A' ? { min: 1, max: 5 } : q.type === 'B' ? { min: 1, max: 10 } : q.type === 'F' || q.type === 'H' ? asScale(answers) : null;
  ctx.note('lss_array_split', { code: base.code, count: subs.length });
  const parent = ctx.localize(q.question, q.title)!;
  return subs.map((s) => {
    const code = ctx.uniqueCode(`${base.code}_${s.title}`);
    const row = ctx.localize(s.question, s.title)!;
    const text = Object.fromEntries(Object.entries(parent).map(([lang, p]) => [lang, `${p}: ${(row as Record<string, string>)[lang] ?? ''}`]));
    const common = { code, text, required: base.required, ...(base.help ? { help: base.help } : {}) };
    if (scale) {
      const ends =
        q.type === 'A' || q.type === 'B'
          ? [fixed(ctx, String(scale.min)), fixed(ctx, String(scale.max))]
          : [label(ctx, answers[0]!.label, answers[0]!.code, code), label(ctx, answers.at(-1)!.label, answers.at(-1)!.code, code)];
      return { raw: { ...common, type: 'scale', ...scale, minLabel: ends[0], maxLabel: ends[1] }, code, qid: q.qid };
    }
    return { raw: { ...common, type: 'single', options: options(ctx, answers, code).list }, code, qid: q.qid };
  });
}
