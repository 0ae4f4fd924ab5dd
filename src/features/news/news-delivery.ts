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
} from '../../core/index.ts';
import { DIGEST_GROUPS, DigestIndex, digestSize, explainItem, selectDigest, type Digest } from './news-digest.ts';
import { compileFilters } from './news-filter.ts';
import type { Reader } from './news-format.ts';
import type { NewsItem } from './news-item.ts';
import { dueReminders } from './news-reminders.ts';
import type { NewsRepository } from './news-repository.ts';
import { onePerPerson } from './news-persons.ts';
import { latestDue, nextDue, periodKey, type Subscription } from './news-subscription.ts';
import { digestMessages, reminderMessage } from './news-views.ts';

export interface DeliveryDeps {
  repo: NewsRepository;
  outbox: Outbox;
  members: MemberDirectory;
  i18n: I18n;
  clock: Clock;
  defaultTimeZone: string;
}

export class NewsDelivery {
  constructor(private readonly deps: DeliveryDeps) {}

  readerFor(subscription: Pick<Subscription, 'language' | 'timeZone'>, now: Date): Reader {
    return { t: this.deps.i18n.translator(subscription.language), language: subscription.language, timeZone: subscription.timeZone, now };
  }

  memberReader(member: Member, now: Date, locale?: string): Reader {
    const language = resolveLanguage(this.deps.i18n, locale, member.language);
    return { t: this.deps.i18n.translator(language), language, timeZone: member.timeZone ?? this.deps.defaultTimeZone, now };
  }

  periodLabel(subscription: Subscription, due: DateTime, reader: Reader): string {
    const local = due.setZone(subscription.timeZone).setLocale(reader.language);
    if (subscription.cadence === 'monthly') return local.toFormat('LLLL yyyy');
    const date = local.toLocaleString({ day: 'numeric', month: 'long', year: 'numeric' });
    return subscription.cadence === 'weekly' ? reader.t('news.period_week', { date }) : date;
  }

  async #target(subscription: Subscription): Promise<OutboxTarget | null> {
    if (subscription.channel) return { kind: 'conversation', conversation: subscription.channel as ConversationRef };
    const member = subscription.memberId ? await this.deps.members.get(subscription.memberId) : null;
    return member ? { kind: 'user', user: userRefOf(member) } : null;
  }

  /**
   * The digest job: every subscription's latest period, once. Returns a summary line. A scheduled run
   * leaves alone a period that fell due before the subscription existed; a manual run sends it.
   */
  async runDigests(now: Date, manual = false): Promise<string> {
    // A person linked across platforms gets one digest, on the platform they picked (issue 15).
    const subscriptions = await onePerPerson(await this.deps.repo.listSubscriptions(), this.deps.members);
    const index = new DigestIndex(await this.deps.repo.currentItems(now), now);
    let sent = 0;
    let empty = 0;
    for (const subscription of subscriptions) {
      const due = latestDue(subscription, now);
      if (!manual && due.toMillis() < Date.parse(subscription.createdAt)) continue;
      const period = periodKey(subscription.cadence, due);
      const claimKey = `digest:${subscription.id}:${period}`;
      const marks = await this.deps.repo.sentMarks(subscription.id);
      const digest = selectDigest(index, compileFilters(subscription.filters), marks);
      const target = await this.#target(subscription);
      if (!target) continue;
      const reader = this.readerFor(subscription, now);
      const messages = digestSize(digest) > 0 ? digestMessages(digest, reader, this.periodLabel(subscription, due, reader)) : [];
      const entries = messages.map((message, i) => ({ dedupeKey: `${claimKey}:${i + 1}`, kind: 'news-digest', target, message }));
      const items = DIGEST_GROUPS.flatMap((g) => digest.groups[g]).map((item) => ({ itemId: item.id, version: item.version }));
      // An empty period is claimed too: the digest is due at its time, not whenever something turns up.
      if (await this.deps.repo.recordDigest(claimKey, subscription.id, period, entries, items, now)) {
        if (entries.length) sent++;
        else empty++;
      }
    }
    return `news-digest: ${sent} digests sent, ${empty} empty, ${subscriptions.length} subscriptions, ${index.size} current items`;
  }

  /** What the subscription's next digest would hold, as of now. */
  async preview(subscription: Subscription, now: Date): Promise<{ digest: Digest; nextAt: string }> {
    const index = new DigestIndex(await this.deps.repo.currentItems(now), now);
    const digest = selectDigest(index, compileFilters(subscription.filters), await this.deps.repo.sentMarks(subscription.id));
    return { digest, nextAt: nextDue(subscription, now).toUTC().toISO() ?? now.toISOString() };
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

  /** Who is going, as far as each person allows it to be shown. */
  async going(itemId: string): Promise<{ names: string[]; hidden: number; ids: string[] }> {
    const ids = await this.deps.repo.goingTo(itemId);
    const visible = await this.deps.repo.showsGoing(ids);
    const names: string[] = [];
    for (const id of ids) {
      if (!visible.has(id)) continue;
      const member = await this.deps.members.get(id);
      if (member) names.push(member.displayName);
    }
    return { names, hidden: ids.length - names.length, ids };
  }
}
