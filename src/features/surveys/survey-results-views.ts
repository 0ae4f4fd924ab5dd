// Results and comparisons between waves as neutral messages (benchmarks: survey-benchmark-views.ts).
import { card, divider, text, type Attachment, type Block, type OutboundMessage, type Translator } from '../../core/index.ts';
import type { compareWaves, QuestionResult, SurveyResults } from './survey-results.ts';
import { round } from './survey-stats.ts';

const fmt = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : String(round(n, 2)));

function questionLines(q: QuestionResult, t: Translator, min: number): string[] {
  const head = `*${q.code}* ${q.label} (${t('surveys.answered', { count: q.answered })})`;
  if (q.options) {
    const sorted = [...q.options].sort((a, b) => (b.count ?? -1) - (a.count ?? -1));
    const opts = sorted.map((o) => (o.count === null ? `${o.label}: ${t('surveys.hidden_small', { min })}` : `${o.label}: ${o.count} (${o.pct}%)`));
    return [head, ...opts.map((o) => `  ${o}`), ...(q.other ? [`  ${t('surveys.other_count', { count: q.other })}`] : [])];
  }
  if (q.scale) {
    const s = q.scale;
    const dist = s.distribution.map((count, i) => `${s.min + i}: ${count}`).join(' · ');
    const quart = s.quartiles ? t('surveys.quartiles', { q1: fmt(s.quartiles.q1), median: fmt(s.quartiles.median), q3: fmt(s.quartiles.q3) }) : '';
    return [head, `  ${t('surveys.mean', { mean: fmt(s.mean), max: s.max })} ${quart}`, `  ${dist}`];
  }
  if (q.number) return [head, `  ${t('surveys.mean_number', { mean: fmt(q.number.mean), median: fmt(q.number.quartiles?.median) })}`];
  if (q.texts === null) return [head, `  ${t('surveys.texts_hidden', { min })}`];
  return [head, ...(q.texts ?? []).slice(0, 10).map((s) => `  “${s}”`)];
}

export function resultsMessage(
  results: SurveyResults,
  input: {
    title: string;
    wave: string;
    min: number;
    t: Translator;
    chart: Attachment | null;
    chartNote?: string;
    comparison?: { wave: string; rows: ReturnType<typeof compareWaves> };
  },
): OutboundMessage {
  const { t, min } = input;
  const heading = t('surveys.results_title', { title: input.title, wave: input.wave });
  const rate = results.responseRate === null ? t('surveys.rate_unknown') : t('surveys.rate', { rate: results.responseRate, invited: results.invited });
  const open = results.openToAll ? ` · ${t('surveys.open_to_all_results')}` : '';
  const summary = `${t('surveys.responses', { count: results.responses })} · ${rate}${open}`;
  if (results.tooFew) {
    const note = t('surveys.too_few', { min });
    return { text: [heading, summary, note].join('\n'), card: card(heading, text(summary), text(note)) };
  }
  const sections: string[] = results.questions.map((q) => questionLines(q, t, min).join('\n'));
  const slices = results.slices
    .filter((d) => d.groups.length > 1)
    .map((d) => {
      const groups = d.groups.map((g) => (g.hidden ? `${g.label}: ${t('surveys.hidden_small', { min })}` : `${g.label}: n=${g.n}`));
      const visible = d.groups.filter((g) => !g.hidden);
      const means =
        visible.length > 1
          ? Object.keys(visible[0]!.means).map((code) => `  ${code}: ${visible.map((g) => `${g.label} ${fmt(g.means[code])}`).join(' · ')}`)
          : [];
      return [`*${t('surveys.by', { dimension: d.label })}*`, `  ${groups.join(' · ')}`, ...means].join('\n');
    });
  const comparison = input.comparison
    ? [
        `*${t('surveys.compare_title', { wave: input.comparison.wave })}*`,
        ...input.comparison.rows.map((r) => `  ${r.code}: ${fmt(r.before)} → ${fmt(r.now)} (${r.delta >= 0 ? '+' : ''}${fmt(r.delta)})`),
      ].join('\n')
    : undefined;
  const notes = [input.chartNote].filter((n): n is string => Boolean(n));
  const all = [summary, ...sections, ...slices, ...(comparison ? [comparison] : []), ...notes];
  const blocks: Block[] = [
    text(summary),
    divider(),
    ...sections.map((s) => text(s)),
    ...(slices.length ? [divider(), ...slices.map((s) => text(s))] : []),
    ...(comparison ? [text(comparison)] : []),
    ...notes.map((n) => text(n, true)),
  ];
  return { text: [heading, ...all].join('\n'), card: card(heading, ...blocks), ...(input.chart ? { attachments: [input.chart] } : {}) };
}
