// Benchmarks: a respondent's answers next to the network's and their peers' (same answer to each of
// the survey's segment questions: country, cluster type), for every question with numbers (scales,
// numbers: median and quartiles, and where the answer stands) or choices (the share who chose the
// same). A group is shown only when at least k answered in it.
//
// `WaveStats` keeps what benchmarks need as running aggregates, updated one response at a time, so
// a submission's benchmark costs the same on an empty wave and on one with 10,000 responses.
import type { FormValues } from '../../core/index.ts';
import { localize, surveyQuestions, type SurveyDefinition, type SurveyLanguage, type SurveyQuestion } from './survey-definition.ts';
import { surveyLanguage } from './survey-form.ts';
import { quantile, round, type Quartiles } from './survey-stats.ts';

const NETWORK = '';
const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Where an own value stands against a group: plain words, not statistics. */
export type Standing = 'top_quarter' | 'above_median' | 'at_median' | 'below_median' | 'bottom_quarter';

export interface NumericGroup {
  /** The group's name (the network, or a segment option's label). */
  group: string | null;
  stats: Quartiles;
  standing: Standing;
}

export interface ChoiceGroup {
  group: string | null;
  n: number;
  /** Percentage of the group that chose each of the respondent's options, by option label. */
  same: Array<{ label: string; pct: number }>;
}

export type BenchmarkLine =
  | { kind: 'numeric'; code: string; label: string; own: number; network: NumericGroup | null; peers: NumericGroup[] }
  | { kind: 'choice'; code: string; label: string; own: string[]; network: ChoiceGroup | null; peers: ChoiceGroup[] };

/** Sorted values with insertion and removal by binary search. */
class SortedValues {
  readonly values: number[] = [];
  #at(v: number): number {
    let lo = 0;
    let hi = this.values.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.values[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  add(v: number): void {
    this.values.splice(this.#at(v), 0, v);
  }
  remove(v: number): void {
    const i = this.#at(v);
    if (this.values[i] === v) this.values.splice(i, 1);
  }
  quartiles(): Quartiles | null {
    const s = this.values;
    return s.length ? { n: s.length, q1: quantile(s, 0.25)!, median: quantile(s, 0.5)!, q3: quantile(s, 0.75)! } : null;
  }
}

interface ChoiceCounts {
  answered: number;
  counts: Map<string, number>;
}

/** Running aggregates of one wave's finished responses, by group (the network, and each segment answer). */
export class WaveStats {
  readonly #numbers = new Map<string, SortedValues>();
  readonly #choices = new Map<string, ChoiceCounts>();
  readonly #questions: SurveyQuestion[];
  readonly #segments: SurveyQuestion[];

  constructor(def: SurveyDefinition) {
    this.#questions = surveyQuestions(def).map((q) => q.question);
    this.#segments = this.#questions.filter((q) => q.segment && q.type === 'single');
  }

  /** The groups a response belongs to: the network, and one per segment question it answered. */
  groupsOf(answers: FormValues): string[] {
    const groups = [NETWORK];
    for (const q of this.#segments) {
      const value = answers[q.code];
      if (typeof value === 'string') groups.push(`${q.code}=${value}`);
    }
    return groups;
  }

  add(answers: FormValues): void {
    this.#apply(answers, 1);
  }

  remove(answers: FormValues): void {
    this.#apply(answers, -1);
  }

  numbers(group: string, code: string): SortedValues | undefined {
    return this.#numbers.get(`${group}\u0000${code}`);
  }

  choices(group: string, code: string): ChoiceCounts | undefined {
    return this.#choices.get(`${group}\u0000${code}`);
  }

  #apply(answers: FormValues, sign: 1 | -1): void {
    const groups = this.groupsOf(answers);
    for (const q of this.#questions) {
      const given = answers[q.code];
      if (given === undefined) continue;
      for (const group of groups) {
        const key = `${group}\u0000${q.code}`;
        if (q.type === 'scale' || q.type === 'number') {
          const n = Number(given);
          if (!Number.isFinite(n)) continue;
          let sorted = this.#numbers.get(key);
          if (!sorted) this.#numbers.set(key, (sorted = new SortedValues()));
          if (sign > 0) sorted.add(n);
          else sorted.remove(n);
        } else if (q.type === 'single' || q.type === 'multiple') {
          let c = this.#choices.get(key);
          if (!c) this.#choices.set(key, (c = { answered: 0, counts: new Map() }));
          c.answered += sign;
          for (const code of list(given)) c.counts.set(code, (c.counts.get(code) ?? 0) + sign);
        }
      }
    }
  }
}

export function standing(own: number, stats: Quartiles): Standing {
  if (own > stats.q3) return 'top_quarter';
  if (own < stats.q1) return 'bottom_quarter';
  if (own > stats.median) return 'above_median';
  if (own < stats.median) return 'below_median';
  return 'at_median';
}

/** The respondent's benchmark: one line per question they answered with numbers or choices. */
export function benchmark(def: SurveyDefinition, stats: WaveStats, own: FormValues, language: string, minSlice: number): BenchmarkLine[] {
  const lang = surveyLanguage(def, language);
  const fallback = def.languages[0] as SurveyLanguage;
  const l = (text: Parameters<typeof localize>[0]) => localize(text, lang, fallback);
  const questions = surveyQuestions(def).map((q) => q.question);
  const peerGroups = stats
    .groupsOf(own)
    .filter((g) => g !== NETWORK)
    .map((key) => {
      const [code, value] = key.split('=') as [string, string];
      const option = questions.find((q) => q.code === code && (q.type === 'single' || q.type === 'multiple'));
      const label = option && 'options' in option ? option.options.find((o) => o.code === value)?.label : undefined;
      return { key, label: label ? l(label) : value };
    });
  return questions.flatMap((q): BenchmarkLine[] => {
    const given = own[q.code];
    if (given === undefined) return [];
    const base = { code: q.code, label: l(q.text) };
    if (q.type === 'scale' || q.type === 'number') {
      const value = Number(given);
      if (!Number.isFinite(value)) return [];
      const numeric = (group: string, name: string | null): NumericGroup | null => {
        const s = stats.numbers(group, q.code)?.quartiles();
        return s && s.n >= minSlice ? { group: name, stats: s, standing: standing(value, s) } : null;
      };
      const peers = peerGroups.map((p) => numeric(p.key, p.label)).filter((p): p is NumericGroup => p !== null);
      return [{ kind: 'numeric', ...base, own: value, network: numeric(NETWORK, null), peers }];
    }
    if (q.type === 'single' || q.type === 'multiple') {
      const chosen = list(given).filter((c) => c !== 'other');
      if (chosen.length === 0) return [];
      const labelOf = (code: string) => {
        const option = q.options.find((o) => o.code === code);
        return option ? l(option.label) : code;
      };
      const choice = (group: string, name: string | null): ChoiceGroup | null => {
        const c = stats.choices(group, q.code);
        if (!c || c.answered < minSlice) return null;
        return {
          group: name,
          n: c.answered,
          same: chosen.map((code) => ({ label: labelOf(code), pct: round(((c.counts.get(code) ?? 0) / c.answered) * 100) })),
        };
      };
      // A segment question compared within its own segment says nothing: peers there all chose the same.
      const peers = peerGroups
        .filter((p) => !p.key.startsWith(`${q.code}=`))
        .map((p) => choice(p.key, p.label))
        .filter((p): p is ChoiceGroup => p !== null);
      return [{ kind: 'choice', ...base, own: chosen.map(labelOf), network: choice(NETWORK, null), peers }];
    }
    return [];
  });
}
