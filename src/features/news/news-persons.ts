// One digest per person (issue 15): a person with linked accounts may have subscribed on each
// platform; each such subscription names the same member. The digest job keeps one of them, the one
// on the platform the person picked (/network set platform:), else the oldest, so they get one digest.
import type { MemberDirectory } from '../../core/index.ts';
import type { Subscription } from './news-subscription.ts';

export async function onePerPerson(subscriptions: readonly Subscription[], members: Pick<MemberDirectory, 'get'>): Promise<Subscription[]> {
  const byMember = new Map<string, Subscription[]>();
  for (const s of subscriptions) if (s.memberId) byMember.set(s.memberId, [...(byMember.get(s.memberId) ?? []), s]);
  const dropped = new Set<string>();
  for (const [memberId, own] of byMember) {
    if (own.length < 2) continue;
    const member = await members.get(memberId);
    const oldest = [...own].sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0]!;
    const kept = own.find((s) => s.platform === member?.platform) ?? oldest;
    for (const s of own) if (s.id !== kept.id) dropped.add(s.id);
  }
  return subscriptions.filter((s) => !dropped.has(s.id));
}
