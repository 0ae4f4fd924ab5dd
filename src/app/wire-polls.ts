// Builds polls: Prisma storage, the chart drawn by the surveys' renderer, and /poll with its
// closing job. Anonymous polls use the same anonymity minimum as surveys, and a key kept outside
// the database for their voters' hashes.
import type { Feature } from '../core/index.ts';
import { registerPolls } from '../features/polls/polls-commands.ts';
import { createPollChart } from '../infra/charts/poll-chart.ts';
import { createPrismaPolls } from '../infra/prisma/prisma-polls.ts';
import { createChartRenderer } from '../infra/surveys/chart-renderer.ts';
import { pollsKey } from '../infra/polls-key.ts';
import type { FeatureDeps } from './features.ts';

export function wirePolls(deps: FeatureDeps): Feature {
  return registerPolls(deps.context, {
    repo: createPrismaPolls(deps.db, deps.clock),
    chart: createPollChart(createChartRenderer()),
    timeZone: deps.config.FILIERA_TIMEZONE,
    anonymityMin: deps.config.FILIERA_ANONYMITY_MIN,
    key: pollsKey(deps.config, deps.logger),
  });
}
