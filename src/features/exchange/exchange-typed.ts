// Answers typed in a direct conversation instead of pressed: "accept", "decline" (optionally with
// the other person's name when several proposals wait) and a follow-up answer by its number. Buttons
// of an earlier message, or of a run before a restart, may not be pressable everywhere (the shell
// only keeps the latest); typing always works.
import type { Member, OutboundMessage, Translator } from '../../core/index.ts';
import { OUTCOMES, type Proposal } from './exchange.ts';
import { memberIndex, type ExchangeDeps } from './exchange-service.ts';

export type TypedStep =
  | { kind: 'answer'; proposalId: string; answer: 'accepted' | 'declined' }
  | { kind: 'outcome'; value: string }
  | { kind: 'reply'; message: OutboundMessage }
  | { kind: 'none' };

/** Words in every language the bot speaks ("accept|yes", "accetto|sì"…), lower case. */
const wordsFor = (translators: readonly Translator[], key: string): Set<string> =>
  new Set(translators.flatMap((t) => t(key).toLowerCase().split('|')).map((w) => w.trim()));

/** Reads a typed line against what waits for this member; `none` when it is not about the exchange. */
export async function readTyped(deps: ExchangeDeps, member: Member, typed: string, t: Translator, all: readonly Translator[]): Promise<TypedStep> {
  const [first = '', ...rest] = typed.trim().toLowerCase().split(/\s+/);
  const accept = wordsFor(all, 'exchange.word_accept');
  const decline = wordsFor(all, 'exchange.word_decline');
  const number = /^\d+$/.test(first) ? Number(first) : null;
  if (!accept.has(first) && !decline.has(first) && number === null) return { kind: 'none' };
  const open = await deps.repo.openFor(member.id);
  const people = await memberIndex(deps.members);
  const otherName = (p: Proposal): string => people.get(p.seekerId === member.id ? p.helperId : p.seekerId)?.displayName ?? '?';
  const named = rest.join(' ');
  const pick = (list: Proposal[]): Proposal[] => (named ? list.filter((p) => otherName(p).toLowerCase().startsWith(named)) : list);

  if (number !== null) {
    const followUps = pick(open.filter((p) => p.followUpAt !== null && p.status === 'accepted'));
    const code = OUTCOMES[number - 1];
    if (followUps.length === 0) return { kind: 'none' };
    if (!code) return { kind: 'reply', message: { text: t('exchange.typed_outcome_range', { count: OUTCOMES.length }) } };
    if (followUps.length > 1) return several(followUps.map(otherName), t);
    return { kind: 'outcome', value: `${(followUps[0] as Proposal).id}|${code}` };
  }
  const waiting = pick(open.filter((p) => p.status === 'proposed'));
  if (waiting.length === 0) return { kind: 'reply', message: { text: t('exchange.typed_nothing_waiting') } };
  if (waiting.length > 1) return several(waiting.map(otherName), t);
  return { kind: 'answer', proposalId: (waiting[0] as Proposal).id, answer: accept.has(first) ? 'accepted' : 'declined' };
}

const several = (names: string[], t: Translator): TypedStep => ({
  kind: 'reply',
  message: { text: t('exchange.typed_several', { names: names.join(', '), example: names[0] ?? '' }) },
});
