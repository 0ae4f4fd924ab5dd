// Polling and importing: each source polled on its own schedule under a unique "poll:<source>:<slot>"
// key, due sources in parallel (each bounded by the reader's per-source time-out, so one hanging
// source delays no other); records shaped by what their source declares it carries; records folded
// into items in batches, matched by the whole identifier, then by the source's own key (a title or a
// link alone never merges two records); changes announced to followers through the outbox; a source
// that fails is marked with the reason and admins told once.
import { hasRole, resolveLanguage, userRefOf, type Clock, type I18n, type Logger, type MemberDirectory, type OutboxEntry } from '../../core/index.ts';
import { idBasis, itemIdFor, ItemInputSchema, normaliseIdentifier, type ItemChange, type ItemInput, type NewsItem, type ParsedInput } from './news-item.ts';
import { mergeItem, newItem } from './news-merge.ts';
import type { NewsRepository } from './news-repository.ts';
import { asDeclared, POLLED_KINDS, SOURCE_RANK, type IngestSource, type NewsSource, type ReadRecord, type SourceReader } from './news-sources.ts';
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
  /** How many sources are polled at the same time. */
  parallelPolls?: number;
  /** Records per write transaction (smaller: shorter locks for others sharing a SQLite file). */
  batchSize?: number;
  /**
   * Polls a source that streams a large file (the EU bulk file) away from the bot's thread, so its
   * parsing and memory never hold up commands: the poll's result, or `crashed` with a reason when the
   * poll died before saying; null when it cannot run elsewhere (then it runs here).
   */
  pollElsewhere?(source: NewsSource, slot: string, now: Date): Promise<{ result: PollResult } | { crashed: string } | null>;
}

/** Sources whose polls stream a large file, run elsewhere when the app can. */
const HEAVY_KINDS: readonly string[] = ['eu-bulk'];

/** A record that was not stored because its identifier belongs to an item of another kind. */
export interface IdentifierConflict {
  title: string;
  identifier: string;
  holder: Pick<NewsItem, 'id' | 'title' | 'kind'>;
}

export interface ImportReport {
  imported: number;
  created: number;
  changed: number;
  skipped: number;
  /** The item the last stored record became (what an admin who added one item wants to know). */
  lastItemId?: string;
  conflicts: IdentifierConflict[];
  /** What the source said it holds, and how much lay beyond the page cap (not read). */
  total?: number;
  left?: number;
  cap?: number;
}

export type { IngestSource };

export type PollResult =
  | { status: 'claimed-before' }
  | { status: 'not-modified' }
  | { status: 'imported'; report: ImportReport }
  | { status: 'failed'; reason: string; report?: ImportReport };

const BATCH = 250;

export class NewsIngest {
  /** Heavy polls run one after another, so two bulk imports never hold memory at the same time. */
  #heavy: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: IngestDeps) {}

  /** Imports records from one source; fatal read errors stop it and are returned (what came before stays). */
  async ingest(source: IngestSource, records: AsyncIterable<ReadRecord> | Iterable<ReadRecord>, now: Date): Promise<{ report: ImportReport; fatal?: string }> {
    const report: ImportReport = { imported: 0, created: 0, changed: 0, skipped: 0, conflicts: [] };
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
      const shaped = asDeclared(parsed.data, source);
      if ('skip' in shaped) {
        report.skipped++;
        continue;
      }
      batch.push(shaped);
      if (batch.length >= (this.deps.batchSize ?? BATCH)) {
        await this.#flush(source, batch, now, report);
        batch = [];
      }
    }
    if (batch.length) await this.#flush(source, batch, now, report);
    return fatal ? { report, fatal } : { report };
  }

  async #flush(source: IngestSource, inputs: ParsedInput[], now: Date, report: ImportReport): Promise<void> {
    const who = { rank: SOURCE_RANK[source.kind], source: source.id };
    const keyed = inputs.map((input) => {
      const identifier = input.identifier ? normaliseIdentifier(input.identifier) : undefined;
      return { input, identifier, id: itemIdFor(idBasis(identifier, source.id, input.externalKey)) };
    });
    const known = await this.deps.repo.findByKeys({
      identifiers: keyed.flatMap((k) => (k.identifier ? [k.identifier] : [])),
      ids: keyed.map((k) => k.id),
    });
    const linked = await this.deps.repo.linkedItems(
      source.id,
      keyed.map((k) => k.input.externalKey),
    );
    const byId = new Map<string, NewsItem>();
    const byIdentifier = new Map<string, string>();
    const byKey = new Map<string, string>();
    const remember = (item: NewsItem) => {
      byId.set(item.id, item);
      if (item.identifier) byIdentifier.set(normaliseIdentifier(item.identifier), item.id);
    };
    for (const item of [...known, ...linked.values()]) remember(item);
    for (const [key, item] of linked) byKey.set(key, item.id);
    const created = new Map<string, NewsItem>();
    const updated = new Map<string, { item: NewsItem; changes: ItemChange[] }>();
    const links: Array<{ sourceId: string; externalKey: string; itemId: string }> = [];

    for (const { input, identifier, id } of keyed) {
      // 1. The whole identifier: one call is one item, whoever reports it.
      const holderId = identifier ? byIdentifier.get(identifier) : undefined;
      const holder = holderId ? byId.get(holderId) : undefined;
      if (holder && holder.kind !== input.kind) {
        report.conflicts.push({
          title: input.title,
          identifier: input.identifier ?? identifier ?? '',
          holder: { id: holder.id, title: holder.title, kind: holder.kind },
        });
        report.skipped++;
        continue;
      }
      // 2. The source's own key for the record (guid, UID), unless it now names another identifier.
      const viaKeyId = byKey.get(input.externalKey);
      const viaKey = viaKeyId ? byId.get(viaKeyId) : undefined;
      const sameCall = viaKey && !(identifier && viaKey.identifier && normaliseIdentifier(viaKey.identifier) !== identifier);
      // The source was re-declared (say, from calls to news): an item it made follows; one it only
      // contributed to (a portal call a post was once merged into) stays what it is, and the post becomes its own item.
      const redeclared = Boolean(sameCall && viaKey && !holder && viaKey.kind !== input.kind);
      const mayRedeclare = redeclared && viaKey?.owners?.kind?.source === source.id;
      const match = holder ?? (sameCall && (!redeclared || mayRedeclare) ? viaKey : undefined);
      let item: NewsItem;
      if (match) {
        const merged = mayRedeclare
          ? { item: { ...newItem(input, now, who, match.id), version: match.version + 1, firstSeenAt: match.firstSeenAt }, changes: [] }
          : mergeItem(match, input, now, who);
        item = merged.item;
        if (created.has(item.id)) created.set(item.id, item);
        else if (JSON.stringify(item) !== JSON.stringify(match)) {
          const previous = updated.get(item.id)?.changes ?? [];
          updated.set(item.id, { item, changes: [...previous, ...merged.changes] });
        }
      } else {
        if (byId.has(id)) {
          // Another item already holds this id (a different record of the same key): never overwrite it.
          report.skipped++;
          continue;
        }
        item = newItem(input, now, who, id);
        created.set(item.id, item);
      }
      remember(item);
      byKey.set(input.externalKey, item.id);
      links.push({ sourceId: source.id, externalKey: input.externalKey, itemId: item.id });
      report.lastItemId = item.id;
      report.imported++;
    }

    const announced = [...updated.values()].filter((u) => u.changes.length > 0);
    const outbox = await this.#announcements(announced);
    await this.deps.repo.saveBatch({ created: [...created.values()], updated: [...updated.values()], links, outbox }, now);
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
    if (this.deps.pollElsewhere && HEAVY_KINDS.includes(source.kind)) {
      const pollElsewhere = this.deps.pollElsewhere;
      const run = this.#heavy.then(() => pollElsewhere(source, slot, now));
      this.#heavy = run.catch(() => undefined);
      const elsewhere = await run;
      if (elsewhere) return 'crashed' in elsewhere ? this.#fail(source, elsewhere.crashed, now) : elsewhere.result;
      this.deps.logger.warn({ source: source.id }, 'news source polled in-thread: no worker could start');
    }
    if (!(await repo.claim(`poll:${source.id}:${slot}`, 'news-poll'))) return { status: 'claimed-before' };
    const read = await this.deps.reader.read(source, now).catch(() => ({ ok: false as const, error: 'unreadable' }));
    if (!read.ok) return this.#fail(source, read.error, now);
    if (read.value.status === 'not-modified') {
      await repo.updateSource(source.id, { state: 'ok', lastPolledAt: now, lastSuccessAt: now, lastError: undefined, failingSince: undefined });
      return { status: 'not-modified' };
    }
    const { report, fatal } = await this.ingest(source, read.value.records, now);
    const { total, left, cap } = read.value;
    if (total !== undefined) report.total = total;
    if (left !== undefined) report.left = left;
    if (cap !== undefined) report.cap = cap;
    if (fatal) return this.#fail(source, fatal, now, report);
    await repo.updateSource(source.id, {
      state: 'ok',
      lastPolledAt: now,
      lastSuccessAt: now,
      lastError: undefined,
      failingSince: undefined,
      lastImported: report.imported,
      lastSkipped: report.skipped,
      lastTotal: total,
      lastLeft: left,
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

  /**
   * The polling job: every source whose own schedule has a slot not yet polled (manual runs poll all
   * now), paused ones left out. Sources are polled a few at a time, each bounded by the reader's
   * time-out, so a hanging source holds up no other.
   */
  async pollDue(now: Date, manual: boolean): Promise<string> {
    const sources = (await this.deps.repo.listSources()).filter((s) => (POLLED_KINDS as readonly string[]).includes(s.kind) && !s.paused);
    const due = sources.flatMap((source) => {
      const slot = manual ? now : this.deps.cronSlot(source.every, now);
      return !slot || (!manual && slot.getTime() < source.createdAt.getTime()) ? [] : [{ source, slot }];
    });
    const tally = { polled: 0, unchanged: 0, failing: 0, items: 0 };
    const pollOne = async ({ source, slot }: (typeof due)[number]) => {
      const result = await this.poll(source, slot.toISOString(), now).catch((error: unknown) => {
        this.deps.logger.error({ err: error, source: source.id }, 'news poll failed');
        return { status: 'failed', reason: 'internal' } as PollResult;
      });
      if (result.status === 'claimed-before') return;
      tally.polled++;
      if (result.status === 'not-modified') tally.unchanged++;
      if (result.status === 'failed') tally.failing++;
      if (result.status === 'imported') tally.items += result.report.imported;
    };
    const queue = [...due];
    const workers = Array.from({ length: Math.min(this.deps.parallelPolls ?? 4, queue.length) }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await pollOne(next);
    });
    await Promise.all(workers);
    return `news-poll: ${tally.polled} polled, ${tally.unchanged} unchanged, ${tally.failing} failing, ${tally.items} records`;
  }

  /** An item added by an admin (form) or the seed: imported like any other record, from the "manual" source. */
  async addManual(inputs: ItemInput[], now: Date): Promise<ImportReport> {
    const { source } = await this.deps.repo.addSource({ id: 'manual', kind: 'manual', url: 'manual:', every: '0 0 1 1 *', createdAt: now, carries: 'calls' });
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
