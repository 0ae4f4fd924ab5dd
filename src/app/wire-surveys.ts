// Builds the surveys feature: Prisma storage, the service, its commands and reminder job, the I/O
// behind its ports (the surveys folder and downloads, charts, CSV), and the seed that imports the
// built-in questionnaire and the demo from surveys/ on first start.
import { join } from 'node:path';
import { registerSurveys } from '../features/surveys/survey-commands.ts';
import { importSurveys, type ImportDeps } from '../features/surveys/survey-import.ts';
import { SurveyService } from '../features/surveys/survey-service.ts';
import { createPrismaSurveys } from '../infra/prisma/prisma-surveys.ts';
import { createSurveysPersonalData } from '../infra/prisma/personal/surveys-personal.ts';
import { createChartRenderer } from '../infra/surveys/chart-renderer.ts';
import { writeSpreadsheetCsv } from '../infra/csv.ts';
import { createSurveySources } from '../infra/surveys/survey-files.ts';
import type { Feature } from '../core/index.ts';
import type { FeatureDeps } from './features.ts';

export async function wireSurveys(deps: FeatureDeps): Promise<Feature> {
  const { context, clock, config } = deps;
  const { members, languages } = context;
  const repo = createPrismaSurveys(deps.db, deps.clock);
  context.personalData.register(createSurveysPersonalData(deps.db));
  const now = () => clock.now();
  const minSlice = config.FILIERA_ANONYMITY_MIN;
  const service = new SurveyService({
    repo,
    outbox: context.outbox,
    members,
    now,
    timeZone: config.FILIERA_TIMEZONE,
    minSlice,
    languageOf: (member) => languages.languageOf(member),
    translator: (language) => languages.translator(language),
    onError: (error) => deps.logger.warn({ err: error }, 'survey benchmark aggregates could not be refreshed'),
    soleWriter: config.database.provider === 'sqlite',
  });
  const imports: ImportDeps = { repo, sources: createSurveySources({ dir: join(deps.root, 'surveys') }), now };
  const chart = createChartRenderer();
  if (!chart.available) deps.logger.warn({}, 'DejaVu Sans not found: survey results will be posted without a chart');
  const jobs = registerSurveys(context, {
    repo,
    service,
    members,
    imports,
    reports: { repo, members, minSlice, chart, csv: writeSpreadsheetCsv, now, translator: (language) => languages.translator(language) },
    timeZone: config.FILIERA_TIMEZONE,
    now,
  });
  return {
    name: 'surveys',
    jobs,
    warm: () => service.warm(),
    async seed() {
      if ((await repo.surveys()).length > 0) return;
      const reports = await importSurveys(imports);
      for (const r of reports) if (!r.ok) deps.logger.warn({ source: r.source, errors: r.errors.length }, 'survey definition refused at seed');
    },
  };
}
