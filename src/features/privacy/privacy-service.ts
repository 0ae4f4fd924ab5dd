// Privacy use cases: what the bot keeps about a person (export), erasing a person on request (by
// themselves, or by an admin for them), and the retention pass. Every feature's personal data is
// reached through its registered provider; nothing here knows a table.
import {
  err,
  ok,
  type Clock,
  type Member,
  type MemberDirectory,
  type PersonalDataProvider,
  type PersonRef,
  type Problem,
  type Result,
} from '../../core/index.ts';
import type { PrivacyStore } from './privacy-repository.ts';

export interface PersonalExport {
  generatedAt: string;
  member: Omit<Member, 'privacyNoticeAt'> & { privacyNoticeAt: string | null };
  identities: Array<{ platform: string; platformId: string; displayName: string }>;
  sections: Record<string, Record<string, unknown[]>>;
}

export const DAY_MS = 86_400_000;

export class PrivacyService {
  constructor(
    private readonly deps: {
      members: MemberDirectory;
      providers(): readonly PersonalDataProvider[];
      store: PrivacyStore;
      clock: Clock;
      retentionDays: number;
    },
  ) {}

  async exportFor(member: Member): Promise<PersonalExport> {
    const sections: PersonalExport['sections'] = {};
    for (const provider of this.deps.providers()) sections[provider.name] = await provider.export(member.id);
    return {
      generatedAt: this.deps.clock.now().toISOString(),
      member: { ...member, privacyNoticeAt: member.privacyNoticeAt?.toISOString() ?? null },
      identities: await this.deps.members.identities(member.id),
      sections,
    };
  }

  /** Erases a member: every feature's data, then the member record and identities, then compaction. */
  async erase(memberId: string): Promise<Result<{ name: string }, Problem>> {
    const member = await this.deps.members.get(memberId);
    if (!member) return err({ key: 'privacy.no_member' });
    const identities = await this.deps.members.identities(memberId);
    const person: PersonRef = {
      memberId,
      platformIds: [...new Set([member.platformId, ...identities.map((i) => i.platformId)])],
      names: [...new Set([member.displayName, ...identities.map((i) => i.displayName)])].filter((n) => n.trim().length >= 3),
    };
    for (const provider of this.deps.providers()) await provider.erase(memberId, person);
    await this.deps.members.remove(memberId);
    await this.deps.store.compact();
    return ok({ name: member.displayName });
  }

  /** The retention pass: delivery records older than the period an operator set. */
  prune(now: Date): Promise<{ messages: number; deliveries: number; work: number }> {
    return this.deps.store.prune(new Date(now.getTime() - this.deps.retentionDays * DAY_MS));
  }
}
