// The polls' chart port, drawn by the surveys' existing renderer (Vega-Lite → SVG → resvg): a
// poll's counts are handed over as one choice question's results. Kept this thin on purpose: the
// survey chart's rendering is moving into infra, and then this adapter only changes its import.
import type { PollChartRenderer } from '../../features/polls/polls-commands.ts';
import { renderChart } from '../../features/surveys/survey-chart.ts';
import type { SurveyResults } from '../../features/surveys/survey-results.ts';

/** `fontFile`: a TTF the chart's text is drawn with; null draws no chart (the results still post). */
export function createPollChart(fontFile: string | null): PollChartRenderer {
  return {
    async bars({ title, valueTitle, bars }) {
      const total = bars.reduce((n, b) => n + b.value, 0);
      const results: SurveyResults = {
        language: 'en',
        responses: total,
        invited: 0,
        responseRate: null,
        tooFew: false,
        slices: [],
        questions: [
          {
            code: 'poll',
            type: 'single',
            label: valueTitle,
            answered: total,
            options: bars.map((b, i) => ({ code: String(i), label: b.label, count: b.value, pct: null })),
          },
        ],
      };
      return renderChart(results, { title, valueTitle, fontFile });
    },
  };
}
