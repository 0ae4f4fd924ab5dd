// Survey use cases: opening a wave to channels and people (invitations written with the open),
// recording answers (identified or anonymous, one per person or organisation, changeable until
// close), reminders to those who have not finished, closing, and reading a wave's answers.
import { DateTime } from 'luxon';
import {
  err,
  ok,
  userRefOf,
  validateForm,
  type FormValues,
  type Member,
  type MemberDirectory,
  type Outbox,
  type OutboxEntry,
  type Result,
  type Translator,
} from '../../core/index.ts';
import type { WaveStats } from './survey-benchmark.ts';
import { WaveStatsCache } from './survey-stats-cache.ts';
import type { SurveyRepository } from './survey-repository.ts';
import { SUBMIT_MODE_FIELD, surveyForm } from './survey-form.ts';
import { invitationMessage, reminderMessage, surveyCardMessage } from './survey-views.ts';
import { unitKeyOf, waveUnitOf, type ResponseStatus, type StoredResponse, type Wave } from './survey.ts';

export interface SurveyServiceDeps {
  repo: SurveyRepository;
  outbox: Outbox;
  members: MemberDirectory;
  now(): Date;
  timeZone: string;
  minSlice: number;
  /** The language a member reads in, and a translator for it. */
  languageOf(member: Member): string;
  translator(language: string): Translator;
  /** Where a background refresh of benchmark aggregates reports a failure. */
  onError?(error: unknown): void;
  /**
   * Only this process stores responses (SQLite: one bot per file), so the aggregates it keeps are always
   * complete and are never read again; with replicas they are refreshed every minute.
   */
  soleWriter?: boolean;
}

export type OpenProblem = 'no_survey' | 'closed' | 'anonymous_not_allowed' | 'anonymous_fixed' | 'past_date' | 'no_audience';
export type SubmitOutcome =
  | { kind: 'saved'; status: ResponseStatus; answers: FormValues; wave: Wave; stats: WaveStats }
  | { kind: 'invalid'; errors: Record<string, string> }
  | { kind: 'closed' | 'already' | 'not_invited' | 'no_unit' };

/** End of a YYYY-MM-DD day in the network's time zone. */
export function endOfDay(date: string, timeZone: string): Date | null {
  const day = DateTime.fromISO(date, { zone: timeZone });
  return day.isValid ? day.endOf('day').toJSDate() : null;
}

/** How long benchmark aggregates serve before being read again when other replicas store responses too. */
const REFRESH_MS = 60_000;

export class SurveyService {
  /** Open waves never change definition (a new version is a new wave), so their forms can be kept. */
  readonly #openWaves = new Map<string, Wave>();
  readonly #forms = new Map<string, ReturnType<typeof surveyForm>>();
  readonly #stats: WaveStatsCache;

  constructor(private readonly deps: SurveyServiceDeps) {
    this.#stats = new WaveStatsCache(deps.repo, deps.now, deps.onError ?? (() => undefined), deps.soleWriter ? null : REFRESH_MS);
  }

  get minSlice(): number {
    return this.deps.minSlice;
  }

  /** The unit a member answers for in this wave; null for an organisation survey no admin named them for. */
  unitOf(wave: Wave, member: Pick<Member, 'id'>): string | null {
    return waveUnitOf(wave, member.id);
  }

  /** An admin names who answers for a cluster: the one named in `cluster`, else the one on the person's profile. */
  async setRespondent(
    surveyId: string,
    person: Member,
    cluster?: string,
  ): Promise<Result<{ wave: Wave; unit: string }, 'no_survey' | 'closed' | 'not_organisation' | 'no_cluster'>> {
    const wave = await this.deps.repo.wave(surveyId);
    if (!wave) return err('no_survey');
    if (wave.status === 'closed') return err('closed');
    if (wave.definition.responseUnit !== 'organisation') return err('not_organisation');
    const unit = unitKeyOf(wave.definition, { id: person.id, cluster: cluster ?? person.cluster });
    if (!unit.startsWith('org:')) return err('no_cluster');
    if (!(await this.deps.repo.setRespondent(wave.id, person.id, unit))) return err('closed');
    this.#openWaves.delete(wave.id);
    return ok({ wave: { ...wave, respondents: { ...wave.respondents, [person.id]: unit } }, unit });
  }

  /** Who may answer: the people invited by name, or anyone when the survey was posted in a channel (it says so). */
  mayAnswer(wave: Wave, member: Member): boolean {
    return wave.channels.length > 0 || wave.invited.includes(member.id);
  }

  /** The form a member answers, and what they answered before (identified waves only). */
  async formFor(
    wave: Wave,
    member: Member,
    language: string,
    t: Translator,
  ): Promise<{ form: ReturnType<typeof surveyForm>; previous: StoredResponse | null }> {
    const unit = this.unitOf(wave, member);
    const previous = wave.anonymous || !unit ? null : await this.deps.repo.response(wave.id, unit);
    const draftChoice = !wave.anonymous && wave.definition.responseUnit === 'organisation' && previous?.status !== 'final';
    return { form: this.#form(wave, language, t, draftChoice), previous };
  }

  #form(wave: Wave, language: string, t: Translator, draftChoice: boolean): ReturnType<typeof surveyForm> {
    const key = `${wave.id}:${wave.status}:${wave.anonymous}:${language}:${draftChoice}`;
    const cached = this.#forms.get(key);
    if (cached) return cached;
    const form = surveyForm(wave.definition, wave.id, language, t, { anonymous: wave.anonymous, draftChoice, minSlice: this.deps.minSlice });
    if (wave.status === 'open') this.#forms.set(key, form);
    return form;
  }

  /** The wave answers go to; only open waves are kept, and they are checked again when stored. */
  async #answerWave(waveId: string): Promise<Wave | null> {
    const cached = this.#openWaves.get(waveId);
    if (cached) return cached;
    const wave = await this.deps.repo.waveById(waveId);
    if (wave?.status === 'open') this.#openWaves.set(waveId, wave);
    return wave;
  }

  async open(
    surveyId: string,
    input: { people: Member[]; channels: string[]; closes?: string; anonymous: boolean; opener: Member },
  ): Promise<Result<{ wave: Wave; invited: number; posted: number }, OpenProblem>> {
    const { repo, now } = this.deps;
    const wave = await repo.wave(surveyId);
    if (!wave) return err('no_survey');
    if (wave.status === 'closed') return err('closed');
    if (input.anonymous && !wave.definition.anonymousAllowed) return err('anonymous_not_allowed');
    if (wave.status === 'open' && input.anonymous !== wave.anonymous) return err('anonymous_fixed');
    let closesAt = wave.closesAt;
    if (input.closes) {
      closesAt = endOfDay(input.closes, this.deps.timeZone);
      if (!closesAt || closesAt <= now()) return err('past_date');
    }
    if (input.people.length === 0 && input.channels.length === 0) return err('no_audience');
    const opened: Wave = { ...wave, status: 'open', anonymous: input.anonymous, closesAt, openedAt: wave.openedAt ?? now() };
    const newPeople = input.people.filter((p) => !wave.invited.includes(p.id));
    const messages: OutboxEntry[] = [
      ...newPeople.map((person): OutboxEntry => {
        const language = this.deps.languageOf(person);
        return {
          dedupeKey: `survey-invite:${wave.id}:${person.id}`,
          kind: 'survey-invite',
          target: { kind: 'user', user: userRefOf(person) },
          message: invitationMessage(opened, language, this.deps.translator(language), this.deps.timeZone, this.deps.minSlice),
        };
      }),
      ...input.channels.map((conversation): OutboxEntry => {
        const language = this.deps.languageOf(input.opener);
        return {
          dedupeKey: `survey-post:${wave.id}:${conversation}`,
          kind: 'survey-post',
          target: { kind: 'conversation', conversation: conversation as never },
          message: surveyCardMessage(opened, language, this.deps.translator(language), this.deps.timeZone, this.deps.minSlice),
        };
      }),
    ];
    const invited = [...new Set([...wave.invited, ...newPeople.map((p) => p.id)])];
    const channels = [...new Set([...wave.channels, ...input.channels])];
    // Opening to named people confirms the cluster on their profile as the one they answer for;
    // later profile edits change nothing (an admin names someone else with /survey respondent).
    const respondents = { ...wave.respondents };
    // Everyone named (also again: waves opened before respondents were kept get them this way); a respondent already set stays.
    if (wave.definition.responseUnit === 'organisation') for (const p of input.people) respondents[p.id] ??= unitKeyOf(wave.definition, p);
    await repo.openWave(wave.id, { anonymous: input.anonymous, closesAt, invited, channels, respondents, openedAt: opened.openedAt! }, messages);
    return ok({ wave: { ...opened, invited, channels, respondents }, invited: newPeople.length, posted: input.channels.length });
  }

  async close(surveyId: string): Promise<Result<Wave, 'no_survey' | 'not_open'>> {
    const wave = await this.deps.repo.wave(surveyId);
    if (!wave) return err('no_survey');
    this.#openWaves.delete(wave.id);
    if (!(await this.deps.repo.closeWave(wave.id, this.deps.now()))) return err('not_open');
    return ok({ ...wave, status: 'closed', closedAt: this.deps.now() });
  }

  /**
   * Reads the aggregates of every open wave ahead of their next submission: after a restart the first
   * person to answer would otherwise wait while the whole wave is read.
   */
  async warm(): Promise<void> {
    for (const wave of await this.deps.repo.openWaves()) {
      this.#openWaves.set(wave.id, wave);
      await this.#stats.warm(wave);
    }
  }

  /** The wave's benchmark aggregates (see survey-stats-cache.ts). */
  statsFor(wave: Wave): Promise<WaveStats> {
    return this.#stats.get(wave);
  }

  /** Validates and stores one submission of the answer form. */
  async submit(member: Member, waveId: string, values: FormValues, language: string, t: Translator): Promise<SubmitOutcome> {
    const wave = await this.#answerWave(waveId);
    if (!wave || wave.status !== 'open') return { kind: 'closed' };
    if (!this.mayAnswer(wave, member)) return { kind: 'not_invited' };
    const organisation = !wave.anonymous && wave.definition.responseUnit === 'organisation';
    const { form } = organisation ? await this.formFor(wave, member, language, t) : { form: this.#form(wave, language, t, false) };
    const checked = validateForm(form, values);
    if (!checked.ok) return { kind: 'invalid', errors: Object.fromEntries(Object.entries(checked.error).map(([id, e]) => [id, t(e.key, e.vars)])) };
    const answers = { ...checked.value };
    const status: ResponseStatus = answers[SUBMIT_MODE_FIELD] === 'draft' ? 'draft' : 'final';
    delete answers[SUBMIT_MODE_FIELD];
    const unitKey = this.unitOf(wave, member);
    if (!unitKey) return { kind: 'no_unit' };
    const saved = wave.anonymous
      ? await this.deps.repo.saveAnonymous({ waveId, unitKey, answers })
      : await this.deps.repo.saveResponse({
          waveId,
          unitKey,
          memberId: member.id,
          status,
          language: form.language ?? language,
          answers,
          country: member.country,
          now: this.deps.now(),
        });
    if (saved !== 'saved') {
      this.#openWaves.delete(waveId);
      return { kind: saved };
    }
    this.#stats.record(wave, unitKey, status, answers);
    return { kind: 'saved', status, answers, wave, stats: await this.statsFor(wave) };
  }

  /** Invited members whose unit has not finished. */
  async unfinished(wave: Wave): Promise<Member[]> {
    const finished = await this.deps.repo.finishedUnits(wave.id);
    const people = await Promise.all(wave.invited.map((id) => this.deps.members.get(id)));
    return people.filter((m): m is Member => m !== null && !finished.has(this.unitOf(wave, m) ?? `member:${m.id}`));
  }

  /** Enqueues one reminder per unfinished person under `tag`; the same tag twice sends nothing new. */
  async remind(wave: Wave, tag: string): Promise<number> {
    const people = await this.unfinished(wave);
    const entries = people.map((person): OutboxEntry => {
      const language = this.deps.languageOf(person);
      return {
        dedupeKey: `survey-reminder:${wave.id}:${person.id}:${tag}`,
        kind: 'survey-reminder',
        target: { kind: 'user', user: userRefOf(person) },
        message: reminderMessage(wave, language, this.deps.translator(language), this.deps.timeZone),
      };
    });
    return entries.length ? (await this.deps.outbox.enqueue(entries)).enqueued : 0;
  }

  /** The scheduled pass: closes waves past their date, else sends the latest reminder that is due. */
  async reminderPass(now: Date): Promise<{ closed: Wave[]; reminded: number }> {
    const closed: Wave[] = [];
    let reminded = 0;
    for (const wave of await this.deps.repo.openWaves()) {
      if (!wave.closesAt) continue;
      if (wave.closesAt <= now) {
        this.#openWaves.delete(wave.id);
        if (await this.deps.repo.closeWave(wave.id, now)) closed.push({ ...wave, status: 'closed', closedAt: now });
        continue;
      }
      const closeDay = DateTime.fromJSDate(wave.closesAt, { zone: this.deps.timeZone }).startOf('day');
      const due = wave.definition.reminders
        .map((r) => ({ days: r.daysBeforeClose, at: closeDay.minus({ days: r.daysBeforeClose }).set({ hour: 9 }).toJSDate() }))
        .filter((r) => r.at <= now && (!wave.openedAt || r.at >= wave.openedAt))
        .sort((a, b) => a.days - b.days)[0];
      if (due) reminded += await this.remind(wave, `d${due.days}`);
    }
    return { closed, reminded };
  }
}
