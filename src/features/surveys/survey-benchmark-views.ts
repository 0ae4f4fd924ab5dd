// A respondent's benchmark as a message in plain words: "above the network median", "in the top
// quarter of Italian clusters", "42% of the network chose the same".
import { card, fields, type OutboundMessage, type Translator } from '../../core/index.ts';
import type { BenchmarkLine, ChoiceGroup, NumericGroup } from './survey-benchmark.ts';
import { round } from './survey-stats.ts';

const fmt = (n: number): string => String(round(n, 2));

function numericGroup(g: NumericGroup, t: Translator): string {
  const group = g.group ?? t('surveys.bench_network');
  const where = t(`surveys.bench_${g.standing}`, { group });
  return t('surveys.bench_numeric', { where, median: fmt(g.stats.median), q1: fmt(g.stats.q1), q3: fmt(g.stats.q3), count: g.stats.n });
}

function choiceGroup(g: ChoiceGroup, t: Translator): string {
  const group = g.group ?? t('surveys.bench_network');
  const same = g.same.map((s) => t('surveys.bench_chose', { pct: s.pct, option: s.label })).join(', ');
  return t('surveys.bench_choice', { group, same, count: g.n });
}

export function benchmarkMessage(title: string, lines: BenchmarkLine[], t: Translator, min: number): OutboundMessage {
  const heading = t('surveys.benchmark_title', { title });
  if (lines.length === 0) return { text: `${heading}\n${t('surveys.bench_nothing')}` };
  if (lines.every((l) => !l.network)) return { text: `${heading}\n${t('surveys.benchmark_too_few', { min })}` };
  const rows = lines.map((l): [string, string] => {
    const own = t('surveys.benchmark_you', { value: l.kind === 'numeric' ? fmt(l.own) : l.own.join(', ') });
    const hidden = t('surveys.bench_hidden', { min });
    const groups =
      l.kind === 'numeric'
        ? [l.network ? numericGroup(l.network, t) : hidden, ...l.peers.map((p) => numericGroup(p, t))]
        : [l.network ? choiceGroup(l.network, t) : hidden, ...l.peers.map((p) => choiceGroup(p, t))];
    return [l.label, [own, ...groups].join(' · ')];
  });
  return { text: [heading, ...rows.map(([a, b]) => `${a}: ${b}`)].join('\n'), card: card(heading, fields(rows)) };
}
