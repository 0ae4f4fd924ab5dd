// Pure views of "ask the network": the topic picker, the question's thread, the notice helpers get,
// the form to pick the answers worth keeping, and search results over good-practice entries.
import { actionRows, button, card, list, text, type FormSpec, type Member, type OutboundMessage, type Translator } from '../../core/index.ts';
import { TOPICS, type Answer, type Question } from './exchange.ts';
import { topicLabel, topicList } from './exchange-views.ts';

export const ASK_TOPIC_ACTION = 'exchange:ask-topic';
export const ANSWERED_FORM = 'exchange:answered';

const clip = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** The thread's name: short, neutral, the same whatever the asker's language. */
export const questionThreadTitle = (id: number): string => `exchange-q${id}`;

export function topicPicker(questionId: number, t: Translator): OutboundMessage {
  const prompt = t('exchange.ask_pick_topic');
  const buttons = TOPICS.map((topic) => button(ASK_TOPIC_ACTION, topicLabel(t, topic), `${questionId}|${topic}`));
  return {
    text: `${prompt}\n${TOPICS.map((topic) => `- ${topic}: ${topicLabel(t, topic)}`).join('\n')}`,
    card: card(undefined, text(prompt), ...actionRows(buttons)),
  };
}

export function questionThreadMessage(question: Question, asker: Member, t: Translator): OutboundMessage {
  const title = t('exchange.ask_thread_heading', { id: question.id, name: asker.displayName, topics: topicList(t, question.topics) });
  const hint = t('exchange.ask_thread_hint', { id: question.id });
  return { text: `${title}\n${question.text}\n${hint}`, card: card(title, text(question.text), text(hint, true)) };
}

export function askNotice(question: Question, asker: Member, t: Translator): OutboundMessage {
  const line = t('exchange.ask_notice', { name: asker.displayName, topics: topicList(t, question.topics), title: questionThreadTitle(question.id) });
  return { text: `${line}\n> ${question.text}`, card: card(t('exchange.ask_notice_title'), text(line), text(`> ${question.text}`)) };
}

/** What the asker is told: who was told, and who could help but was asked too often this week. */
export function askPosted(question: Question, notified: number, busy: number, weeklyLimit: number, t: Translator): OutboundMessage {
  const lines = [t('exchange.ask_posted', { id: question.id, title: questionThreadTitle(question.id), count: notified })];
  if (busy > 0) lines.push(t('exchange.ask_posted_busy', { count: busy, limit: weeklyLimit }));
  else if (notified === 0) lines.push(t('exchange.ask_posted_nobody'));
  return { text: lines.join('\n') };
}

export function answeredForm(question: Question, answers: Answer[], authors: Map<string, string>, t: Translator): FormSpec {
  const options = answers.slice(-25).map((a) => ({ value: String(a.id), label: clip(`${authors.get(a.authorId) ?? '?'}: ${a.text}`, 75) }));
  return {
    formId: ANSWERED_FORM,
    title: t('exchange.answered_title', { id: question.id }),
    context: String(question.id),
    fields: [
      { id: 'picks', kind: 'choice', label: t('exchange.answered_picks'), required: false, multiple: true, options },
      { id: 'summary', kind: 'text', label: t('exchange.answered_summary'), required: false, maxLength: 300, multiline: true },
    ],
  };
}

export function answeredNotice(question: Question, asker: Member, picked: number, t: Translator): OutboundMessage {
  return { text: t('exchange.answered_notice', { id: question.id, name: asker.displayName, count: picked }) };
}

export function searchResults(words: string, hits: Array<{ question: Question; snippet: string }>, leftOut: string[], t: Translator): OutboundMessage {
  const note = leftOut.length ? t('exchange.search_left_out', { count: leftOut.length, words: leftOut.join(' ') }) : undefined;
  if (hits.length === 0) return { text: [t('exchange.search_none', { words }), note].filter(Boolean).join('\n') };
  const title = t('exchange.search_title', { words, count: hits.length });
  const items = hits.map((h) => ({ title: `#${h.question.id} · ${clip(h.question.text, 120)}`, meta: `${topicList(t, h.question.topics)} · ${h.snippet}` }));
  return {
    text: [title, ...items.map((i) => `${i.title}\n  ${i.meta}`), note].filter(Boolean).join('\n'),
    card: card(title, list(items), ...(note ? [text(note, true)] : [])),
  };
}
