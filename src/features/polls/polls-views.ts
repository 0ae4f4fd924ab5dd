// What a poll looks like: one message, the same for everyone, in its author's language. Open, it
// carries a button per option and the tally so far (named polls: counts and who chose what;
// anonymous polls: only how many voted, since a count that moves as one person presses tells what
// they chose). Closed, it shows the final counts without buttons; an anonymous poll shows them only
// from the network's anonymity minimum of voters.
import { actionRows, actions, button, card, text, type Block, type OutboundMessage, type Translator } from '../../core/index.ts';
import { formatClosing } from './poll-closing.ts';
import type { Poll, Tally } from './poll.ts';

export const VOTE_ACTION = 'poll:vote';
export const CLOSE_ACTION = 'poll:close';

export interface PollViewOptions {
  timeZone: string;
  /** Anonymous polls show counts only from this many voters. */
  anonymityMin: number;
}

/** The button value: which poll and which option ("<poll id>~<index>"). */
export const voteValue = (poll: Pick<Poll, 'id'>, option: number): string => `${poll.id}~${option}`;

export function readVoteValue(value: string | undefined): { pollId: string; option: number } | null {
  const m = /^([\w-]+)~(\d{1,2})$/.exec(value ?? '');
  return m ? { pollId: m[1]!, option: Number(m[2]) } : null;
}

const BAR_WIDTH = 10;
/** Names shown under an option: ten options with their names stay within one Discord embed (4096 characters). */
const NAMES_SHOWN = 8;
const bar = (share: number) => '█'.repeat(Math.round(share * BAR_WIDTH)).padEnd(BAR_WIDTH, '░');
const percent = (count: number, of: number) => (of ? Math.round((count / of) * 100) : 0);

/** Whether the counts may be shown: always for named polls; for anonymous ones only closed and from the minimum. */
export function countsVisible(poll: Poll, tally: Tally, options: PollViewOptions): boolean {
  if (!poll.anonymous) return true;
  return poll.status === 'closed' && tally.voters >= options.anonymityMin;
}

function kindLine(poll: Poll, t: Translator, options: PollViewOptions): string {
  const parts = [t(poll.multiple ? 'polls.kind_multiple' : 'polls.kind_single'), t(poll.anonymous ? 'polls.kind_anonymous' : 'polls.kind_named')];
  if (poll.status === 'closed' && poll.closedAt) parts.push(t('polls.closed_at', { when: formatClosing(poll.closedAt, poll.language, options.timeZone) }));
  else parts.push(poll.closesAt ? t('polls.closes_at', { when: formatClosing(poll.closesAt, poll.language, options.timeZone) }) : t('polls.no_closing'));
  return parts.join(' · ');
}

/** One line per option: its bar and count, and its share of the voters; the names under it in named polls. */
function optionLines(poll: Poll, tally: Tally, t: Translator): string[] {
  return poll.options.map((label, i) => {
    const count = tally.counts[i] ?? 0;
    const line = `*${label}*  ${bar(tally.voters ? count / tally.voters : 0)}  ${t('polls.votes', { count })} (${percent(count, tally.voters)}%)`;
    const names = tally.names[i] ?? [];
    if (names.length === 0) return line;
    const more = names.length > NAMES_SHOWN ? ` ${t('polls.more_names', { count: names.length - NAMES_SHOWN })}` : '';
    return `${line}\n      _${names.slice(0, NAMES_SHOWN).join(', ')}${more}_`;
  });
}

function summary(poll: Poll, tally: Tally, t: Translator, options: PollViewOptions): string {
  if (countsVisible(poll, tally, options)) return t('polls.voters', { count: tally.voters });
  if (poll.status === 'open') return t('polls.anonymous_live', { count: tally.voters });
  return tally.voters === 0 ? t('polls.voters', { count: 0 }) : t('polls.too_few', { count: tally.voters, min: options.anonymityMin });
}

export function pollMessage(poll: Poll, tally: Tally, t: Translator, options: PollViewOptions): OutboundMessage {
  const open = poll.status === 'open';
  const visible = countsVisible(poll, tally, options);
  const lines = visible ? optionLines(poll, tally, t) : poll.options.map((o) => `• ${o}`);
  const blocks: Block[] = [text(kindLine(poll, t, options), true), text(lines.join('\n')), text(summary(poll, tally, t, options))];
  if (open) {
    blocks.push(...actionRows(poll.options.map((label, i) => button(VOTE_ACTION, label, voteValue(poll, i)))));
    blocks.push(actions(button(CLOSE_ACTION, t('polls.close_button'), poll.id, 'danger')));
    blocks.push(text(`${t(poll.multiple ? 'polls.press_hint_multiple' : 'polls.press_hint_single')} ${t('polls.code_hint', { code: poll.code })}`, true));
  }
  const title = open ? `📊 ${poll.question}` : `📊 ${poll.question} — ${t('polls.final_results')}`;
  const fallback = [title, kindLine(poll, t, options), ...lines, summary(poll, tally, t, options)].join('\n');
  return { text: fallback, card: card(title, ...blocks) };
}

/** The private word to the voter after a press. */
export function voteReceipt(poll: Poll, choices: number[], t: Translator): OutboundMessage {
  if (choices.length === 0) return { text: t('polls.vote_withdrawn', { question: poll.question }) };
  return { text: t('polls.vote_taken', { question: poll.question, options: choices.map((c) => poll.options[c]).join(', ') }) };
}

/** The chart's bars, when the counts may be shown and someone voted. */
export function chartBars(poll: Poll, tally: Tally, options: PollViewOptions): Array<{ label: string; value: number }> | null {
  if (!countsVisible(poll, tally, options) || tally.voters === 0) return null;
  return poll.options.map((label, i) => ({ label, value: tally.counts[i] ?? 0 }));
}

export function pollList(polls: Poll[], t: Translator, options: PollViewOptions): OutboundMessage {
  if (polls.length === 0) return { text: t('polls.list_none') };
  const lines = polls.map((p) =>
    t('polls.list_line', {
      code: p.code,
      question: p.question,
      closes: p.closesAt ? formatClosing(p.closesAt, p.language, options.timeZone) : t('polls.no_closing'),
    }),
  );
  return { text: [t('polls.list_title', { count: polls.length }), ...lines].join('\n') };
}
