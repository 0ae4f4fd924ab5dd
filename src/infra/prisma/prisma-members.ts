// MemberDirectory on Prisma. Members are created on first contact; identities listed as admins in
// the configuration are admins from their first message on. A member may have one identity per
// platform (MemberIdentity); the Member row's own platform id is the one the bot writes to.
import { BotError, ROLES, type Clock, type Identity, type Member, type MemberDirectory, type Platform, type Role } from '../../core/index.ts';
import type { Member as MemberRow, PrismaClient } from './generated/client.ts';

/** The columns a Member is made of. */
type MemberFields = Pick<
  MemberRow,
  'id' | 'platform' | 'platformId' | 'displayName' | 'role' | 'language' | 'timeZone' | 'country' | 'cluster' | 'privacyNoticeAt'
>;

const toMember = (row: MemberFields): Member => ({
  id: row.id,
  platform: row.platform as Platform,
  platformId: row.platformId,
  displayName: row.displayName,
  role: (ROLES as readonly string[]).includes(row.role) ? (row.role as Role) : 'member',
  language: row.language,
  timeZone: row.timeZone,
  country: row.country,
  cluster: row.cluster,
  privacyNoticeAt: row.privacyNoticeAt,
});

/** A member read with its identity's name by ensure(); raw rows carry dates as Date or text depending on the driver. */
type KnownRow = Omit<MemberFields, 'privacyNoticeAt'> & {
  privacyNoticeAt: Date | string | null;
  identityName: string;
};

const knownMember = (row: KnownRow): Member =>
  toMember({
    ...row,
    privacyNoticeAt: row.privacyNoticeAt === null || row.privacyNoticeAt instanceof Date ? row.privacyNoticeAt : new Date(row.privacyNoticeAt),
  });

const higher = (a: string, b: string): Role => (ROLES.indexOf(a as Role) >= ROLES.indexOf(b as Role) ? (a as Role) : (b as Role));

export function createPrismaMembers(db: PrismaClient, admins: readonly string[], clock: Clock): MemberDirectory {
  const isAdmin = (platform: string, id: string) => admins.includes(`${platform}:${id}`);
  const identityOf = (platform: string, platformId: string) => db.memberIdentity.findUnique({ where: { platform_platformId: { platform, platformId } } });

  return {
    async ensure(user, hints = {}) {
      // One statement for the identity and its member: this runs for every event a person sends.
      const [found] = await db.$queryRaw<KnownRow[]>`
        SELECT m."id", m."platform", m."platformId", m."displayName", m."role", m."language", m."timeZone", m."country", m."cluster",
          m."privacyNoticeAt", i."displayName" AS "identityName"
        FROM "MemberIdentity" i JOIN "Member" m ON m."id" = i."memberId"
        WHERE i."platform" = ${user.platform} AND i."platformId" = ${user.id}`;
      if (found) {
        const existing = knownMember(found);
        const patch: Partial<MemberRow> = {};
        if (!existing.timeZone && hints.timeZone) patch.timeZone = hints.timeZone;
        if (existing.role !== 'admin' && isAdmin(user.platform, user.id)) patch.role = 'admin';
        const named = user.displayName && user.displayName !== found.identityName;
        if (named)
          await db.memberIdentity.update({
            where: { platform_platformId: { platform: user.platform, platformId: user.id } },
            data: { displayName: user.displayName! },
          });
        if (named && existing.platform === user.platform && existing.platformId === user.id) patch.displayName = user.displayName!;
        if (Object.keys(patch).length === 0) return existing;
        return toMember(await db.member.update({ where: { id: existing.id }, data: { ...patch, updatedAt: clock.now() } }));
      }
      const now = clock.now();
      const displayName = user.displayName ?? user.id;
      return db.$transaction(async (tx) => {
        const row = await tx.member.upsert({
          where: { platform_platformId: { platform: user.platform, platformId: user.id } },
          update: {},
          create: {
            platform: user.platform,
            platformId: user.id,
            displayName,
            role: isAdmin(user.platform, user.id) ? 'admin' : 'member',
            timeZone: hints.timeZone ?? null,
            createdAt: now,
            updatedAt: now,
          },
        });
        await tx.memberIdentity.upsert({
          where: { platform_platformId: { platform: user.platform, platformId: user.id } },
          update: {},
          create: { platform: user.platform, platformId: user.id, memberId: row.id, displayName, createdAt: now },
        });
        return toMember(row);
      });
    },
    async get(id) {
      const row = await db.member.findUnique({ where: { id } });
      return row ? toMember(row) : null;
    },
    async find(platform, nameOrId) {
      const needle = nameOrId.replace(/^@/, '');
      const byId = await identityOf(platform, needle);
      const identity = byId ?? (await db.memberIdentity.findMany({ where: { platform } })).find((i) => i.displayName.toLowerCase() === needle.toLowerCase());
      const row = identity ? await db.member.findUnique({ where: { id: identity.memberId } }) : null;
      return row ? toMember(row) : null;
    },
    async list(filter = {}) {
      const onPlatform = filter.platform
        ? (await db.memberIdentity.findMany({ where: { platform: filter.platform }, select: { memberId: true } })).map((i) => i.memberId)
        : null;
      const rows = await db.member.findMany({
        where: { ...(onPlatform ? { id: { in: onPlatform } } : {}), ...(filter.role ? { role: filter.role } : {}) },
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
    async identities(memberId) {
      const rows = await db.memberIdentity.findMany({ where: { memberId }, orderBy: { createdAt: 'asc' } });
      return rows.map((r): Identity => ({ platform: r.platform as Platform, platformId: r.platformId, displayName: r.displayName }));
    },
    async attachIdentity(memberId, user) {
      const now = clock.now();
      return db.$transaction(async (tx) => {
        const current = await tx.memberIdentity.findUnique({ where: { platform_platformId: { platform: user.platform, platformId: user.id } } });
        const from = current && current.memberId !== memberId ? current.memberId : null;
        if (from) {
          // Every account of the other record comes along, and the person keeps the higher of the two roles.
          const other = await tx.member.findUnique({ where: { id: from } });
          await tx.memberIdentity.updateMany({ where: { memberId: from }, data: { memberId } });
          await tx.linkCode.deleteMany({ where: { memberId: from } });
          await tx.member.delete({ where: { id: from } });
          const target = await tx.member.findUniqueOrThrow({ where: { id: memberId } });
          if (other) await tx.member.update({ where: { id: memberId }, data: { role: higher(target.role, other.role), updatedAt: now } });
        } else if (!current) {
          await tx.memberIdentity.create({
            data: { platform: user.platform, platformId: user.id, memberId, displayName: user.displayName ?? user.id, createdAt: now },
          });
        }
        return { mergedFrom: from };
      });
    },
    async detachIdentity(memberId, platform) {
      const now = clock.now();
      return db.$transaction(async (tx) => {
        const all = await tx.memberIdentity.findMany({ where: { memberId }, orderBy: { createdAt: 'asc' } });
        const leaving = all.find((i) => i.platform === platform);
        const staying = all.find((i) => i.platform !== platform);
        if (!leaving || !staying) return null;
        const member = await tx.member.findUniqueOrThrow({ where: { id: memberId } });
        if (member.platform === leaving.platform) {
          await tx.member.update({
            where: { id: memberId },
            data: { platform: staying.platform, platformId: staying.platformId, displayName: staying.displayName, updatedAt: now },
          });
        }
        const created = await tx.member.create({
          data: {
            platform: leaving.platform,
            platformId: leaving.platformId,
            displayName: leaving.displayName,
            role: isAdmin(leaving.platform, leaving.platformId) ? 'admin' : 'member',
            language: member.language,
            timeZone: member.timeZone,
            privacyNoticeAt: member.privacyNoticeAt,
            createdAt: now,
            updatedAt: now,
          },
        });
        await tx.memberIdentity.update({
          where: { platform_platformId: { platform: leaving.platform, platformId: leaving.platformId } },
          data: { memberId: created.id },
        });
        return toMember(created);
      });
    },
    async setPreferred(memberId, platform) {
      const identity = await db.memberIdentity.findFirst({ where: { memberId, platform } });
      if (!identity) return null;
      const row = await db.member.update({
        where: { id: memberId },
        data: { platform: identity.platform, platformId: identity.platformId, displayName: identity.displayName, updatedAt: clock.now() },
      });
      return toMember(row);
    },
    async markNoticed(memberId, at) {
      await db.member.updateMany({ where: { id: memberId }, data: { privacyNoticeAt: at } });
    },
    async remove(memberId) {
      await db.$transaction([
        db.memberIdentity.deleteMany({ where: { memberId } }),
        db.linkCode.deleteMany({ where: { memberId } }),
        db.member.deleteMany({ where: { id: memberId } }),
      ]);
    },
  };
}
