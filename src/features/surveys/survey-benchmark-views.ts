// A respondent's benchmark as a message in plain words: "above the network median", "in the top
// quarter of Italian clusters", "42% of the network chose the same".
import { card, fields, type OutboundMessage, type Translator } from '../../core/index.ts';
import type { BenchmarkLine, ChoiceGroup, NumericGroup } from './survey-benchmark.ts';
import { round } from './survey-stats.ts';

const fmt = (n: number): string => String(round(n, 2));

type Fill = (key: string, vars: Record<string, string | number>) => string;

/**
 * Translates each sentence shape once per message and fills it in after: a benchmark has a few
 * shapes repeated for every question and group, and it is part of every submission's reply.
 */
/** Sentence shapes by language and key, kept by whoever renders many benchmarks (translations do not change while running). */
export type BenchmarkShapes = Map<string, string[]>;

function filler(t: Translator, language: string, cache: BenchmarkShapes): Fill {
  // Each shape split at its marks: even parts are text, odd parts the names of the values to put there.
  const shapes = cache;
  const plural = new Intl.PluralRules(language);
  return (key, vars) => {
    // One shape per plural category: the count itself is filled in like any other value.
    const pluralKey = 'count' in vars ? `${key}_${plural.select(Number(vars.count))}` : key;
    let parts = shapes.get(`${language}:${pluralKey}`);
    if (parts === undefined) {
      const marks = Object.fromEntries(Object.keys(vars).map((name) => [name, `\u0000${name}\u0000`]));
      // The plural form's own key (surveys.x_one, surveys.x_other), so the count can stay a mark.
      let shape = t(pluralKey, marks);
      if (shape === pluralKey) shape = t(key, { ...marks, count: vars.count! });
      parts = shape.split('\u0000');
      shapes.set(`${language}:${pluralKey}`, parts);
    }
    let out = parts[0]!;
    for (let i = 1; i < parts.length; i += 2) out += String(vars[parts[i]!]) + parts[i + 1]!;
    return out;
  };
}

function numericGroup(g: NumericGroup, fill: Fill): string {
  const group = g.group ?? fill('surveys.bench_network', {});
  const where = fill(`surveys.bench_${g.standing}`, { group });
  return fill('surveys.bench_numeric', { where, median: fmt(g.stats.median), q1: fmt(g.stats.q1), q3: fmt(g.stats.q3), count: g.stats.n });
}

function choiceGroup(g: ChoiceGroup, fill: Fill): string {
  const group = g.group ?? fill('surveys.bench_network', {});
  const same = g.same.map((s) => fill('surveys.bench_chose', { pct: s.pct, option: s.label })).join(', ');
  return fill('surveys.bench_choice', { group, same, count: g.n });
}

export function benchmarkMessage(
  title: string,
  lines: BenchmarkLine[],
  t: Translator,
  language: string,
  min: number,
  shapes: BenchmarkShapes = new Map(),
): OutboundMessage {
  const fill = filler(t, language, shapes);
  const heading = t('surveys.benchmark_title', { title });
  if (lines.length === 0) return { text: `${heading}\n${t('surveys.bench_nothing')}` };
  if (lines.every((l) => !l.network)) return { text: `${heading}\n${t('surveys.benchmark_too_few', { min })}` };
  const rows = lines.map((l): [string, string] => {
    const own = fill('surveys.benchmark_you', { value: l.kind === 'numeric' ? fmt(l.own) : l.own.join(', ') });
    const hidden = fill('surveys.bench_hidden', { min });
    const groups =
      l.kind === 'numeric'
        ? [l.network ? numericGroup(l.network, fill) : hidden, ...l.peers.map((p) => numericGroup(p, fill))]
        : [l.network ? choiceGroup(l.network, fill) : hidden, ...l.peers.map((p) => choiceGroup(p, fill))];
    return [l.label, [own, ...groups].join(' · ')];
  });
  return { text: [heading, ...rows.map(([a, b]) => `${a}: ${b}`)].join('\n'), card: card(heading, fields(rows)) };
}
