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
import { SortedValues } from './sorted-values.ts';
import { round, type Quartiles } from './survey-stats.ts';

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

interface ChoiceCounts {
  answered: number;
  counts: Map<string, number>;
}

/** A question with numbers or choices, and its aggregates by group. */
type Tracked = { code: string; numeric: true; byGroup: Map<string, SortedValues> } | { code: string; numeric: false; byGroup: Map<string, ChoiceCounts> };

/** What a benchmark says about one question, in one language: worked out once per wave and language. */
interface QuestionLabels {
  question: SurveyQuestion;
  label: string;
  /** Option labels by code (choices only). */
  options: Map<string, string>;
}

interface Labels {
  questions: QuestionLabels[];
  /** Peer group names by group key (a segment option's label). */
  groups: Map<string, string>;
}

/**
 * Running aggregates of one wave's finished responses, by group (the network, and each segment answer).
 * Each question's groups sit in their own map and segment group keys are made once, so a response
 * costs a few map lookups per question and builds no strings.
 */
export class WaveStats {
  readonly #def: SurveyDefinition;
  readonly #questions: SurveyQuestion[];
  readonly #tracked: Tracked[] = [];
  readonly #byCode = new Map<string, Tracked>();
  /** Segment questions, with their group key for each option code. */
  readonly #segments: Array<{ code: string; keys: Map<string, string> }>;
  readonly #labels = new Map<string, Labels>();

  constructor(def: SurveyDefinition) {
    this.#def = def;
    this.#questions = surveyQuestions(def).map((q) => q.question);
    this.#segments = this.#questions
      .filter((q) => q.segment && q.type === 'single')
      .map((q) => ({ code: q.code, keys: new Map('options' in q ? q.options.map((o) => [o.code, `${q.code}=${o.code}`]) : []) }));
    for (const q of this.#questions) {
      const numeric = q.type === 'scale' || q.type === 'number';
      if (!numeric && q.type !== 'single' && q.type !== 'multiple') continue;
      const tracked: Tracked = numeric ? { code: q.code, numeric, byGroup: new Map() } : { code: q.code, numeric, byGroup: new Map() };
      this.#tracked.push(tracked);
      this.#byCode.set(q.code, tracked);
    }
  }

  /** The groups a response belongs to: the network, and one per segment question it answered. */
  groupsOf(answers: FormValues): string[] {
    const groups = [NETWORK];
    for (const { code, keys } of this.#segments) {
      const value = answers[code];
      if (typeof value === 'string') groups.push(keys.get(value) ?? `${code}=${value}`);
    }
    return groups;
  }

  add(answers: FormValues): void {
    this.#apply(answers, 1);
  }

  /** Many responses at once (a wave read from storage): each group's numbers are sorted once, at the end. */
  addAll(all: Iterable<FormValues>): void {
    const numbers = new Map<SortedValues, number[]>();
    for (const answers of all) this.#apply(answers, 1, numbers);
    for (const [sorted, values] of numbers) sorted.addMany(values);
  }

  remove(answers: FormValues): void {
    this.#apply(answers, -1);
  }

  numbers(group: string, code: string): SortedValues | undefined {
    const tracked = this.#byCode.get(code);
    return tracked?.numeric ? tracked.byGroup.get(group) : undefined;
  }

  choices(group: string, code: string): ChoiceCounts | undefined {
    const tracked = this.#byCode.get(code);
    return tracked && !tracked.numeric ? tracked.byGroup.get(group) : undefined;
  }

  /** Question, option and peer group names in the survey language closest to `language`. */
  labels(language: string): Labels {
    const lang = surveyLanguage(this.#def, language);
    let labels = this.#labels.get(lang);
    if (labels) return labels;
    const fallback = this.#def.languages[0] as SurveyLanguage;
    const l = (text: Parameters<typeof localize>[0]) => localize(text, lang, fallback);
    const questions = this.#questions.map((question) => ({
      question,
      label: l(question.text),
      // Reversed so that, as with find(), the first option with a code names it.
      options: new Map('options' in question ? question.options.map((o): [string, string] => [o.code, l(o.label)]).reverse() : []),
    }));
    const groups = new Map<string, string>();
    for (const { code, keys } of this.#segments) {
      // The first question with choices under that code names the group, as a reader would look it up.
      const named = questions.find((q) => q.question.code === code && (q.question.type === 'single' || q.question.type === 'multiple'));
      for (const [option, key] of keys) groups.set(key, named?.options.get(option) ?? option);
    }
    labels = { questions, groups };
    this.#labels.set(lang, labels);
    return labels;
  }

  /** With `later`, numbers are collected there for addMany() instead of inserted one by one. */
  #apply(answers: FormValues, sign: 1 | -1, later?: Map<SortedValues, number[]>): void {
    const groups = this.groupsOf(answers);
    for (const tracked of this.#tracked) {
      const given = answers[tracked.code];
      if (given === undefined) continue;
      if (tracked.numeric) {
        const n = Number(given);
        if (!Number.isFinite(n)) continue;
        for (const group of groups) {
          let sorted = tracked.byGroup.get(group);
          if (!sorted) tracked.byGroup.set(group, (sorted = new SortedValues()));
          if (later) {
            const pending = later.get(sorted);
            if (pending) pending.push(n);
            else later.set(sorted, [n]);
          } else if (sign > 0) sorted.add(n);
          else sorted.remove(n);
        }
      } else {
        for (const group of groups) {
          let c = tracked.byGroup.get(group);
          if (!c) tracked.byGroup.set(group, (c = { answered: 0, counts: new Map() }));
          c.answered += sign;
          if (typeof given === 'string') c.counts.set(given, (c.counts.get(given) ?? 0) + sign);
          else for (const code of given) c.counts.set(code, (c.counts.get(code) ?? 0) + sign);
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

/** A group's quartiles around the respondent's value; null under the minimum count. */
function numericGroup(stats: WaveStats, group: string, name: string | null, code: string, value: number, minSlice: number): NumericGroup | null {
  const s = stats.numbers(group, code)?.quartiles();
  return s && s.n >= minSlice ? { group: name, stats: s, standing: standing(value, s) } : null;
}

/** The share of a group that chose each of the respondent's options; null under the minimum count. */
function choiceGroup(
  stats: WaveStats,
  group: string,
  name: string | null,
  code: string,
  chosen: string[],
  labels: string[],
  minSlice: number,
): ChoiceGroup | null {
  const c = stats.choices(group, code);
  if (!c || c.answered < minSlice) return null;
  const same: ChoiceGroup['same'] = [];
  for (let i = 0; i < chosen.length; i++) same.push({ label: labels[i]!, pct: round(((c.counts.get(chosen[i]!) ?? 0) / c.answered) * 100) });
  return { group: name, n: c.answered, same };
}

/** The respondent's benchmark: one line per question they answered with numbers or choices. */
export function benchmark(stats: WaveStats, own: FormValues, language: string, minSlice: number): BenchmarkLine[] {
  const labels = stats.labels(language);
  const peerGroups: Array<{ key: string; label: string; code: string }> = [];
  for (const key of stats.groupsOf(own)) {
    if (key === NETWORK) continue;
    const [code, value] = key.split('=') as [string, string];
    peerGroups.push({ key, label: labels.groups.get(key) ?? value, code });
  }
  const lines: BenchmarkLine[] = [];
  for (const { question: q, label, options } of labels.questions) {
    const given = own[q.code];
    if (given === undefined) continue;
    if (q.type === 'scale' || q.type === 'number') {
      const value = Number(given);
      if (!Number.isFinite(value)) continue;
      const peers: NumericGroup[] = [];
      for (const p of peerGroups) {
        const group = numericGroup(stats, p.key, p.label, q.code, value, minSlice);
        if (group) peers.push(group);
      }
      lines.push({ kind: 'numeric', code: q.code, label, own: value, network: numericGroup(stats, NETWORK, null, q.code, value, minSlice), peers });
    } else if (q.type === 'single' || q.type === 'multiple') {
      const chosen = list(given).filter((c) => c !== 'other');
      if (chosen.length === 0) continue;
      const chosenLabels = chosen.map((code) => options.get(code) ?? code);
      // A segment question compared within its own segment says nothing: peers there all chose the same.
      const peers: ChoiceGroup[] = [];
      for (const p of peerGroups) {
        if (p.code === q.code) continue;
        const group = choiceGroup(stats, p.key, p.label, q.code, chosen, chosenLabels, minSlice);
        if (group) peers.push(group);
      }
      const network = choiceGroup(stats, NETWORK, null, q.code, chosen, chosenLabels, minSlice);
      lines.push({ kind: 'choice', code: q.code, label, own: chosenLabels, network, peers });
    }
  }
  return lines;
}
