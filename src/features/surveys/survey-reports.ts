// Reports from stored answers: results with their chart, wave comparisons, the CSV export and a
// respondent's benchmark. Reads through the repository; builds messages through the views.
import type { FormValues, Member, MemberDirectory, OutboundMessage, Translator } from '../../core/index.ts';
import { localize, type SurveyLanguage } from './survey-definition.ts';
import { benchmark, type WaveStats } from './survey-benchmark.ts';
import { benchmarkMessage, type BenchmarkShapes } from './survey-benchmark-views.ts';
import { renderChart } from './survey-chart.ts';
import { protectAnonymousRows } from './survey-anonymity.ts';
import { exportCsv } from './survey-export.ts';
import { surveyLanguage } from './survey-form.ts';
import type { SurveyRepository } from './survey-repository.ts';
import { compareWaves, computeResults, type SurveyResults } from './survey-results.ts';
import { resultsMessage } from './survey-results-views.ts';
import { waveUnitOf, type AnswerRow, type Wave } from './survey.ts';

export interface ReportDeps {
  repo: SurveyRepository;
  members: MemberDirectory;
  minSlice: number;
  fontFile: string | null;
  /** Benchmark sentence shapes, translated once per language. */
  shapes?: BenchmarkShapes;
}

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
  const png = results.tooFew ? null : await renderChart(results, { title, valueTitle: t('surveys.chart_axis'), fontFile: deps.fontFile });
  const chart = png ? { filename: `${wave.surveyId}-${wave.wave}-results.png`, mediaType: 'image/png', base64: png.toString('base64') } : null;
  const chartNote = !png && !results.tooFew && results.responses > 0 && !deps.fontFile ? t('surveys.chart_no_font') : undefined;
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
  const csv = exportCsv(wave.definition, rows, { language, identified, members });
  const note = [
    t(identified ? 'surveys.export_identified' : 'surveys.export_anonymous', { count: rows.length }),
    ...(wave.anonymous ? [t('surveys.export_suppressed', { min: deps.minSlice })] : []),
  ].join(' ');
  return {
    text: `${title}\n${note}`,
    attachments: [{ filename: `${wave.surveyId}-${wave.wave}.csv`, mediaType: 'text/csv', base64: Buffer.from(csv, 'utf8').toString('base64') }],
  };
}

/** A respondent's benchmark from the wave's running aggregates; null when they answered nothing with numbers or choices. */
export function benchmarkReport(deps: ReportDeps, wave: Wave, stats: WaveStats, own: FormValues, language: string, t: Translator): OutboundMessage | null {
  const lines = benchmark(wave.definition, stats, own, language, deps.minSlice);
  return lines.length ? benchmarkMessage(titleOf(wave, language), lines, t, language, deps.minSlice, deps.shapes) : null;
}
