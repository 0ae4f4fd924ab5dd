// Messages of the news feature as neutral data: digests split cleanly into pages that any platform can
// carry (≤ 40 blocks and ≤ 3,500 characters of text each), previews with their why-in/why-out, source
// lists, reminders, change announcements and admins' notices.
import { divider, text, type Block, type OutboundMessage } from '../../core/index.ts';
import type { Digest, DigestGroup } from './news-digest.ts';
import { DIGEST_GROUPS } from './news-digest.ts';
import type { Check } from './news-filter.ts';
import { changeLine, daysList, deadlineInstant, formatDeadline, formatInstant, itemBlocks, itemText, type Reader } from './news-format.ts';
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
  const pages: Array<{ lines: string[]; blocks: Block[]; chars: number }> = [];
  let page = { lines: [title], blocks: [] as Block[], chars: title.length };
  // Kept as lines are added (joining every line for every entry made each digest quadratic).
  const chars = (p: typeof page) => p.chars;
  const add = (p: typeof page, line: string) => {
    p.chars += line.length + 2;
    p.lines.push(line);
  };
  // The characters the entry adds, its header lines and their separators included, counted without
  // joining them (a digest run checks some 170,000 entries).
  const room = (p: typeof page, entry: Entry, extraLines: string[], extraBlocks: number) =>
    p.blocks.length + entry.blocks.length + extraBlocks <= limits.blocks &&
    chars(p) + extraLines.reduce((n, line) => n + line.length + 2, entry.text.length) + 4 * (extraLines.length + 1) + 40 <= limits.chars;
  for (const section of sections) {
    let headerShown = false;
    for (const entry of section.entries) {
      const header = headerShown ? [] : [section.header];
      if (!room(page, entry, header, header.length * 2) && page.blocks.length > 0) {
        pages.push(page);
        page = { lines: [title], blocks: [], chars: title.length };
        headerShown = false;
      }
      if (!headerShown) {
        if (page.blocks.length > 0) page.blocks.push(divider());
        page.blocks.push(text(`*${section.header}*`));
        add(page, section.header.toUpperCase());
        headerShown = true;
      }
      page.blocks.push(...entry.blocks);
      add(page, entry.text);
    }
  }
  if (footer) {
    const tail = { text: footer, blocks: [text(footer, true)] };
    if (!room(page, tail, [], 0)) {
      pages.push(page);
      page = { lines: [title], blocks: [], chars: title.length };
    }
    page.blocks.push(...tail.blocks);
    add(page, footer);
  }
  if (page.blocks.length > 0 || pages.length === 0) pages.push(page);
  return pages.map((p) => ({ text: p.lines.join('\n\n'), blocks: p.blocks }));
}

/**
 * Rendered items of one digest run for its current reader (language and zone): the same call in a
 * thousand digests is formatted once per language and zone, not a thousand times. Starts over when the
 * reader changes (a run goes reader by reader), so it holds one reader's items at most; never kept.
 */
export interface RenderCache {
  reader?: Reader;
  entries: Map<string, Entry>;
}

export const renderCache = (): RenderCache => ({ entries: new Map() });

function entryOf(item: NewsItem, reader: Reader, changed: boolean, cache?: RenderCache): Entry {
  if (cache && cache.reader !== reader) {
    cache.reader = reader;
    cache.entries.clear();
  }
  const key = changed ? `${item.id}|${item.version}|c` : item.id;
  const cached = cache?.entries.get(key);
  if (cached) return cached;
  const text = itemText(item, reader, changed);
  const entry = { text, blocks: itemBlocks(item, reader, changed, text) };
  cache?.entries.set(key, entry);
  return entry;
}

function digestSections(digest: Digest, reader: Reader, cache?: RenderCache): Section[] {
  return DIGEST_GROUPS.filter((g) => digest.groups[g].length > 0).map((group: DigestGroup) => ({
    header: reader.t(`news.group_${group}`, { count: digest.groups[group].length }),
    entries: digest.groups[group].map((item) => entryOf(item, reader, group === 'changed', cache)),
  }));
}

/** One digest as one or more messages, "(2/3)" in the title when split. */
export function digestMessages(digest: Digest, reader: Reader, periodLabel: string, cache?: RenderCache): OutboundMessage[] {
  const { t } = reader;
  const footer = digest.overflow > 0 ? t('news.digest_overflow', { count: digest.overflow }) : t('news.digest_footer');
  const baseTitle = t('news.digest_title', { period: periodLabel });
  const pages = paginate(baseTitle, digestSections(digest, reader, cache), footer);
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

export function itemMessage(item: NewsItem, reader: Reader, going?: Going): OutboundMessage {
  const { t } = reader;
  const extra: string[] = [];
  if (item.summary) extra.push(item.summary.slice(0, 600));
  if (item.topics.length) extra.push(t('news.topics_line', { topics: item.topics.slice(0, 12).join(', ') }));
  if (item.kind === 'call' && item.deadlines.length > 1)
    extra.push(t('news.all_deadlines', { dates: item.deadlines.map((d) => formatDeadline(d, reader)).join(', ') }));
  if (going) extra.push(goingLine(going, reader));
  const body = [itemText(item, reader), ...extra].join('\n');
  return { text: body, card: { title: item.title, blocks: [...itemBlocks(item, reader), ...extra.map((e) => text(e, true))] } };
}

/** Who is going: those who show it by name, those who keep it private, and those who never chose. */
export interface Going {
  names: string[];
  hidden: number;
  undecided: number;
}

export function goingLine(going: Going, reader: Pick<Reader, 't' | 'language'>): string {
  const { t } = reader;
  const others = going.hidden + going.undecided;
  if (going.names.length === 0 && others === 0) return t('news.going_nobody');
  const names = new Intl.ListFormat(reader.language, { type: 'conjunction' }).format(going.names);
  const head =
    going.names.length === 0
      ? t('news.going_count', { count: others })
      : others
        ? t('news.going_names_more', { names, count: others })
        : t('news.going_names', { names });
  return going.hidden > 0 ? `${head} ${t('news.going_private', { count: going.hidden })}` : head;
}

export function reminderMessage(item: NewsItem, deadline: string, days: number, reader: Reader): OutboundMessage {
  const { t } = reader;
  const at = deadlineInstant(deadline);
  const left = Math.max(0, Math.ceil((Date.parse(at) - reader.now.getTime()) / 86_400_000));
  const title = t('news.reminder_title', { count: days, title: item.title });
  const body = t(left === 0 ? 'news.reminder_body_today' : 'news.reminder_body', { date: formatDeadline(deadline, reader), count: left });
  return { text: `${title}\n${body}\n${itemText(item, reader)}`, card: { title, blocks: [text(body), ...itemBlocks(item, reader)] } };
}

/** What following a call promises: only the reminders still to come, or none. */
export function followedText(item: NewsItem, next: string | undefined, reminders: readonly number[], reader: Reader): string {
  const { t } = reader;
  if (!next) return t('news.followed_no_deadline', { title: item.title });
  const date = formatDeadline(next, reader);
  if (reminders.length === 0) return t('news.followed_no_reminders', { title: item.title, date });
  return t('news.followed_reminders', { title: item.title, date, when: daysList(reminders, reader) });
}

export function changeMessage(item: NewsItem, changes: ItemChange[], reader: Reader): OutboundMessage {
  const { t } = reader;
  const title = t('news.changed_title', { title: item.title });
  const lines = changes.map((c) => `• ${changeLine(c, reader)}`).join('\n');
  return { text: `${title}\n${lines}\n${itemText(item, reader)}`, card: { title, blocks: [text(lines), ...itemBlocks(item, reader)] } };
}

/**
 * Sources report failures as short English phrases (they are logged and stored as such); readers get
 * them in their language. A phrase not known here is shown as it is rather than lost.
 */
const REASONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^not (?:a valid |an )RSS or Atom feed$/i, 'not_feed'],
  [/^not (?:a valid |an )iCalendar file$/i, 'not_ical'],
  [/^(?:not valid JSON|no "results" in the portal response)$/i, 'not_portal'],
  [/^bulk file is not valid JSON$/i, 'not_bulk'],
  [/^no fundingData\.GrantTenderObj records in the file$/i, 'bulk_empty'],
  [/^bulk file broke off after (\d+) records$/i, 'bulk_broke_off'],
  [/^timed? ?out/i, 'timed_out'],
  [/^unreachable$/i, 'unreachable'],
  [/^HTTP (\d{3})$/i, 'http'],
  [/^file not found$/i, 'file_not_found'],
  [/^file unreadable \((.+)\)$/i, 'file_unreadable'],
  [/^not a valid address$/i, 'bad_address'],
  [/^unsupported scheme (.+)$/i, 'bad_scheme'],
  [/^too large for this kind of source$/i, 'too_large'],
  [/^connection broke off$/i, 'broke_off'],
  [/^internal$/i, 'internal'],
];

export function reasonText(reason: string, t: Reader['t']): string {
  for (const [pattern, key] of REASONS) {
    const m = pattern.exec(reason.trim());
    if (m) return t(`news.reason_${key}`, { detail: m[1] ?? '', count: Number(m[1] ?? 0) });
  }
  return reason;
}

export function failingNotice(source: Pick<NewsSource, 'id' | 'kind' | 'url'>, reason: string, reader: Pick<Reader, 't'>): OutboundMessage {
  const message = reader.t('news.failing_notice', { id: source.id, kind: source.kind, url: source.url, reason: reasonText(reason, reader.t) });
  return { text: message };
}
