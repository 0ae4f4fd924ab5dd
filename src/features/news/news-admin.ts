// /news for admins: add a call or an event by hand through a form (news-item-form.ts; sources:
// news-source-commands.ts). A hand entry whose identifier another kind of item already holds is not
// stored, and the admin is told so plainly, in their language, with the item that holds it.
import type { Subcommand } from '../../core/index.ts';
import type { NewsFeature } from './news-service.ts';
import { addItemForm as addItemFormOf } from './news-item-form.ts';
import { sourceCommands } from './news-source-commands.ts';

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

export function newsAdminCommands(feature: NewsFeature): Subcommand[] {
  return [
    ...sourceCommands(feature),
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
