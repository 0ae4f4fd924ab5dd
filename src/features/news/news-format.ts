// How one item reads: instants in the reader's time zone (Intl, formatters kept per reader), money in the reader's language, and
// the item's one-paragraph text with its controls (link, Follow or "I'm going").
import { DateTime } from 'luxon';
import { actions, button, link, text, type Block, type Control, type Translator } from '../../core/index.ts';
import { nextDeadline, type ItemChange, type NewsItem } from './news-item.ts';

export interface Reader {
  t: Translator;
  language: string;
  timeZone: string;
  now: Date;
  /** Formatters made once for this reader (a digest run formats thousands of dates and sums). */
  formats?: Map<string, Intl.DateTimeFormat | Intl.NumberFormat>;
  /** Deadlines as instants, shared by the readers of one run (a zone conversion per deadline, not per reader). */
  instants?: Map<string, string>;
}

type FormatReader = Pick<Reader, 'language' | 'timeZone' | 'formats' | 'instants'>;

const DATE_ONLY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' };
const WITH_TIME: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' };

function formatter<F extends Intl.DateTimeFormat | Intl.NumberFormat>(reader: FormatReader, key: string, make: () => F): F {
  const cached = reader.formats?.get(key) as F | undefined;
  if (cached) return cached;
  const made = make();
  reader.formats?.set(key, made);
  return made;
}

/** "23 Nov 2026, 17:00 CET" in the reader's zone; all-day dates without a time. */
export function formatInstant(iso: string, reader: FormatReader, dateOnly = false): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const format = formatter(
    reader,
    dateOnly ? 'date' : 'instant',
    () => new Intl.DateTimeFormat(reader.language, dateOnly ? DATE_ONLY : { ...WITH_TIME, timeZone: reader.timeZone }),
  );
  return format.format(at);
}

/**
 * The EU portal gives date-only deadlines as midnight UTC (`2027-10-07T00:00:00.000+0000`) while its
 * cut-off is 17:00 Brussels time that day: such a deadline is that instant, wherever it is read.
 */
export const PORTAL_CUTOFF = { hour: 17, zone: 'Europe/Brussels' } as const;

export function deadlineInstant(iso: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at) || at % 86_400_000 !== 0) return iso;
  const utc = DateTime.fromMillis(at, { zone: 'UTC' });
  const cutoff = DateTime.fromObject({ year: utc.year, month: utc.month, day: utc.day, hour: PORTAL_CUTOFF.hour }, { zone: PORTAL_CUTOFF.zone });
  return cutoff.toUTC().toISO() ?? iso;
}

/** A deadline in the reader's zone, zone named: date-only portal deadlines read as 17:00 Brussels time converted. */
export function formatDeadline(iso: string, reader: FormatReader): string {
  let instant = reader.instants?.get(iso);
  if (instant === undefined) {
    instant = deadlineInstant(iso);
    reader.instants?.set(iso, instant);
  }
  return formatInstant(instant, reader);
}

/** "30 days, 7 days and 1 day", plural forms from the language's rules. */
export function daysList(days: readonly number[], reader: Pick<Reader, 't' | 'language'>): string {
  return new Intl.ListFormat(reader.language, { type: 'conjunction' }).format(days.map((count) => reader.t('news.days', { count })));
}

export function formatMoney(amount: number, currency: string | undefined, language: string, reader?: FormatReader): string {
  try {
    const code = currency ?? 'EUR';
    const make = () => new Intl.NumberFormat(language, { style: 'currency', currency: code, maximumFractionDigits: 0 });
    return (reader ? formatter(reader, `money:${code}`, make) : make()).format(amount);
  } catch {
    return `${amount.toLocaleString(language)} ${currency ?? ''}`.trim();
  }
}

const safeUrl = (url: string | undefined): string | undefined => {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
};

/** The facts line under an item's title. */
export function itemMeta(item: NewsItem, reader: Reader): string {
  const { t } = reader;
  const parts: string[] = [];
  if (item.kind === 'call') {
    if (item.programme) parts.push(item.programme);
    if (item.actionType) parts.push(item.actionType);
    if (item.status) parts.push(t(`news.status_${item.status}`));
    const next = nextDeadline(item, reader.now);
    if (next) parts.push(t('news.meta_deadline', { date: formatDeadline(next, reader) }));
    if (item.deadlineModel) parts.push(t(`news.model_${item.deadlineModel}`));
    if (item.deadlines.length > 1) parts.push(t('news.meta_deadlines', { count: item.deadlines.length }));
    if (item.budget !== undefined) parts.push(formatMoney(item.budget, item.currency, reader.language, reader));
    if (item.countries.length) parts.push(item.countries.slice(0, 8).join(' '));
  } else {
    if (item.startAt) {
      const start = formatInstant(item.startAt, reader, item.allDay);
      const end = item.endAt && item.endAt !== item.startAt ? ` – ${formatInstant(item.endAt, reader, item.allDay)}` : '';
      parts.push(`${start}${end}`);
    }
    if (item.online) parts.push(t('news.meta_online'));
    if (item.place) parts.push(item.place);
    if (item.organiser) parts.push(t('news.meta_organiser', { organiser: item.organiser }));
  }
  return parts.join(' · ');
}

export function changeLine(change: ItemChange, reader: Reader): string {
  const { t } = reader;
  const instants = (v: string, format = formatInstant) =>
    v
      ? v
          .split(',')
          .map((d) => format(d, reader))
          .join(', ')
      : '—';
  switch (change.field) {
    case 'deadlines':
      return t(change.after > change.before ? 'news.change_deadline_later' : 'news.change_deadline', {
        before: instants(change.before, formatDeadline),
        after: instants(change.after, formatDeadline),
      });
    case 'status':
      return t('news.change_status', {
        before: change.before ? t(`news.status_${change.before}`) : '—',
        after: change.after ? t(`news.status_${change.after}`) : '—',
      });
    case 'budget':
      return t('news.change_budget', {
        before: change.before ? formatMoney(Number(change.before), undefined, reader.language) : '—',
        after: change.after ? formatMoney(Number(change.after), undefined, reader.language) : '—',
      });
    case 'openingAt':
      return t('news.change_opening', { before: instants(change.before), after: instants(change.after) });
    case 'startAt':
      return t('news.change_start', { before: instants(change.before), after: instants(change.after) });
  }
}

/** The plain-text paragraph of one item (also the card's text). */
export function itemText(item: NewsItem, reader: Reader, withChanges = false): string {
  const lines = [`*${item.title}* [${item.id}]`];
  const meta = itemMeta(item, reader);
  if (meta) lines.push(meta);
  if (withChanges && item.lastChanges?.length) lines.push(...item.lastChanges.map((c) => `↳ ${changeLine(c, reader)}`));
  const url = safeUrl(item.link);
  if (url) lines.push(url);
  return lines.join('\n');
}

export function itemControls(item: NewsItem, reader: Reader): Control[] {
  const controls: Control[] = [];
  const url = safeUrl(item.link);
  if (url) controls.push(link(reader.t('news.open_link'), url));
  controls.push(button('news:follow', reader.t('news.follow_button'), item.id));
  if (item.kind === 'event') controls.push(button('news:going', reader.t('news.going_button'), item.id, 'primary'));
  return controls;
}

/** Two blocks per item: its text and one row of controls. */
export function itemBlocks(item: NewsItem, reader: Reader, withChanges = false, body = itemText(item, reader, withChanges)): Block[] {
  return [text(body), actions(...itemControls(item, reader))];
}
