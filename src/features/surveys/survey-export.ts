// The CSV export: one row per response, one column per question code, option labels in the chosen
// language. Who answered is included only for identified (non-anonymous) waves.
import { stringify } from 'csv-stringify/sync';
import { otherKey, type FormValues, type Member } from '../../core/index.ts';
import { localize, surveyQuestions, type SurveyDefinition, type SurveyLanguage, type SurveyQuestion } from './survey-definition.ts';
import { surveyLanguage } from './survey-form.ts';
import type { AnswerRow } from './survey.ts';

export interface ExportOptions {
  language: string;
  /** Adds respondent and cluster columns; only for identified waves shown to admins. */
  identified: boolean;
  members: Map<string, Pick<Member, 'displayName' | 'cluster' | 'country'>>;
}

/** One function per column, built once: option labels are looked up in a map, not per cell. */
function columns(q: SurveyQuestion, lang: SurveyLanguage, fallback: SurveyLanguage): Array<{ name: string; cell(a: FormValues): string }> {
  const read = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  if (q.type !== 'single' && q.type !== 'multiple') return [{ name: q.code, cell: (a) => read(a[q.code]).join('; ') }];
  const labels = new Map(q.options.map((o) => [o.code, localize(o.label, lang, fallback)]));
  const main = {
    name: q.code,
    cell: (a: FormValues) =>
      read(a[q.code])
        .map((v) => labels.get(v) ?? v)
        .join('; '),
  };
  if (q.type !== 'multiple' || !q.other) return [main];
  const key = otherKey(q.code);
  return [main, { name: key, cell: (a) => read(a[key]).join('; ') }];
}

export function exportCsv(def: SurveyDefinition, rows: AnswerRow[], options: ExportOptions): string {
  const lang = surveyLanguage(def, options.language);
  const cols = surveyQuestions(def).flatMap(({ question }) => columns(question, lang, def.languages[0] as SurveyLanguage));
  const header = [...(options.identified ? ['respondent', 'cluster', 'country'] : []), 'language', 'date', ...cols.map((c) => c.name)];
  const body = rows.map((row) => {
    const who = options.identified && row.memberId ? options.members.get(row.memberId) : undefined;
    return [
      ...(options.identified ? [who?.displayName ?? '', who?.cluster ?? '', who?.country ?? ''] : []),
      row.language,
      row.when,
      ...cols.map((c) => c.cell(row.answers)),
    ];
  });
  return stringify([header, ...body]);
}
