// /news for admins and staff: list sources with their state, add a source (polled at once, then on its
// own schedule), and add a call or an event by hand through a form.
import { DateTime } from 'luxon';
import { hasRole, UserFacingError, type FormHandler, type FormSpec, type FormValues, type Subcommand, type Translator } from '../../core/index.ts';
import { isTimeZone, readerOf, splitList, type NewsFeature } from './news-feature.ts';
import type { ItemInput } from './news-item.ts';
import { DEFAULT_EVERY, POLLED_KINDS, type SourceKind } from './news-sources.ts';
import { reasonText, sourcesMessage } from './news-views.ts';

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
    externalKey: `manual:${one(values.identifier) ?? link ?? title}`,
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

async function nextSourceId(feature: NewsFeature, kind: SourceKind): Promise<string> {
  const taken = new Set((await feature.repo.listSources()).map((s) => s.id));
  let n = 1;
  while (taken.has(`${kind}-${n}`)) n++;
  return `${kind}-${n}`;
}

export function newsAdminCommands(feature: NewsFeature): Subcommand[] {
  return [
    {
      name: 'sources',
      description: 'news.cmd_sources',
      role: 'staff',
      args: [],
      run: async ({ member, t, language }) =>
        sourcesMessage(await feature.repo.listSources(), await feature.repo.itemCountsBySource(), readerOf(feature, member, language, t)),
    },
    {
      name: 'add-source',
      description: 'news.cmd_add_source',
      role: 'admin',
      args: [
        { name: 'kind', kind: 'string', required: true, choices: POLLED_KINDS, description: 'news.arg_source_kind' },
        { name: 'url', kind: 'string', required: true, description: 'news.arg_url' },
        { name: 'every', kind: 'string', named: true, description: 'news.arg_every' },
      ],
      run: async ({ args, member, t }) => {
        const kind = args.kind as SourceKind;
        const every = args.every ? everyToCron(args.every as string) : DEFAULT_EVERY[kind];
        const now = feature.now();
        if (!feature.cronSlot(every, now)) throw new UserFacingError('news.bad_every', { every: args.every as string });
        const { source, created } = await feature.repo.addSource(
          { id: await nextSourceId(feature, kind), kind, url: args.url as string, every, createdAt: now },
          member.id,
        );
        const result = await feature.ingest.poll(source, `added:${now.toISOString()}`, now);
        const head = t(created ? 'news.source_added' : 'news.source_exists', { id: source.id, kind, url: source.url, every });
        switch (result.status) {
          case 'imported':
            return {
              text: `${head}\n${t('news.source_first_import', { imported: result.report.imported, created: result.report.created, skipped: result.report.skipped })}`,
            };
          case 'failed':
            return { text: `${head}\n${t('news.source_first_failed', { reason: reasonText(result.reason, t) })}` };
          default:
            return { text: `${head}\n${t('news.source_unchanged')}` };
        }
      },
    },
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

export function addItemHandler(feature: NewsFeature): FormHandler {
  return async ({ event, member, t }) => {
    if (!hasRole(member, 'admin')) throw new UserFacingError('core.forbidden', { role: t('role.admin') });
    const timeZone = member.timeZone && isTimeZone(member.timeZone) ? member.timeZone : feature.defaultTimeZone;
    const parsed = parseItemForm(event.values, timeZone, t);
    if (!parsed.ok) return parsed;
    const report = await feature.ingest.addManual([parsed.input], feature.now());
    return { text: t(report.created ? 'news.item_added' : 'news.item_merged', { title: parsed.input.title, id: report.lastItemId ?? '' }) };
  };
}
