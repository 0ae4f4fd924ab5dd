// Reports from stored answers: results with their chart, wave comparisons, the CSV export and a
// respondent's benchmark. Reads through the repository; builds messages through the views.
import type { FormValues, Member, MemberDirectory, OutboundMessage, Translator } from '../../core/index.ts';
import { localize, type SurveyLanguage } from './survey-definition.ts';
import { benchmark } from './survey-benchmark.ts';
import { chartData, type ChartRenderer } from './survey-chart.ts';
import { exportRows, type CsvWriter } from './survey-export.ts';
import { surveyLanguage } from './survey-form.ts';
import type { SurveyRepository } from './survey-repository.ts';
import { compareWaves, computeResults, type SurveyResults } from './survey-results.ts';
import { benchmarkMessage, resultsMessage } from './survey-results-views.ts';
import { unitKeyOf, type AnswerRow, type Wave } from './survey.ts';

export interface ReportDeps {
  repo: SurveyRepository;
  members: MemberDirectory;
  minSlice: number;
  /** Draws charts (src/infra/surveys/chart-renderer.ts). */
  chart: ChartRenderer;
  /** Writes CSV for spreadsheets (src/infra/surveys/survey-csv.ts). */
  csv: CsvWriter;
  now(): Date;
  /** Column headers follow the export's language, which may differ from the requester's. */
  translator(language: string): Translator;
}

/** A name no earlier export has: the wave and the moment, to the second. */
const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').slice(0, 15);

const titleOf = (wave: Wave, language: string) =>
  localize(wave.definition.title, surveyLanguage(wave.definition, language), wave.definition.languages[0] as SurveyLanguage);

/** How many units were invited: people, or their organisations for organisation surveys. */
async function invitedUnits(deps: ReportDeps, wave: Wave): Promise<number> {
  if (wave.definition.responseUnit === 'person') return wave.invited.length;
  const people = await Promise.all(wave.invited.map((id) => deps.members.get(id)));
  return new Set(people.map((m, i) => unitKeyOf(wave.definition, m ?? { id: wave.invited[i]!, cluster: null }))).size;
}

export async function waveResults(deps: ReportDeps, wave: Wave, rows: AnswerRow[], language: string, t: Translator): Promise<SurveyResults> {
  return computeResults(wave.definition, rows, {
    language,
    minSlice: deps.minSlice,
    anonymous: wave.anonymous,
    invited: await invitedUnits(deps, wave),
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
  const rows = await deps.repo.answers(wave.id);
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
  const note = t(identified ? 'surveys.export_identified' : 'surveys.export_anonymous', { count: rows.length });
  return {
    text: `${t('surveys.export_title', { title: titleOf(wave, language), wave: wave.wave })}\n${note}`,
    attachments: [
      { filename: `${wave.surveyId}-${wave.wave}-${stamp(deps.now())}.csv`, mediaType: 'text/csv', base64: Buffer.from(csv, 'utf8').toString('base64') },
    ],
  };
}

/** A respondent's benchmark; null when the survey has no scale question they answered. */
export async function benchmarkReport(deps: ReportDeps, wave: Wave, own: FormValues, language: string, t: Translator): Promise<OutboundMessage | null> {
  const lines = benchmark(wave.definition, await deps.repo.answers(wave.id), own, language, deps.minSlice);
  return lines.length ? benchmarkMessage(titleOf(wave, language), lines, t, deps.minSlice) : null;
}
