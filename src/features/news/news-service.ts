// The news service: what every /news use case shares (the repository, ingest and delivery services, the
// clock) and the small lookups they all need: an item by id or identifier, a subscription's target, a reader.
import { UserFacingError, hasRole, type CommandEvent, type FeatureContext, type Member, type MemberDirectory, type Translator } from '../../core/index.ts';
import type { NewsDelivery } from './news-delivery.ts';
import type { Filters } from './news-filter.ts';
import type { Reader } from './news-format.ts';
import type { NewsIngest } from './news-ingest.ts';
import type { NewsItem } from './news-item.ts';
import type { NewsRepository } from './news-repository.ts';
import { targetKeyFor } from './news-subscription.ts';

export interface NewsFeature {
  ctx: FeatureContext;
  repo: NewsRepository;
  ingest: NewsIngest;
  delivery: NewsDelivery;
  members: MemberDirectory;
  now(): Date;
  defaultTimeZone: string;
  cronSlot(cron: string, now: Date): Date | null;
}

export async function findItem(feature: NewsFeature, ref: string): Promise<NewsItem> {
  const item = await feature.repo.getItem(ref.replace(/^\[|\]$/g, ''));
  if (!item) throw new UserFacingError('news.no_item', { ref });
  return item;
}

/** Oneself, or a #channel (admins only). */
export function subscriptionTarget(feature: NewsFeature, member: Member, event: CommandEvent, t: Translator, mention: string | undefined) {
  if (!mention) return { platform: event.platform, targetKey: targetKeyFor({ memberId: member.id }), memberId: member.id } as const;
  // A word that is no channel is most often the second word of an unquoted value: say so, to anyone.
  const mentionLike = /^(#|<#)/.test(mention) || /^(?=.*\d)[A-Z0-9]{6,}$/.test(mention);
  const channel = mentionLike ? feature.ctx.conversations.resolveChannel(event.platform, mention) : null;
  if (!channel) throw new UserFacingError('news.not_a_channel', { given: mention });
  if (!hasRole(member, 'admin')) throw new UserFacingError('core.forbidden', { role: t('role.admin') });
  return { platform: event.platform, targetKey: targetKeyFor({ channel }), channel } as const;
}

export const readerOf = (feature: NewsFeature, member: Member, language: string, t: Translator): Reader => ({
  t,
  language,
  timeZone: member.timeZone ?? feature.defaultTimeZone,
  now: feature.now(),
});

export const splitList = (value: unknown): string[] =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : [];

export function describeFilters(filters: Filters, t: Translator): string {
  const parts: string[] = [];
  if (filters.kind !== 'all') parts.push(t(`news.kind_${filters.kind}`));
  if (filters.topics.length) parts.push(t('news.f_topics', { list: filters.topics.join(', ') }));
  if (filters.programmes.length) parts.push(t('news.f_programmes', { list: filters.programmes.join(', ') }));
  if (filters.countries.length) parts.push(t('news.f_countries', { list: filters.countries.join(', ') }));
  if (filters.statuses.length) parts.push(t('news.f_statuses', { list: filters.statuses.map((s) => t(`news.status_${s}`)).join(', ') }));
  if (filters.minBudget !== undefined) parts.push(t('news.f_budget', { min: filters.minBudget }));
  return parts.length ? parts.join(' · ') : t('news.f_none');
}

export const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};
