// Reads the `to:` of /survey open: roles (member, staff, admin), @people, `everyone` and #channels,
// separated by commas or spaces. Channels are resolved by the platform's adapter.
import { ROLES, UserFacingError, type ConversationRef, type Member, type MemberDirectory, type Platform, type Role } from '../../core/index.ts';

export interface Targets {
  people: Member[];
  channels: ConversationRef[];
}

export async function resolveTargets(
  to: string,
  input: {
    platform: Platform;
    members: MemberDirectory;
    resolveChannel(mention: string): ConversationRef | null;
    /** Platforms the bot is connected to: everyone reached there (issue 15: one network across platforms). */
    connected?: readonly Platform[];
  },
): Promise<Targets> {
  const people = new Map<string, Member>();
  const reachable = (m: Member) => !input.connected || input.connected.includes(m.platform);
  const channels = new Set<ConversationRef>();
  for (const token of to.split(/[\s,]+/).filter(Boolean)) {
    const word = token.toLowerCase();
    const role = word.replace(/s$/, '') as Role;
    // Everyone and roles mean the whole network, on every platform (issue 15): members, not platform
    // accounts, so a person with linked Slack and Discord accounts is invited once, where they chose.
    if (word === 'everyone' || word === 'all' || word === '@everyone') {
      for (const m of (await input.members.list()).filter(reachable)) people.set(m.id, m);
    } else if (!token.startsWith('@') && (ROLES as readonly string[]).includes(role)) {
      for (const m of (await input.members.list({ role })).filter(reachable)) people.set(m.id, m);
    } else if (token.startsWith('#') || token.startsWith('<#')) {
      const channel = input.resolveChannel(token);
      if (!channel) throw new UserFacingError('surveys.bad_channel', { channel: token });
      channels.add(channel);
    } else {
      const member = (await input.members.find(input.platform, token.replace(/^<@!?|>$/g, ''))) ?? null;
      if (!member) throw new UserFacingError('surveys.bad_person', { name: token });
      people.set(member.id, member);
    }
  }
  return { people: [...people.values()], channels: [...channels] };
}
