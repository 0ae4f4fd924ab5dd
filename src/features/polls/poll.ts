// A quick poll as the feature sees it: its record, a voter's choice, the tally, and the pure rules
// of voting (pressing an option again withdraws it; a single-choice vote moves to the new option)
// and of reading a poll as typed ("Question? | A | B" or "“Question?” A B").
import { tokenizeLine, type ConversationRef } from '../../core/index.ts';

export const POLL_OPTIONS_MIN = 2;
/** Ten buttons fit two rows everywhere (Discord: five per row, five rows per message). */
export const POLL_OPTIONS_MAX = 10;
/** Slack button labels stop at 75 characters, Discord's at 80. */
export const POLL_OPTION_MAX = 75;
export const POLL_QUESTION_MAX = 300;

export type PollStatus = 'open' | 'closed';

export interface Poll {
  id: string;
  code: string;
  creatorId: string | null;
  conversation: ConversationRef;
  messageId: string | null;
  language: string;
  question: string;
  options: string[];
  multiple: boolean;
  anonymous: boolean;
  /** Anonymous polls while open: the key voters are hashed under. Never leaves the service. */
  secret: string | null;
  status: PollStatus;
  closesAt: Date | null;
  createdAt: Date;
  closedAt: Date | null;
  /** Final counts, set at close. */
  result: Tally | null;
}

export interface Vote {
  pollId: string;
  voterKey: string;
  /** Named polls only. */
  voterName: string | null;
  /** Option indexes, ascending. */
  choices: number[];
}

export interface Tally {
  /** People with at least one option chosen. */
  voters: number;
  counts: number[];
  /** Named polls: who chose each option (empty lists for anonymous polls). */
  names: string[][];
}

/** What a voter's choices become when they press `option`. */
export function toggle(current: readonly number[], option: number, multiple: boolean): number[] {
  if (current.includes(option)) return current.filter((c) => c !== option);
  return multiple ? [...current, option].sort((a, b) => a - b) : [option];
}

export function tallyOf(poll: Pick<Poll, 'options' | 'anonymous'>, votes: readonly Vote[]): Tally {
  const counts = poll.options.map(() => 0);
  const names: string[][] = poll.options.map(() => []);
  let voters = 0;
  for (const vote of votes) {
    const valid = vote.choices.filter((c) => c >= 0 && c < counts.length);
    if (valid.length === 0) continue;
    voters++;
    for (const c of valid) {
      counts[c]!++;
      if (!poll.anonymous && vote.voterName) names[c]!.push(vote.voterName);
    }
  }
  for (const list of names) list.sort((a, b) => a.localeCompare(b));
  return { voters, counts, names };
}

/**
 * The question and options as typed: split on "|" when there is one; else a quoted question (or
 * one ending in "?") followed by options as quoted phrases or single words.
 */
export function readPollText(typed: string): { question: string; options: string[] } {
  const text = typed.trim();
  const unquote = (p: string) =>
    p
      .trim()
      .replace(/^["“”„«»]+|["“”„«»]+$/g, '')
      .trim();
  const words = (s: string) => tokenizeLine(s).map((t) => t.whole);
  let parts: string[];
  if (text.includes('|')) parts = text.split('|');
  else if (/^["“”„«»]/.test(text) || !text.includes('?')) parts = words(text);
  else {
    const end = text.indexOf('?') + 1;
    parts = [text.slice(0, end), ...words(text.slice(end))];
  }
  const [question = '', ...options] = parts.map(unquote).filter((p) => p.length > 0);
  return { question, options };
}
