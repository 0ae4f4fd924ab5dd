// iCalendar feeds and files through node-ical: events in their own time zone (TZID), all-day events,
// and recurring events expanded into one item per occurrence within a window (30 days back, a year
// ahead), each keyed "<UID>@<start>" so an occurrence is the same item at every poll.
import ical from 'node-ical';
import { err, ok, type Result } from '../../core/index.ts';
import type { ItemInput } from '../../features/news/news-item.ts';
import type { ReadRecord } from '../../features/news/news-sources.ts';

const DAY = 86_400_000;
export const WINDOW = { backDays: 30, aheadDays: 366 } as const;

type DateTz = Date & { tz?: string; dateOnly?: boolean };

const paramText = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value.trim() || undefined;
  if (value && typeof value === 'object' && 'val' in value) return paramText((value as { val: unknown }).val);
  return undefined;
};

/** node-ical gives all-day dates as local midnight; the calendar day is what counts, stored as UTC midnight. */
const allDayIso = (d: Date): string => new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate())).toISOString();

function organiserOf(value: unknown): string | undefined {
  if (!value) return undefined;
  if (typeof value === 'object' && value && 'params' in value) {
    const cn = (value as { params?: { CN?: string } }).params?.CN;
    if (cn) return cn.replace(/^"|"$/g, '');
  }
  return paramText(value)?.replace(/^mailto:/i, '');
}

function toRecord(event: ical.VEvent, start: DateTz, end: DateTz | undefined, fullDay: boolean, key: string): ReadRecord {
  const title = paramText(event.summary);
  if (!title) return { ok: false, reason: 'event without a summary' };
  if (!(start instanceof Date) || Number.isNaN(start.getTime())) return { ok: false, reason: 'event without a valid start' };
  const location = paramText(event.location);
  const url = typeof event.url === 'string' ? event.url : paramText(event.url);
  const online = location ? /\b(online|webinar|zoom|teams|virtual)\b/i.test(location) : undefined;
  const input: ItemInput = {
    kind: 'event',
    externalKey: key,
    title,
    startAt: fullDay ? allDayIso(start) : start.toISOString(),
    allDay: fullDay,
    topics: (event.categories ?? []).map(String),
    ...(end && !Number.isNaN(end.getTime()) ? { endAt: fullDay ? allDayIso(new Date(end.getTime() - 1)) : end.toISOString() } : {}),
    ...(start.tz && !fullDay ? { timeZone: start.tz } : {}),
    ...(location ? { place: location } : {}),
    ...(online ? { online } : {}),
    ...(url ? { link: url } : {}),
  };
  const description = paramText(event.description);
  if (description) input.summary = description.slice(0, 1000);
  const organiser = organiserOf(event.organizer);
  if (organiser) input.organiser = organiser;
  return { ok: true, input };
}

export function parseCalendar(text: string, now: Date): Result<ReadRecord[], string> {
  if (!/BEGIN:VCALENDAR/i.test(text)) return err('not an iCalendar file');
  let data: ical.CalendarResponse;
  try {
    data = ical.sync.parseICS(text);
  } catch {
    return err('not a valid iCalendar file');
  }
  const from = new Date(now.getTime() - WINDOW.backDays * DAY);
  const to = new Date(now.getTime() + WINDOW.aheadDays * DAY);
  const records: ReadRecord[] = [];
  for (const [uid, component] of Object.entries(data)) {
    if (!component || (component as { type?: string }).type !== 'VEVENT') continue;
    const event = component as ical.VEvent;
    if (event.status === 'CANCELLED') continue;
    try {
      if (event.rrule) {
        for (const instance of ical.expandRecurringEvent(event, { from, to })) {
          records.push(toRecord(instance.event, instance.start, instance.end, instance.isFullDay, `${event.uid ?? uid}@${instance.start.toISOString()}`));
        }
      } else {
        const fullDay = event.datetype === 'date' || Boolean((event.start as DateTz | undefined)?.dateOnly);
        records.push(toRecord(event, event.start as DateTz, event.end as DateTz | undefined, fullDay, event.uid ?? uid));
      }
    } catch {
      records.push({ ok: false, reason: 'unreadable event' });
    }
  }
  return ok(records);
}
