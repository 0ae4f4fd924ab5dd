// What an anonymous survey may show row by row: nothing below k responses; free text (and "other"
// text) only where at least k people wrote; and the columns that could single someone out
// (segment answers such as country or cluster type, language, week) made k-anonymous together:
// every combination of the values left in them is shared by at least k rows. Values of a group too
// small are left empty, and more with them until the empty ones are k or more, so none can be
// worked out by subtraction (complementary suppression). Pure; the export and its tests use it.
import { otherKey, type FormValues } from '../../core/index.ts';
import { surveyQuestions, type SurveyDefinition } from './survey-definition.ts';
import type { AnswerRow } from './survey.ts';

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const written = (v: string | string[] | undefined): boolean => list(v).some((s) => s.trim() !== '');

/** A column that can single someone out: how to read it from a row, and how to empty it. */
interface Identifying {
  read(row: AnswerRow): string;
  clear(row: AnswerRow): void;
}

function identifyingColumns(def: SurveyDefinition): Identifying[] {
  const segments = surveyQuestions(def)
    .map((q) => q.question)
    .filter((q) => q.segment)
    .map((q): Identifying => ({
      read: (row) => [...list(row.answers[q.code])].sort().join('\u0001'),
      clear: (row) => {
        delete row.answers[q.code];
        delete row.answers[otherKey(q.code)];
      },
    }));
  return [
    ...segments,
    { read: (row) => row.language, clear: (row) => void (row.language = '') },
    { read: (row) => row.when, clear: (row) => void (row.when = '') },
  ];
}

/** Empties one column where its value's group, inside rows already alike, is smaller than `min`. */
function suppressColumn(rows: AnswerRow[], alike: string[], column: Identifying, min: number): void {
  const groups = new Map<string, number[]>();
  alike.forEach((key, i) => {
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  for (const indexes of groups.values()) {
    const byValue = new Map<string, number[]>();
    for (const i of indexes) {
      const value = column.read(rows[i]!);
      const same = byValue.get(value);
      if (same) same.push(i);
      else byValue.set(value, [i]);
    }
    // The empty value (no answer) and every value below `min` end up empty together.
    const emptied = new Set([...byValue].filter(([value, rs]) => value === '' || rs.length < min).map(([value]) => value));
    const emptyCount = () => [...emptied].reduce((n, value) => n + byValue.get(value)!.length, 0);
    while (emptyCount() > 0 && emptyCount() < min) {
      const smallest = [...byValue].filter(([value]) => !emptied.has(value)).sort((a, b) => a[1].length - b[1].length)[0];
      if (!smallest) break;
      emptied.add(smallest[0]);
    }
    for (const value of emptied) if (value !== '') for (const i of byValue.get(value)!) column.clear(rows[i]!);
  }
}

/**
 * The rows of an anonymous wave as they may be exported, or null when fewer than `min` answered.
 * Rows are copies; the order is the storage's (random ids), never the order of answering.
 */
export function protectAnonymousRows(def: SurveyDefinition, rows: AnswerRow[], min: number): AnswerRow[] | null {
  if (rows.length < min) return null;
  const out: AnswerRow[] = rows.map((r) => ({ language: r.language, when: r.when, answers: { ...r.answers } as FormValues }));
  const textKeys = surveyQuestions(def).flatMap(({ question: q }) =>
    q.type === 'text' || q.type === 'longtext' ? [q.code] : q.type === 'multiple' && q.other ? [otherKey(q.code)] : [],
  );
  for (const key of textKeys) if (out.filter((r) => written(r.answers[key])).length < min) for (const r of out) delete r.answers[key];
  const alike = out.map(() => '');
  for (const column of identifyingColumns(def)) {
    suppressColumn(out, alike, column, min);
    out.forEach((row, i) => (alike[i] += `\u0000${column.read(row)}`));
  }
  return out;
}
