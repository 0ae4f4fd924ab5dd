// /news for admins and staff: list sources with their state, add a source (polled at once, then on its
// own schedule), and add a call or an event by hand through a form.
import { UserFacingError, type Subcommand } from '../../core/index.ts';
import { readerOf, type NewsFeature } from './news-feature.ts';
import { DEFAULT_EVERY, POLLED_KINDS, type SourceKind } from './news-sources.ts';
import { addItemForm as addItemFormOf } from './news-item-form.ts';
import { reasonText, sourcesMessage } from './news-views.ts';

// The add-item form lives in news-item-form.ts; exported here too for existing imports.
export { ADD_ITEM_FORM, addItemForm, addItemHandler, parseItemForm } from './news-item-form.ts';

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
        const how = await feature.ctx.questionnaires.ask(event.user, addItemFormOf(t), t, { responder });
        return how === 'questionnaire' && !event.isDirect ? { text: t('core.sent_by_dm') } : undefined;
      },
    },
  ];
}
