// Subscriptions and their calendar: when a digest falls due (a local time in the subscriber's time
// zone, daily, weekly on a weekday or monthly on a day) and the period key that makes it go out once.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { FiltersSchema, type Filters } from './news-filter.ts';

export const CADENCES = ['daily', 'weekly', 'monthly'] as const;
export type Cadence = (typeof CADENCES)[number];
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export const SubscriptionSchema = z.object({
  id: z.string(),
  platform: z.enum(['shell', 'slack', 'discord']),
  /** "member:<id>" or the channel's ConversationRef. */
  targetKey: z.string(),
  memberId: z.string().optional(),
  channel: z.string().optional(),
  filters: FiltersSchema,
  cadence: z.enum(CADENCES),
  /** HH:MM local time. */
  at: z.string().regex(/^\d{2}:\d{2}$/),
  /** Weekly: ISO weekday 1 (Monday) … 7; monthly: day of month 1 … 28; daily: unused. */
  day: z.number().int().min(1).max(28),
  /** The zone the subscriber chose with `tz:`; empty: the member's own zone when the digest is sent. */
  timeZone: z.string(),
  /** The language last seen for the subscriber: used when their profile names none. */
  language: z.string(),
  createdAt: z.string(),
});
export type Subscription = z.output<typeof SubscriptionSchema>;
export type Schedule = Pick<Subscription, 'cadence' | 'at' | 'day' | 'timeZone'>;

function occurrenceIn(schedule: Schedule, local: DateTime): DateTime {
  const [hour, minute] = schedule.at.split(':').map(Number) as [number, number];
  const base = local.set({ hour, minute, second: 0, millisecond: 0 });
  if (schedule.cadence === 'daily') return base;
  if (schedule.cadence === 'weekly') return base.set({ weekday: schedule.day as 1 | 2 | 3 | 4 | 5 | 6 | 7 });
  return base.set({ day: schedule.day });
}

const step = (cadence: Cadence) => (cadence === 'daily' ? { days: 1 } : cadence === 'weekly' ? { weeks: 1 } : { months: 1 });

/** The latest moment at or before `now` when this schedule's digest fell due. */
export function latestDue(schedule: Schedule, now: Date): DateTime {
  const local = DateTime.fromJSDate(now, { zone: schedule.timeZone });
  let at = occurrenceIn(schedule, local);
  if (at.toMillis() > now.getTime()) at = occurrenceIn(schedule, local.minus(step(schedule.cadence)));
  return at;
}

/** The next moment after `now` when a digest falls due. */
export function nextDue(schedule: Schedule, now: Date): DateTime {
  const local = DateTime.fromJSDate(now, { zone: schedule.timeZone });
  let at = occurrenceIn(schedule, local);
  if (at.toMillis() <= now.getTime()) at = occurrenceIn(schedule, local.plus(step(schedule.cadence)));
  return at;
}

/** "2026-11-23", "2026-W48" or "2026-11": one digest per subscriber per period. */
export function periodKey(cadence: Cadence, due: DateTime): string {
  if (cadence === 'daily') return due.toFormat('yyyy-MM-dd');
  if (cadence === 'weekly') return due.toFormat("kkkk-'W'WW");
  return due.toFormat('yyyy-MM');
}

export const targetKeyFor = (target: { memberId: string } | { channel: string }): string =>
  'memberId' in target ? `member:${target.memberId}` : target.channel;

/** What `/news subscribe` changes: only what it names (`null` clears a filter). */
export interface SubscriptionChanges {
  topics?: string[];
  programmes?: string[];
  countries?: string[];
  kind?: Filters['kind'];
  statuses?: Filters['statuses'];
  minBudget?: number | null;
  cadence?: Cadence;
  at?: string;
  /** Already resolved for the resulting cadence. */
  day?: number;
  timeZone?: string;
}

/** The subscription after an update: what was not named stays as it was (or the default for a new one). */
export function applyChanges(
  existing: Subscription | null,
  fresh: Omit<Subscription, 'filters' | 'cadence' | 'at' | 'day' | 'timeZone'>,
  changes: SubscriptionChanges,
): Subscription {
  const before = existing?.filters ?? FiltersSchema.parse({});
  const { minBudget: _old, ...kept } = before;
  const minBudget = changes.minBudget === undefined ? before.minBudget : (changes.minBudget ?? undefined);
  const filters: Filters = {
    ...kept,
    ...(changes.topics ? { topics: changes.topics } : {}),
    ...(changes.programmes ? { programmes: changes.programmes } : {}),
    ...(changes.countries ? { countries: changes.countries } : {}),
    ...(changes.kind ? { kind: changes.kind } : {}),
    ...(changes.statuses ? { statuses: changes.statuses } : {}),
    ...(minBudget !== undefined ? { minBudget } : {}),
  };
  const cadence = changes.cadence ?? existing?.cadence ?? 'weekly';
  const day = changes.day ?? (existing && existing.cadence === cadence ? existing.day : 1);
  return {
    ...fresh,
    id: existing?.id ?? fresh.id,
    createdAt: existing?.createdAt ?? fresh.createdAt,
    filters,
    cadence,
    at: changes.at ?? existing?.at ?? '09:00',
    day,
    timeZone: changes.timeZone ?? existing?.timeZone ?? '',
  };
}

/**
 * The subscription as it is when a digest is sent: a member's digest follows their current time zone
 * and language (unless they chose a zone with `tz:`), so a move or a new profile language shows at once.
 */
export function asOfNow(
  subscription: Subscription,
  member: { language: string | null; timeZone: string | null } | null,
  defaults: { timeZone: string; pickLanguage: (...candidates: Array<string | null | undefined>) => string },
): Subscription {
  const timeZone = subscription.timeZone || member?.timeZone || defaults.timeZone;
  const language = defaults.pickLanguage(member?.language, subscription.language);
  return timeZone === subscription.timeZone && language === subscription.language ? subscription : { ...subscription, timeZone, language };
}
