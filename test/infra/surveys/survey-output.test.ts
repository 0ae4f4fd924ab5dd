// What people see in the charts the bot makes: chart labels whole, a 1–5 scale drawn from 1, the
// number of answers on each bar. (CSV files: test/infra/csv.test.ts.)
import { describe, expect, it } from 'vitest';
import { chartData } from '../../../src/features/surveys/survey-chart.ts';
import type { SurveyResults } from '../../../src/features/surveys/survey-results.ts';
import { chartSvg, createChartRenderer, findChartFont } from '../../../src/infra/surveys/chart-renderer.ts';

const LONG = 'Information and communication: information services via intranet';
const words = {
  title: 'Pulse',
  meanAxis: 'mean answer',
  responses: (n: number) => `${n} responses`,
  meanNote: (mean: string, n: number) => `${mean} · n=${n}`,
  countNote: (n: number, pct: number) => `${n} · ${pct}%`,
};
const scale = (code: string, label: string, mean: number, answered: number) =>
  ({ code, type: 'scale', label, answered, scale: { min: 1, max: 5, mean, distribution: [], quartiles: null } }) as never;
const results = { responses: 12, questions: [scale('A', LONG, 3.4, 12), scale('B', 'Speed', 4.25, 9)] } as unknown as SurveyResults;

/** The texts of an SVG's <text> elements, in order. */
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));

describe('the results chart', () => {
  it('given scale means → bars from 1 to 5, whole labels, answers per bar and in the subtitle', async () => {
    const chart = chartData(results, words)!;
    expect(chart.domain).toEqual([1, 5]);
    expect(chart.bars.map((b) => [b.label, b.note])).toEqual([
      [LONG, '3.4 · n=12'],
      ['Speed', '4.3 · n=9'],
    ]);
    const svg = texts(await chartSvg(chart));
    expect(svg).toContain(LONG);
    expect(svg).toContain('3.4 · n=12');
    expect(svg).toContain('12 responses');
    const ticks = svg.filter((s) => /^\d+$/.test(s));
    expect(ticks).toEqual(['1', '2', '3', '4', '5']);
  });

  it('given a 1–5 and a 0–10 scale → one axis only: the range most scales share', () => {
    const ten = { code: 'T', type: 'scale', label: 'Ten', answered: 4, scale: { min: 0, max: 10, mean: 7, distribution: [], quartiles: null } } as never;
    const mixed = { responses: 12, questions: [scale('A', 'A', 3, 12), ten, scale('B', 'B', 4, 12)] } as unknown as SurveyResults;
    const chart = chartData(mixed, words)!;
    expect(chart.domain).toEqual([1, 5]);
    expect(chart.bars.map((b) => b.label)).toEqual(['A', 'B']);
  });

  it('given a font → a PNG; without one → no chart, and the renderer says so', async () => {
    const font = findChartFont();
    const renderer = createChartRenderer(font);
    if (font)
      expect(
        Buffer.from((await renderer.render(chartData(results, words)!))!)
          .subarray(1, 4)
          .toString(),
      ).toBe('PNG');
    const none = createChartRenderer(null);
    expect(none.available).toBe(false);
    expect(await none.render(chartData(results, words)!)).toBeNull();
  });
});
