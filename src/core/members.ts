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
  /** When the privacy notice was shown; null until the first contact. */
  privacyNoticeAt?: Date | null;
}

/** One platform account of a member; linked accounts share one member. */
export interface Identity {
  platform: Platform;
  platformId: string;
  displayName: string;
}

export type MemberPatch = Partial<Pick<Member, 'displayName' | 'language' | 'timeZone' | 'country' | 'cluster'>>;

export interface MemberDirectory {
  /** The member for this identity, created on first contact; platform hints fill empty fields. */
  ensure(user: UserRef, hints?: { timeZone?: string }): Promise<Member>;
  get(id: string): Promise<Member | null>;
  /** By platform id or display name (case-insensitive), as typed in a command. */
  find(platform: Platform, nameOrId: string): Promise<Member | null>;
  /** Members with an identity on `platform` (each once, however many platforms they are on). */
  list(filter?: { platform?: Platform; role?: Role }): Promise<Member[]>;
  update(id: string, patch: MemberPatch): Promise<Member>;
  setRole(id: string, role: Role): Promise<Member>;
  /** Every platform account of the member. */
  identities(memberId: string): Promise<Identity[]>;
  /**
   * Makes `user` an identity of `memberId`. If it belonged to another member, that member's record is
   * removed (its data must have been moved first) and its id returned; the higher role is kept.
   */
  attachIdentity(memberId: string, user: UserRef): Promise<{ mergedFrom: string | null }>;
  /** Takes one platform account off a member and gives it a member record of its own, which is returned. */
  detachIdentity(memberId: string, platform: Platform): Promise<Member | null>;
  /** The platform the bot writes to on its own (digests, invitations). */
  setPreferred(memberId: string, platform: Platform): Promise<Member | null>;
  markNoticed(memberId: string, at: Date): Promise<void>;
  /** Erases the member record and its identities. */
  remove(memberId: string): Promise<void>;
}

export const hasRole = (member: Pick<Member, 'role'>, needed: Role): boolean => ROLES.indexOf(member.role) >= ROLES.indexOf(needed);

export const userRefOf = (member: Member): UserRef => ({
  platform: member.platform,
  id: member.platformId,
  displayName: member.displayName,
});
