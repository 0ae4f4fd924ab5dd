// /news sources as a message: every source, failing ones first (they need the admin), then paused,
// then the rest in the order they were added; a page at a time, the header counting all of them and
// saying which page this is and how to see the next.
import { card, fields, text, type OutboundMessage } from '../../core/index.ts';
import { formatInstant, type Reader } from './news-format.ts';
import type { NewsSource } from './news-sources.ts';
import { reasonText } from './news-views.ts';

export const SOURCES_PER_PAGE = 10;

const order = (s: NewsSource): number => (s.state === 'failing' && !s.paused ? 0 : s.paused ? 2 : 1);

/** Failing first, then working or new, then paused; within each, oldest first. */
export function sortSources(sources: NewsSource[]): NewsSource[] {
  return [...sources].sort((a, b) => order(a) - order(b) || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id, 'en', { numeric: true }));
}

function sourceRow(s: NewsSource, items: number, reader: Reader): [string, string] {
  const { t } = reader;
  const state = s.paused
    ? t('news.state_paused')
    : t(`news.state_${s.state}`) + (s.state === 'failing' && s.lastError ? ` (${reasonText(s.lastError, t)})` : '');
  const details = [
    state,
    t('news.source_last_success', { date: s.lastSuccessAt ? formatInstant(s.lastSuccessAt.toISOString(), reader) : '—' }),
    t('news.source_counts', { items: t('news.count_items', { count: items }), imported: s.lastImported, skipped: s.lastSkipped }),
    t('news.source_carries', { carries: t(`news.carries_${s.carries}`) }),
    t('news.source_every', { every: s.every }),
  ];
  if (s.lastLeft) details.push(t('news.source_left_short', { count: s.lastLeft, total: s.lastTotal ?? 0 }));
  const defaults = [s.programme, s.countries.join(' '), s.topics.join(', ')].filter(Boolean).join(' · ');
  if (defaults) details.push(t('news.source_defaults', { defaults }));
  return [`${s.id} · ${s.kind} · ${s.url}`, details.join(' · ')];
}

export function sourcesPage(sources: NewsSource[], counts: Map<string, number>, page: number, reader: Reader): OutboundMessage {
  const { t } = reader;
  const failing = sources.filter((s) => s.state === 'failing' && !s.paused).length;
  const pages = Math.max(1, Math.ceil(sources.length / SOURCES_PER_PAGE));
  const current = Math.min(Math.max(1, page), pages);
  const title = t('news.sources_header', { count: sources.length, failing, page: current, pages });
  if (sources.length === 0) return { text: `${title}\n${t('news.sources_empty')}` };
  const shown = sortSources(sources).slice((current - 1) * SOURCES_PER_PAGE, current * SOURCES_PER_PAGE);
  const rows = shown.map((s) => sourceRow(s, counts.get(s.id) ?? 0, reader));
  const footer = current < pages ? t('news.sources_next', { next: current + 1 }) : undefined;
  const body = rows.map(([a, b]) => `${a}\n  ${b}`).join('\n');
  return {
    text: [title, body, footer].filter(Boolean).join('\n'),
    card: card(title, fields(rows), ...(footer ? [text(footer, true)] : [])),
  };
}
