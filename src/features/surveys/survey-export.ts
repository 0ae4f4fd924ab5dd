// The CSV export: one row per response, one column per question code, option labels in the chosen
// language. Who answered is included only for identified (non-anonymous) waves. This decides rows
// and columns; writing them as CSV (quoting, BOM, formula safety) is the CsvWriter's, in infra.
import { otherKey, type FormValues, type Member } from '../../core/index.ts';
import { localize, surveyQuestions, type SurveyDefinition, type SurveyLanguage, type SurveyQuestion } from './survey-definition.ts';
import { surveyLanguage } from './survey-form.ts';
import type { AnswerRow } from './survey.ts';

export interface ExportOptions {
  language: string;
  /** Adds respondent and cluster columns; only for identified waves shown to admins. */
  identified: boolean;
  members: Map<string, Pick<Member, 'displayName' | 'cluster' | 'country'>>;
  /** Column headers and the "other" answer in the export's language. */
  labels: ExportLabels;
}

export interface ExportLabels {
  respondent: string;
  cluster: string;
  country: string;
  language: string;
  date: string;
  other: string;
}

/** Rows to CSV text; the implementation lives in src/infra. */
export type CsvWriter = (rows: ReadonlyArray<ReadonlyArray<string | number>>) => string;

/** One function per column, built once: option labels are looked up in a map, not per cell. */
function columns(q: SurveyQuestion, lang: SurveyLanguage, fallback: SurveyLanguage, other: string): Array<{ name: string; cell(a: FormValues): string }> {
  const read = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  if (q.type !== 'single' && q.type !== 'multiple') return [{ name: q.code, cell: (a) => read(a[q.code]).join('; ') }];
  const labels = new Map(q.options.map((o) => [o.code, localize(o.label, lang, fallback)]));
  if (q.type === 'multiple' && q.other && !labels.has('other')) labels.set('other', other);
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

export function exportRows(def: SurveyDefinition, rows: AnswerRow[], options: ExportOptions): string[][] {
  const lang = surveyLanguage(def, options.language);
  const { labels } = options;
  const cols = surveyQuestions(def).flatMap(({ question }) => columns(question, lang, def.languages[0] as SurveyLanguage, labels.other));
  const who = options.identified ? [labels.respondent, labels.cluster, labels.country] : [];
  const header = [...who, labels.language, labels.date, ...cols.map((c) => c.name)];
  const body = rows.map((row) => {
    const who = options.identified && row.memberId ? options.members.get(row.memberId) : undefined;
    return [
      ...(options.identified ? [who?.displayName ?? '', who?.cluster ?? '', who?.country ?? ''] : []),
      row.language,
      row.when,
      ...cols.map((c) => c.cell(row.answers)),
    ];
  });
  return [header, ...body];
}
