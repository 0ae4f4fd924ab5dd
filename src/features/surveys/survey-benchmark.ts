// Benchmarks: a respondent's own scale answers next to the network's quartiles, and next to their
// peers' (same country, same cluster type: the survey's segment questions) when that group is
// large enough to show.
import type { FormValues } from '../../core/index.ts';
import { localize, surveyQuestions, type SurveyDefinition, type SurveyLanguage } from './survey-definition.ts';
import { surveyLanguage } from './survey-form.ts';
import { quartiles, type Quartiles } from './survey-stats.ts';
import type { AnswerRow } from './survey.ts';

export interface BenchmarkLine {
  code: string;
  label: string;
  own: number;
  network: Quartiles | null;
  peers: Array<{ group: string; stats: Quartiles }>;
}

export function benchmark(def: SurveyDefinition, rows: AnswerRow[], own: FormValues, language: string, minSlice: number): BenchmarkLine[] {
  const lang = surveyLanguage(def, language);
  const fallback = def.languages[0] as SurveyLanguage;
  const questions = surveyQuestions(def).map((q) => q.question);
  const segments = questions.flatMap((q) => {
    if (!q.segment || q.type !== 'single') return [];
    const value = own[q.code];
    const option = typeof value === 'string' ? q.options.find((o) => o.code === value) : undefined;
    return option ? [{ code: q.code, value: option.code, label: localize(option.label, lang, fallback) }] : [];
  });
  const numbers = (subset: AnswerRow[], code: string) => subset.map((r) => Number(r.answers[code])).filter((n) => Number.isFinite(n));
  const peerRows = segments.map((s) => ({ ...s, rows: rows.filter((r) => r.answers[s.code] === s.value) }));
  return questions.flatMap((q): BenchmarkLine[] => {
    if (q.type !== 'scale' || own[q.code] === undefined) return [];
    const all = numbers(rows, q.code);
    const network = all.length >= minSlice ? quartiles(all) : null;
    const peers = peerRows.flatMap((p) => {
      const values = numbers(p.rows, q.code);
      return values.length >= minSlice ? [{ group: p.label, stats: quartiles(values)! }] : [];
    });
    return [{ code: q.code, label: localize(q.text, lang, fallback), own: Number(own[q.code]), network, peers }];
  });
}
