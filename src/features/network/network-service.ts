// Network use cases: a member's own profile (language, time zone, country, cluster) and, for
// admins, role grants. Expected failures are values the commands turn into replies.
import {
  err,
  isTimeZone,
  ok,
  type Clock,
  type Member,
  type MemberDirectory,
  type PersonalDataProvider,
  type Platform,
  type Problem,
  type Result,
  type Role,
  type UserRef,
} from '../../core/index.ts';
import type { LinkCodes } from './network-repository.ts';

/** How long a link code may be typed on the other platform. */
export const LINK_CODE_MS = 10 * 60_000;

export type ProfileProblem = { key: 'network.bad_timezone'; vars: { timeZone: string } } | { key: 'network.bad_language'; vars: { languages: string } };

export interface ProfileInput {
  language?: string | undefined;
  timeZone?: string | undefined;
  country?: string | null | undefined;
  cluster?: string | null | undefined;
}

export interface NetworkDeps {
  members: MemberDirectory;
  languages: readonly string[];
  codes: LinkCodes;
  clock: Clock;
  /** Every feature's personal data: linking two accounts moves the second one's data to the first. */
  providers(): readonly PersonalDataProvider[];
}

export class NetworkService {
  constructor(private readonly deps: NetworkDeps) {}

  /** Changes only what the input names; a time zone or language the bot does not know is refused. */
  async updateProfile(member: Member, input: ProfileInput): Promise<Result<Member, ProfileProblem>> {
    if (input.timeZone !== undefined && !isTimeZone(input.timeZone)) return err({ key: 'network.bad_timezone', vars: { timeZone: input.timeZone } });
    if (input.language !== undefined && !this.deps.languages.includes(input.language))
      return err({ key: 'network.bad_language', vars: { languages: this.deps.languages.join(', ') } });
    const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    return ok(Object.keys(patch).length ? await this.deps.members.update(member.id, patch) : member);
  }

  async grantRole(platform: Member['platform'], name: string, role: Role): Promise<Result<Member, { key: 'network.no_member'; vars: { name: string } }>> {
    const target = await this.deps.members.find(platform, name);
    if (!target) return err({ key: 'network.no_member', vars: { name } });
    return ok(await this.deps.members.setRole(target.id, role));
  }

  members(platform: Member['platform']): Promise<Member[]> {
    return this.deps.members.list({ platform });
  }

  /** A one-time code to type on another platform, valid for ten minutes. */
  async linkCode(member: Member): Promise<{ code: string; expiresAt: Date }> {
    const expiresAt = new Date(this.deps.clock.now().getTime() + LINK_CODE_MS);
    return { code: await this.deps.codes.issue(member.id, expiresAt), expiresAt };
  }

  /**
   * Links the account typing the code (`user`, member `member`) to the member who asked for it: the
   * typing account's data moves to that member, and from now on both accounts are one member.
   */
  async redeem(member: Member, user: UserRef, code: string): Promise<Result<Member, Problem>> {
    const target = await this.deps.codes.redeem(code, this.deps.clock.now());
    if (!target) return err({ key: 'network.link_bad_code' });
    if (target === member.id) return err({ key: 'network.link_same' });
    const targetIdentities = await this.deps.members.identities(target);
    if (targetIdentities.some((i) => i.platform === user.platform)) return err({ key: 'network.link_same_platform', vars: { platform: user.platform } });
    for (const provider of this.deps.providers()) await provider.merge(member.id, target);
    await this.deps.members.attachIdentity(target, user);
    const linked = await this.deps.members.get(target);
    return linked ? ok(linked) : err({ key: 'network.link_bad_code' });
  }

  /** Gives the account on `platform` a member of its own again; the data stays with the other account. */
  async unlink(member: Member, platform: Platform): Promise<Result<Member, Problem>> {
    const detached = await this.deps.members.detachIdentity(member.id, platform);
    return detached ? ok(detached) : err({ key: 'network.unlink_nothing', vars: { platform } });
  }

  async prefer(member: Member, platform: Platform): Promise<Result<Member, Problem>> {
    const updated = await this.deps.members.setPreferred(member.id, platform);
    return updated ? ok(updated) : err({ key: 'network.not_on_platform', vars: { platform } });
  }
}
