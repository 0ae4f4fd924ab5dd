// `/exchange stats` for admins, as a pure computation and its view: per period, proposals made,
// accepted, met and their outcomes; per topic, how many need it against how many offer it. The
// topics most needed and least offered are training needs the surveys can ask about.
import { card, fields, text, type OutboundMessage, type Translator } from '../../core/index.ts';
import { OUTCOMES, TOPICS, type Outcome, type Profile, type Proposal } from './exchange.ts';
import { topicLabel } from './exchange-views.ts';

export interface PeriodStats {
  period: string;
  made: number;
  accepted: number;
  declined: number;
  /** Accepted, and at least one side said something came of it. */
  met: number;
  outcomes: Record<Outcome, number>;
}

export interface TopicBalance {
  topic: string;
  needed: number;
  offered: number;
}

export interface ExchangeStats {
  periods: PeriodStats[];
  topics: TopicBalance[];
  profiles: number;
  optedOut: number;
}

export function exchangeStats(proposals: readonly Proposal[], profiles: readonly Profile[]): ExchangeStats {
  const periods = new Map<string, PeriodStats>();
  for (const p of proposals) {
    const period = p.round.startsWith('round:') ? p.round.slice('round:'.length) : p.createdAt.toISOString().slice(0, 7);
    const row = periods.get(period) ?? {
      period,
      made: 0,
      accepted: 0,
      declined: 0,
      met: 0,
      outcomes: Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>,
    };
    row.made++;
    if (p.status === 'accepted') row.accepted++;
    if (p.status === 'declined') row.declined++;
    const outcomes = [p.seekerOutcome, p.helperOutcome].filter((o): o is Outcome => o !== null);
    for (const o of outcomes) row.outcomes[o]++;
    if (outcomes.some((o) => o !== 'nothing')) row.met++;
    periods.set(period, row);
  }
  const active = profiles.filter((p) => !p.optedOut);
  const topics = TOPICS.map((topic) => ({
    topic,
    needed: active.filter((p) => p.needsHelp.includes(topic)).length,
    offered: active.filter((p) => p.canHelp.includes(topic)).length,
  })).sort((a, b) => b.needed - b.offered - (a.needed - a.offered) || b.needed - a.needed || (a.topic < b.topic ? -1 : 1));
  return {
    periods: [...periods.values()].sort((a, b) => (a.period < b.period ? 1 : -1)),
    topics,
    profiles: profiles.length,
    optedOut: profiles.length - active.length,
  };
}

export function statsMessage(stats: ExchangeStats, t: Translator): OutboundMessage {
  const title = t('exchange.stats_title', { profiles: stats.profiles, optedOut: stats.optedOut });
  const periodRows = stats.periods.slice(0, 12).map((p): [string, string] => [
    p.period,
    t('exchange.stats_period', { made: p.made, accepted: p.accepted, declined: p.declined, met: p.met }) +
      (OUTCOMES.some((o) => p.outcomes[o] > 0)
        ? ` · ${OUTCOMES.filter((o) => p.outcomes[o] > 0)
            .map((o) => `${t(`exchange.outcome.${o}`)}: ${p.outcomes[o]}`)
            .join(', ')}`
        : ''),
  ]);
  const topicRows = stats.topics
    .filter((x) => x.needed > 0 || x.offered > 0)
    .map((x): [string, string] => [topicLabel(t, x.topic), t('exchange.stats_topic', { needed: x.needed, offered: x.offered })]);
  const gaps = stats.topics.filter((x) => x.needed > x.offered).map((x) => topicLabel(t, x.topic));
  const gapLine = gaps.length ? t('exchange.stats_gaps', { topics: gaps.join(', ') }) : t('exchange.stats_no_gaps');
  const periodsTitle = t('exchange.stats_periods');
  const topicsTitle = t('exchange.stats_topics');
  const lines = [
    title,
    periodsTitle,
    ...(periodRows.length ? periodRows.map(([a, b]) => `${a}: ${b}`) : [t('exchange.stats_none')]),
    topicsTitle,
    ...topicRows.map(([a, b]) => `${a}: ${b}`),
    gapLine,
  ];
  const blocks = [
    text(`*${periodsTitle}*`),
    periodRows.length ? fields(periodRows) : text(t('exchange.stats_none'), true),
    text(`*${topicsTitle}*`),
    ...(topicRows.length ? [fields(topicRows)] : []),
    text(gapLine),
  ];
  return { text: lines.join('\n'), card: card(title, ...blocks) };
}
