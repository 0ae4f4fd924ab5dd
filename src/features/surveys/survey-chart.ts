// The results chart as a PNG: scale means as horizontal bars (or, without scales, the first choice
// question's counts), Vega-Lite → Vega → SVG → resvg. Text needs a font file: DejaVu Sans is looked
// for, and without it no chart is drawn (a chart without labels would mislead); results still post.
import { existsSync } from 'node:fs';
import type { TopLevelSpec } from 'vega-lite';
import type { SurveyResults } from './survey-results.ts';

const FONT_FAMILY = 'DejaVu Sans';
const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/usr/local/share/fonts/DejaVuSans.ttf',
  '/Library/Fonts/DejaVuSans.ttf',
];

/** The first DejaVu Sans file on this machine, or null: the caller decides how to degrade. */
export function findChartFont(candidates: readonly string[] = FONT_CANDIDATES): string | null {
  return candidates.find((path) => existsSync(path)) ?? null;
}

const short = (s: string, max = 48) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** Bars to draw, or null when the results have nothing chartable. */
export function chartData(results: SurveyResults): { title: string; rows: Array<{ label: string; value: number }>; max: number } | null {
  const scales = results.questions.filter((q) => q.scale?.mean != null);
  if (scales.length > 0) {
    const max = Math.max(...scales.map((q) => q.scale!.max));
    return { title: 'mean', rows: scales.map((q) => ({ label: short(q.label), value: q.scale!.mean! })), max };
  }
  const choice = results.questions.find((q) => q.options?.some((o) => o.count !== null && o.count > 0));
  if (!choice?.options) return null;
  const rows = choice.options.filter((o) => o.count !== null).map((o) => ({ label: short(o.label), value: o.count! }));
  return { title: short(choice.label, 80), rows, max: Math.max(1, ...rows.map((r) => r.value)) };
}

export interface ChartOptions {
  title: string;
  valueTitle: string;
  /** A TTF/OTF file; null: no chart. */
  fontFile: string | null;
}

export async function renderChart(results: SurveyResults, options: ChartOptions): Promise<Buffer | null> {
  const data = chartData(results);
  if (!data || !options.fontFile) return null;
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    width: 420,
    height: { step: 22 },
    background: 'white',
    padding: 12,
    data: { values: data.rows },
    mark: { type: 'bar', color: '#2f6f8f' },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: null, title: null },
      x: {
        field: 'value',
        type: 'quantitative',
        title: data.title === 'mean' ? options.valueTitle : data.title,
        scale: { domain: [0, data.max] },
        axis: { tickMinStep: 1, format: data.title === 'mean' ? '.1~f' : 'd' },
      },
    },
    config: { font: FONT_FAMILY, axis: { labelLimit: 0 } },
  };
  // Loaded on first use: the chart libraries add tens of megabytes that an idle bot should not carry.
  const [vega, { compile }, { Resvg }] = await Promise.all([import('vega'), import('vega-lite'), import('@resvg/resvg-js')]);
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  const font = { fontFiles: [options.fontFile], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY };
  return Buffer.from(new Resvg(svg, { font, fitTo: { mode: 'width', value: 900 } }).render().asPng());
}
