// Network members and their roles, as the core sees them; storage is behind MemberDirectory.
import type { Platform, UserRef } from './refs.ts';

export const ROLES = ['member', 'staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Member {
  id: string;
  platform: Platform;
  platformId: string;
  displayName: string;
  role: Role;
  language: string | null;
  timeZone: string | null;
  country: string | null;
  cluster: string | null;
}

export type MemberPatch = Partial<Pick<Member, 'displayName' | 'language' | 'timeZone' | 'country' | 'cluster'>>;

export interface MemberDirectory {
  /** The member for this identity, created on first contact; platform hints fill empty fields. */
  ensure(user: UserRef, hints?: { timeZone?: string }): Promise<Member>;
  get(id: string): Promise<Member | null>;
  /** By platform id or display name (case-insensitive), as typed in a command. */
  find(platform: Platform, nameOrId: string): Promise<Member | null>;
  list(filter?: { platform?: Platform; role?: Role }): Promise<Member[]>;
  update(id: string, patch: MemberPatch): Promise<Member>;
  setRole(id: string, role: Role): Promise<Member>;
}

export const hasRole = (member: Pick<Member, 'role'>, needed: Role): boolean => ROLES.indexOf(member.role) >= ROLES.indexOf(needed);

export const userRefOf = (member: Member): UserRef => ({
  platform: member.platform,
  id: member.platformId,
  displayName: member.displayName,
});
