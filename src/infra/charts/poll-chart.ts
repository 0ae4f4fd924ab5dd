// The polls' chart port, drawn by the same renderer as survey results (Vega-Lite → SVG → resvg):
// a poll's counts become one bar chart, on an integer axis from zero.
import type { PollChartRenderer } from '../../features/polls/polls-commands.ts';
import type { ChartRenderer } from '../../features/surveys/survey-chart.ts';

export function createPollChart(renderer: ChartRenderer): PollChartRenderer {
  return {
    async bars({ title, valueTitle, bars }) {
      const total = bars.reduce((n, b) => n + b.value, 0);
      const top = Math.max(1, ...bars.map((b) => b.value));
      return renderer.render({
        title,
        subtitle: '',
        axisTitle: valueTitle,
        domain: [0, top],
        format: 'integer',
        bars: bars.map((b) => ({ label: b.label, value: b.value, note: total ? `${b.value} · ${Math.round((b.value / total) * 100)}%` : String(b.value) })),
      });
    },
  };
}
