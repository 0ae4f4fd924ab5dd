// Reports from stored answers: results with their chart, wave comparisons, the CSV export and a
// respondent's benchmark. Reads through the repository; builds messages through the views.
import type { FormValues, Member, MemberDirectory, OutboundMessage, Translator } from '../../core/index.ts';
import { localize, type SurveyLanguage } from './survey-definition.ts';
import { benchmark, type WaveStats } from './survey-benchmark.ts';
import { benchmarkMessage, type BenchmarkShapes } from './survey-benchmark-views.ts';
import { chartData, type ChartRenderer } from './survey-chart.ts';
import { protectAnonymousRows } from './survey-anonymity.ts';
import { exportRows, type CsvWriter } from './survey-export.ts';
import { surveyLanguage } from './survey-form.ts';
import type { SurveyRepository } from './survey-repository.ts';
import { compareWaves, computeResults, type SurveyResults } from './survey-results.ts';
import { resultsMessage } from './survey-results-views.ts';
import { waveUnitOf, type AnswerRow, type Wave } from './survey.ts';

export interface ReportDeps {
  repo: SurveyRepository;
  members: MemberDirectory;
  minSlice: number;
  /** Draws charts (src/infra/surveys/chart-renderer.ts). */
  chart: ChartRenderer;
  /** Writes CSV for spreadsheets (src/infra/csv.ts). */
  csv: CsvWriter;
  now(): Date;
  /** Column headers follow the export's language, which may differ from the requester's. */
  translator(language: string): Translator;
  /** Benchmark sentence shapes, translated once per language. */
  shapes?: BenchmarkShapes;
}

/** A name no earlier export has: the wave and the moment, to the second. */
const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').slice(0, 15);

const titleOf = (wave: Wave, language: string) =>
  localize(wave.definition.title, surveyLanguage(wave.definition, language), wave.definition.languages[0] as SurveyLanguage);

/** The units invited (people, or their organisations), and how many of them finished: only these make the rate. */
async function invitedUnits(deps: ReportDeps, wave: Wave): Promise<{ invited: number; invitedAnswered: number }> {
  const units = new Set(wave.invited.map((id) => waveUnitOf(wave, id) ?? `member:${id}`));
  const finished = await deps.repo.finishedUnits(wave.id);
  return { invited: units.size, invitedAnswered: [...units].filter((u) => finished.has(u)).length };
}

export async function waveResults(deps: ReportDeps, wave: Wave, rows: AnswerRow[], language: string, t: Translator): Promise<SurveyResults> {
  return computeResults(wave.definition, rows, {
    language,
    minSlice: deps.minSlice,
    anonymous: wave.anonymous,
    ...(await invitedUnits(deps, wave)),
    openToAll: wave.channels.length > 0,
    labels: { language: t('surveys.slice_language'), noAnswer: t('surveys.no_answer'), languageName: (code) => t(`language.${code}`) },
  });
}

export async function resultsReport(deps: ReportDeps, wave: Wave, language: string, t: Translator, compareWith?: Wave): Promise<OutboundMessage> {
  const results = await waveResults(deps, wave, await deps.repo.answers(wave.id), language, t);
  const title = titleOf(wave, language);
  const data = results.tooFew
    ? null
    : chartData(results, {
        title,
        meanAxis: t('surveys.chart_axis'),
        responses: (count) => t('surveys.responses', { count }),
        meanNote: (mean, count) => t('surveys.chart_mean_note', { mean, count }),
        countNote: (count, pct) => t('surveys.chart_count_note', { count, pct }),
      });
  const png = data ? await deps.chart.render(data) : null;
  const chart = png
    ? { filename: `${wave.surveyId}-${wave.wave}-results-${stamp(deps.now())}.png`, mediaType: 'image/png', base64: Buffer.from(png).toString('base64') }
    : null;
  const chartNote = !png && data && !deps.chart.available ? t('surveys.chart_no_font') : undefined;
  let comparison;
  if (compareWith) {
    const before = await waveResults(deps, compareWith, await deps.repo.answers(compareWith.id), language, t);
    comparison = { wave: compareWith.wave, rows: before.tooFew || results.tooFew ? [] : compareWaves(results, before) };
  }
  return resultsMessage(results, {
    title,
    wave: wave.wave,
    min: deps.minSlice,
    t,
    chart,
    ...(chartNote ? { chartNote } : {}),
    ...(comparison ? { comparison } : {}),
  });
}

export async function exportReport(deps: ReportDeps, wave: Wave, language: string, t: Translator, admin: boolean): Promise<OutboundMessage> {
  const stored = await deps.repo.answers(wave.id);
  const title = t('surveys.export_title', { title: titleOf(wave, language), wave: wave.wave });
  // Anonymous waves obey the same threshold as their results: no rows below k, no column that singles anyone out.
  const rows = wave.anonymous ? protectAnonymousRows(wave.definition, stored, deps.minSlice) : stored;
  if (!rows) return { text: `${title}\n${t('surveys.export_too_few', { min: deps.minSlice })}` };
  const identified = admin && !wave.anonymous;
  const members = new Map<string, Member>();
  if (identified)
    for (const id of new Set(rows.map((r) => r.memberId).filter((x): x is string => !!x))) {
      const m = await deps.members.get(id);
      if (m) members.set(id, m);
    }
  const lt = deps.translator(language);
  const labels = {
    respondent: lt('surveys.csv_respondent'),
    cluster: lt('surveys.csv_cluster'),
    country: lt('surveys.csv_country'),
    language: lt('surveys.csv_language'),
    date: lt('surveys.csv_date'),
    other: lt('surveys.csv_other'),
  };
  const csv = deps.csv(exportRows(wave.definition, rows, { language, identified, members, labels }));
  const note = [
    t(identified ? 'surveys.export_identified' : 'surveys.export_anonymous', { count: rows.length }),
    ...(wave.anonymous ? [t('surveys.export_suppressed', { min: deps.minSlice })] : []),
  ].join(' ');
  return {
    text: `${title}\n${note}`,
    attachments: [
      { filename: `${wave.surveyId}-${wave.wave}-${stamp(deps.now())}.csv`, mediaType: 'text/csv', base64: Buffer.from(csv, 'utf8').toString('base64') },
    ],
  };
}

/** A respondent's benchmark from the wave's running aggregates; null when they answered nothing with numbers or choices. */
export function benchmarkReport(deps: ReportDeps, wave: Wave, stats: WaveStats, own: FormValues, language: string, t: Translator): OutboundMessage | null {
  const lines = benchmark(stats, own, language, deps.minSlice);
  return lines.length ? benchmarkMessage(titleOf(wave, language), lines, t, language, deps.minSlice, deps.shapes) : null;
}
