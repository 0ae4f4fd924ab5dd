// A respondent's benchmark as a message in plain words: "above the network median", "in the top
// quarter of Italian clusters", "42% of the network chose the same".
import { card, fields, type OutboundMessage, type Translator } from '../../core/index.ts';
import type { BenchmarkLine, ChoiceGroup, NumericGroup, Standing } from './survey-benchmark.ts';
import { round } from './survey-stats.ts';

const fmt = (n: number): string => String(round(n, 2));

/** A sentence split at its values: texts[0], value slots[0], texts[1], ..., the last text. */
interface Shape {
  texts: string[];
  slots: number[];
}

/** Plural categories remembered per language; cleared past this many counts so it stays small. */
const CATEGORIES_KEPT = 10_000;

/**
 * Sentence shapes translated once per language and filled in after, kept by whoever renders many
 * benchmarks (translations do not change while running): a benchmark has a few shapes repeated for
 * every question and group, and it is part of every submission's reply. Values go in by position.
 */
export class BenchmarkShapes {
  /** By language, then key, then plural category ('' for a sentence without a count). */
  readonly #shapes = new Map<string, Map<string, Map<string, Shape>>>();
  readonly #plurals = new Map<string, { rules: Intl.PluralRules; categories: Map<number, string> }>();

  /** The sentence `key` with `values` in the places of `names`; a value named count picks the plural form. */
  fill(t: Translator, language: string, key: string, names: readonly string[], values: ReadonlyArray<string | number>): string {
    const at = names.indexOf('count');
    // One shape per plural category: the count itself is filled in like any other value.
    const category = at >= 0 ? this.#category(language, Number(values[at])) : '';
    let byKey = this.#shapes.get(language);
    if (!byKey) this.#shapes.set(language, (byKey = new Map()));
    let forms = byKey.get(key);
    if (!forms) byKey.set(key, (forms = new Map()));
    let shape = forms.get(category);
    if (shape === undefined) {
      const pluralKey = category ? `${key}_${category}` : key;
      const marks = Object.fromEntries(names.map((name, i) => [name, `\u0000${i}\u0000`]));
      // The plural form's own key (surveys.x_one, surveys.x_other), so the count can stay a mark.
      const text = t(pluralKey, marks);
      // No such form: i18next fills the sentence itself, each time (a shape would keep the first count).
      if (text === pluralKey) return t(key, Object.fromEntries(names.map((name, i) => [name, values[i]!])));
      const parts = text.split('\u0000');
      shape = { texts: parts.filter((_, i) => i % 2 === 0), slots: parts.filter((_, i) => i % 2 === 1).map(Number) };
      forms.set(category, shape);
    }
    const { texts, slots } = shape;
    let out = texts[0]!;
    for (let i = 0; i < slots.length; i++) out += String(values[slots[i]!]) + texts[i + 1]!;
    return out;
  }

  #category(language: string, count: number): string {
    let plural = this.#plurals.get(language);
    if (!plural) this.#plurals.set(language, (plural = { rules: new Intl.PluralRules(language), categories: new Map() }));
    let category = plural.categories.get(count);
    if (category === undefined) {
      if (plural.categories.size >= CATEGORIES_KEPT) plural.categories.clear();
      category = plural.rules.select(count);
      plural.categories.set(count, category);
    }
    return category;
  }
}

const NUMERIC = ['where', 'median', 'q1', 'q3', 'count'] as const;
const CHOICE = ['group', 'same', 'count'] as const;
const CHOSE = ['pct', 'option'] as const;
const GROUP = ['group'] as const;
const VALUE = ['value'] as const;
const MIN = ['min'] as const;
const NONE = [] as const;

type Fill = (key: string, names: readonly string[], values: ReadonlyArray<string | number>) => string;

/** Keys written out (not put together per call): shapes are looked up by them for every group. */
const STANDING: Record<Standing, string> = {
  top_quarter: 'surveys.bench_top_quarter',
  above_median: 'surveys.bench_above_median',
  at_median: 'surveys.bench_at_median',
  below_median: 'surveys.bench_below_median',
  bottom_quarter: 'surveys.bench_bottom_quarter',
};

function numericGroup(g: NumericGroup, fill: Fill, network: string): string {
  const where = fill(STANDING[g.standing], GROUP, [g.group ?? network]);
  return fill('surveys.bench_numeric', NUMERIC, [where, fmt(g.stats.median), fmt(g.stats.q1), fmt(g.stats.q3), g.stats.n]);
}

function choiceGroup(g: ChoiceGroup, fill: Fill, network: string): string {
  let same = '';
  for (const s of g.same) same += (same ? ', ' : '') + fill('surveys.bench_chose', CHOSE, [s.pct, s.label]);
  return fill('surveys.bench_choice', CHOICE, [g.group ?? network, same, g.n]);
}

export function benchmarkMessage(
  title: string,
  lines: BenchmarkLine[],
  t: Translator,
  language: string,
  min: number,
  shapes: BenchmarkShapes = new BenchmarkShapes(),
): OutboundMessage {
  const fill: Fill = (key, names, values) => shapes.fill(t, language, key, names, values);
  const heading = fill('surveys.benchmark_title', ['title'], [title]);
  if (lines.length === 0) return { text: `${heading}\n${t('surveys.bench_nothing')}` };
  if (lines.every((l) => !l.network)) return { text: `${heading}\n${t('surveys.benchmark_too_few', { min })}` };
  const network = fill('surveys.bench_network', NONE, []);
  const hidden = fill('surveys.bench_hidden', MIN, [min]);
  const rows: Array<[string, string]> = [];
  let text = heading;
  for (const l of lines) {
    let row = fill('surveys.benchmark_you', VALUE, [l.kind === 'numeric' ? fmt(l.own) : l.own.join(', ')]);
    if (l.kind === 'numeric') {
      row += ` · ${l.network ? numericGroup(l.network, fill, network) : hidden}`;
      for (const p of l.peers) row += ` · ${numericGroup(p, fill, network)}`;
    } else {
      row += ` · ${l.network ? choiceGroup(l.network, fill, network) : hidden}`;
      for (const p of l.peers) row += ` · ${choiceGroup(p, fill, network)}`;
    }
    rows.push([l.label, row]);
    text += `\n${l.label}: ${row}`;
  }
  return { text, card: card(heading, fields(rows)) };
}
