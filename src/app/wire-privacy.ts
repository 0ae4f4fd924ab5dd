// Builds privacy: the core tables' personal data provider, the retention and compaction store, and
// /privacy with its first-contact notice.
import type { Feature } from '../core/index.ts';
import { registerPrivacy } from '../features/privacy/privacy-commands.ts';
import { createCorePersonalData, createPrismaPrivacy } from '../infra/prisma/prisma-privacy.ts';
import type { FeatureDeps } from './features.ts';

export function wirePrivacy(deps: FeatureDeps): Feature {
  deps.context.personalData.register(createCorePersonalData(deps.db));
  return registerPrivacy(deps.context, { store: createPrismaPrivacy(deps.db), retentionDays: deps.config.FILIERA_RETENTION_DAYS });
}
