// The list of features the app runs. Each wire-*.ts builds a feature's storage and registers it;
// adding a feature is one line here.
import type { Clock, Feature, FeatureContext, Logger } from '../core/index.ts';
import type { Config } from '../infra/config.ts';
import type { PrismaClient } from '../infra/prisma/generated/client.ts';
import { wireSurveys } from './wire-surveys.ts';
import { wireExchange } from './wire-exchange.ts';
import { wireNews } from './wire-news.ts';
import { wirePrivacy } from './wire-privacy.ts';
import { wirePolls } from './wire-polls.ts';

export interface FeatureDeps {
  /** The handles every feature registers with. */
  context: FeatureContext;
  db: PrismaClient;
  clock: Clock;
  logger: Logger;
  config: Config;
  /** Project folder, for files shipped with the code (surveys/, fixtures). */
  root: string;
}

export async function wireFeatures(deps: FeatureDeps): Promise<Feature[]> {
  const features: Feature[] = [];
  features.push(await wireSurveys(deps));
  features.push(await wireExchange(deps));
  features.push(await wireNews(deps));
  features.push(wirePrivacy(deps));
  features.push(wirePolls(deps));
  return features;
}
