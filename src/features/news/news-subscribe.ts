// `/news subscribe`: creates a subscription or changes only what the command names (topics, countries,
// cadence…), every value checked and refused in the person's language: countries as ISO codes or
// names in Italian, English or German, statuses, days. `-` clears a list filter, `min-budget:0` the budget,
// `tz:-` makes a member's digest follow their own zone again (the default: language and zone as of sending).
import { randomUUID } from 'node:crypto';
import { arg, countryCode, subcommand, UserFacingError, type Subcommand } from '../../core/index.ts';
import { describeFilters, isTimeZone, splitList, subscriptionTarget, type NewsFeature } from './news-service.ts';
import { formatInstant } from './news-format.ts';
import { CALL_STATUSES, type CallStatus } from './news-item.ts';
import { applyChanges, asOfNow, CADENCES, nextDue, WEEKDAYS, type Cadence, type SubscriptionChanges } from './news-subscription.ts';

const KINDS = ['call', 'event', 'news', 'all'] as const;

/** A list option: `-` clears it, absent leaves it alone. */
const listOf = (value: string | undefined): string[] | undefined => (value === undefined ? undefined : value.trim() === '-' ? [] : splitList(value));

export function scheduleDay(cadence: Cadence, day: string | undefined): number {
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

/** ISO codes for what was typed ("SI", "Slovenia", "Slowenien", "svn"); the first unknown one is refused. */
export function countryCodes(values: string[], language: string): string[] {
  return values.map((value) => {
    const code = countryCode(value, [language]);
    if (!code) throw new UserFacingError('news.bad_country', { country: value });
    return code;
  });
}

function statusesOf(values: string[] | undefined): CallStatus[] | undefined {
  if (!values) return undefined;
  const statuses = values.map((s) => s.toLowerCase());
  const bad = statuses.find((s) => !(CALL_STATUSES as readonly string[]).includes(s));
  if (bad) throw new UserFacingError('news.bad_status', { status: bad, statuses: CALL_STATUSES.join(', ') });
  return statuses as CallStatus[];
}

export function subscribeCommand(feature: NewsFeature): Subcommand {
  const { repo } = feature;
  return subcommand({
    name: 'subscribe',
    description: 'news.cmd_subscribe',
    role: 'member',
    args: {
      channel: arg.string({ description: 'news.arg_channel' }),
      topics: arg.string({ description: 'news.arg_topics', suggest: 'topic', example: 'clusters,"circular economy"' }).named(),
      programmes: arg.string({ description: 'news.arg_programmes', example: 'horizon,interreg' }).named(),
      countries: arg.string({ description: 'news.arg_countries', example: 'IT,SI' }).named(),
      kind: arg.choice(KINDS, { description: 'news.arg_kind' }).named(),
      status: arg.string({ description: 'news.arg_status', example: 'open' }).named(),
      'min-budget': arg.integer({ description: 'news.arg_budget', example: '1000000' }).named(),
      cadence: arg.choice(CADENCES, { description: 'news.arg_cadence' }).named(),
      at: arg.time({ description: 'news.arg_at' }).named(),
      day: arg.string({ description: 'news.arg_day', example: 'mon' }).named(),
      tz: arg.string({ description: 'news.arg_tz', example: 'Europe/Rome' }).named(),
    },
    run: async ({ member, args, event, t, language }) => {
      const target = subscriptionTarget(feature, member, event, t, args.channel);
      // `tz:-`: a member's digest follows their own zone again.
      const followOwnZone = args.tz === '-' && 'memberId' in target;
      if (args.tz !== undefined && !followOwnZone && !isTimeZone(args.tz)) throw new UserFacingError('network.bad_timezone', { timeZone: args.tz });
      const existing = await repo.getSubscription(target.platform, target.targetKey);
      const cadence = args.cadence ?? existing?.cadence ?? 'weekly';
      const countries = listOf(args.countries);
      const budget = args['min-budget'];
      const changes: SubscriptionChanges = {
        ...(args.topics !== undefined ? { topics: listOf(args.topics)! } : {}),
        ...(args.programmes !== undefined ? { programmes: listOf(args.programmes)! } : {}),
        ...(countries ? { countries: countryCodes(countries, language) } : {}),
        ...(args.kind ? { kind: args.kind } : {}),
        ...(args.status !== undefined ? { statuses: statusesOf(listOf(args.status))! } : {}),
        ...(budget !== undefined ? { minBudget: budget > 0 ? budget : null } : {}),
        ...(args.cadence ? { cadence: args.cadence } : {}),
        ...(args.at ? { at: args.at } : {}),
        ...(args.day !== undefined || (args.cadence && args.cadence !== existing?.cadence) ? { day: scheduleDay(cadence, args.day) } : {}),
        // A channel has no zone of its own: it keeps the one it was set up with.
        ...(followOwnZone
          ? { timeZone: '' }
          : args.tz
            ? { timeZone: args.tz }
            : 'channel' in target && !existing
              ? { timeZone: member.timeZone ?? feature.defaultTimeZone }
              : {}),
      };
      const now = feature.now();
      const subscription = applyChanges(
        existing,
        {
          id: randomUUID(),
          platform: target.platform,
          targetKey: target.targetKey,
          ...('memberId' in target ? { memberId: target.memberId } : { channel: target.channel }),
          language,
          createdAt: now.toISOString(),
        },
        changes,
      );
      await repo.saveSubscription(subscription);
      const current = asOfNow(subscription, 'memberId' in target ? member : null, {
        timeZone: feature.defaultTimeZone,
        pickLanguage: () => language,
      });
      const next = nextDue(current, now);
      return {
        text: t(existing ? 'news.subscription_updated' : 'news.subscribed', {
          target: 'channel' in target ? (args.channel ?? '') : t('news.target_you'),
          cadence: t(`news.cadence_${subscription.cadence}`),
          next: formatInstant(next.toUTC().toISO() ?? '', { language, timeZone: current.timeZone }),
          filters: describeFilters(subscription.filters, t),
        }),
      };
    },
  });
}
