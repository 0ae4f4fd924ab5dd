// Polling and importing: each source polled on its own schedule under a unique "poll:<source>:<slot>"
// key; records folded into items in batches (one item from many sources); changes announced to
// followers through the outbox; a source that fails is marked with the reason and admins told once.
import { hasRole, resolveLanguage, userRefOf, type Clock, type I18n, type Logger, type MemberDirectory, type OutboxEntry } from '../../core/index.ts';
import { dedupeKeys, ItemInputSchema, type ItemChange, type ItemInput, type NewsItem, type ParsedInput } from './news-item.ts';
import { mergeItem, newItem } from './news-merge.ts';
import type { NewsRepository } from './news-repository.ts';
import { POLLED_KINDS, SOURCE_RANK, type NewsSource, type ReadRecord, type SourceReader } from './news-sources.ts';
import { changeMessage, failingNotice } from './news-views.ts';

export interface IngestDeps {
  repo: NewsRepository;
  reader: SourceReader;
  members: MemberDirectory;
  i18n: I18n;
  clock: Clock;
  logger: Logger;
  defaultTimeZone: string;
  /** The latest fire time of a cron expression at or before `now`; null when the expression is invalid. */
  cronSlot(cron: string, now: Date): Date | null;
  /** Called every few thousand records of a large import, so its memory stays flat (a full GC). */
  relieveMemory?(): void;
}

export interface ImportReport {
  imported: number;
  created: number;
  changed: number;
  skipped: number;
  /** The item the last record became (what an admin who added one item wants to know). */
  lastItemId?: string;
}

export type PollResult =
  | { status: 'claimed-before' }
  | { status: 'not-modified' }
  | { status: 'imported'; report: ImportReport }
  | { status: 'failed'; reason: string; report?: ImportReport };

const BATCH = 250;
const RELIEF_EVERY = 500;

export class NewsIngest {
  constructor(private readonly deps: IngestDeps) {}

  /** Imports records from one source; fatal read errors stop it and are returned (what came before stays). */
  async ingest(
    source: Pick<NewsSource, 'id' | 'kind'>,
    records: AsyncIterable<ReadRecord> | Iterable<ReadRecord>,
    now: Date,
  ): Promise<{ report: ImportReport; fatal?: string }> {
    const report: ImportReport = { imported: 0, created: 0, changed: 0, skipped: 0 };
    let batch: ParsedInput[] = [];
    let fatal: string | undefined;
    for await (const record of records) {
      if (!record.ok) {
        if (record.fatal) {
          fatal = record.reason;
          break;
        }
        report.skipped++;
        continue;
      }
      const parsed = ItemInputSchema.safeParse(record.input);
      if (!parsed.success) {
        report.skipped++;
        continue;
      }
      batch.push(parsed.data);
      if (batch.length >= BATCH) {
        await this.#flush(source, batch, now, report);
        batch = [];
        if (report.imported % RELIEF_EVERY < BATCH) this.deps.relieveMemory?.();
      }
    }
    if (batch.length) await this.#flush(source, batch, now, report);
    return fatal ? { report, fatal } : { report };
  }

  async #flush(source: Pick<NewsSource, 'id' | 'kind'>, inputs: ParsedInput[], now: Date, report: ImportReport): Promise<void> {
    const sourceId = source.id;
    const rank = SOURCE_RANK[source.kind];
    const keyed = inputs.map((input) => ({ input, keys: dedupeKeys(input) }));
    const known = await this.deps.repo.findByKeys({
      identifiers: keyed.flatMap((k) => (k.keys.identifier ? [k.keys.identifier] : [])),
      linkKeys: keyed.flatMap((k) => (k.keys.linkKey ? [k.keys.linkKey] : [])),
      titleKeys: keyed.map((k) => k.keys.titleKey),
    });
    const byId = new Map<string, NewsItem>();
    const byIdentifier = new Map<string, string>();
    const byLink = new Map<string, string>();
    const byTitle = new Map<string, string>();
    const remember = (item: NewsItem, keys?: ReturnType<typeof dedupeKeys>) => {
      byId.set(item.id, item);
      const k = keys ?? dedupeKeys(item);
      if (k.identifier) byIdentifier.set(k.identifier, item.id);
      if (k.linkKey && !byLink.has(k.linkKey)) byLink.set(k.linkKey, item.id);
      if (!byTitle.has(k.titleKey)) byTitle.set(k.titleKey, item.id);
    };
    for (const item of known) remember(item);
    const created = new Map<string, NewsItem>();
    const updated = new Map<string, { item: NewsItem; changes: ItemChange[] }>();
    const links: Array<{ sourceId: string; externalKey: string; itemId: string }> = [];

    for (const { input, keys } of keyed) {
      const compatible = (id: string | undefined) => {
        const candidate = id ? byId.get(id) : undefined;
        if (!candidate || candidate.kind !== input.kind) return undefined;
        // Two different identifiers are two different calls, whatever their links or titles say.
        const other = candidate.identifier ? dedupeKeys(candidate).identifier : undefined;
        return keys.identifier && other && other !== keys.identifier ? undefined : candidate;
      };
      const match =
        compatible(keys.identifier && byIdentifier.get(keys.identifier)) ??
        compatible(keys.linkKey && byLink.get(keys.linkKey)) ??
        compatible(byTitle.get(keys.titleKey));
      let item: NewsItem;
      if (match) {
        const merged = mergeItem(match, input, now, rank);
        item = merged.item;
        if (created.has(item.id)) created.set(item.id, item);
        else if (JSON.stringify(item) !== JSON.stringify(match)) {
          const previous = updated.get(item.id)?.changes ?? [];
          updated.set(item.id, { item, changes: [...previous, ...merged.changes] });
        }
      } else {
        item = newItem(input, now, rank, keys);
        created.set(item.id, item);
      }
      remember(item, match ? undefined : keys);
      links.push({ sourceId, externalKey: input.externalKey, itemId: item.id });
      report.lastItemId = item.id;
    }

    const announced = [...updated.values()].filter((u) => u.changes.length > 0);
    const outbox = await this.#announcements(announced);
    await this.deps.repo.saveBatch({ created: [...created.values()], updated: [...updated.values()], links, outbox }, now);
    report.imported += inputs.length;
    report.created += created.size;
    report.changed += announced.length;
  }

  /** Followers of changed items hear about it, each in their own language and time zone. */
  async #announcements(changed: Array<{ item: NewsItem; changes: ItemChange[] }>): Promise<OutboxEntry[]> {
    if (changed.length === 0) return [];
    const follows = await this.deps.repo.follows({ itemIds: changed.map((c) => c.item.id) });
    const entries: OutboxEntry[] = [];
    for (const follow of follows) {
      const change = changed.find((c) => c.item.id === follow.itemId);
      const member = await this.deps.members.get(follow.memberId);
      if (!change || !member) continue;
      const language = resolveLanguage(this.deps.i18n, member.language);
      const reader = { t: this.deps.i18n.translator(language), language, timeZone: member.timeZone ?? this.deps.defaultTimeZone, now: this.deps.clock.now() };
      entries.push({
        dedupeKey: `news-change:${change.item.id}:${change.item.version}:${member.id}`,
        kind: 'news-change',
        target: { kind: 'user', user: userRefOf(member) },
        message: changeMessage(change.item, change.changes, reader),
      });
    }
    return entries;
  }

  /** Polls one source for one slot: claims the slot, reads, imports, and records how it went. */
  async poll(source: NewsSource, slot: string, now: Date): Promise<PollResult> {
    const { repo } = this.deps;
    if (!(await repo.claim(`poll:${source.id}:${slot}`, 'news-poll'))) return { status: 'claimed-before' };
    const read = await this.deps.reader.read(source, now).catch(() => ({ ok: false as const, error: 'unreadable' }));
    if (!read.ok) return this.#fail(source, read.error, now);
    if (read.value.status === 'not-modified') {
      await repo.updateSource(source.id, { state: 'ok', lastPolledAt: now, lastSuccessAt: now, lastError: undefined, failingSince: undefined });
      return { status: 'not-modified' };
    }
    const { report, fatal } = await this.ingest(source, read.value.records, now);
    if (fatal) return this.#fail(source, fatal, now, report);
    await repo.updateSource(source.id, {
      state: 'ok',
      lastPolledAt: now,
      lastSuccessAt: now,
      lastError: undefined,
      failingSince: undefined,
      lastImported: report.imported,
      lastSkipped: report.skipped,
      ...(read.value.etag !== undefined ? { etag: read.value.etag } : {}),
      ...(read.value.lastModified !== undefined ? { lastModified: read.value.lastModified } : {}),
    });
    return { status: 'imported', report };
  }

  async #fail(source: NewsSource, reason: string, now: Date, report?: ImportReport): Promise<PollResult & { status: 'failed' }> {
    const admins = (await this.deps.members.list()).filter((m) => hasRole(m, 'admin'));
    await this.deps.repo.markFailing(source.id, reason, now, (since) =>
      admins.map((admin) => {
        const language = resolveLanguage(this.deps.i18n, admin.language);
        return {
          dedupeKey: `news-failing:${source.id}:${since.toISOString()}:${admin.id}`,
          kind: 'news-source-failing',
          target: { kind: 'user' as const, user: userRefOf(admin) },
          message: failingNotice(source, reason, { t: this.deps.i18n.translator(language) }),
        };
      }),
    );
    if (report) await this.deps.repo.updateSource(source.id, { lastImported: report.imported, lastSkipped: report.skipped });
    this.deps.logger.info({ source: source.id, kind: source.kind, reason }, 'news source failing');
    return { status: 'failed', reason, ...(report ? { report } : {}) };
  }

  /** The polling job: every source whose own schedule has a slot not yet polled (manual runs poll all now). */
  async pollDue(now: Date, manual: boolean): Promise<string> {
    const sources = (await this.deps.repo.listSources()).filter((s) => (POLLED_KINDS as readonly string[]).includes(s.kind));
    const tally = { polled: 0, unchanged: 0, failing: 0, items: 0 };
    for (const source of sources) {
      const slot = manual ? now : this.deps.cronSlot(source.every, now);
      if (!slot || (!manual && slot.getTime() < source.createdAt.getTime())) continue;
      const result = await this.poll(source, slot.toISOString(), now).catch((error: unknown) => {
        this.deps.logger.error({ err: error, source: source.id }, 'news poll failed');
        return { status: 'failed', reason: 'internal' } as PollResult;
      });
      if (result.status === 'claimed-before') continue;
      tally.polled++;
      if (result.status === 'not-modified') tally.unchanged++;
      if (result.status === 'failed') tally.failing++;
      if (result.status === 'imported') tally.items += result.report.imported;
    }
    return `news-poll: ${tally.polled} polled, ${tally.unchanged} unchanged, ${tally.failing} failing, ${tally.items} records`;
  }

  /** An item added by an admin (form) or the seed: imported like any other record, from the "manual" source. */
  async addManual(inputs: ItemInput[], now: Date): Promise<ImportReport> {
    const { source } = await this.deps.repo.addSource({ id: 'manual', kind: 'manual', url: 'manual:', every: '0 0 1 1 *', createdAt: now });
    const { report } = await this.ingest(
      source,
      inputs.map((input) => ({ ok: true as const, input })),
      now,
    );
    await this.deps.repo.updateSource(source.id, {
      state: 'ok',
      lastSuccessAt: now,
      lastPolledAt: now,
      lastImported: report.imported,
      lastSkipped: report.skipped,
    });
    return report;
  }
}
