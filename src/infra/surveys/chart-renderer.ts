// The survey ChartRenderer: Vega-Lite → Vega → SVG → resvg → PNG, with DejaVu Sans looked for on
// this machine (without a font no chart is drawn: a chart without labels would mislead). Labels
// are never cut (labelLimit 0; the PNG is scaled to 900 px wide), bars start at the axis' first
// point, and each bar carries its note (mean and answers, or count and share).
import { existsSync } from 'node:fs';
import type { TopLevelSpec } from 'vega-lite';
import type { BarChart, ChartRenderer } from '../../features/surveys/survey-chart.ts';

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

export function chartSpec(chart: BarChart): TopLevelSpec {
  const [from, to] = chart.domain;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: chart.title, subtitle: chart.subtitle, anchor: 'start' },
    width: 420,
    height: { step: 24 },
    background: 'white',
    padding: 12,
    data: { values: chart.bars.map((b) => ({ ...b, from })) },
    encoding: { y: { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 0 } } },
    layer: [
      {
        mark: { type: 'bar', color: '#2f6f8f' },
        encoding: {
          x: {
            field: 'value',
            type: 'quantitative',
            title: chart.axisTitle || null,
            scale: { domain: [from, to], nice: false, zero: from === 0 },
            axis: { tickMinStep: 1, values: ticks(from, to), format: chart.format === 'decimal' ? '~g' : 'd' },
          },
          x2: { field: 'from' },
        },
      },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4, color: '#222' },
        encoding: { x: { field: 'value', type: 'quantitative' }, text: { field: 'note' } },
      },
    ],
    config: { font: FONT_FAMILY, axis: { labelLimit: 0 }, view: { stroke: null } },
  };
}

/** Whole-number ticks from the first point: 1, 2, 3, 4, 5 on a 1–5 scale; at most ~10 of them. */
function ticks(from: number, to: number): number[] {
  const step = Math.max(1, Math.ceil((to - from) / 10));
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}

export async function chartSvg(chart: BarChart): Promise<string> {
  // Loaded on first use: the chart libraries add tens of megabytes that an idle bot should not carry.
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(compile(chartSpec(chart)).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export function createChartRenderer(fontFile: string | null = findChartFont()): ChartRenderer {
  return {
    available: fontFile !== null,
    async render(chart) {
      if (!fontFile || chart.bars.length === 0) return null;
      const svg = await chartSvg(chart);
      const { Resvg } = await import('@resvg/resvg-js');
      const font = { fontFiles: [fontFile], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY };
      return new Resvg(svg, { font, fitTo: { mode: 'width', value: 900 } }).render().asPng();
    },
  };
}
