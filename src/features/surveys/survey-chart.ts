// What the results chart shows, decided here; how it is drawn (Vega-Lite, resvg, fonts) is the
// ChartRenderer's, in src/infra/surveys. Scale means as bars that start at the scale's first point
// (a 1–5 scale's axis starts at 1), or, without scales, the first choice question's counts. Labels
// are whole, and every bar says how many answered.
import type { SurveyResults } from './survey-results.ts';

export interface BarChart {
  title: string;
  /** Under the title: how many responses the chart is drawn from. */
  subtitle: string;
  axisTitle: string;
  /** The value axis, first to last point; bars grow from the first. */
  domain: [number, number];
  format: 'decimal' | 'integer';
  bars: Array<{ label: string; value: number; note: string }>;
}

/** Draws a chart as a PNG; `available` is false where no font is installed (then no chart). */
export interface ChartRenderer {
  readonly available: boolean;
  render(chart: BarChart): Promise<Uint8Array | null>;
}

export interface ChartWords {
  title: string;
  /** The mean's axis title ("mean answer"). */
  meanAxis: string;
  responses(count: number): string;
  /** "3.4 · 12 answers" */
  meanNote(mean: string, answered: number): string;
  /** "7 · 35%" */
  countNote(count: number, pct: number): string;
}

/**
 * Means of a 1–5 and a 0–10 scale on one axis would mislead: the chart shows the scales sharing the
 * most common range (the text of the results lists every scale).
 */
function sameRange<T extends { scale?: { min: number; max: number } | undefined }>(scales: T[]): T[] {
  const groups = new Map<string, T[]>();
  for (const q of scales) {
    const key = `${q.scale!.min}-${q.scale!.max}`;
    groups.set(key, [...(groups.get(key) ?? []), q]);
  }
  return [...groups.values()].sort((a, b) => b.length - a.length)[0] ?? [];
}

const decimal = (n: number) => (Math.round(n * 10) / 10).toString();

/** Bars to draw, or null when the results have nothing chartable. */
export function chartData(results: SurveyResults, words: ChartWords): BarChart | null {
  const subtitle = words.responses(results.responses);
  const scales = sameRange(results.questions.filter((q) => q.scale?.mean != null));
  if (scales.length > 0) {
    const { min, max } = scales[0]!.scale!;
    return {
      title: words.title,
      subtitle,
      axisTitle: words.meanAxis,
      domain: [min, max],
      format: 'decimal',
      bars: scales.map((q) => ({ label: q.label, value: q.scale!.mean!, note: words.meanNote(decimal(q.scale!.mean!), q.answered) })),
    };
  }
  const choice = results.questions.find((q) => q.options?.some((o) => o.count !== null && o.count > 0));
  if (!choice?.options) return null;
  const shown = choice.options.filter((o) => o.count !== null);
  const bars = shown.map((o) => ({ label: o.label, value: o.count!, note: words.countNote(o.count!, o.pct ?? 0) }));
  return {
    title: choice.label,
    subtitle: `${words.title} · ${words.responses(choice.answered)}`,
    axisTitle: '',
    domain: [0, Math.max(1, ...bars.map((b) => b.value))],
    format: 'integer',
    bars,
  };
}
