// Delivery: the digest job (one digest per subscriber per period, claimed as "digest:<sub>:<period>"
// together with its messages and sent-marks), the reminder job, previews, and who is going to an event.
import { DateTime } from 'luxon';
import {
  resolveLanguage,
  userRefOf,
  type Clock,
  type ConversationRef,
  type I18n,
  type Member,
  type MemberDirectory,
  type Outbox,
  type OutboxTarget,
  type Translator,
} from '../../core/index.ts';
import { DIGEST_GROUPS, DigestIndex, digestSize, explainItem, selectDigest, type Digest } from './news-digest.ts';
import { compileFilters } from './news-filter.ts';
import type { Reader } from './news-format.ts';
import type { NewsItem } from './news-item.ts';
import { dueReminders } from './news-reminders.ts';
import type { DigestRecord, EncodedDigests, NewsRepository } from './news-repository.ts';
import { onePerPerson } from './news-persons.ts';
import { asOfNow, latestDue, nextDue, periodKey, type Subscription } from './news-subscription.ts';
import { digestMessages, renderCache, reminderMessage, type Going } from './news-views.ts';

const readerKey = (s: Pick<Subscription, 'language' | 'timeZone'>): string => `${s.language}|${s.timeZone}`;

/** Digests per write: one transaction, then other events' turn. */
const DIGEST_BATCH = 20;
/** Subscriptions whose claims and sent-marks are read at once. */
const READ_BATCH = 100;

/** Digests to record (as rendered, or encoded for storage by a worker thread), or (last) what the run considered. */
export type DigestBatch = { records: DigestRecord[] } | { encoded: EncodedDigests } | { summary: string };

export interface DeliveryDeps {
  repo: NewsRepository;
  outbox: Outbox;
  members: MemberDirectory;
  i18n: I18n;
  clock: Clock;
  defaultTimeZone: string;
  /** From `from` subscriptions on, the batches come from elsewhere (a worker thread); null: render here. */
  renderElsewhere?: { from: number; render(now: Date, manual: boolean): AsyncIterable<DigestBatch> | null };
}

export class NewsDelivery {
  constructor(private readonly deps: DeliveryDeps) {}

  readerFor(subscription: Pick<Subscription, 'language' | 'timeZone'>, now: Date, readers?: Map<string, Reader>, instants?: Map<string, string>): Reader {
    const key = readerKey(subscription);
    const known = readers?.get(key);
    if (known) return known;
    const translate = this.deps.i18n.translator(subscription.language);
    // Words without variables (buttons, statuses) are the same in every digest of this reader.
    const words = new Map<string, string>();
    const t: Translator = (key, vars) => {
      if (vars) return translate(key, vars);
      let word = words.get(key);
      if (word === undefined) words.set(key, (word = translate(key)));
      return word;
    };
    const reader = { t, language: subscription.language, timeZone: subscription.timeZone, now, formats: new Map(), instants };
    readers?.set(key, reader);
    return reader;
  }

  memberReader(member: Member, now: Date, locale?: string): Reader {
    const language = resolveLanguage(this.deps.i18n, locale, member.language);
    return { t: this.deps.i18n.translator(language), language, timeZone: member.timeZone ?? this.deps.defaultTimeZone, now };
  }

  /** The subscription with the language and time zone its subscriber has now. */
  asOfNow(subscription: Subscription, member: Member | null): Subscription {
    return asOfNow(subscription, subscription.memberId ? member : null, {
      timeZone: this.deps.defaultTimeZone,
      pickLanguage: (...candidates) => resolveLanguage(this.deps.i18n, ...candidates),
    });
  }

  async current(subscription: Subscription): Promise<Subscription> {
    return this.asOfNow(subscription, subscription.memberId ? await this.deps.members.get(subscription.memberId) : null);
  }

  periodLabel(subscription: Subscription, due: DateTime, reader: Reader, labels?: Map<string, string>): string {
    const key = `${reader.language}|${subscription.timeZone}|${subscription.cadence}|${due.toMillis()}`;
    const known = labels?.get(key);
    if (known) return known;
    const label = this.#periodLabel(subscription, due, reader);
    labels?.set(key, label);
    return label;
  }

  #periodLabel(subscription: Subscription, due: DateTime, reader: Reader): string {
    const local = due.setZone(subscription.timeZone).setLocale(reader.language);
    if (subscription.cadence === 'monthly') return local.toFormat('LLLL yyyy');
    const date = local.toLocaleString({ day: 'numeric', month: 'long', year: 'numeric' });
    return subscription.cadence === 'weekly' ? reader.t('news.period_week', { date }) : date;
  }

  #target(subscription: Subscription, member: Member | null): OutboxTarget | null {
    if (subscription.channel) return { kind: 'conversation', conversation: subscription.channel as ConversationRef };
    return member ? { kind: 'user', user: userRefOf(member) } : null;
  }

  /**
   * The digest job: every subscription's latest period, once. A scheduled run leaves alone a period
   * that fell due before the subscription existed; a manual run sends it. Large networks render in a
   * worker thread (`renderElsewhere`, capped heap, the bot's loop left free) while this thread writes
   * each batch it hands back: one writer, so the database never sees two at once.
   */
  async runDigests(now: Date, manual = false): Promise<string> {
    const elsewhere = this.deps.renderElsewhere && (await this.deps.repo.countSubscriptions()) >= this.deps.renderElsewhere.from;
    const away = elsewhere ? this.deps.renderElsewhere?.render(now, manual) : null;
    const counts = { sent: 0, empty: 0, total: '' };
    let where = '';
    if (away) {
      try {
        await this.#write(away, now, counts);
        return `news-digest: ${counts.sent} digests sent, ${counts.empty} empty, ${counts.total}, rendered in a worker thread`;
      } catch {
        // The worker failed (its heap outgrown by a very large network, say; it logged why): what it
        // handed over is written and claimed, and this thread renders the rest.
        where = ', finished in this thread after the worker thread failed';
      }
    }
    await this.#write(this.#batched(this.digests(now, manual)), now, counts);
    return `news-digest: ${counts.sent} digests sent, ${counts.empty} empty, ${counts.total}${where}`;
  }

  async #write(batches: AsyncIterable<DigestBatch>, now: Date, counts: { sent: number; empty: number; total: string }): Promise<void> {
    for await (const batch of batches) {
      if ('summary' in batch) {
        counts.total = batch.summary;
        continue;
      }
      const written = 'records' in batch ? batch.records : batch.encoded;
      const claimed = await this.deps.repo.recordDigests(written, now);
      const digests = 'records' in batch ? batch.records.map((r) => ({ claimKey: r.claimKey, messages: r.entries.length })) : batch.encoded.digests;
      for (const digest of digests) {
        if (!claimed.has(digest.claimKey)) continue;
        if (digest.messages) counts.sent++;
        else counts.empty++;
      }
      // A synchronous database answers without ever leaving the event loop: give commands their turn.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Rendered digests in batches to write: one transaction each. */
  async *#batched(digests: AsyncIterable<DigestRecord | { summary: string }>): AsyncGenerator<DigestBatch> {
    let records: DigestRecord[] = [];
    for await (const digest of digests) {
      if ('summary' in digest) {
        if (records.length) yield { records };
        yield digest;
        return;
      }
      records.push(digest);
      if (records.length >= DIGEST_BATCH) {
        yield { records };
        records = [];
      }
    }
  }

  /**
   * The digests due, rendered one by one in each subscriber's current language and time zone (one read
   * of claims and sent-marks per batch of subscriptions). The last value counts what was considered.
   */
  async *digests(now: Date, manual = false): AsyncGenerator<DigestRecord | { summary: string }> {
    const members = new Map((await this.deps.members.list()).map((m) => [m.id, m]));
    const memberOf = (s: Subscription) => (s.memberId ? (members.get(s.memberId) ?? null) : null);
    // A person linked across platforms gets one digest, on the platform they picked (issue 15).
    const own = await onePerPerson(await this.deps.repo.listSubscriptions(), { get: async (id) => members.get(id) ?? null });
    // Grouped by language and zone, so each item is rendered once per group and the rendered items of
    // one group are let go before the next: memory stays that of one group, whatever the network's size.
    const subscriptions = own.map((stored) => this.asOfNow(stored, memberOf(stored))).sort((a, b) => readerKey(a).localeCompare(readerKey(b)));
    const index = new DigestIndex(await this.deps.repo.currentItems(now), now);
    // Per run: one reader (with its formatters) per language and zone, each item rendered once per reader.
    const readers = new Map<string, Reader>();
    const rendered = renderCache();
    const labels = new Map<string, string>();
    // Portal deadlines as instants, the same for every reader.
    const instants = new Map<string, string>();
    // Most subscribers share a schedule (weekly, Monday 09:00, a few zones): its due time once per run.
    const dues = new Map<string, { due: DateTime; millis: number; period: string }>();
    for (let from = 0; from < subscriptions.length; from += READ_BATCH) {
      const plans = subscriptions.slice(from, from + READ_BATCH).flatMap((subscription) => {
        const target = this.#target(subscription, memberOf(subscription));
        const schedule = `${subscription.cadence}|${subscription.at}|${subscription.day}|${subscription.timeZone}`;
        let slot = dues.get(schedule);
        if (!slot) {
          const at = latestDue(subscription, now);
          dues.set(schedule, (slot = { due: at, millis: at.toMillis(), period: periodKey(subscription.cadence, at) }));
        }
        const { due, millis, period } = slot;
        if (!target || (!manual && millis < Date.parse(subscription.createdAt))) return [];
        return [{ subscription, target, due, period, claimKey: `digest:${subscription.id}:${period}` }];
      });
      const taken = await this.deps.repo.claimedKeys(plans.map((p) => p.claimKey));
      const todo = plans.filter((p) => !taken.has(p.claimKey));
      const marks = await this.deps.repo.sentMarksFor(todo.map((p) => p.subscription.id));
      for (const { subscription, target, due, period, claimKey } of todo) {
        const digest = selectDigest(index, compileFilters(subscription.filters), marks.get(subscription.id) ?? new Map());
        const reader = this.readerFor(subscription, now, readers, instants);
        const messages = digestSize(digest) > 0 ? digestMessages(digest, reader, this.periodLabel(subscription, due, reader, labels), rendered) : [];
        yield {
          claimKey,
          subscriptionId: subscription.id,
          period,
          // An empty period is claimed too: the digest is due at its time, not whenever something turns up.
          entries: messages.map((message, i) => ({ dedupeKey: `${claimKey}:${i + 1}`, kind: 'news-digest', target, message })),
          items: DIGEST_GROUPS.flatMap((g) => digest.groups[g]).map((item) => ({ itemId: item.id, version: item.version })),
        };
      }
    }
    yield { summary: `${subscriptions.length} subscriptions, ${index.size} current items` };
  }

  /** What the subscription's next digest would hold, as of now, and in which zone its time reads. */
  async preview(subscription: Subscription, now: Date): Promise<{ digest: Digest; nextAt: string; timeZone: string }> {
    const current = await this.current(subscription);
    const index = new DigestIndex(await this.deps.repo.currentItems(now), now);
    const digest = selectDigest(index, compileFilters(current.filters), await this.deps.repo.sentMarks(current.id));
    return { digest, nextAt: nextDue(current, now).toUTC().toISO() ?? now.toISOString(), timeZone: current.timeZone };
  }

  async explain(subscription: Subscription, item: NewsItem, now: Date) {
    return explainItem(item, subscription.filters, await this.deps.repo.sentMarks(subscription.id), now);
  }

  /** The reminder job: for each follow, the deadline window just entered, once. */
  async runReminders(now: Date): Promise<string> {
    const follows = await this.deps.repo.follows();
    const items = new Map<string, NewsItem | null>();
    const members = new Map<string, Member | null>();
    let enqueued = 0;
    for (const follow of follows) {
      if (!items.has(follow.itemId)) items.set(follow.itemId, await this.deps.repo.getItem(follow.itemId));
      if (!members.has(follow.memberId)) members.set(follow.memberId, await this.deps.members.get(follow.memberId));
      const item = items.get(follow.itemId);
      const member = members.get(follow.memberId);
      if (!item || !member) continue;
      const reader = this.memberReader(member, now);
      for (const due of dueReminders(item, follow, reader.timeZone, now)) {
        const result = await this.deps.outbox.enqueue([
          {
            dedupeKey: due.key,
            kind: 'news-reminder',
            target: { kind: 'user', user: userRefOf(member) },
            message: reminderMessage(item, due.deadline, due.days, reader),
          },
        ]);
        enqueued += result.enqueued;
      }
    }
    return `news-reminders: ${enqueued} reminders, ${follows.length} follows`;
  }

  /**
   * Who is going, as far as each person allows it to be shown: named when they chose to be shown,
   * counted as private when they chose not to, and counted apart when they never chose.
   */
  async going(itemId: string): Promise<Going> {
    const ids = await this.deps.repo.goingTo(itemId);
    const choices = await this.deps.repo.goingChoices(ids);
    const names: string[] = [];
    let hidden = 0;
    let undecided = 0;
    for (const id of ids) {
      const choice = choices.get(id);
      const member = choice ? await this.deps.members.get(id) : null;
      if (member) names.push(member.displayName);
      else if (choice === false) hidden++;
      else undecided++;
    }
    return { names, hidden, undecided };
  }
}
