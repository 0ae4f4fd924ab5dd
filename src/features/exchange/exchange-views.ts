// Pure views of the exchange's matchmaking: the proposal each side receives (saying why), the
// thread's introduction and the follow-up question. Profiles are in exchange-profile-views.ts.
import { DateTime } from 'luxon';
import { actionRows, actions, button, card, text, type FormSpec, type Member, type OutboundMessage, type Translator } from '../../core/index.ts';
import { OUTCOMES, type Profile, type Proposal, type Side } from './exchange.ts';

export const ACCEPT_ACTION = 'exchange:accept';
export const DECLINE_ACTION = 'exchange:decline';
export const OUTCOME_ACTION = 'exchange:outcome';
export const OUTCOME_NOTE_FORM = 'exchange:outcome-note';

export const topicLabel = (t: Translator, topic: string): string => t(`exchange.topic.${topic}`);
export const topicList = (t: Translator, topics: readonly string[]): string => topics.map((x) => topicLabel(t, x)).join(', ');
export const languageList = (t: Translator, languages: readonly string[]): string => languages.map((l) => t(`exchange.language.${l}`)).join(', ');

/** A stored instant as the calendar date the person typed, in their time zone. */
export const localDate = (at: Date, timeZone: string): string => DateTime.fromJSDate(at, { zone: timeZone }).toISODate() ?? at.toISOString().slice(0, 10);

export interface Party {
  member: Member;
  profile: Profile;
}

/** Why this person is worth talking to, from the receiver's side of the proposal. */
export function whyLine(side: Side, other: Party, topic: string, shared: string[], t: Translator): string {
  const vars = { name: other.member.displayName, cluster: other.profile.clusterName, country: other.profile.country, topic: topicLabel(t, topic) };
  const why =
    side === 'seeker'
      ? other.profile.experience
        ? t('exchange.why_seeker_experience', { ...vars, experience: other.profile.experience })
        : t('exchange.why_seeker', vars)
      : t('exchange.why_helper', vars);
  return shared.length ? `${why} ${t('exchange.why_languages', { languages: languageList(t, shared) })}` : why;
}

export function proposalMessage(proposal: Pick<Proposal, 'id' | 'topic'>, side: Side, other: Party, shared: string[], t: Translator): OutboundMessage {
  const title = t('exchange.proposal_title', { name: other.member.displayName });
  const why = whyLine(side, other, proposal.topic, shared, t);
  const ask = t('exchange.proposal_ask');
  return {
    text: `${title}\n${why}\n${ask}`,
    card: card(
      title,
      text(why),
      text(ask, true),
      actions(button(ACCEPT_ACTION, t('exchange.accept'), proposal.id, 'primary'), button(DECLINE_ACTION, t('exchange.decline'), proposal.id)),
    ),
  };
}

export function answeredProposal(proposal: Pick<Proposal, 'topic'>, accepted: boolean, other: string, t: Translator): OutboundMessage {
  return { text: t(accepted ? 'exchange.you_accepted' : 'exchange.you_declined', { name: other, topic: topicLabel(t, proposal.topic) }) };
}

export const threadTitle = (seeker: Party, helper: Party, topic: string, t: Translator): string =>
  `${seeker.member.displayName} & ${helper.member.displayName}: ${topicLabel(t, topic)}`;

export function introMessage(seeker: Party, helper: Party, topic: string, t: Translator): OutboundMessage {
  const vars = {
    seeker: seeker.member.displayName,
    helper: helper.member.displayName,
    seekerCluster: seeker.profile.clusterName,
    helperCluster: helper.profile.clusterName,
    topic: topicLabel(t, topic),
  };
  const intro = t('exchange.intro', vars);
  const questions = [1, 2, 3, 4].map((n) => `${n}. ${t(`exchange.opening_${n}`, vars)}`);
  const title = t('exchange.intro_title', vars);
  return {
    text: [title, intro, t('exchange.opening_title'), ...questions].join('\n'),
    card: card(title, text(intro), text(`*${t('exchange.opening_title')}*\n${questions.join('\n')}`)),
  };
}

export function threadOpenedMessage(other: string, title: string, t: Translator): OutboundMessage {
  return { text: t('exchange.thread_opened', { name: other, title }) };
}

export function declinedNotice(other: string, topic: string, t: Translator): OutboundMessage {
  return { text: t('exchange.other_declined', { name: other, topic: topicLabel(t, topic) }) };
}

/** "Did it help?" with one button per answer; the reminder says it is the last time it asks. */
export function followUpMessage(proposalId: string, other: string, topic: string, t: Translator, reminder = false): OutboundMessage {
  const question = t(reminder ? 'exchange.followup_reminder' : 'exchange.followup', { name: other, topic: topicLabel(t, topic) });
  const options = OUTCOMES.map((o) => t(`exchange.outcome.${o}`));
  const hint = t('exchange.followup_hint');
  return {
    text: `${question}\n${options.map((o, i) => `${i + 1}. ${o}`).join('\n')}\n${hint}`,
    card: card(
      t('exchange.followup_title'),
      text(question),
      ...actionRows(OUTCOMES.map((o) => button(OUTCOME_ACTION, t(`exchange.outcome.${o}`), `${proposalId}|${o}`))),
      text(hint, true),
    ),
  };
}

/** The optional line after an answer: a modal where the platform has one, else a question in the DM. */
export function outcomeNoteForm(proposalId: string, t: Translator): FormSpec {
  return {
    formId: OUTCOME_NOTE_FORM,
    title: t('exchange.note_title'),
    context: proposalId,
    fields: [{ id: 'note', kind: 'text', label: t('exchange.note_label'), help: t('exchange.note_help'), required: false, maxLength: 500, multiline: true }],
  };
}
