// /news for everyone: subscribe and unsubscribe (oneself, or a #channel for admins), preview the next
// digest and why any item is in or out, show, follow and unfollow items, "I'm going", and whether
// others may see that one is going. Buttons (news:follow, news:going) reach the same use cases.
import { UserFacingError, type ActionHandler, type Member, type Subcommand, type Translator } from '../../core/index.ts';
import type { ArgSpec } from '../../core/index.ts';
import { describeFilters, findItem, readerOf, subscriptionTarget, type NewsFeature } from './news-feature.ts';
import { nextDeadline } from './news-item.ts';
import { subscribeCommand } from './news-subscribe.ts';
import { upcomingReminders } from './news-reminders.ts';
import { explainMessage, followedText, goingLine, itemMessage, previewMessage } from './news-views.ts';

async function follow(feature: NewsFeature, member: Member, ref: string, t: Translator, language: string) {
  const item = await findItem(feature, ref);
  const reader = readerOf(feature, member, language, t);
  await feature.repo.follow(member.id, item.id, feature.now());
  const next = item.kind === 'call' ? nextDeadline(item, reader.now) : undefined;
  return { text: followedText(item, next, next ? upcomingReminders(next, reader.timeZone, reader.now) : [], reader) };
}

async function toggleGoing(feature: NewsFeature, member: Member, ref: string, t: Translator, language: string) {
  const item = await findItem(feature, ref);
  if (item.kind !== 'event') throw new UserFacingError('news.going_not_event');
  const before = await feature.repo.goingTo(item.id);
  const going = !before.includes(member.id);
  await feature.repo.setGoing(member.id, item.id, going, feature.now());
  const others = await feature.delivery.going(item.id);
  const reader = readerOf(feature, member, language, t);
  return { text: `${t(going ? 'news.going_yes' : 'news.going_no', { title: item.title })}\n${goingLine(others, reader)}` };
}

/** The call or event most /news subcommands act on. */
const ITEM_ARG: ArgSpec = { name: 'item', kind: 'string', required: true, description: 'news.arg_item', suggest: 'item' };
export function newsMemberCommands(feature: NewsFeature): Subcommand[] {
  const { repo } = feature;
  return [
    subscribeCommand(feature),
    {
      name: 'unsubscribe',
      description: 'news.cmd_unsubscribe',
      role: 'member',
      args: [{ name: 'channel', kind: 'string', description: 'news.arg_channel' }],
      run: async ({ member, args, event, t }) => {
        const target = subscriptionTarget(feature, member, event, t, args.channel as string | undefined);
        const removed = await repo.deleteSubscription(target.platform, target.targetKey);
        return { text: t(removed ? 'news.unsubscribed' : 'news.not_subscribed') };
      },
    },
    {
      name: 'preview',
      description: 'news.cmd_preview',
      role: 'member',
      args: [
        { name: 'item', kind: 'string', description: 'news.arg_item', suggest: 'item' },
        { name: 'channel', kind: 'string', named: true, description: 'news.arg_channel' },
      ],
      run: async ({ member, args, event, t, language }) => {
        const target = subscriptionTarget(feature, member, event, t, args.channel as string | undefined);
        const subscription = await repo.getSubscription(target.platform, target.targetKey);
        if (!subscription) throw new UserFacingError('news.not_subscribed');
        const reader = readerOf(feature, member, language, t);
        if (args.item) {
          const item = await findItem(feature, args.item as string);
          return explainMessage(item, await feature.delivery.explain(subscription, item, reader.now), reader);
        }
        const { digest, nextAt, timeZone } = await feature.delivery.preview(subscription, reader.now);
        return previewMessage(digest, { ...reader, timeZone }, nextAt, describeFilters(subscription.filters, t));
      },
    },
    {
      name: 'show',
      description: 'news.cmd_show',
      role: 'member',
      args: [ITEM_ARG],
      run: async ({ member, args, t, language }) => {
        const item = await findItem(feature, args.item as string);
        const going = item.kind === 'event' ? await feature.delivery.going(item.id) : undefined;
        return itemMessage(item, readerOf(feature, member, language, t), going);
      },
    },
    {
      name: 'follow',
      description: 'news.cmd_follow',
      role: 'member',
      args: [ITEM_ARG],
      run: ({ member, args, t, language }) => follow(feature, member, args.item as string, t, language),
    },
    {
      name: 'unfollow',
      description: 'news.cmd_unfollow',
      role: 'member',
      args: [ITEM_ARG],
      run: async ({ member, args, t }) => {
        const item = await findItem(feature, args.item as string);
        const removed = await repo.unfollow(member.id, item.id);
        return { text: t(removed ? 'news.unfollowed' : 'news.not_following', { title: item.title }) };
      },
    },
    {
      name: 'going',
      description: 'news.cmd_going',
      role: 'member',
      args: [ITEM_ARG],
      run: ({ member, args, t, language }) => toggleGoing(feature, member, args.item as string, t, language),
    },
    {
      name: 'visibility',
      description: 'news.cmd_visibility',
      role: 'member',
      args: [{ name: 'going', kind: 'string', required: true, choices: ['shown', 'hidden'], description: 'news.arg_visibility' }],
      run: async ({ member, args, t }) => {
        const show = args.going === 'shown';
        await repo.setShowGoing(member.id, show);
        return { text: t(show ? 'news.visibility_shown' : 'news.visibility_hidden') };
      },
    },
  ];
}

/** The buttons on digests and item cards. */
export function newsActions(feature: NewsFeature): Record<string, ActionHandler> {
  return {
    'news:follow': async ({ event, member, t, language }) => {
      if (!event.value) throw new UserFacingError('core.stale_button');
      return follow(feature, member, event.value, t, language);
    },
    'news:going': async ({ event, member, t, language }) => {
      if (!event.value) throw new UserFacingError('core.stale_button');
      return toggleGoing(feature, member, event.value, t, language);
    },
  };
}
