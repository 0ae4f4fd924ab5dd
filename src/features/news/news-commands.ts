// /news for everyone: subscribe and unsubscribe (oneself, or a #channel for admins), preview the next
// digest and why any item is in or out, show, follow and unfollow items, "I'm going", and whether
// others may see that one is going. Buttons (news:follow, news:going) reach the same use cases.
import { randomUUID } from 'node:crypto';
import { UserFacingError, type ActionHandler, type Member, type Subcommand, type Translator } from '../../core/index.ts';
import type { ArgSpec } from '../../core/index.ts';
import { FiltersSchema } from './news-filter.ts';
import { describeFilters, findItem, isTimeZone, readerOf, splitList, subscriptionTarget, type NewsFeature } from './news-feature.ts';
import { formatInstant } from './news-format.ts';
import { CALL_STATUSES, nextDeadline } from './news-item.ts';
import { CADENCES, nextDue, WEEKDAYS, type Cadence, type Subscription } from './news-subscription.ts';
import { explainMessage, goingLine, itemMessage, previewMessage } from './news-views.ts';

function scheduleDay(cadence: Cadence, day: string | undefined): number {
  if (cadence === 'daily') return 1;
  if (cadence === 'weekly') {
    const index = day ? WEEKDAYS.indexOf(day.toLowerCase().slice(0, 3) as (typeof WEEKDAYS)[number]) : 0;
    if (index < 0) throw new UserFacingError('news.bad_day', { day: day ?? '' });
    return index + 1;
  }
  const n = day ? Number(day) : 1;
  if (!Number.isInteger(n) || n < 1 || n > 28) throw new UserFacingError('news.bad_day', { day: day ?? '' });
  return n;
}

async function follow(feature: NewsFeature, member: Member, ref: string, t: Translator, language: string) {
  const item = await findItem(feature, ref);
  const reader = readerOf(feature, member, language, t);
  await feature.repo.follow(member.id, item.id, feature.now());
  const next = nextDeadline(item, reader.now);
  return { text: next ? t('news.followed', { title: item.title, date: formatInstant(next, reader) }) : t('news.followed_no_deadline', { title: item.title }) };
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
    {
      name: 'subscribe',
      description: 'news.cmd_subscribe',
      role: 'member',
      args: [
        { name: 'channel', kind: 'string', description: 'news.arg_channel' },
        { name: 'topics', kind: 'string', named: true, description: 'news.arg_topics', suggest: 'news-topic' },
        { name: 'programmes', kind: 'string', named: true, description: 'news.arg_programmes' },
        { name: 'countries', kind: 'string', named: true, description: 'news.arg_countries' },
        { name: 'kind', kind: 'string', named: true, choices: ['call', 'event', 'all'], description: 'news.arg_kind' },
        { name: 'status', kind: 'string', named: true, description: 'news.arg_status' },
        { name: 'min-budget', kind: 'integer', named: true, description: 'news.arg_budget' },
        { name: 'cadence', kind: 'string', named: true, choices: CADENCES, description: 'news.arg_cadence' },
        { name: 'at', kind: 'time', named: true, description: 'news.arg_at' },
        { name: 'day', kind: 'string', named: true, description: 'news.arg_day' },
        { name: 'tz', kind: 'string', named: true, description: 'news.arg_tz' },
      ],
      run: async ({ member, args, event, t, language }) => {
        const target = subscriptionTarget(feature, member, event, t, args.channel as string | undefined);
        const statuses = splitList(args.status).map((s) => s.toLowerCase());
        const badStatus = statuses.find((s) => !(CALL_STATUSES as readonly string[]).includes(s));
        if (badStatus) throw new UserFacingError('news.bad_status', { status: badStatus, statuses: CALL_STATUSES.join(', ') });
        const timeZone = (args.tz as string | undefined) ?? member.timeZone ?? feature.defaultTimeZone;
        if (!isTimeZone(timeZone)) throw new UserFacingError('network.bad_timezone', { timeZone });
        const cadence = (args.cadence as Cadence | undefined) ?? 'weekly';
        const filters = FiltersSchema.parse({
          topics: splitList(args.topics),
          programmes: splitList(args.programmes),
          countries: splitList(args.countries).map((c) => c.toUpperCase()),
          kind: (args.kind as string | undefined) ?? 'all',
          statuses,
          ...(args['min-budget'] !== undefined ? { minBudget: args['min-budget'] } : {}),
        });
        const existing = await repo.getSubscription(target.platform, target.targetKey);
        const subscription: Subscription = {
          id: existing?.id ?? randomUUID(),
          platform: target.platform,
          targetKey: target.targetKey,
          ...('memberId' in target ? { memberId: target.memberId } : { channel: target.channel }),
          filters,
          cadence,
          at: (args.at as string | undefined) ?? '09:00',
          day: scheduleDay(cadence, args.day as string | undefined),
          timeZone,
          language,
          createdAt: existing?.createdAt ?? feature.now().toISOString(),
        };
        await repo.saveSubscription(subscription);
        const next = nextDue(subscription, feature.now());
        return {
          text: t(existing ? 'news.subscription_updated' : 'news.subscribed', {
            target: 'channel' in target ? (args.channel as string) : t('news.target_you'),
            cadence: t(`news.cadence_${cadence}`),
            next: formatInstant(next.toUTC().toISO() ?? '', { language, timeZone }),
            filters: describeFilters(filters, t),
          }),
        };
      },
    },
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
        const reader = { ...readerOf(feature, member, language, t), timeZone: subscription.timeZone };
        if (args.item) {
          const item = await findItem(feature, args.item as string);
          return explainMessage(item, await feature.delivery.explain(subscription, item, reader.now), reader);
        }
        const { digest, nextAt } = await feature.delivery.preview(subscription, reader.now);
        return previewMessage(digest, reader, nextAt, describeFilters(subscription.filters, t));
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
