// `/exchange stats` for admins: the numbers a network reports to its funders, counted per exchange
// (not per side): proposals, still pending, accepted, declined, met, helped and joint projects, per
// period (month, quarter or year) and per topic, with the topic balance of needs and offers. The
// same rows become the CSV export. Pure computation and views; the CSV text is written in infra.
import { DateTime } from 'luxon';
import { card, fields, text, type OutboundMessage, type Translator } from '../../core/index.ts';
import { HELPED, MET, TOPICS, type Outcome, type Profile, type Proposal } from './exchange.ts';
import { topicLabel } from './exchange-views.ts';

export const STATS_PERIODS = ['month', 'quarter', 'year'] as const;
export type StatsPeriod = (typeof STATS_PERIODS)[number];

export interface Counts {
  proposed: number;
  pending: number;
  accepted: number;
  declined: number;
  met: number;
  helped: number;
  joint: number;
}

export interface ExchangeStats {
  by: StatsPeriod;
  total: Counts;
  periods: Array<{ period: string } & Counts>;
  topics: Array<{ topic: string; needed: number; offered: number } & Counts>;
  profiles: number;
  optedOut: number;
}

const COUNT_KEYS = ['proposed', 'pending', 'accepted', 'declined', 'met', 'helped', 'joint'] as const;
const zero = (): Counts => ({ proposed: 0, pending: 0, accepted: 0, declined: 0, met: 0, helped: 0, joint: 0 });

/** 2026-11, 2026-Q4 or 2026, in the network's time zone. */
export function periodOf(at: Date, by: StatsPeriod, timeZone: string): string {
  const d = DateTime.fromJSDate(at, { zone: timeZone });
  if (by === 'year') return String(d.year);
  if (by === 'quarter') return `${d.year}-Q${d.quarter}`;
  return d.toFormat('yyyy-MM');
}

/** Adds one exchange: met, helped and joint project when either side said so. */
function add(counts: Counts, p: Proposal): void {
  const answers = [p.seekerOutcome, p.helperOutcome].filter((o): o is Outcome => o !== null);
  counts.proposed++;
  if (p.status === 'proposed') counts.pending++;
  if (p.status === 'accepted') counts.accepted++;
  if (p.status === 'declined') counts.declined++;
  if (answers.some((o) => MET.includes(o))) counts.met++;
  if (answers.some((o) => HELPED.includes(o))) counts.helped++;
  if (answers.includes('project')) counts.joint++;
}

export function exchangeStats(proposals: readonly Proposal[], profiles: readonly Profile[], by: StatsPeriod, timeZone: string): ExchangeStats {
  const total = zero();
  const periods = new Map<string, Counts>();
  const topics = new Map<string, Counts>(TOPICS.map((t) => [t, zero()]));
  for (const p of proposals) {
    add(total, p);
    const period = periodOf(p.createdAt, by, timeZone);
    const row = periods.get(period) ?? zero();
    add(row, p);
    periods.set(period, row);
    const topic = topics.get(p.topic) ?? zero();
    add(topic, p);
    topics.set(p.topic, topic);
  }
  const active = profiles.filter((p) => !p.optedOut);
  return {
    by,
    total,
    periods: [...periods].map(([period, counts]) => ({ period, ...counts })).sort((a, b) => (a.period < b.period ? 1 : -1)),
    topics: [...topics]
      .map(([topic, counts]) => ({
        topic,
        needed: active.filter((p) => p.needsHelp.includes(topic as never)).length,
        offered: active.filter((p) => p.canHelp.includes(topic as never)).length,
        ...counts,
      }))
      .sort((a, b) => b.proposed - a.proposed || b.needed - b.offered - (a.needed - a.offered) || (a.topic < b.topic ? -1 : 1)),
    profiles: profiles.length,
    optedOut: profiles.length - active.length,
  };
}

const countsLine = (c: Counts, t: Translator): string => t('exchange.stats_counts', { ...c });

export function statsMessage(stats: ExchangeStats, t: Translator): OutboundMessage {
  const title = t('exchange.stats_title', { profiles: stats.profiles, optedOut: stats.optedOut });
  const totalLine = `${t('exchange.stats_total')}: ${countsLine(stats.total, t)}`;
  const periodRows = stats.periods.slice(0, 12).map((p): [string, string] => [p.period, countsLine(p, t)]);
  const topicRows = stats.topics
    .filter((x) => x.proposed > 0 || x.needed > 0 || x.offered > 0)
    .map((x): [string, string] => [
      topicLabel(t, x.topic),
      [x.proposed > 0 ? countsLine(x, t) : '', t('exchange.stats_topic', { needed: x.needed, offered: x.offered })].filter(Boolean).join(' · '),
    ]);
  const gaps = stats.topics.filter((x) => x.needed > x.offered).map((x) => topicLabel(t, x.topic));
  const gapLine = gaps.length ? t('exchange.stats_gaps', { topics: gaps.join(', ') }) : t('exchange.stats_no_gaps');
  const periodsTitle = t(`exchange.stats_by_${stats.by}`);
  const topicsTitle = t('exchange.stats_topics');
  const hint = t('exchange.stats_hint');
  const lines = [
    title,
    totalLine,
    periodsTitle,
    ...(periodRows.length ? periodRows.map(([a, b]) => `${a}: ${b}`) : [t('exchange.stats_none')]),
    topicsTitle,
    ...topicRows.map(([a, b]) => `${a}: ${b}`),
    gapLine,
    hint,
  ];
  const blocks = [
    text(totalLine),
    text(`*${periodsTitle}*`),
    periodRows.length ? fields(periodRows) : text(t('exchange.stats_none'), true),
    text(`*${topicsTitle}*`),
    ...(topicRows.length ? [fields(topicRows)] : []),
    text(gapLine),
    text(hint, true),
  ];
  return { text: lines.join('\n'), card: card(title, ...blocks) };
}

/** The export's rows: a header, the total, one row per period, one per topic. Codes, not labels, so sheets can sum them. */
export function statsRows(stats: ExchangeStats): Array<Array<string | number>> {
  const row = (kind: string, key: string, c: Counts, extra: [number | string, number | string] = ['', '']) => [
    kind,
    key,
    ...COUNT_KEYS.map((k) => c[k]),
    ...extra,
  ];
  return [
    ['kind', 'key', ...COUNT_KEYS, 'profiles_needing', 'profiles_offering'],
    row('total', 'all', stats.total),
    ...stats.periods.map((p) => row(stats.by, p.period, p)),
    ...stats.topics.map((x) => row('topic', x.topic, x, [x.needed, x.offered])),
  ];
}
