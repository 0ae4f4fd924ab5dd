// The news feature's storage on Prisma: items (body as zod-read JSON beside indexed keys), their
// source links and recorded changes, sources, subscriptions with sent-marks, follows and "going".
// Digests, failure notices and change announcements commit with the state that caused them.
import { z } from 'zod';
import type { Clock } from '../../core/index.ts';
import type { NewsRepository } from '../../features/news/news-repository.ts';
import { dedupeKeys, NewsItemSchema, relevantTo, type NewsItem } from '../../features/news/news-item.ts';
import { CARRIES, DEFAULT_CARRIES, SOURCE_KINDS, type NewsSource } from '../../features/news/news-sources.ts';
import { SubscriptionSchema, type Subscription } from '../../features/news/news-subscription.ts';
import { FiltersSchema } from '../../features/news/news-filter.ts';
import { Prisma, type NewsSource as SourceRow, type NewsSubscription as SubscriptionRow, type PrismaClient } from './generated/client.ts';
import { chunks } from './claims.ts';
import { readJson } from './json-column.ts';
import { claimWorkKey, insertOutboxEntries } from './prisma-outbox.ts';
import { digestEncoder, recordDigests } from './prisma-digests.ts';

/**
 * Bulk inserts go through one multi-row statement: a 11,000-record import through createMany made
 * enough short-lived garbage to double the process's peak memory. Written as Prisma.sql templates, so
 * Prisma renders placeholders and dates for either provider, and reads and compares them as its own.
 */

const toItem = (row: { data: string }): NewsItem => readJson(NewsItemSchema, row.data, 'news item');

function itemRow(item: NewsItem, now: Date) {
  const keys = dedupeKeys(item);
  const until = relevantTo(item);
  return {
    id: item.id,
    kind: item.kind,
    identifier: keys.identifier ?? null,
    linkKey: keys.linkKey ?? null,
    titleKey: keys.titleKey,
    status: item.status ?? null,
    relevantTo: until ? new Date(until) : null,
    version: item.version,
    data: JSON.stringify(item),
    firstSeenAt: new Date(item.firstSeenAt),
    updatedAt: now,
  };
}

const StringList = z.array(z.string());

function toSource(row: SourceRow): NewsSource {
  const kind = z.enum(SOURCE_KINDS).parse(row.kind);
  return {
    id: row.id,
    kind,
    url: row.url,
    every: row.every,
    state: z.enum(['new', 'ok', 'failing']).catch('new').parse(row.state),
    ...(row.lastError ? { lastError: row.lastError } : {}),
    ...(row.failingSince ? { failingSince: row.failingSince } : {}),
    ...(row.lastPolledAt ? { lastPolledAt: row.lastPolledAt } : {}),
    ...(row.lastSuccessAt ? { lastSuccessAt: row.lastSuccessAt } : {}),
    ...(row.etag ? { etag: row.etag } : {}),
    ...(row.lastModified ? { lastModified: row.lastModified } : {}),
    lastImported: row.lastImported,
    lastSkipped: row.lastSkipped,
    ...(row.lastTotal !== null ? { lastTotal: row.lastTotal } : {}),
    ...(row.lastLeft !== null ? { lastLeft: row.lastLeft } : {}),
    carries: row.carries ? z.enum(CARRIES).parse(row.carries) : DEFAULT_CARRIES[kind],
    ...(row.programme ? { programme: row.programme } : {}),
    countries: readJson(StringList, row.countries, 'news source countries'),
    topics: readJson(StringList, row.topics, 'news source topics'),
    paused: row.paused,
    createdAt: row.createdAt,
  };
}

/** A source's fields as columns: lists as JSON, absent values as null. */
function sourceColumns(patch: Partial<NewsSource>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'countries' || key === 'topics') data[key] = JSON.stringify(value ?? []);
    else data[key] = value === undefined ? null : value;
  }
  return data;
}

const toSubscription = (row: SubscriptionRow): Subscription =>
  SubscriptionSchema.parse({
    id: row.id,
    platform: row.platform,
    targetKey: row.targetKey,
    ...(row.memberId ? { memberId: row.memberId } : {}),
    ...(row.channel ? { channel: row.channel } : {}),
    filters: readJson(FiltersSchema, row.filters, 'news subscription filters'),
    cadence: row.cadence,
    at: row.at,
    day: row.day,
    timeZone: row.timeZone,
    language: row.language,
    createdAt: row.createdAt.toISOString(),
  });

export function createPrismaNews(db: PrismaClient, clock: Clock): NewsRepository {
  return {
    async findByKeys({ identifiers, ids = [] }) {
      const found = new Map<string, NewsItem>();
      const add = (rows: Array<{ data: string }>) =>
        rows.forEach((r) => {
          const item = toItem(r);
          found.set(item.id, item);
        });
      for (const part of chunks([...new Set(identifiers)])) add(await db.newsItem.findMany({ where: { identifier: { in: part } }, select: { data: true } }));
      for (const part of chunks([...new Set(ids)])) add(await db.newsItem.findMany({ where: { id: { in: part } }, select: { data: true } }));
      return [...found.values()];
    },

    async linkedItems(sourceId, externalKeys) {
      const links = new Map<string, string>();
      for (const part of chunks([...new Set(externalKeys)]))
        for (const r of await db.newsItemSource.findMany({ where: { sourceId, externalKey: { in: part } }, select: { externalKey: true, itemId: true } }))
          links.set(r.externalKey, r.itemId);
      const items = new Map<string, NewsItem>();
      for (const part of chunks([...new Set(links.values())]))
        for (const row of await db.newsItem.findMany({ where: { id: { in: part } }, select: { data: true } })) {
          const item = toItem(row);
          items.set(item.id, item);
        }
      const out = new Map<string, NewsItem>();
      for (const [key, itemId] of links) {
        const item = items.get(itemId);
        if (item) out.set(key, item);
      }
      return out;
    },

    async saveBatch(batch, now) {
      await db.$transaction(async (tx) => {
        if (batch.created.length) {
          // An id may already exist when two records hash alike across batches; those become updates.
          const existing = new Set(
            (await tx.newsItem.findMany({ where: { id: { in: batch.created.map((i) => i.id) } }, select: { id: true } })).map((r) => r.id),
          );
          const fresh = batch.created.filter((i) => !existing.has(i.id));
          const taken = new Set<string>();
          const candidates = fresh.map((i) => itemRow(i, now));
          const identifiers = candidates.flatMap((r) => (r.identifier ? [r.identifier] : []));
          for (const part of chunks(identifiers))
            for (const r of await tx.newsItem.findMany({ where: { identifier: { in: part } }, select: { identifier: true } }))
              if (r.identifier) taken.add(r.identifier);
          const rows = candidates.map((r) => (r.identifier && taken.has(r.identifier) ? { ...r, identifier: null } : r));
          for (const part of chunks(rows, 100)) {
            const values = part.map(
              (r) =>
                Prisma.sql`(${r.id}, ${r.kind}, ${r.identifier}, ${r.linkKey}, ${r.titleKey}, ${r.status}, ${r.relevantTo}, ${r.version}, ${r.data}, ${r.firstSeenAt}, ${r.updatedAt})`,
            );
            await tx.$executeRaw`
              INSERT INTO "NewsItem" ("id","kind","identifier","linkKey","titleKey","status","relevantTo","version","data","firstSeenAt","updatedAt")
              VALUES ${Prisma.join(values)}`;
          }
        }
        for (const { item, changes } of batch.updated) {
          const row = itemRow(item, now);
          await tx.newsItem.update({ where: { id: item.id }, data: { ...row, id: undefined, firstSeenAt: undefined } });
          if (changes.length)
            await tx.newsChange.createMany({
              data: changes.map((c) => ({ itemId: item.id, version: item.version, field: c.field, before: c.before, after: c.after, at: now })),
            });
        }
        const bySource = new Map<string, Map<string, string>>();
        for (const l of batch.links) (bySource.get(l.sourceId) ?? bySource.set(l.sourceId, new Map()).get(l.sourceId)!).set(l.externalKey, l.itemId);
        for (const [sourceId, links] of bySource) {
          const keys = [...links.keys()];
          const known = new Map<string, string>();
          for (const part of chunks(keys))
            for (const r of await tx.newsItemSource.findMany({ where: { sourceId, externalKey: { in: part } } })) known.set(r.externalKey, r.itemId);
          const fresh = keys.filter((k) => !known.has(k)).map((externalKey) => ({ sourceId, externalKey, itemId: links.get(externalKey)!, seenAt: now }));
          for (const part of chunks(fresh, 200)) {
            const values = part.map((l) => Prisma.sql`(${l.sourceId}, ${l.externalKey}, ${l.itemId}, ${l.seenAt})`);
            await tx.$executeRaw`INSERT INTO "NewsItemSource" ("sourceId","externalKey","itemId","seenAt") VALUES ${Prisma.join(values)}`;
          }
          for (const [externalKey, itemId] of links)
            if (known.has(externalKey) && known.get(externalKey) !== itemId)
              await tx.newsItemSource.update({ where: { sourceId_externalKey: { sourceId, externalKey } }, data: { itemId } });
        }
        if (batch.outbox.length) await insertOutboxEntries(tx, batch.outbox, clock.now());
      });
    },

    async getItem(ref) {
      const row =
        (await db.newsItem.findUnique({ where: { id: ref.toLowerCase() }, select: { data: true } })) ??
        (await db.newsItem.findUnique({ where: { identifier: ref.trim().toUpperCase() }, select: { data: true } }));
      return row ? toItem(row) : null;
    },

    async currentItems(now) {
      const rows = await db.newsItem.findMany({ where: { OR: [{ relevantTo: null }, { relevantTo: { gte: now } }] }, select: { data: true } });
      return rows.map(toItem);
    },

    countItems: () => db.newsItem.count(),

    // A removed source stays as a row in state "removed" (ids are never given twice, and re-adding the
    // same address brings it back); listings and look-ups leave it out.
    async listSources() {
      return (await db.newsSource.findMany({ where: { state: { not: 'removed' } }, orderBy: { createdAt: 'asc' } })).map(toSource);
    },
    async getSource(id) {
      const row = await db.newsSource.findUnique({ where: { id } });
      return row && row.state !== 'removed' ? toSource(row) : null;
    },
    async takenSourceIds() {
      return (await db.newsSource.findMany({ select: { id: true } })).map((r) => r.id);
    },
    async addSource(source, createdBy) {
      const existing = await db.newsSource.findUnique({ where: { kind_url: { kind: source.kind, url: source.url } } });
      const { id, kind, url, every, createdAt, ...declared } = source;
      if (existing && existing.state === 'removed') {
        const row = await db.newsSource.update({
          where: { id: existing.id },
          data: { ...sourceColumns(declared), every, state: 'new', paused: false, lastError: null, failingSince: null, etag: null, lastModified: null },
        });
        return { source: toSource(row), created: true };
      }
      if (existing) return { source: toSource(existing), created: false };
      const row = await db.newsSource.create({
        data: { id, kind, url, every, createdAt, ...sourceColumns(declared), createdBy: createdBy ?? null } as Prisma.NewsSourceCreateInput,
      });
      return { source: toSource(row), created: true };
    },
    async updateSource(id, patch) {
      await db.newsSource.update({ where: { id }, data: sourceColumns(patch) });
    },
    async removeSource(id) {
      return db.$transaction(async (tx) => {
        const { count } = await tx.newsSource.updateMany({ where: { id, state: { not: 'removed' } }, data: { state: 'removed', paused: true } });
        if (count) await tx.newsItemSource.deleteMany({ where: { sourceId: id } });
        return count > 0;
      });
    },
    async markFailing(id, reason, now, notices) {
      await db.$transaction(async (tx) => {
        const row = await tx.newsSource.findUniqueOrThrow({ where: { id } });
        const since = row.state === 'failing' && row.failingSince ? row.failingSince : now;
        await tx.newsSource.update({ where: { id }, data: { state: 'failing', lastError: reason.slice(0, 300), failingSince: since, lastPolledAt: now } });
        await insertOutboxEntries(tx, notices(since), clock.now());
      });
    },
    async itemCountsBySource() {
      const groups = await db.newsItemSource.groupBy({ by: ['sourceId'], _count: { itemId: true } });
      return new Map(groups.map((g) => [g.sourceId, g._count.itemId]));
    },
    claim: (key, job) => db.$transaction((tx) => claimWorkKey(tx, key, job, clock.now())),

    async saveSubscription(s) {
      const data = {
        platform: s.platform,
        targetKey: s.targetKey,
        memberId: s.memberId ?? null,
        channel: s.channel ?? null,
        filters: JSON.stringify(s.filters),
        cadence: s.cadence,
        at: s.at,
        day: s.day,
        timeZone: s.timeZone,
        language: s.language,
      };
      const row = await db.newsSubscription.upsert({ where: { id: s.id }, create: { id: s.id, ...data, createdAt: new Date(s.createdAt) }, update: data });
      return toSubscription(row);
    },
    async deleteSubscription(platform, targetKey) {
      const row = await db.newsSubscription.findUnique({ where: { platform_targetKey: { platform, targetKey } } });
      if (!row) return false;
      await db.$transaction([db.newsSent.deleteMany({ where: { subscriptionId: row.id } }), db.newsSubscription.delete({ where: { id: row.id } })]);
      return true;
    },
    async getSubscription(platform, targetKey) {
      const row = await db.newsSubscription.findUnique({ where: { platform_targetKey: { platform, targetKey } } });
      return row ? toSubscription(row) : null;
    },
    countSubscriptions: () => db.newsSubscription.count(),

    async listSubscriptions() {
      return (await db.newsSubscription.findMany({ orderBy: { createdAt: 'asc' } })).map(toSubscription);
    },
    async sentMarks(subscriptionId) {
      const rows = await db.newsSent.findMany({ where: { subscriptionId }, select: { itemId: true, version: true } });
      return new Map(rows.map((r) => [r.itemId, r.version]));
    },
    async sentMarksFor(subscriptionIds) {
      const marks = new Map<string, Map<string, number>>(subscriptionIds.map((id) => [id, new Map()]));
      for (const ids of chunks(subscriptionIds, 500)) {
        const rows = await db.newsSent.findMany({ where: { subscriptionId: { in: ids } }, select: { subscriptionId: true, itemId: true, version: true } });
        for (const r of rows) marks.get(r.subscriptionId)?.set(r.itemId, r.version);
      }
      return marks;
    },
    async claimedKeys(keys) {
      const taken = new Set<string>();
      for (const part of chunks(keys, 500)) {
        for (const r of await db.workItem.findMany({ where: { key: { in: part } }, select: { key: true } })) taken.add(r.key);
      }
      return taken;
    },
    recordDigests: (digests, now) => recordDigests(db, clock, digests, now),
    digestEncoder,

    async follow(memberId, itemId, now) {
      const existing = await db.newsFollow.findUnique({ where: { memberId_itemId: { memberId, itemId } } });
      if (existing) return false;
      await db.newsFollow.create({ data: { memberId, itemId, createdAt: now } });
      return true;
    },
    async unfollow(memberId, itemId) {
      const { count } = await db.newsFollow.deleteMany({ where: { memberId, itemId } });
      return count > 0;
    },
    async follows(filter = {}) {
      const rows = await db.newsFollow.findMany({
        where: { ...(filter.memberId ? { memberId: filter.memberId } : {}), ...(filter.itemIds ? { itemId: { in: filter.itemIds } } : {}) },
        orderBy: { createdAt: 'asc' },
      });
      return rows.map((r) => ({ memberId: r.memberId, itemId: r.itemId, since: r.createdAt }));
    },
    async setGoing(memberId, itemId, going, now) {
      if (!going) await db.newsGoing.deleteMany({ where: { memberId, itemId } });
      else await db.newsGoing.upsert({ where: { memberId_itemId: { memberId, itemId } }, create: { memberId, itemId, createdAt: now }, update: {} });
    },
    async goingTo(itemId) {
      return (await db.newsGoing.findMany({ where: { itemId }, orderBy: { createdAt: 'asc' } })).map((r) => r.memberId);
    },
    async goingChoices(memberIds) {
      const rows = await db.newsPrefs.findMany({ where: { memberId: { in: memberIds } } });
      return new Map(rows.map((r) => [r.memberId, r.showGoing]));
    },
    async setShowGoing(memberId, show) {
      await db.newsPrefs.upsert({ where: { memberId }, create: { memberId, showGoing: show }, update: { showGoing: show } });
    },
  };
}
