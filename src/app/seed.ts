// Sample network for a first start, so there is something to see: cluster managers like the ones
// the seed documents describe (Veneto and Lombard districts, partners across Central Europe).
import type { MemberDirectory, Role } from '../core/index.ts';

export interface SampleMember {
  id: string;
  displayName: string;
  role: Role;
  language: string;
  timeZone: string;
  country: string;
  cluster: string;
}

export const SAMPLE_MEMBERS: SampleMember[] = [
  { id: 'anna', displayName: 'Anna Bianchi', role: 'admin', language: 'en', timeZone: 'Europe/Rome', country: 'IT', cluster: 'Unioncamere Veneto' },
  {
    id: 'marco',
    displayName: 'Marco Rossi',
    role: 'staff',
    language: 'it',
    timeZone: 'Europe/Rome',
    country: 'IT',
    cluster: 'DI.MA.PLA. – distretto della gomma e delle materie plastiche',
  },
  {
    id: 'giulia',
    displayName: 'Giulia Ferri',
    role: 'member',
    language: 'it',
    timeZone: 'Europe/Rome',
    country: 'IT',
    cluster: "Distretto dell'occhialeria bellunese",
  },
  {
    id: 'paolo',
    displayName: 'Paolo Conti',
    role: 'member',
    language: 'it',
    timeZone: 'Europe/Rome',
    country: 'IT',
    cluster: 'Distretto della giostra del Polesine',
  },
  {
    id: 'petra',
    displayName: 'Petra Horvat',
    role: 'member',
    language: 'en',
    timeZone: 'Europe/Ljubljana',
    country: 'SI',
    cluster: 'Slovenian Plastics Cluster',
  },
  { id: 'jana', displayName: 'Jana Dvořák', role: 'member', language: 'en', timeZone: 'Europe/Prague', country: 'CZ', cluster: 'Moravian Aerospace Cluster' },
  {
    id: 'lukas',
    displayName: 'Lukas Huber',
    role: 'member',
    language: 'de',
    timeZone: 'Europe/Vienna',
    country: 'AT',
    cluster: 'Kunststoff-Cluster Oberösterreich',
  },
];

/** Creates the sample members on the shell platform; a no-op when the network already has members. */
export async function seedMembers(members: MemberDirectory): Promise<boolean> {
  if ((await members.list({ platform: 'shell' })).length > 0) return false;
  for (const sample of SAMPLE_MEMBERS) {
    const member = await members.ensure({ platform: 'shell', id: sample.id, displayName: sample.displayName });
    await members.update(member.id, { language: sample.language, timeZone: sample.timeZone, country: sample.country, cluster: sample.cluster });
    if (member.role !== sample.role) await members.setRole(member.id, sample.role);
  }
  return true;
}
