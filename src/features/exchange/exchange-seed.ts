// Sample exchange profiles for the sample network (see src/app/seed.ts), chosen so that a first
// round in the shell proposes pairs: needs and offers overlap across clusters and languages.
import type { MemberDirectory, Platform } from '../../core/index.ts';
import type { ProfileInput } from './exchange.ts';
import type { ExchangeRepository } from './exchange-repository.ts';

type SampleProfile = Omit<ProfileInput, 'memberId'> & { platformId: string };

export const SAMPLE_PROFILES: SampleProfile[] = [
  {
    platformId: 'anna',
    clusterName: 'Unioncamere Veneto',
    sector: 'Chambers of commerce',
    clusterType: 'service',
    country: 'IT',
    region: 'Veneto',
    firms: null,
    languages: ['it', 'en'],
    canHelp: ['eu-funding', 'governance', 'lobbying'],
    needsHelp: ['market-analysis'],
    tags: ['cncb', 'central europe'],
    experience: 'coordinated the CNCB survey of Venetian districts and three Central Europe projects',
  },
  {
    platformId: 'marco',
    clusterName: 'DI.MA.PLA. – distretto della gomma e delle materie plastiche',
    sector: 'Rubber and plastics',
    clusterType: 'industrial',
    country: 'IT',
    region: 'Veneto',
    firms: 120,
    languages: ['it', 'en'],
    canHelp: ['supply-chain', 'quality-marks', 'events'],
    needsHelp: ['internationalisation', 'eu-funding'],
    tags: ['plastics', 'rubber'],
    experience: 'runs a shared quality mark and a supplier directory for 120 firms',
  },
  {
    platformId: 'giulia',
    clusterName: "Distretto dell'occhialeria bellunese",
    sector: 'Eyewear',
    clusterType: 'industrial',
    country: 'IT',
    region: 'Veneto',
    firms: 300,
    languages: ['it'],
    canHelp: ['marketing', 'quality-marks', 'ip'],
    needsHelp: ['internationalisation', 'training'],
    tags: ['eyewear', 'design'],
    experience: 'protects the district brand and runs joint stands at MIDO',
  },
  {
    platformId: 'paolo',
    clusterName: 'Distretto della giostra del Polesine',
    sector: 'Fairground rides',
    clusterType: 'industrial',
    country: 'IT',
    region: 'Veneto',
    firms: 60,
    languages: ['it', 'en'],
    canHelp: ['events', 'marketing'],
    needsHelp: ['financing', 'eu-funding'],
    tags: ['amusement rides'],
    experience: 'organises the district pavilion at the IAAPA fairs',
  },
  {
    platformId: 'petra',
    clusterName: 'Slovenian Plastics Cluster',
    sector: 'Plastics',
    clusterType: 'industrial',
    country: 'SI',
    region: 'Savinjska',
    firms: 80,
    languages: ['en', 'sl', 'de'],
    canHelp: ['internationalisation', 'tech-transfer'],
    needsHelp: ['marketing', 'events'],
    tags: ['plastics', 'circular economy'],
    experience: 'has run three EU projects on internationalisation with Balkan partners',
  },
  {
    platformId: 'jana',
    clusterName: 'Moravian Aerospace Cluster',
    sector: 'Aerospace',
    clusterType: 'rnd',
    country: 'CZ',
    region: 'Moravia',
    firms: 45,
    languages: ['en', 'cs', 'de'],
    canHelp: ['internationalisation', 'tech-transfer', 'training'],
    needsHelp: ['financing', 'ip'],
    tags: ['aerospace', 'r&d'],
    experience: 'set up a training academy with two universities and missions to Toulouse',
  },
  {
    platformId: 'lukas',
    clusterName: 'Kunststoff-Cluster Oberösterreich',
    sector: 'Plastics',
    clusterType: 'industrial',
    country: 'AT',
    region: 'Oberösterreich',
    firms: 400,
    languages: ['de', 'en', 'it'],
    canHelp: ['training', 'financing', 'internationalisation', 'market-analysis'],
    needsHelp: ['supply-chain'],
    tags: ['plastics', 'benchmarking'],
    experience: 'publishes a yearly market study and co-finances firms’ export projects',
  },
];

/** Creates the sample profiles for members that exist and have none yet. */
export async function seedExchangeProfiles(repo: ExchangeRepository, members: MemberDirectory, now: Date, platform: Platform = 'shell'): Promise<number> {
  let created = 0;
  for (const { platformId, ...profile } of SAMPLE_PROFILES) {
    const member = await members.find(platform, platformId);
    if (!member || (await repo.getProfile(member.id))) continue;
    await repo.saveProfile({ memberId: member.id, ...profile }, now);
    created++;
  }
  return created;
}
