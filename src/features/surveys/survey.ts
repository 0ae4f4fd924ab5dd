// Survey records as the feature sees them: imported surveys, their waves (one round of answering,
// opened and closed), identified responses and the anonymous answer rows; plus the response unit
// (a person, or a cluster organisation) that one-response rules count by.
import { DateTime } from 'luxon';
import type { FormValues, Member } from '../../core/index.ts';
import type { SurveyDefinition } from './survey-definition.ts';

export type WaveStatus = 'draft' | 'open' | 'closed';

export interface SurveyRecord {
  id: string;
  version: number;
  /** The current wave label. */
  wave: string;
  definition: SurveyDefinition;
  source: string;
  importedAt: Date;
}

export interface Wave {
  id: string;
  surveyId: string;
  wave: string;
  version: number;
  definition: SurveyDefinition;
  status: WaveStatus;
  anonymous: boolean;
  openedAt: Date | null;
  closesAt: Date | null;
  closedAt: Date | null;
  /** Member ids invited by direct message. */
  invited: string[];
  /** Conversations the Answer card was posted in. */
  channels: string[];
  /** Organisation surveys: the unit each respondent answers for, set by an admin (never by a profile edit). */
  respondents: Record<string, string>;
}

export type ResponseStatus = 'draft' | 'final';

export interface StoredResponse {
  unitKey: string;
  memberId: string;
  status: ResponseStatus;
  language: string;
  answers: FormValues;
  country: string | null;
  updatedAt: Date;
}

/** One finished response as results see it: identified ones carry who, anonymous ones never do. */
export interface AnswerRow {
  language: string;
  answers: FormValues;
  memberId?: string;
  /** The unit an identified response belongs to (its answers can change until the close). */
  unitKey?: string;
  /** A coarse date: the ISO week for anonymous rows, the day for identified ones. */
  when: string;
}

/** The wave label a definition runs under: its own `wave`, else its version. */
export const waveLabel = (def: Pick<SurveyDefinition, 'wave' | 'version'>): string => def.wave ?? `v${def.version}`;

/** The unit a person's profile suggests: their cluster organisation when the survey says so. An admin confirms it (see `Wave.respondents`). */
export function unitKeyOf(def: Pick<SurveyDefinition, 'responseUnit'>, member: Pick<Member, 'id' | 'cluster'>): string {
  const cluster = member.cluster?.trim().toLowerCase().replace(/\s+/g, ' ');
  return def.responseUnit === 'organisation' && cluster ? `org:${cluster}` : `member:${member.id}`;
}

/** Who one response belongs to in a wave: the person, or the organisation an admin confirmed for them; null when none was. */
export function waveUnitOf(wave: Pick<Wave, 'definition' | 'respondents'>, memberId: string): string | null {
  return wave.definition.responseUnit === 'organisation' ? (wave.respondents[memberId] ?? null) : `member:${memberId}`;
}

/** ISO week ("2026-W48") of a date, in UTC: the only time an anonymous answer keeps. */
export function isoWeek(date: Date): string {
  return DateTime.fromJSDate(date, { zone: 'utc' }).toFormat("kkkk-'W'WW");
}
