// Deadline reminders, pure: 30, 7 and 1 days before each deadline, counted in the follower's time
// zone. Only the latest window already entered is due, and only if it opened after the person started
// following, so catching up after downtime sends one reminder, not three.
import { DateTime } from 'luxon';
import { deadlineInstant } from './news-format.ts';
import type { NewsItem } from './news-item.ts';

export const REMINDER_DAYS = [30, 7, 1] as const;

export interface DueReminder {
  itemId: string;
  deadline: string;
  days: (typeof REMINDER_DAYS)[number];
  /** Unique forever: one reminder per member, item, deadline and window. */
  key: string;
}

export function dueReminders(item: NewsItem, follow: { memberId: string; since: Date }, timeZone: string, now: Date): DueReminder[] {
  if (item.kind !== 'call' || item.status === 'closed') return [];
  const due: DueReminder[] = [];
  for (const deadline of item.deadlines) {
    const at = deadlineInstant(deadline);
    if (Date.parse(at) <= now.getTime()) continue;
    const local = DateTime.fromISO(at, { zone: timeZone });
    const window = [...REMINDER_DAYS].sort((a, b) => a - b).find((days) => local.minus({ days }).toMillis() <= now.getTime());
    if (window === undefined) continue;
    if (local.minus({ days: window }).toMillis() < follow.since.getTime()) continue;
    due.push({ itemId: item.id, deadline, days: window, key: `remind:${follow.memberId}:${item.id}:${deadline}:${window}` });
  }
  return due;
}

/** The reminders (days before) that will still come for a deadline, followed from `now` on. */
export function upcomingReminders(deadline: string, timeZone: string, now: Date): number[] {
  const local = DateTime.fromISO(deadlineInstant(deadline), { zone: timeZone });
  return REMINDER_DAYS.filter((days) => local.minus({ days }).toMillis() > now.getTime());
}
