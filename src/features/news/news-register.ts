// Registers /news, its buttons and form with the bot, and returns the feature's scheduled jobs:
// polling (each source on its own cron, checked every 5 minutes), digests and deadline reminders.
import type { JobDefinition } from '../../core/index.ts';
import { newsAdminCommands } from './news-admin.ts';
import { ADD_ITEM_FORM, addItemHandler, checkItemField } from './news-item-form.ts';
import { newsActions, newsMemberCommands } from './news-commands.ts';
import type { NewsFeature } from './news-service.ts';

export function registerNews(feature: NewsFeature): JobDefinition[] {
  const { ctx } = feature;
  ctx.commands.add({ name: 'news', description: 'news.description', subcommands: [...newsMemberCommands(feature), ...newsAdminCommands(feature)] });
  for (const [actionId, handler] of Object.entries(newsActions(feature))) ctx.onAction(actionId, handler);
  ctx.onForm(ADD_ITEM_FORM, addItemHandler(feature), { checkField: checkItemField(feature) });
  registerNewsSuggestions(feature);
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

/** Discord autocomplete and the like: current calls and events by identifier or title, and their topics. */
function registerNewsSuggestions(feature: NewsFeature): void {
  feature.ctx.onSuggest('item', async ({ query }) => {
    const typed = query.trim().toLowerCase();
    return (await feature.repo.currentItems(feature.now()))
      .map((item) => ({ label: item.identifier ? `${item.identifier} · ${item.title}` : item.title, value: item.identifier ?? item.id }))
      .filter((s) => !typed || s.label.toLowerCase().includes(typed))
      .slice(0, 25);
  });
  // `topics:` takes a comma-separated list: complete its last entry, keeping those before it.
  feature.ctx.onSuggest('news-topic', async ({ query }) => {
    const done = query.includes(',') ? query.slice(0, query.lastIndexOf(',') + 1) : '';
    const typed = query.slice(done.length).trim().toLowerCase();
    const topics = new Set((await feature.repo.currentItems(feature.now())).flatMap((item) => item.topics));
    return [...topics]
      .filter((topic) => topic.toLowerCase().includes(typed))
      .sort()
      .slice(0, 25)
      .map((topic) => ({ label: `${done}${topic}`, value: `${done}${topic}` }));
  });
}
