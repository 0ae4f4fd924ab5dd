// /news for admins: add a call or an event by hand through a form (sources: news-source-commands.ts).
// A hand entry whose identifier another kind of item already holds is not stored, and the admin is
// told so plainly, in their language, with the item that holds it.
import { DateTime } from 'luxon';
import { hasRole, UserFacingError, type FormHandler, type FormSpec, type FormValues, type Subcommand, type Translator } from '../../core/index.ts';
import { isTimeZone, readerOf, splitList, type NewsFeature } from './news-feature.ts';
import type { ItemInput, NewsItem } from './news-item.ts';
import { sourceCommands } from './news-source-commands.ts';

export const ADD_ITEM_FORM = 'news:add-item';

/** "30m", "6h", "1d" or a cron expression (quote the whole "every:…" token when it has spaces). */
export function everyToCron(every: string): string {
  const m = every.trim().match(/^(\d+)\s*(m|h|d)$/i);
  if (!m) return every.trim().replace(/_/g, ' ');
  const n = Number(m[1]);
  const unit = m[2]!.toLowerCase();
  if (unit === 'm') return `*/${Math.min(Math.max(n, 5), 59)} * * * *`;
  if (unit === 'h') return n >= 24 ? '0 6 * * *' : `0 */${Math.max(n, 1)} * * *`;
  return '0 6 * * *';
}

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
      { id: 'end', kind: 'text', label: t('news.form_end'), required: false, maxLength: 16 },
      { id: 'link', kind: 'text', label: t('news.form_link'), required: false, maxLength: 400 },
      { id: 'identifier', kind: 'text', label: t('news.form_identifier'), required: false, maxLength: 80 },
      { id: 'programme', kind: 'text', label: t('news.form_programme'), required: false, maxLength: 120 },
      { id: 'place', kind: 'text', label: t('news.form_place'), required: false, maxLength: 120 },
      { id: 'topics', kind: 'text', label: t('news.form_topics'), required: false, maxLength: 300 },
      { id: 'budget', kind: 'number', label: t('news.form_budget'), required: false, min: 0 },
      { id: 'countries', kind: 'text', label: t('news.form_countries'), required: false, maxLength: 120 },
    ],
  };
}

const one = (v: string | string[] | undefined): string | undefined => {
  const s = (Array.isArray(v) ? v[0] : v)?.trim();
  return s ? s : undefined;
};

/** Reads the form's answers; a date without a time is 17:00 for a call and all day for an event. */
export function parseItemForm(
  values: FormValues,
  timeZone: string,
  t: Translator,
): { ok: true; input: ItemInput } | { ok: false; fieldErrors: Record<string, string> } {
  const kind = one(values.kind) === 'event' ? 'event' : 'call';
  const instant = (raw: string | undefined) => {
    if (!raw) return undefined;
    const withTime = DateTime.fromFormat(raw, 'yyyy-MM-dd HH:mm', { zone: timeZone });
    if (withTime.isValid) return { iso: withTime.toUTC().toISO()!, allDay: false };
    const day = DateTime.fromFormat(raw, 'yyyy-MM-dd', { zone: kind === 'event' ? 'UTC' : timeZone });
    if (!day.isValid) return null;
    return kind === 'call' ? { iso: day.set({ hour: 17 }).toUTC().toISO()!, allDay: false } : { iso: day.toISO()!, allDay: true };
  };
  const date = instant(one(values.date));
  const end = instant(one(values.end));
  const errors: Record<string, string> = {};
  if (!date) errors.date = t('news.form_bad_date');
  if (end === null) errors.end = t('news.form_bad_date');
  const link = one(values.link);
  if (link && !/^https?:\/\/\S+$/.test(link)) errors.link = t('news.form_bad_link');
  if (Object.keys(errors).length || !date) return { ok: false, fieldErrors: errors };
  const title = one(values.title) ?? '';
  const budget = one(values.budget);
  const input: ItemInput = {
    kind,
    // The hand entry's own key: its identifier, else its title on its date (a shared link is not identity).
    externalKey: `manual:${one(values.identifier)?.toUpperCase() ?? `${title}@${date.iso}`}`,
    title,
    topics: splitList(one(values.topics)),
    countries: splitList(one(values.countries)).map((c) => c.toUpperCase()),
    ...(link ? { link } : {}),
    ...(one(values.identifier) ? { identifier: one(values.identifier) } : {}),
    ...(one(values.programme) ? { programme: one(values.programme) } : {}),
    ...(budget !== undefined && Number.isFinite(Number(budget)) ? { budget: Number(budget) } : {}),
    ...(one(values.place) ? { place: one(values.place) } : {}),
  };
  if (kind === 'call') Object.assign(input, { deadlines: [date.iso], status: 'open', deadlineModel: 'single-stage' });
  else Object.assign(input, { startAt: date.iso, allDay: date.allDay, timeZone, ...(end ? { endAt: end.iso } : {}) });
  return { ok: true, input };
}

export function newsAdminCommands(feature: NewsFeature): Subcommand[] {
  return [
    ...sourceCommands(feature),
    {
      name: 'add',
      description: 'news.cmd_add',
      role: 'admin',
      args: [],
      run: async ({ event, responder, t }) => {
        const how = await feature.ctx.questionnaires.ask(event.user, addItemForm(t), t, { responder });
        return how === 'questionnaire' && !event.isDirect ? { text: t('core.sent_by_dm') } : undefined;
      },
    },
  ];
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
    const parsed = parseItemForm(event.values, timeZone, t);
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
