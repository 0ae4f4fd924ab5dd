// The form an admin adds a call or an event by hand with (`/news add`). Each answer is checked as it
// is given (in a direct conversation the next question comes only after a good answer, and earlier
// answers are never asked again); a modal gets the same checks over all its fields at once. A date
// alone is 17:00 for a call and all day for an event; an event cannot end before it starts.
import { DateTime } from 'luxon';
import { hasRole, UserFacingError, type FieldCheck, type FormHandler, type FormSpec, type FormValues, type Translator } from '../../core/index.ts';
import { isTimeZone, splitList, type NewsFeature } from './news-service.ts';
import { formatInstant } from './news-format.ts';
import type { ItemInput, NewsItem } from './news-item.ts';
import { countryCodes } from './news-subscribe.ts';

export const ADD_ITEM_FORM = 'news:add-item';

const forKind = (kind: 'call' | 'event') => ({ when: { field: 'kind', in: [kind] } });

export function addItemForm(t: Translator): FormSpec {
  return {
    formId: ADD_ITEM_FORM,
    title: t('news.form_title'),
    fields: [
      {
        id: 'kind',
        kind: 'choice',
        label: t('news.form_kind'),
        required: true,
        options: [
          { value: 'call', label: t('news.kind_call') },
          { value: 'event', label: t('news.kind_event') },
        ],
      },
      { id: 'title', kind: 'text', label: t('news.form_item_title'), required: true, maxLength: 200 },
      { id: 'date', kind: 'text', label: t('news.form_date'), help: t('news.form_date_help'), required: true, maxLength: 16, placeholder: '2027-03-15 17:00' },
      { id: 'end', kind: 'text', label: t('news.form_end'), required: false, maxLength: 16, ...forKind('event') },
      { id: 'link', kind: 'text', label: t('news.form_link'), required: false, maxLength: 400 },
      { id: 'identifier', kind: 'text', label: t('news.form_identifier'), required: false, maxLength: 80 },
      { id: 'programme', kind: 'text', label: t('news.form_programme'), required: false, maxLength: 120 },
      { id: 'place', kind: 'text', label: t('news.form_place'), required: false, maxLength: 120, ...forKind('event') },
      { id: 'topics', kind: 'text', label: t('news.form_topics'), required: false, maxLength: 300 },
      { id: 'budget', kind: 'number', label: t('news.form_budget'), required: false, min: 0, ...forKind('call') },
      { id: 'countries', kind: 'text', label: t('news.form_countries'), required: false, maxLength: 120, ...forKind('call') },
    ],
  };
}

const one = (v: string | string[] | undefined): string | undefined => {
  const s = (Array.isArray(v) ? v[0] : v)?.trim();
  return s ? s : undefined;
};

interface When {
  iso: string;
  allDay: boolean;
  /** The last moment it covers: the end of the day for a date alone. */
  last: number;
}

/** "2027-03-15 17:00" in the admin's zone, or a date alone; null when unreadable. */
function readWhen(raw: string | undefined, kind: 'call' | 'event', timeZone: string): When | null | undefined {
  if (!raw) return undefined;
  const withTime = DateTime.fromFormat(raw, 'yyyy-MM-dd HH:mm', { zone: timeZone });
  if (withTime.isValid) return { iso: withTime.toUTC().toISO()!, allDay: false, last: withTime.toMillis() };
  const day = DateTime.fromFormat(raw, 'yyyy-MM-dd', { zone: kind === 'event' ? 'UTC' : timeZone });
  if (!day.isValid) return null;
  if (kind === 'call') {
    const cutoff = day.set({ hour: 17 });
    return { iso: cutoff.toUTC().toISO()!, allDay: false, last: cutoff.toMillis() };
  }
  // An all-day event's dates are calendar days: compared as the admin's own days.
  const local = DateTime.fromFormat(raw, 'yyyy-MM-dd', { zone: timeZone });
  return { iso: day.toISO()!, allDay: true, last: local.endOf('day').toMillis() };
}

/** What is wrong with one answer, given the answers before it; null when it is fine. */
export function itemFieldProblem(id: string, values: FormValues, context: { timeZone: string; now: Date; t: Translator; language: string }): string | null {
  const { t, timeZone, now } = context;
  const kind = one(values.kind) === 'event' ? 'event' : 'call';
  const value = one(values[id]);
  if (value === undefined) return null;
  switch (id) {
    case 'date': {
      const when = readWhen(value, kind, timeZone);
      if (!when) return t('news.form_bad_date');
      return when.last < now.getTime() ? t('news.form_past', { date: value }) : null;
    }
    case 'end': {
      const end = readWhen(value, kind, timeZone);
      if (!end) return t('news.form_bad_date');
      const start = readWhen(one(values.date), kind, timeZone);
      if (!start) return null;
      const startAt = Date.parse(start.iso);
      return end.last < startAt || (!end.allDay && Date.parse(end.iso) <= startAt)
        ? t('news.form_end_before_start', { start: formatInstant(start.iso, { language: context.language, timeZone }, start.allDay) })
        : null;
    }
    case 'link':
      return /^https?:\/\/\S+$/.test(value) ? null : t('news.form_bad_link');
    case 'countries':
      try {
        countryCodes(splitList(value), context.language);
        return null;
      } catch (error) {
        return t('news.form_bad_country', { country: error instanceof UserFacingError ? String(error.vars.country ?? value) : value });
      }
    default:
      return null;
  }
}

/** The per-answer check the questionnaire runs (FeatureContext.onForm's `checkField`). */
export function checkItemField(feature: NewsFeature): FieldCheck {
  return (field, value, values, t) =>
    itemFieldProblem(field.id, { ...values, [field.id]: value ?? '' }, { timeZone: feature.defaultTimeZone, now: feature.now(), t, language: languageOf(t) });
}

/** Country names are read in Italian, English and German whatever the admin's language. */
const languageOf = (_t: Translator): string => 'en';

/** Reads the form's answers; every field is checked as the questionnaire checks it one at a time. */
export function parseItemForm(
  values: FormValues,
  timeZone: string,
  t: Translator,
  now = new Date(0),
): { ok: true; input: ItemInput } | { ok: false; fieldErrors: Record<string, string> } {
  const kind = one(values.kind) === 'event' ? 'event' : 'call';
  const errors: Record<string, string> = {};
  for (const id of ['date', 'end', 'link', 'countries']) {
    const problem = itemFieldProblem(id, values, { timeZone, now, t, language: languageOf(t) });
    if (problem) errors[id] = problem;
  }
  const date = readWhen(one(values.date), kind, timeZone);
  if (!date && !errors.date) errors.date = t('news.form_bad_date');
  if (Object.keys(errors).length || !date) return { ok: false, fieldErrors: errors };
  const end = kind === 'event' ? readWhen(one(values.end), kind, timeZone) : undefined;
  const link = one(values.link);
  const title = one(values.title) ?? '';
  const budget = one(values.budget);
  const input: ItemInput = {
    kind,
    // The hand entry's own key: its identifier, else its title on its date (a shared link is not identity).
    externalKey: `manual:${one(values.identifier)?.toUpperCase() ?? `${title}@${date.iso}`}`,
    title,
    topics: splitList(one(values.topics)),
    countries: kind === 'call' ? countryCodes(splitList(one(values.countries)), languageOf(t)) : [],
    ...(link ? { link } : {}),
    // Events may carry an EU identifier too (an info day of a topic): one that a call holds is refused, never merged.
    ...(one(values.identifier) ? { identifier: one(values.identifier) } : {}),
    ...(one(values.programme) ? { programme: one(values.programme) } : {}),
    ...(kind === 'call' && budget !== undefined && Number.isFinite(Number(budget)) ? { budget: Number(budget) } : {}),
    ...(kind === 'event' && one(values.place) ? { place: one(values.place) } : {}),
  };
  if (kind === 'call') Object.assign(input, { deadlines: [date.iso], status: 'open', deadlineModel: 'single-stage' });
  else Object.assign(input, { startAt: date.iso, allDay: date.allDay, timeZone, ...(end ? { endAt: end.iso } : {}) });
  return { ok: true, input };
}

/** The admin's values the stored item does not hold (another source owns them). */
function overruled(input: ItemInput, stored: NewsItem): Array<'deadlines' | 'status' | 'budget' | 'startAt'> {
  const out: Array<'deadlines' | 'status' | 'budget' | 'startAt'> = [];
  const instant = (iso: string) => new Date(iso).toISOString();
  if (input.deadlines?.length && !input.deadlines.every((d) => stored.deadlines.includes(instant(d)))) out.push('deadlines');
  if (input.budget !== undefined && stored.budget !== input.budget) out.push('budget');
  if (input.startAt && stored.startAt && instant(input.startAt) !== stored.startAt) out.push('startAt');
  return out;
}

export function addItemHandler(feature: NewsFeature): FormHandler {
  return async ({ event, member, t }) => {
    if (!hasRole(member, 'admin')) throw new UserFacingError('core.forbidden', { role: t('role.admin') });
    const timeZone = member.timeZone && isTimeZone(member.timeZone) ? member.timeZone : feature.defaultTimeZone;
    const parsed = parseItemForm(event.values, timeZone, t, feature.now());
    if (!parsed.ok) return parsed;
    const report = await feature.ingest.addManual([parsed.input], feature.now());
    const conflict = report.conflicts[0];
    if (conflict) {
      return {
        text: t('news.item_identifier_taken', {
          title: parsed.input.title,
          identifier: conflict.identifier,
          kind: t(`news.kind_${parsed.input.kind}`),
          holderKind: t(`news.kind_${conflict.holder.kind}`),
          holder: conflict.holder.title,
          id: conflict.holder.id,
        }),
      };
    }
    if (!report.lastItemId || report.imported === 0) return { text: t('news.item_not_stored', { title: parsed.input.title }) };
    const head = t(report.created ? 'news.item_added' : 'news.item_merged', { title: parsed.input.title, id: report.lastItemId });
    // Merged into an item a more authoritative source holds: say which of the admin's values did not count.
    const stored = report.created ? null : await feature.repo.getItem(report.lastItemId);
    const ignored = stored ? overruled(parsed.input, stored) : [];
    if (ignored.length === 0) return { text: head };
    const fields = ignored.map((f) => t(`news.field_${f}`)).join(', ');
    return { text: `${head}\n${t('news.item_kept_authoritative', { fields, id: report.lastItemId })}` };
  };
}
