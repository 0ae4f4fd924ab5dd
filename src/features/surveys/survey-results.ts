// Results of one wave as data: counts and percentages, scale means and distributions, numbers,
// free text (only when enough people wrote), and slices by language and segment questions with
// small slices suppressed. Pure: views, the chart and benchmarks read this.
import type { FormValues } from '../../core/index.ts';
import { localize, surveyQuestions, type SurveyDefinition, type SurveyLanguage, type SurveyQuestion } from './survey-definition.ts';
import { surveyLanguage } from './survey-form.ts';
import { mean, quartiles, round, suppressed, type Quartiles } from './survey-stats.ts';
import type { AnswerRow } from './survey.ts';

export interface OptionCount {
  code: string;
  label: string;
  /** null when hidden as a small slice. */
  count: number | null;
  pct: number | null;
}

export interface QuestionResult {
  code: string;
  type: SurveyQuestion['type'];
  label: string;
  answered: number;
  options?: OptionCount[];
  other?: number;
  scale?: { min: number; max: number; mean: number | null; distribution: number[]; quartiles: Quartiles | null };
  number?: { mean: number | null; quartiles: Quartiles | null };
  /** Free text; null when too few wrote for it to be shown. */
  texts?: string[] | null;
}

export interface SliceGroup {
  key: string;
  label: string;
  n: number;
  hidden: boolean;
  /** Scale means by question code (absent when hidden). */
  means: Record<string, number>;
}

export interface SliceDimension {
  code: string;
  label: string;
  groups: SliceGroup[];
}

export interface SurveyResults {
  language: SurveyLanguage;
  responses: number;
  invited: number;
  /** Posted in a channel, so anyone there could answer: responses may come from people not invited. */
  openToAll: boolean;
  /** Percentage of invited units that finished (answers from others do not count); null when nobody was invited by name. */
  responseRate: number | null;
  /** True when an anonymous wave has fewer responses than the minimum: only the count is shown. */
  tooFew: boolean;
  questions: QuestionResult[];
  slices: SliceDimension[];
}

export interface ResultOptions {
  language: string;
  minSlice: number;
  anonymous: boolean;
  invited: number;
  /** Invited units that finished: the rate counts only these. */
  invitedAnswered: number;
  openToAll: boolean;
  /** Labels for the language slice and "no answer", in the reader's language. */
  labels: { language: string; noAnswer: string; languageName(code: string): string };
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const pct = (count: number, of: number): number => (of ? round((count / of) * 100) : 0);

function questionResult(q: SurveyQuestion, rows: FormValues[], lang: SurveyLanguage, fallback: SurveyLanguage, options: ResultOptions): QuestionResult {
  const l = (t: Parameters<typeof localize>[0]) => localize(t, lang, fallback);
  const given = rows.map((r) => r[q.code]).filter((v) => v !== undefined);
  const base = { code: q.code, type: q.type, label: l(q.text), answered: given.length };
  switch (q.type) {
    case 'single':
    case 'multiple': {
      const counts = new Map<string, number>();
      for (const v of given) for (const code of list(v)) counts.set(code, (counts.get(code) ?? 0) + 1);
      const hidden =
        q.segment && options.anonymous
          ? suppressed(
              q.options.map((o) => ({ key: o.code, n: counts.get(o.code) ?? 0 })),
              options.minSlice,
            )
          : new Set<string>();
      const opts = q.options.map((o) => {
        const count = counts.get(o.code) ?? 0;
        return hidden.has(o.code)
          ? { code: o.code, label: l(o.label), count: null, pct: null }
          : { code: o.code, label: l(o.label), count, pct: pct(count, given.length) };
      });
      return { ...base, options: opts, ...(q.type === 'multiple' && q.other ? { other: counts.get('other') ?? 0 } : {}) };
    }
    case 'scale': {
      const values = given.map(Number).filter((n) => Number.isFinite(n));
      const distribution = Array.from({ length: q.max - q.min + 1 }, () => 0);
      for (const v of values) if (v >= q.min && v <= q.max) distribution[v - q.min]!++;
      const m = mean(values);
      return { ...base, scale: { min: q.min, max: q.max, mean: m === null ? null : round(m, 2), distribution, quartiles: quartiles(values) } };
    }
    case 'number': {
      const values = given.map(Number).filter((n) => Number.isFinite(n));
      const m = mean(values);
      return { ...base, number: { mean: m === null ? null : round(m, 1), quartiles: quartiles(values) } };
    }
    case 'date':
    case 'text':
    case 'longtext': {
      const texts = given.flatMap(list).filter((t) => t.trim() !== '');
      return { ...base, texts: texts.length >= options.minSlice ? texts : null };
    }
  }
}

/** Scale answers as numbers, one array per scale question, read once for every slice. */
type ScaleColumns = Array<{ code: string; values: Float64Array }>;

function scaleColumns(scales: SurveyQuestion[], answers: FormValues[]): ScaleColumns {
  return scales.map((q) => {
    const values = new Float64Array(answers.length);
    answers.forEach((a, i) => (values[i] = a[q.code] === undefined ? NaN : Number(a[q.code])));
    return { code: q.code, values };
  });
}

function dimension(code: string, label: string, keys: string[][], labelOf: (key: string) => string, scales: ScaleColumns, min: number): SliceDimension {
  const members = new Map<string, number[]>();
  keys.forEach((rowKeys, index) => {
    for (const key of rowKeys) {
      const group = members.get(key);
      if (group) group.push(index);
      else members.set(key, [index]);
    }
  });
  const hidden = suppressed(
    [...members].map(([key, rows]) => ({ key, n: rows.length })),
    min,
  );
  const groups = [...members].map(([key, rows]): SliceGroup => {
    const means: Record<string, number> = {};
    if (!hidden.has(key)) {
      for (const { code: q, values } of scales) {
        let sum = 0;
        let n = 0;
        for (const i of rows) if (Number.isFinite(values[i]!)) ((sum += values[i]!), n++);
        if (n > 0) means[q] = round(sum / n, 2);
      }
    }
    return { key, label: labelOf(key), n: rows.length, hidden: hidden.has(key), means };
  });
  return { code, label, groups: groups.sort((a, b) => b.n - a.n) };
}

export function computeResults(def: SurveyDefinition, rows: AnswerRow[], options: ResultOptions): SurveyResults {
  const lang = surveyLanguage(def, options.language);
  const fallback = def.languages[0] as SurveyLanguage;
  const questions = surveyQuestions(def).map((q) => q.question);
  const responses = rows.length;
  const responseRate = options.invited > 0 ? Math.min(100, pct(options.invitedAnswered, options.invited)) : null;
  const tooFew = options.anonymous && responses < options.minSlice;
  if (tooFew || responses === 0)
    return { language: lang, responses, invited: options.invited, openToAll: options.openToAll, responseRate, tooFew, questions: [], slices: [] };

  const answers = rows.map((r) => r.answers);
  const scales = scaleColumns(
    questions.filter((q) => q.type === 'scale'),
    answers,
  );
  // Anonymous answers keep no language (it could tell who answered): no language slice for them.
  const slices: SliceDimension[] = rows.some((r) => r.language)
    ? [
        dimension(
          'LANGUAGE',
          options.labels.language,
          rows.map((r) => (r.language ? [r.language] : [])),
          options.labels.languageName,
          scales,
          options.minSlice,
        ),
      ]
    : [];
  for (const q of questions) {
    if (!q.segment || (q.type !== 'single' && q.type !== 'multiple')) continue;
    const labelOf = (key: string) => {
      const option = q.options.find((o) => o.code === key);
      return option ? localize(option.label, lang, fallback) : key === '' ? options.labels.noAnswer : key;
    };
    const keys = answers.map((a) => {
      const given = list(a[q.code]);
      return given.length ? given : [''];
    });
    slices.push(dimension(q.code, localize(q.text, lang, fallback), keys, labelOf, scales, options.minSlice));
  }
  return {
    language: lang,
    responses,
    invited: options.invited,
    openToAll: options.openToAll,
    responseRate,
    tooFew,
    questions: questions.map((q) => questionResult(q, answers, lang, fallback, options)),
    slices,
  };
}

/** Scale means of two waves side by side, for questions with the same code in both. */
export function compareWaves(now: SurveyResults, before: SurveyResults): Array<{ code: string; label: string; now: number; before: number; delta: number }> {
  const earlier = new Map(before.questions.map((q) => [q.code, q.scale?.mean ?? null]));
  return now.questions.flatMap((q) => {
    const b = earlier.get(q.code);
    const n = q.scale?.mean;
    return n != null && b != null ? [{ code: q.code, label: q.label, now: n, before: b, delta: round(n - b, 2) }] : [];
  });
}
