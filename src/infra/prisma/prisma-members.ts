// MemberDirectory on Prisma. Members are created on first contact; identities listed as admins in
// the configuration are admins from their first message on.
import { BotError, ROLES, type Clock, type Member, type MemberDirectory, type Platform, type Role } from '../../core/index.ts';
import type { Member as MemberRow, PrismaClient } from './generated/client.ts';

const toMember = (row: MemberRow): Member => ({
  id: row.id,
  platform: row.platform as Platform,
  platformId: row.platformId,
  displayName: row.displayName,
  role: (ROLES as readonly string[]).includes(row.role) ? (row.role as Role) : 'member',
  language: row.language,
  timeZone: row.timeZone,
  country: row.country,
  cluster: row.cluster,
});

export function createPrismaMembers(db: PrismaClient, admins: readonly string[], clock: Clock): MemberDirectory {
  const isAdmin = (platform: string, id: string) => admins.includes(`${platform}:${id}`);
  return {
    async ensure(user, hints = {}) {
      const existing = await db.member.findUnique({ where: { platform_platformId: { platform: user.platform, platformId: user.id } } });
      if (existing) {
        const patch: Partial<MemberRow> = {};
        if (!existing.timeZone && hints.timeZone) patch.timeZone = hints.timeZone;
        if (existing.role !== 'admin' && isAdmin(user.platform, user.id)) patch.role = 'admin';
        if (user.displayName && user.displayName !== existing.displayName) patch.displayName = user.displayName;
        if (Object.keys(patch).length === 0) return toMember(existing);
        return toMember(await db.member.update({ where: { id: existing.id }, data: { ...patch, updatedAt: clock.now() } }));
      }
      const row = await db.member.upsert({
        where: { platform_platformId: { platform: user.platform, platformId: user.id } },
        update: {},
        create: {
          platform: user.platform,
          platformId: user.id,
          displayName: user.displayName ?? user.id,
          role: isAdmin(user.platform, user.id) ? 'admin' : 'member',
          timeZone: hints.timeZone ?? null,
          createdAt: clock.now(),
          updatedAt: clock.now(),
        },
      });
      return toMember(row);
    },
    async get(id) {
      const row = await db.member.findUnique({ where: { id } });
      return row ? toMember(row) : null;
    },
    async find(platform, nameOrId) {
      const needle = nameOrId.replace(/^@/, '');
      const byId = await db.member.findUnique({ where: { platform_platformId: { platform, platformId: needle } } });
      if (byId) return toMember(byId);
      const all = await db.member.findMany({ where: { platform } });
      const row = all.find((m) => m.displayName.toLowerCase() === needle.toLowerCase());
      return row ? toMember(row) : null;
    },
    async list(filter = {}) {
      const rows = await db.member.findMany({
        where: { ...(filter.platform ? { platform: filter.platform } : {}), ...(filter.role ? { role: filter.role } : {}) },
        orderBy: { displayName: 'asc' },
      });
      return rows.map(toMember);
    },
    async update(id, patch) {
      return toMember(await db.member.update({ where: { id }, data: { ...patch, updatedAt: clock.now() } }));
    },
    async setRole(id, role) {
      if (!ROLES.includes(role)) throw new BotError('internal', `unknown role ${role}`);
      return toMember(await db.member.update({ where: { id }, data: { role, updatedAt: clock.now() } }));
    },
  };
}
