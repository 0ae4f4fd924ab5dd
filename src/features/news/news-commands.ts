// /news for everyone: subscribe and unsubscribe (oneself, or a #channel for admins), preview the next
// digest and why any item is in or out, show, follow and unfollow items, "I'm going", and whether
// others may see that one is going. Buttons (news:follow, news:going) reach the same use cases.
import { arg, subcommand, UserFacingError, type ActionHandler, type Member, type Subcommand, type Translator } from '../../core/index.ts';
import { describeFilters, findItem, readerOf, subscriptionTarget, type NewsFeature } from './news-service.ts';
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
const itemArg = () => arg.string({ description: 'news.arg_item', suggest: 'item', example: 'HORIZON-CL5-2027-D3-01' });
const channelArg = () => arg.string({ description: 'news.arg_channel', example: '#funding' });
export function newsMemberCommands(feature: NewsFeature): Subcommand[] {
  const { repo } = feature;
  return [
    subscribeCommand(feature),
    subcommand({
      name: 'unsubscribe',
      description: 'news.cmd_unsubscribe',
      role: 'member',
      args: { channel: channelArg() },
      run: async ({ member, args, event, t }) => {
        const target = subscriptionTarget(feature, member, event, t, args.channel);
        const removed = await repo.deleteSubscription(target.platform, target.targetKey);
        return { text: t(removed ? 'news.unsubscribed' : 'news.not_subscribed') };
      },
    }),
    subcommand({
      name: 'preview',
      description: 'news.cmd_preview',
      role: 'member',
      args: { item: itemArg(), channel: channelArg().named() },
      run: async ({ member, args, event, t, language }) => {
        const target = subscriptionTarget(feature, member, event, t, args.channel);
        const subscription = await repo.getSubscription(target.platform, target.targetKey);
        if (!subscription) throw new UserFacingError('news.not_subscribed');
        const reader = readerOf(feature, member, language, t);
        if (args.item) {
          const item = await findItem(feature, args.item);
          return explainMessage(item, await feature.delivery.explain(subscription, item, reader.now), reader);
        }
        const { digest, nextAt, timeZone } = await feature.delivery.preview(subscription, reader.now);
        return previewMessage(digest, { ...reader, timeZone }, nextAt, describeFilters(subscription.filters, t));
      },
    }),
    subcommand({
      name: 'show',
      description: 'news.cmd_show',
      role: 'member',
      args: { item: itemArg().required() },
      run: async ({ member, args, t, language }) => {
        const item = await findItem(feature, args.item);
        const going = item.kind === 'event' ? await feature.delivery.going(item.id) : undefined;
        return itemMessage(item, readerOf(feature, member, language, t), going);
      },
    }),
    subcommand({
      name: 'follow',
      description: 'news.cmd_follow',
      role: 'member',
      args: { item: itemArg().required() },
      run: ({ member, args, t, language }) => follow(feature, member, args.item, t, language),
    }),
    subcommand({
      name: 'unfollow',
      description: 'news.cmd_unfollow',
      role: 'member',
      args: { item: itemArg().required() },
      run: async ({ member, args, t }) => {
        const item = await findItem(feature, args.item);
        const removed = await repo.unfollow(member.id, item.id);
        return { text: t(removed ? 'news.unfollowed' : 'news.not_following', { title: item.title }) };
      },
    }),
    subcommand({
      name: 'going',
      description: 'news.cmd_going',
      role: 'member',
      args: { item: itemArg().required() },
      run: ({ member, args, t, language }) => toggleGoing(feature, member, args.item, t, language),
    }),
    subcommand({
      name: 'visibility',
      description: 'news.cmd_visibility',
      role: 'member',
      args: { going: arg.choice(['shown', 'hidden'], { description: 'news.arg_visibility', example: 'shown' }).required() },
      run: async ({ member, args, t }) => {
        const show = args.going === 'shown';
        await repo.setShowGoing(member.id, show);
        return { text: t(show ? 'news.visibility_shown' : 'news.visibility_hidden') };
      },
    }),
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
