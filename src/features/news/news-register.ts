// Registers /news, its buttons and form with the bot, and returns the feature's scheduled jobs:
// polling (each source on its own cron, checked every 5 minutes), digests and deadline reminders.
import type { JobDefinition } from '../../core/index.ts';
import { newsAdminCommands } from './news-admin.ts';
import { ADD_ITEM_FORM, addItemHandler, checkItemField } from './news-item-form.ts';
import { newsActions, newsMemberCommands } from './news-commands.ts';
import type { NewsFeature } from './news-feature.ts';

export function registerNews(feature: NewsFeature): JobDefinition[] {
  const { ctx } = feature;
  ctx.commands.add({ name: 'news', description: 'news.description', subcommands: [...newsMemberCommands(feature), ...newsAdminCommands(feature)] });
  for (const [actionId, handler] of Object.entries(newsActions(feature))) ctx.onAction(actionId, handler);
  ctx.onForm(ADD_ITEM_FORM, addItemHandler(feature), { checkField: checkItemField(feature) });
  return [
    {
      name: 'news-poll',
      description: 'Polls every news source whose own schedule is due',
      cron: '*/5 * * * *',
      run: ({ now, manual }) => feature.ingest.pollDue(now, manual),
    },
    {
      name: 'news-digest',
      description: 'Sends each subscriber the digest of the period that fell due, once',
      cron: '*/15 * * * *',
      run: ({ now, manual }) => feature.delivery.runDigests(now, manual),
    },
    {
      name: 'news-reminders',
      description: 'Sends deadline reminders 30, 7 and 1 days before, once each',
      cron: '10 * * * *',
      run: ({ now }) => feature.delivery.runReminders(now),
    },
  ];
}
