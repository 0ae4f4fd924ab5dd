// Network use cases: a member's own profile (language, time zone, country, cluster) and, for
// admins, role grants. Expected failures are values the commands turn into replies.
import { err, isTimeZone, ok, type Member, type MemberDirectory, type Result, type Role } from '../../core/index.ts';

export type ProfileProblem = { key: 'network.bad_timezone'; vars: { timeZone: string } } | { key: 'network.bad_language'; vars: { languages: string } };

export interface ProfileInput {
  language?: string | undefined;
  timeZone?: string | undefined;
  country?: string | null | undefined;
  cluster?: string | null | undefined;
}

export class NetworkService {
  constructor(private readonly deps: { members: MemberDirectory; languages: readonly string[] }) {}

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
}
