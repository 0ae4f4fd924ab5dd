// The list of features the app runs. Each wire-*.ts builds a feature's storage and registers it;
// adding a feature is one line here.
import type { Bot, Clock, I18n, JobDefinition, Logger, MemberDirectory, Outbox } from '../core/index.ts';
import type { Config } from '../infra/config.ts';
import type { PrismaClient } from '../infra/prisma/generated/client.ts';
import { wireSurveys } from './wire-surveys.ts';
import { wireExchange } from './wire-exchange.ts';
import { wireNews } from './wire-news.ts';

export interface FeatureDeps {
  bot: Bot;
  db: PrismaClient;
  outbox: Outbox;
  members: MemberDirectory;
  i18n: I18n;
  clock: Clock;
  logger: Logger;
  config: Config;
  /** Project folder, for files shipped with the code (surveys/, fixtures). */
  root: string;
}

export interface WiredFeature {
  name: string;
  jobs: JobDefinition[];
  /** Sample data for a first start; must be a no-op when the data is already there. */
  seed?(): Promise<void>;
}

export async function wireFeatures(deps: FeatureDeps): Promise<WiredFeature[]> {
  const features: WiredFeature[] = [];
  features.push(await wireSurveys(deps));
  features.push(await wireExchange(deps));
  features.push(await wireNews(deps));
  return features;
}
