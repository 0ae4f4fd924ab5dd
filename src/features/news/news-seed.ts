// Sample funding calls and events for a first start, dated relative to "now" so the demo always has
// something closing soon, something new and something coming. Programmes are real; every identifier
// and link below is fictitious.
import { DateTime } from 'luxon';
import type { ItemInput } from './news-item.ts';

const at = (now: Date, days: number, hour = 17, zone = 'Europe/Brussels'): string =>
  DateTime.fromJSDate(now, { zone }).plus({ days }).set({ hour, minute: 0, second: 0, millisecond: 0 }).toUTC().toISO()!;

export function sampleItems(now: Date): ItemInput[] {
  const portal = (id: string) => `https://example.org/funding/topic-details/${id.toLowerCase()}`;
  return [
    {
      kind: 'call', externalKey: 'seed:IE-CE-2026-SMART-03', identifier: 'IE-CE-2026-SMART-03',
      title: 'Interreg Central Europe: smart specialisation and cluster cooperation (3rd call)',
      programme: 'Interreg Central Europe', actionType: 'Transnational cooperation project', status: 'open',
      openingAt: at(now, -40), deadlines: [at(now, 9, 13)], deadlineModel: 'single-stage', budget: 24_000_000, currency: 'EUR',
      countries: ['AT', 'CZ', 'DE', 'HR', 'HU', 'IT', 'PL', 'SI', 'SK'], topics: ['clusters', 'smart specialisation', 'innovation'],
      link: 'https://example.org/interreg-central/calls/smart-03',
    },
    {
      kind: 'call', externalKey: 'seed:HORIZON-CL4-2027-TWIN-07', identifier: 'HORIZON-CL4-2027-TWIN-07',
      title: 'Circular plastics value chains in manufacturing (Horizon Europe Cluster 4)',
      programme: 'Horizon Europe', actionType: 'HORIZON-IA Innovation Actions', status: 'open',
      openingAt: at(now, -20), deadlines: [at(now, 45), at(now, 150)], deadlineModel: 'two-stage', budget: 18_000_000, currency: 'EUR',
      topics: ['plastics', 'circular economy', 'manufacturing'], link: portal('HORIZON-CL4-2027-TWIN-07'),
    },
    {
      kind: 'call', externalKey: 'seed:HORIZON-CL5-2027-D4-11', identifier: 'HORIZON-CL5-2027-D4-11',
      title: 'Energy-efficient industrial processes for SMEs (Horizon Europe Cluster 5)',
      programme: 'Horizon Europe', actionType: 'HORIZON-RIA Research and Innovation Actions', status: 'forthcoming',
      openingAt: at(now, 30), deadlines: [at(now, 120)], deadlineModel: 'single-stage', budget: 9_500_000, currency: 'EUR',
      topics: ['energy efficiency', 'sme', 'manufacturing'], link: portal('HORIZON-CL5-2027-D4-11'),
    },
    {
      kind: 'call', externalKey: 'seed:SMP-COSME-2026-EUROCLUSTERS-02', identifier: 'SMP-COSME-2026-EUROCLUSTERS-02',
      title: 'Euroclusters for Europe’s recovery: second wave (Single Market Programme)',
      programme: 'Single Market Programme (SMP COSME)', actionType: 'SMP Grants for Financial Support', status: 'open',
      openingAt: at(now, -10), deadlines: [at(now, 60)], deadlineModel: 'single-stage', budget: 42_000_000, currency: 'EUR',
      topics: ['clusters', 'sme', 'internationalisation', 'digital'], link: portal('SMP-COSME-2026-EUROCLUSTERS-02'),
    },
    {
      kind: 'call', externalKey: 'seed:SMP-COSME-2026-TOURSME-01', identifier: 'SMP-COSME-2026-TOURSME-01',
      title: 'Digital and green transition of SMEs through cluster support schemes',
      programme: 'Single Market Programme (SMP COSME)', actionType: 'SMP Action Grants', status: 'open',
      openingAt: at(now, -5), deadlines: [at(now, 25), at(now, 85), at(now, 145)], deadlineModel: 'multiple-cut-off', budget: 6_000_000, currency: 'EUR',
      topics: ['digital', 'green transition', 'sme'], link: portal('SMP-COSME-2026-TOURSME-01'),
    },
    {
      kind: 'call', externalKey: 'seed:VEN-FESR-2026-1.1.4', identifier: 'VEN-FESR-2026-RSI-114',
      title: 'Regione Veneto PR FESR: bando per progetti di ricerca e sviluppo delle reti innovative regionali',
      programme: 'PR FESR Veneto 2021-2027', actionType: 'Contributo a fondo perduto', status: 'open',
      openingAt: at(now, -15, 10, 'Europe/Rome'), deadlines: [at(now, 5, 12, 'Europe/Rome')], deadlineModel: 'single-stage', budget: 12_000_000, currency: 'EUR',
      countries: ['IT'], topics: ['reti innovative', 'innovation', 'digital'], link: 'https://example.org/regione-veneto/bandi/rir-2026',
    },
    {
      kind: 'call', externalKey: 'seed:LOM-FESR-2026-INNOVA', identifier: 'LOM-FESR-2026-INNOVA',
      title: 'Regione Lombardia PR FESR: Bando Innovazione delle filiere di economia circolare',
      programme: 'PR FESR Lombardia 2021-2027', actionType: 'Contributo a fondo perduto', status: 'forthcoming',
      openingAt: at(now, 12, 10, 'Europe/Rome'), deadlines: [at(now, 70, 12, 'Europe/Rome')], deadlineModel: 'single-stage', budget: 8_000_000, currency: 'EUR',
      countries: ['IT'], topics: ['circular economy', 'plastics', 'supply chains'], link: 'https://example.org/regione-lombardia/bandi/innovazione-filiere',
    },
    {
      kind: 'event', externalKey: 'seed:event:cluster-days', title: 'European Cluster Collaboration Days: matchmaking for cluster managers',
      startAt: at(now, 18, 9), endAt: at(now, 19, 17), timeZone: 'Europe/Brussels', place: 'Brussels', organiser: 'European Cluster Collaboration Platform',
      topics: ['clusters', 'internationalisation'], link: 'https://example.org/eccp/cluster-days',
    },
    {
      kind: 'event', externalKey: 'seed:event:plast-fair', title: 'Plastics and rubber industry fair: cluster networking lounge',
      startAt: at(now, 33, 0, 'UTC'), endAt: at(now, 36, 0, 'UTC'), allDay: true, place: 'Milano, Fiera Milano Rho', organiser: 'DI.MA.PLA.',
      topics: ['plastics', 'rubber', 'networking'], link: 'https://example.org/fairs/plast-2027',
    },
    {
      kind: 'event', externalKey: 'seed:event:webinar', title: 'Webinar: how to write a winning Interreg Central Europe application',
      startAt: at(now, 8, 10, 'Europe/Vienna'), endAt: at(now, 8, 12, 'Europe/Vienna'), timeZone: 'Europe/Vienna', online: true, organiser: 'Interreg CE Joint Secretariat',
      topics: ['clusters', 'interreg', 'proposal writing'], link: 'https://example.org/interreg-central/webinars/winning-application',
    },
  ];
}
