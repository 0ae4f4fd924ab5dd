// What the exchange needs from the app, and its profile use cases: saving a profile from the form,
// availability (frequency, snooze, opt-out) and on-demand suggestions for a topic.
import { DateTime } from 'luxon';
import {
  err,
  ok,
  type FeatureContext,
  type Clock,
  type ConversationRef,
  type Logger,
  type Member,
  type MemberDirectory,
  type Outbox,
  type Platform,
  type Result,
  type Translator,
} from '../../core/index.ts';
import { type AvailabilityPatch, type Frequency, type Profile, type Proposal } from './exchange.ts';
import type { ExchangeRepository } from './exchange-repository.ts';
import { suggestHelpers, type MatchPair, type MatchPerson } from './exchange-matching.ts';

export interface ExchangeSettings {
  /** Days after a follow-up before the one reminder to a side that has not answered. */
  reminderDays: number;
  /** Length of a matchmaking period; a round runs at most once per period. */
  roundWeeks: number;
  /** A pair is never proposed again within this many weeks. */
  repeatWeeks: number;
  followUpDays: number;
  /** At most this many "can you help?" messages per member per seven days. */
  askLimitPerWeek: number;
  /** At most this many questions per asker per seven days. */
  askerLimitPerWeek: number;
  timeZone: string;
  /** Languages the bot speaks: the thread's introduction uses one both sides share, when there is one. */
  languages: readonly string[];
}

export interface ExchangeDeps {
  ctx: FeatureContext;
  repo: ExchangeRepository;
  outbox: Outbox;
  members: MemberDirectory;
  clock: Clock;
  logger: Logger;
  settings: ExchangeSettings;
  /** Turns rows into CSV text (written in infra). */
  csv(rows: ReadonlyArray<ReadonlyArray<string | number>>): string;
  /** Where exchange threads open on this platform; null when none is configured. */
  exchangeChannel(platform: Platform): ConversationRef | null;
}

export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

export const translatorFor = (deps: Pick<ExchangeDeps, 'ctx'>, member: Member): Translator =>
  deps.ctx.languages.translator(deps.ctx.languages.languageOf(member));

/** Every member by id, for turning stored ids into people to write to. */
export async function memberIndex(members: MemberDirectory): Promise<Map<string, Member>> {
  return new Map((await members.list()).map((m) => [m.id, m]));
}

/** A profile as the matcher sees it, with the history that limits it. */
export function matchPerson(profile: Profile, recent: readonly Proposal[]): MatchPerson {
  let lastProposedAt: Date | null = null;
  let recentHelperLoad = 0;
  for (const p of recent) {
    if (p.seekerId !== profile.memberId && p.helperId !== profile.memberId) continue;
    if (!lastProposedAt || p.createdAt > lastProposedAt) lastProposedAt = p.createdAt;
    if (p.helperId === profile.memberId) recentHelperLoad++;
  }
  return {
    id: profile.memberId,
    cluster: profile.clusterName,
    languages: profile.languages,
    canHelp: profile.canHelp,
    needsHelp: profile.needsHelp,
    frequency: profile.frequency,
    optedOut: profile.optedOut,
    snoozedUntil: profile.snoozedUntil,
    lastProposedAt,
    recentHelperLoad,
    waitingRounds: profile.waitingRounds,
  };
}

export type AvailabilityChange = { kind: 'frequency'; frequency: Frequency } | { kind: 'snooze'; date: string } | { kind: 'optout' } | { kind: 'optin' };

/** Changes availability; takes effect at once, so the next round already respects it. */
export async function changeAvailability(deps: ExchangeDeps, member: Member, change: AvailabilityChange): Promise<Result<Profile, 'no_profile' | 'bad_date'>> {
  let patch: AvailabilityPatch;
  switch (change.kind) {
    case 'frequency':
      patch = { frequency: change.frequency };
      break;
    case 'snooze': {
      const until = DateTime.fromISO(change.date, { zone: member.timeZone ?? deps.settings.timeZone }).startOf('day');
      if (!until.isValid || until.toMillis() <= deps.clock.now().getTime()) return err('bad_date');
      patch = { snoozedUntil: until.toJSDate() };
      break;
    }
    case 'optout':
      patch = { optedOut: true };
      break;
    case 'optin':
      patch = { optedOut: false, snoozedUntil: null };
      break;
  }
  const profile = await deps.repo.setAvailability(member.id, patch);
  return profile ? ok(profile) : err('no_profile');
}

/** `/exchange find <topic>`: who could help this member on the topic now, with their profiles. */
export async function findHelpers(deps: ExchangeDeps, member: Member, topic: string): Promise<Array<MatchPair & { member: Member; profile: Profile }>> {
  const now = deps.clock.now();
  const [profiles, recent, people] = await Promise.all([
    deps.repo.listProfiles(),
    deps.repo.proposalsSince(new Date(now.getTime() - deps.settings.repeatWeeks * WEEK_MS)),
    memberIndex(deps.members),
  ]);
  const own = profiles.find((p) => p.memberId === member.id);
  const seeker: MatchPerson = own
    ? matchPerson(own, recent)
    : {
        id: member.id,
        cluster: member.cluster ?? '',
        languages: member.language ? [member.language] : [],
        canHelp: [],
        needsHelp: [],
        frequency: 'biweekly',
        optedOut: false,
        snoozedUntil: null,
        lastProposedAt: null,
        recentHelperLoad: 0,
        waitingRounds: 0,
      };
  const samePlatform = profiles.filter((p) => people.get(p.memberId)?.platform === member.platform);
  const byId = new Map(samePlatform.map((p) => [p.memberId, p]));
  return suggestHelpers(
    seeker,
    topic,
    samePlatform.map((p) => matchPerson(p, recent)),
    now,
  ).flatMap((pair) => {
    const helper = people.get(pair.helperId);
    const profile = byId.get(pair.helperId);
    return helper && profile ? [{ ...pair, member: helper, profile }] : [];
  });
}
