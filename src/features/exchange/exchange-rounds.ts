// Matchmaking rounds and what follows them: the round job (one per period, keyed so a rerun proposes
// nothing new), Accept/Decline, the exchange thread opened when both accept, and the follow-up that
// asks each side once what came of it.
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { UserFacingError, userRefOf, type Member, type OutboundMessage, type OutboxEntry } from '../../core/index.ts';
import { OUTCOMES, sideOf, type Outcome, type Proposal, type Side } from './exchange.ts';
import type { NewProposal } from './exchange-repository.ts';
import { DAY_MS, WEEK_MS, matchPerson, memberIndex, translatorFor, type ExchangeDeps } from './exchange-service.ts';
import {
  answeredProposal,
  declinedNotice,
  followUpMessage,
  introMessage,
  proposalMessage,
  threadOpenedMessage,
  threadTitle,
  type Party,
} from './exchange-views.ts';
import { matchRound } from './exchange-matching.ts';
import { INTRODUCED_BY_DM, introduceByDm, meetingPlace } from './exchange-platforms.ts';

/** The first day of the N-week period holding `now`, counted from a fixed Monday so periods never drift. */
export function roundPeriod(now: Date, weeks: number, timeZone: string): string {
  const week = DateTime.fromJSDate(now, { zone: timeZone }).startOf('week');
  const epoch = DateTime.fromISO('1970-01-05', { zone: timeZone });
  const index = Math.floor(Math.round(week.diff(epoch, 'weeks').weeks) / weeks);
  return epoch.plus({ weeks: index * weeks }).toISODate() ?? week.toISODate() ?? '';
}

const dm = (member: Member, dedupeKey: string, kind: string, message: OutboundMessage): OutboxEntry => ({
  dedupeKey,
  kind,
  target: { kind: 'user', user: userRefOf(member) },
  message,
});

async function parties(deps: ExchangeDeps, proposal: Pick<Proposal, 'seekerId' | 'helperId'>): Promise<{ seeker: Party; helper: Party } | null> {
  const [seekerMember, helperMember, seekerProfile, helperProfile] = await Promise.all([
    deps.members.get(proposal.seekerId),
    deps.members.get(proposal.helperId),
    deps.repo.getProfile(proposal.seekerId),
    deps.repo.getProfile(proposal.helperId),
  ]);
  if (!seekerMember || !helperMember || !seekerProfile || !helperProfile) return null;
  return { seeker: { member: seekerMember, profile: seekerProfile }, helper: { member: helperMember, profile: helperProfile } };
}

const shared = (a: Party, b: Party): string[] => a.profile.languages.filter((l) => b.profile.languages.includes(l));

/** Proposal messages for both sides of new pairs. */
export function proposalEntries(proposal: NewProposal, seeker: Party, helper: Party, deps: Pick<ExchangeDeps, 'ctx'>): OutboxEntry[] {
  const languages = shared(seeker, helper);
  return [
    dm(
      seeker.member,
      `exchange-proposal:${proposal.id}:seeker`,
      'exchange-proposal',
      proposalMessage(proposal, 'seeker', helper, languages, translatorFor(deps, seeker.member)),
    ),
    dm(
      helper.member,
      `exchange-proposal:${proposal.id}:helper`,
      'exchange-proposal',
      proposalMessage(proposal, 'helper', seeker, languages, translatorFor(deps, helper.member)),
    ),
  ];
}

/**
 * A scheduled run leaves out profiles saved within the last hour: a profile joins the next round, not
 * one that fires while it is being written (or, on a first start, right after the sample data).
 * Rounds run by hand (`:run`, `/exchange round`) include everyone.
 */
const SETTLE_MS = 60 * 60_000;

/** The round: pairs per platform, written with their proposals under `exchange-round:<period>`. */
export async function runRound(deps: ExchangeDeps, now: Date, manual: boolean): Promise<{ period: string; proposed: number; alreadyRan: boolean }> {
  const period = roundPeriod(now, deps.settings.roundWeeks, deps.settings.timeZone);
  const key = `exchange-round:${period}`;
  if (await deps.repo.isClaimed(key)) return { period, proposed: 0, alreadyRan: true };
  const [profiles, recent, people] = await Promise.all([
    deps.repo.listProfiles(),
    deps.repo.proposalsSince(new Date(now.getTime() - deps.settings.repeatWeeks * WEEK_MS)),
    memberIndex(deps.members),
  ]);
  const recentPairs = recent.map((p) => [p.seekerId, p.helperId] as const);
  const byPlatform = new Map<string, typeof profiles>();
  // One network across platforms (issue 15): everyone the bot reaches is matched in one group; it keeps
  // the platform's name when the network is on one platform, so such a network's draws stay as they were.
  const connected = deps.ctx.conversations.platforms();
  const reached = (memberId: string) => {
    const platform = people.get(memberId)?.platform;
    return platform && connected.includes(platform) ? platform : undefined;
  };
  const onPlatforms = new Set(profiles.map((p) => reached(p.memberId)).filter(Boolean));
  const group = onPlatforms.size === 1 ? [...onPlatforms][0] : 'network';
  for (const profile of profiles) {
    if (!manual && now.getTime() - profile.createdAt.getTime() < SETTLE_MS) continue;
    const platform = reached(profile.memberId) ? group : undefined;
    if (platform) byPlatform.set(platform, (byPlatform.get(platform) ?? []).concat(profile));
  }
  const proposals: NewProposal[] = [];
  const messages: OutboxEntry[] = [];
  const leftOut: string[] = [];
  for (const platform of [...byPlatform.keys()].sort()) {
    const group = byPlatform.get(platform) ?? [];
    const byId = new Map(group.map((p) => [p.memberId, p]));
    const round = matchRound({ people: group.map((p) => matchPerson(p, recent)), recentPairs, now, seed: `${key}:${platform}` });
    leftOut.push(...round.leftOut);
    for (const pair of round.pairs) {
      const seeker = { member: people.get(pair.seekerId), profile: byId.get(pair.seekerId) };
      const helper = { member: people.get(pair.helperId), profile: byId.get(pair.helperId) };
      if (!seeker.member || !seeker.profile || !helper.member || !helper.profile) continue;
      const proposal: NewProposal = {
        id: randomUUID(),
        round: `round:${period}`,
        topic: pair.topic as NewProposal['topic'],
        seekerId: pair.seekerId,
        helperId: pair.helperId,
      };
      proposals.push(proposal);
      messages.push(...proposalEntries(proposal, seeker as Party, helper as Party, deps));
    }
  }
  // An empty round claims nothing: once profiles arrive, a later run in the same period can still propose.
  if (proposals.length === 0) return { period, proposed: 0, alreadyRan: false };
  const claimed = await deps.repo.createProposals(proposals, messages, now, key, leftOut);
  return { period, proposed: claimed ? proposals.length : 0, alreadyRan: !claimed };
}

/** Accept or Decline from one side. Returns the reply for the person who pressed it. */
export async function respond(deps: ExchangeDeps, member: Member, proposalId: string, answer: 'accepted' | 'declined'): Promise<OutboundMessage> {
  const t = translatorFor(deps, member);
  const proposal = await deps.repo.getProposal(proposalId);
  const side = proposal ? sideOf(proposal, member.id) : null;
  if (!proposal || !side) throw new UserFacingError('core.stale_button');
  const both = await parties(deps, proposal);
  if (!both) throw new UserFacingError('exchange.no_longer_possible');
  const other = side === 'seeker' ? both.helper : both.seeker;
  if (proposal.status === 'declined') return { text: t('exchange.proposal_closed', { name: other.member.displayName }) };
  // Both accepted before but the thread could not open (no channel yet, platform down): try again.
  if (proposal.status === 'accepted' && !proposal.thread && answer === 'accepted') return openThread(deps, proposal, both, side);
  if (proposal.status !== 'proposed' || proposal[side === 'seeker' ? 'seekerAnswer' : 'helperAnswer']) return { text: t('exchange.already_answered') };
  const now = deps.clock.now();
  const updated = await deps.repo.answerProposal(proposal.id, side, answer, now);
  if (!updated) throw new UserFacingError('core.stale_button');
  if (answer === 'declined') {
    await notifyDeclined(deps, updated, other.member, member);
    return answeredProposal(updated, false, other.member.displayName, t);
  }
  if (updated.status === 'accepted') return openThread(deps, updated, both, side);
  return answeredProposal(updated, true, other.member.displayName, t);
}

async function notifyDeclined(deps: ExchangeDeps, proposal: Proposal, other: Member, decliner: Member): Promise<void> {
  const entry = dm(
    other,
    `exchange-declined:${proposal.id}`,
    'exchange-declined',
    declinedNotice(decliner.displayName, proposal.topic, translatorFor(deps, other)),
  );
  await deps.outbox.enqueue([entry]);
}

/** Both said yes: one caller wins the claim and opens the thread with the introduction. */
async function openThread(deps: ExchangeDeps, proposal: Proposal, both: { seeker: Party; helper: Party }, clicked: Side): Promise<OutboundMessage> {
  const clicker = clicked === 'seeker' ? both.seeker : both.helper;
  const other = clicked === 'seeker' ? both.helper : both.seeker;
  const t = translatorFor(deps, clicker.member);
  if (!(await deps.repo.claimThread(proposal.id, deps.clock.now()))) return { text: t('exchange.already_answered') };
  // Across platforms (issue 15): the thread opens where both are; with no platform in common, DMs.
  const place = await meetingPlace(deps, both.seeker.member, both.helper.member, clicker.member.platform);
  if (!place) {
    const { reply, notice } = await introduceByDm(deps, proposal, clicker.member, other.member);
    await deps.repo.setThread(proposal.id, INTRODUCED_BY_DM, [notice]);
    return reply;
  }
  const platform = place.platform;
  const channel = deps.exchangeChannel(platform);
  if (!channel) {
    await deps.repo.releaseThread(proposal.id);
    deps.logger.warn({ platform, proposal: proposal.id }, 'no exchange channel configured; thread not opened');
    throw new UserFacingError('exchange.no_channel');
  }
  const language = shared(both.seeker, both.helper).find((l) => deps.settings.languages.includes(l)) ?? deps.ctx.languages.languageOf(both.seeker.member);
  const common = deps.ctx.languages.translator(language);
  const title = threadTitle(both.seeker, both.helper, proposal.topic, common);
  let thread: string;
  try {
    thread = await deps.ctx.conversations.openThread(channel, introMessage(both.seeker, both.helper, proposal.topic, common), {
      title,
      invite: place.invite,
    });
  } catch (error) {
    await deps.repo.releaseThread(proposal.id);
    throw error;
  }
  const notice = dm(
    other.member,
    `exchange-thread:${proposal.id}`,
    'exchange-thread',
    threadOpenedMessage(clicker.member.displayName, title, translatorFor(deps, other.member)),
  );
  await deps.repo.setThread(proposal.id, thread, [notice]);
  return threadOpenedMessage(other.member.displayName, title, t);
}

/**
 * The follow-up job: each side of a due exchange is asked once, privately, whether it helped; a side
 * that has not answered a week later is reminded once. Run by hand (`:run exchange-followup`) it does
 * not wait for the set time, so a session can try it at once.
 */
export async function sendFollowUps(deps: ExchangeDeps, now: Date, manual: boolean): Promise<{ asked: number; reminded: number }> {
  let asked = 0;
  let reminded = 0;
  const acceptedBefore = manual ? now : new Date(now.getTime() - deps.settings.followUpDays * DAY_MS);
  for (const proposal of await deps.repo.dueFollowUps(acceptedBefore)) {
    const entries = await followUpEntries(deps, proposal, ['seeker', 'helper'], false);
    if (entries && (await deps.repo.markFollowUp(proposal.id, now, entries))) asked++;
  }
  const followedUpBefore = manual ? now : new Date(now.getTime() - deps.settings.reminderDays * DAY_MS);
  for (const proposal of await deps.repo.dueReminders(followedUpBefore)) {
    const silent = (['seeker', 'helper'] as const).filter((side) => proposal[side === 'seeker' ? 'seekerOutcome' : 'helperOutcome'] === null);
    const entries = await followUpEntries(deps, proposal, silent, true);
    if (entries && (await deps.repo.markReminded(proposal.id, now, entries))) reminded++;
  }
  return { asked, reminded };
}

async function followUpEntries(deps: ExchangeDeps, proposal: Proposal, sides: readonly Side[], reminder: boolean): Promise<OutboxEntry[] | null> {
  const both = await parties(deps, proposal);
  if (!both) return null;
  return sides.map((side) => {
    const self = side === 'seeker' ? both.seeker : both.helper;
    const other = side === 'seeker' ? both.helper : both.seeker;
    const kind = reminder ? 'exchange-followup-reminder' : 'exchange-followup';
    return dm(
      self.member,
      `${kind}:${proposal.id}:${side}`,
      kind,
      followUpMessage(proposal.id, other.member.displayName, proposal.topic, translatorFor(deps, self.member), reminder),
    );
  });
}

export type OutcomeStep = { kind: 'saved'; proposalId: string; reply: OutboundMessage } | { kind: 'done'; reply: OutboundMessage };

/** An answer to "did it help?": "<proposal id>|<answer>", pressed or typed. */
export async function recordOutcome(deps: ExchangeDeps, member: Member, value: string): Promise<OutcomeStep> {
  const t = translatorFor(deps, member);
  const [id = '', code = ''] = value.split('|');
  const proposal = await deps.repo.getProposal(id);
  const side = proposal ? sideOf(proposal, member.id) : null;
  if (!proposal || !side || !(OUTCOMES as readonly string[]).includes(code)) throw new UserFacingError('core.stale_button');
  const saved = await deps.repo.recordOutcome(id, side, code as Outcome);
  if (!saved) return { kind: 'done', reply: { text: t('exchange.already_answered') } };
  return { kind: 'saved', proposalId: id, reply: { text: t('exchange.outcome_thanks', { outcome: t(`exchange.outcome.${code}`) }) } };
}

/** The optional line that follows an answer; an empty one is simply not kept. */
export async function recordNote(deps: ExchangeDeps, member: Member, proposalId: string, note: string): Promise<OutboundMessage> {
  const t = translatorFor(deps, member);
  const proposal = await deps.repo.getProposal(proposalId);
  const side = proposal ? sideOf(proposal, member.id) : null;
  if (!proposal || !side) throw new UserFacingError('core.stale_button');
  if (!note.trim()) return { text: t('exchange.note_none') };
  const saved = await deps.repo.recordNote(proposalId, side, note.trim());
  return { text: t(saved ? 'exchange.note_saved' : 'exchange.already_answered') };
}
