// Exchanges across platforms (issue 15): two people paired in one network may use different
// platforms. Their thread opens on a platform both use (the one where the second "yes" was pressed
// first, then the other's, then any), inviting each person's account there; with no platform in
// common, each gets a direct message naming the other and where to find them.
import { userRefOf, type Member, type OutboundMessage, type OutboxEntry, type Platform, type UserRef } from '../../core/index.ts';
import type { Proposal } from './exchange.ts';
import type { ExchangeDeps } from './exchange-service.ts';
import { translatorFor } from './exchange-service.ts';
import { topicLabel } from './exchange-views.ts';

/** What `thread` holds for an exchange introduced by direct messages: nothing to reopen. */
export const INTRODUCED_BY_DM = 'direct';

export interface MeetingPlace {
  platform: Platform;
  /** Each person's account on that platform. */
  invite: UserRef[];
}

/** A platform both people use, preferring `first` and then one with an exchange channel; null when none. */
export async function meetingPlace(
  deps: Pick<ExchangeDeps, 'members' | 'exchangeChannel'>,
  a: Member,
  b: Member,
  first: Platform,
): Promise<MeetingPlace | null> {
  const [ia, ib] = await Promise.all([deps.members.identities(a.id), deps.members.identities(b.id)]);
  const common = ia.map((i) => i.platform).filter((p) => ib.some((j) => j.platform === p));
  if (common.length === 0) return null;
  const order = [first, b.platform, a.platform, ...[...common].sort()].filter((p, i, all) => common.includes(p) && all.indexOf(p) === i);
  const platform = order.find((p) => deps.exchangeChannel(p) !== null) ?? order[0]!;
  const account = (ids: typeof ia, m: Member): UserRef => {
    const id = ids.find((i) => i.platform === platform)!;
    return { platform, id: id.platformId, displayName: id.displayName || m.displayName };
  };
  return { platform, invite: [account(ia, a), account(ib, b)] };
}

/** "Petra H. (@petra on Slack)": how to find a person on the platform they use. */
async function handleOf(deps: Pick<ExchangeDeps, 'members'>, member: Member): Promise<{ name: string; handle: string; platform: string }> {
  const ids = await deps.members.identities(member.id);
  const account = ids.find((i) => i.platform === member.platform) ?? ids[0];
  const platform = account?.platform ?? member.platform;
  return { name: member.displayName, handle: `@${account?.displayName ?? member.displayName}`, platform: platform.charAt(0).toUpperCase() + platform.slice(1) };
}

/** Both said yes but share no platform: a DM to each naming the other; returns the clicker's reply. */
export async function introduceByDm(
  deps: ExchangeDeps,
  proposal: Pick<Proposal, 'id' | 'topic'>,
  clicker: Member,
  other: Member,
): Promise<{ reply: OutboundMessage; notice: OutboxEntry }> {
  const message = async (to: Member, about: Member): Promise<OutboundMessage> => {
    const t = translatorFor(deps, to);
    return { text: t('exchange.introduced_by_dm', { ...(await handleOf(deps, about)), topic: topicLabel(t, proposal.topic) }) };
  };
  const notice: OutboxEntry = {
    dedupeKey: `exchange-introduced:${proposal.id}`,
    kind: 'exchange-thread',
    target: { kind: 'user', user: { platform: other.platform, id: other.platformId, displayName: other.displayName } },
    message: await message(other, clicker),
  };
  return { reply: await message(clicker, other), notice };
}

/** Each member's account on `platform` (their preferred one when they have none there), to invite to a thread. */
export async function accountsOn(deps: Pick<ExchangeDeps, 'members'>, platform: Platform, members: readonly Member[]): Promise<UserRef[]> {
  return Promise.all(
    members.map(async (m) => {
      const account = (await deps.members.identities(m.id)).find((i) => i.platform === platform);
      return account ? { platform, id: account.platformId, displayName: account.displayName } : userRefOf(m);
    }),
  );
}
