// The surveys feature's storage port. Opening a wave writes its invitations in the same
// transaction; anonymous answers are stored apart from participation, with nothing linking them.
import type { FormValues, OutboxEntry } from '../../core/index.ts';
import type { SurveyDefinition } from './survey-definition.ts';
import type { AnswerRow, ResponseStatus, StoredResponse, SurveyRecord, Wave } from './survey.ts';

export type ImportOutcome =
  { kind: 'created' | 'updated' | 'new_wave' | 'unchanged'; wave: Wave } | { kind: 'older'; current: number } | { kind: 'open' | 'wave_used'; wave: string };

export interface OpenPatch {
  anonymous: boolean;
  closesAt: Date | null;
  invited: string[];
  channels: string[];
  respondents: Record<string, string>;
  openedAt: Date;
}

export interface SurveyRepository {
  /** Stores a definition: a new survey, a new draft wave, or an update of the current draft. */
  importDefinition(def: SurveyDefinition, source: string, now: Date): Promise<ImportOutcome>;
  survey(id: string): Promise<SurveyRecord | null>;
  surveys(): Promise<SurveyRecord[]>;
  /** The wave with this label, or the survey's current wave. */
  wave(surveyId: string, wave?: string): Promise<Wave | null>;
  waveById(id: string): Promise<Wave | null>;
  waves(surveyId: string): Promise<Wave[]>;
  openWaves(): Promise<Wave[]>;
  /** Opens (or widens) a wave and enqueues its messages in one transaction. */
  openWave(waveId: string, patch: OpenPatch, messages: OutboxEntry[]): Promise<void>;
  closeWave(waveId: string, now: Date): Promise<boolean>;
  /** Names who answers for a unit (an admin's decision); the wave must not be closed. */
  setRespondent(waveId: string, memberId: string, unitKey: string): Promise<boolean>;
  /** Identified answers; refused with 'closed' when the wave is no longer open. */
  saveResponse(input: {
    waveId: string;
    unitKey: string;
    memberId: string;
    status: ResponseStatus;
    language: string;
    answers: FormValues;
    country: string | null;
    now: Date;
  }): Promise<'saved' | 'closed'>;
  /**
   * Anonymous answers: marks the unit as finished and stores the answers apart, or says why not.
   * Neither the language nor any time is kept with them: both could tell who answered.
   */
  saveAnonymous(input: { waveId: string; unitKey: string; answers: FormValues }): Promise<'saved' | 'already' | 'closed'>;
  response(waveId: string, unitKey: string): Promise<StoredResponse | null>;
  /** Units (person or organisation keys) that have a final response. */
  finishedUnits(waveId: string): Promise<Set<string>>;
  /** Every finished response of a wave, identified and anonymous. */
  answers(waveId: string): Promise<AnswerRow[]>;
}
