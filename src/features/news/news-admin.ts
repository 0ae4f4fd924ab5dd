// /news for admins: add a call or an event by hand through a form (news-item-form.ts; sources:
// news-source-commands.ts). A hand entry whose identifier another kind of item already holds is not
// stored, and the admin is told so plainly, in their language, with the item that holds it.
import type { Subcommand } from '../../core/index.ts';
import type { NewsFeature } from './news-service.ts';
import { addItemForm } from './news-item-form.ts';
import { sourceCommands } from './news-source-commands.ts';

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
