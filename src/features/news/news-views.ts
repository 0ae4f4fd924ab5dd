// Messages of the news feature as neutral data: digests split cleanly into pages that any platform can
// carry (≤ 40 blocks and ≤ 3,500 characters of text each), previews with their why-in/why-out, source
// lists, reminders, change announcements and admins' notices.
import { divider, fields, text, type Block, type OutboundMessage } from '../../core/index.ts';
import type { Digest, DigestGroup } from './news-digest.ts';
import { DIGEST_GROUPS } from './news-digest.ts';
import type { Check } from './news-filter.ts';
import { changeLine, formatInstant, itemBlocks, itemText, type Reader } from './news-format.ts';
import type { ItemChange, NewsItem } from './news-item.ts';
import type { NewsSource } from './news-sources.ts';

export const PAGE_LIMITS = { blocks: 40, chars: 3500 } as const;

interface Entry {
  text: string;
  blocks: Block[];
}
interface Section {
  header: string;
  entries: Entry[];
}

/**
 * Packs sections into pages without ever cutting an item: a page ends before the entry that would
 * cross a limit, and a section continued on the next page repeats its header.
 */
export function paginate(title: string, sections: Section[], footer?: string, limits = PAGE_LIMITS): Array<{ text: string; blocks: Block[] }> {
  const pages: Array<{ lines: string[]; blocks: Block[] }> = [];
  let page = { lines: [title], blocks: [] as Block[] };
  const chars = (p: typeof page) => p.lines.join('\n\n').length;
  const room = (p: typeof page, entry: Entry, extraLines: string[], extraBlocks: number) =>
    p.blocks.length + entry.blocks.length + extraBlocks <= limits.blocks &&
    chars(p) + [...extraLines, entry.text].join('\n\n').length + 4 * (extraLines.length + 1) + 40 <= limits.chars;
  for (const section of sections) {
    let headerShown = false;
    for (const entry of section.entries) {
      const header = headerShown ? [] : [section.header];
      if (!room(page, entry, header, header.length * 2) && page.blocks.length > 0) {
        pages.push(page);
        page = { lines: [title], blocks: [] };
        headerShown = false;
      }
      if (!headerShown) {
        if (page.blocks.length > 0) page.blocks.push(divider());
        page.blocks.push(text(`*${section.header}*`));
        page.lines.push(section.header.toUpperCase());
        headerShown = true;
      }
      page.blocks.push(...entry.blocks);
      page.lines.push(entry.text);
    }
  }
  if (footer) {
    const tail = { text: footer, blocks: [text(footer, true)] };
    if (!room(page, tail, [], 0)) {
      pages.push(page);
      page = { lines: [title], blocks: [] };
    }
    page.blocks.push(...tail.blocks);
    page.lines.push(footer);
  }
  if (page.blocks.length > 0 || pages.length === 0) pages.push(page);
  return pages.map((p) => ({ text: p.lines.join('\n\n'), blocks: p.blocks }));
}

function digestSections(digest: Digest, reader: Reader): Section[] {
  return DIGEST_GROUPS.filter((g) => digest.groups[g].length > 0).map((group: DigestGroup) => ({
    header: reader.t(`news.group_${group}`, { count: digest.groups[group].length }),
    entries: digest.groups[group].map((item) => ({ text: itemText(item, reader, group === 'changed'), blocks: itemBlocks(item, reader, group === 'changed') })),
  }));
}

/** One digest as one or more messages, "(2/3)" in the title when split. */
export function digestMessages(digest: Digest, reader: Reader, periodLabel: string): OutboundMessage[] {
  const { t } = reader;
  const footer = digest.overflow > 0 ? t('news.digest_overflow', { count: digest.overflow }) : t('news.digest_footer');
  const baseTitle = t('news.digest_title', { period: periodLabel });
  const pages = paginate(baseTitle, digestSections(digest, reader), footer);
  return pages.map((page, i) => {
    const title = pages.length > 1 ? `${baseTitle} (${i + 1}/${pages.length})` : baseTitle;
    return { text: page.text.replace(baseTitle, title), card: { title, blocks: page.blocks } };
  });
}

export function previewMessage(digest: Digest, reader: Reader, nextAt: string, summary: string): OutboundMessage {
  const { t } = reader;
  const title = t('news.preview_title', { date: formatInstant(nextAt, reader) });
  const count = DIGEST_GROUPS.reduce((n, g) => n + digest.groups[g].length, 0);
  if (count === 0) {
    const body = `${summary}\n${t('news.preview_empty')}`;
    return { text: `${title}\n${body}`, card: { title, blocks: [text(summary, true), text(t('news.preview_empty'))] } };
  }
  const [first, ...rest] = paginate(title, digestSections(digest, reader), t('news.preview_hint'));
  const more = rest.length ? `\n\n${t('news.preview_more', { pages: rest.length + 1 })}` : '';
  return { text: `${first!.text}${more}`, card: { title, blocks: [text(summary, true), ...first!.blocks.slice(0, PAGE_LIMITS.blocks - 1)] } };
}

export function explainMessage(item: NewsItem, result: { included: boolean; group: DigestGroup | null; checks: Check[] }, reader: Reader): OutboundMessage {
  const { t } = reader;
  const verdict = result.included ? t('news.why_in', { group: t(`news.group_${result.group ?? 'new'}`, { count: 1 }) }) : t('news.why_out');
  const lines = result.checks.map((c) => `${c.pass ? '✓' : '✗'} ${t(`news.${c.key}`, c.vars)}`);
  const body = [itemText(item, reader), '', verdict, ...lines].join('\n');
  return { text: body, card: { title: verdict, blocks: [text(itemText(item, reader)), text(lines.join('\n'))] } };
}

export function sourcesMessage(sources: NewsSource[], counts: Map<string, number>, reader: Reader): OutboundMessage {
  const { t } = reader;
  const title = t('news.sources_title', { count: sources.length });
  if (sources.length === 0) return { text: `${title}\n${t('news.sources_empty')}` };
  const rows = sources.map((s): [string, string] => [
    `${s.id} · ${s.kind} · ${s.url}`,
    [
      t(`news.state_${s.state}`) + (s.state === 'failing' && s.lastError ? ` (${s.lastError})` : ''),
      t('news.source_last_success', { date: s.lastSuccessAt ? formatInstant(s.lastSuccessAt.toISOString(), reader) : '—' }),
      t('news.source_counts', { items: counts.get(s.id) ?? 0, imported: s.lastImported, skipped: s.lastSkipped }),
      t('news.source_every', { every: s.every }),
    ].join(' · '),
  ]);
  return { text: `${title}\n${rows.map(([a, b]) => `${a}\n  ${b}`).join('\n')}`, card: { title, blocks: [fields(rows.slice(0, 20))] } };
}

export function itemMessage(item: NewsItem, reader: Reader, going?: { names: string[]; hidden: number }): OutboundMessage {
  const { t } = reader;
  const extra: string[] = [];
  if (item.summary) extra.push(item.summary.slice(0, 600));
  if (item.topics.length) extra.push(t('news.topics_line', { topics: item.topics.slice(0, 12).join(', ') }));
  if (item.kind === 'call' && item.deadlines.length > 1)
    extra.push(t('news.all_deadlines', { dates: item.deadlines.map((d) => formatInstant(d, reader)).join(', ') }));
  if (going) extra.push(goingLine(going, reader));
  const body = [itemText(item, reader), ...extra].join('\n');
  return { text: body, card: { title: item.title, blocks: [...itemBlocks(item, reader), ...extra.map((e) => text(e, true))] } };
}

export function goingLine(going: { names: string[]; hidden: number }, reader: Reader): string {
  const { t } = reader;
  if (going.names.length === 0 && going.hidden === 0) return t('news.going_nobody');
  const names = going.names.join(', ') || '—';
  return going.hidden > 0 ? t('news.going_list_hidden', { names, count: going.hidden }) : t('news.going_list', { names });
}

export function reminderMessage(item: NewsItem, deadline: string, days: number, reader: Reader): OutboundMessage {
  const { t } = reader;
  const left = Math.max(0, Math.ceil((Date.parse(deadline) - reader.now.getTime()) / 86_400_000));
  const title = t('news.reminder_title', { days, title: item.title });
  const body = t('news.reminder_body', { date: formatInstant(deadline, reader), left });
  return { text: `${title}\n${body}\n${itemText(item, reader)}`, card: { title, blocks: [text(body), ...itemBlocks(item, reader)] } };
}

export function changeMessage(item: NewsItem, changes: ItemChange[], reader: Reader): OutboundMessage {
  const { t } = reader;
  const title = t('news.changed_title', { title: item.title });
  const lines = changes.map((c) => `• ${changeLine(c, reader)}`).join('\n');
  return { text: `${title}\n${lines}\n${itemText(item, reader)}`, card: { title, blocks: [text(lines), ...itemBlocks(item, reader)] } };
}

export function failingNotice(source: Pick<NewsSource, 'id' | 'kind' | 'url'>, reason: string, reader: Pick<Reader, 't'>): OutboundMessage {
  const message = reader.t('news.failing_notice', { id: source.id, kind: source.kind, url: source.url, reason });
  return { text: message };
}
