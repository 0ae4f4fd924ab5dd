// When a poll closes, as people type it: a duration ("30m", "2h", "1d", "2 giorni", "3 Tage",
// "1h30m"), a time of day ("17:00": today, or tomorrow once it has passed), a date in the person's
// way ("30/11/2026": the end of that day) or a date and time ("30/11/2026 17:00"), in the network's
// time zone. Dates go through the core's typed-values reader, so they read as the language writes them.
import { DateTime } from 'luxon';
import { parseLocalDate } from '../../core/index.ts';

/** A poll stays open at most this long: a forgotten closing time should not keep buttons alive for ever. */
export const POLL_OPEN_MAX_DAYS = 90;

const MINUTE = 60_000;
const UNITS: Array<[RegExp, number]> = [
  [/^(m|min|mins|minute|minutes|minuto|minuti|minuten)$/, MINUTE],
  [/^(h|hr|hrs|hour|hours|ora|ore|std|stunde|stunden)$/, 60 * MINUTE],
  [/^(d|day|days|g|giorno|giorni|t|tag|tage|tagen)$/, 24 * 60 * MINUTE],
  [/^(w|week|weeks|sett|settimana|settimane|wo|woche|wochen)$/, 7 * 24 * 60 * MINUTE],
];

/** Milliseconds in "1h30m", "2 giorni", "45 min"; null when it is not a duration. */
export function parseDuration(typed: string): number | null {
  const text = typed.trim().toLowerCase();
  const parts = [...text.matchAll(/(\d+)\s*([a-zà-ü]+)/g)];
  if (
    parts.length === 0 ||
    parts
      .map((p) => p[0])
      .join('')
      .replace(/\s/g, '') !== text.replace(/\s/g, '')
  )
    return null;
  let total = 0;
  for (const [, amount, unit] of parts) {
    const size = UNITS.find(([re]) => re.test(unit!))?.[1];
    if (!size) return null;
    total += Number(amount) * size;
  }
  return total > 0 ? total : null;
}

const TIME = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/;

/**
 * The closing moment for what was typed, or a problem: 'unreadable' when it is no duration, time or
 * date; 'past' when it is not in the future; 'too_far' beyond POLL_OPEN_MAX_DAYS.
 */
export function parseClosing(
  typed: string,
  options: { now: Date; language: string; timeZone: string },
): { ok: true; at: Date } | { ok: false; problem: 'unreadable' | 'past' | 'too_far' } {
  const { now, language, timeZone } = options;
  const at = readMoment(typed.trim(), now, language, timeZone);
  if (!at || Number.isNaN(at.getTime())) return { ok: false, problem: 'unreadable' };
  if (at.getTime() <= now.getTime()) return { ok: false, problem: 'past' };
  if (at.getTime() - now.getTime() > POLL_OPEN_MAX_DAYS * 24 * 60 * MINUTE) return { ok: false, problem: 'too_far' };
  return { ok: true, at };
}

function readMoment(text: string, now: Date, language: string, zone: string): Date | null {
  const duration = parseDuration(text);
  if (duration !== null) return new Date(now.getTime() + duration);
  const local = DateTime.fromJSDate(now, { zone });
  const time = TIME.exec(text);
  if (time) {
    const today = local.set({ hour: Number(time[1]), minute: Number(time[2]), second: 0, millisecond: 0 });
    return (today <= local ? today.plus({ days: 1 }) : today).toJSDate();
  }
  // "30/11/2026 17:00", "2026-11-30T17:00", or a date alone (the end of that day).
  const [datePart = '', timePart] = text.split(/[\sT]+/);
  const date = parseLocalDate(datePart, language);
  if (!date) return null;
  const day = DateTime.fromISO(date, { zone });
  if (timePart === undefined) return day.endOf('day').set({ millisecond: 0 }).toJSDate();
  const clock = TIME.exec(timePart);
  return clock ? day.set({ hour: Number(clock[1]), minute: Number(clock[2]) }).toJSDate() : null;
}

/** The closing moment as the poll's readers expect it written ("30 nov 2026, 17:00 CET"). */
export function formatClosing(at: Date, language: string, timeZone: string): string {
  const local = DateTime.fromJSDate(at, { zone: timeZone }).setLocale(language);
  return `${local.toLocaleString(DateTime.DATETIME_MED)} ${local.toFormat('ZZZZ')}`;
}
