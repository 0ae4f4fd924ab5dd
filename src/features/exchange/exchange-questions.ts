// "Ask the network": a question becomes a thread in the exchange channel; members who can help on its
// topics and share a language are told privately, at most a few times a week each. Messages in the
// thread are kept as candidate answers; when the asker marks it answered, the question and the
// answers they pick become a good-practice entry that /exchange search finds.
import { DateTime } from 'luxon';
import { UserFacingError, userRefOf, type Member, type MessageEvent, type OutboundMessage, type OutboxEntry, type Translator } from '../../core/index.ts';
import { TOPICS, resolveTopic, type Question, type Topic } from './exchange.ts';
import type { PracticeEntry } from './exchange-repository.ts';
import { entryTerms } from './exchange-search.ts';
import { WEEK_MS, memberIndex, translatorFor, type ExchangeDeps } from './exchange-service.ts';
import { answeredNotice, askNotice, askPosted, questionThreadMessage, questionThreadTitle, topicPicker } from './exchange-question-views.ts';
import { topicLabel } from './exchange-views.ts';
import { accountsOn } from './exchange-platforms.ts';

/** Never tell more people than this about one question, however many could help. */
const MAX_NOTIFIED = 20;
/** A question longer than this is refused with the limit (it is posted whole or not at all). */
export const QUESTION_MAX = 1000;
/** An answer in a thread is kept whole up to this; beyond it the author is told what was kept. */
export const ANSWER_MAX = 4000;

export function parseTopics(typed: string, labels: Translator[]): Topic[] {
  const topics: Topic[] = [];
  for (const part of typed
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const topic = resolveTopic(part, labels);
    if (!topic) throw new UserFacingError('exchange.unknown_topic', { topic: part, topics: TOPICS.join(', ') });
    if (!topics.includes(topic)) topics.push(topic);
  }
  return topics;
}

/** `/exchange ask`: without topics the asker picks one first; with them it is posted at once. */
export async function ask(deps: ExchangeDeps, member: Member, text: string, topics: Topic[]): Promise<OutboundMessage> {
  const t = translatorFor(deps, member);
  if (!deps.exchangeChannel(member.platform)) throw new UserFacingError('exchange.no_channel');
  const question = text.trim();
  if (question.length > QUESTION_MAX) throw new UserFacingError('exchange.question_too_long', { max: QUESTION_MAX, length: question.length });
  const now = deps.clock.now();
  const asked = await deps.repo.questionTimes(member.id, new Date(now.getTime() - WEEK_MS + 1));
  const limit = deps.settings.askerLimitPerWeek;
  if (asked.length >= limit) {
    // The window frees up when the oldest question that still counts is a week old.
    const again = new Date((asked[asked.length - limit] as Date).getTime() + WEEK_MS);
    const when = DateTime.fromJSDate(again, { zone: member.timeZone ?? deps.settings.timeZone }).toFormat('yyyy-MM-dd HH:mm');
    throw new UserFacingError('exchange.ask_limit', { count: limit, when });
  }
  const profile = await deps.repo.getProfile(member.id);
  const languages = profile?.languages.length ? profile.languages : [deps.ctx.languages.languageOf(member)];
  const created = await deps.repo.createQuestion({ askerId: member.id, platform: member.platform, text: question, topics, languages }, now);
  if (topics.length === 0) return topicPicker(created.id, t);
  return publish(deps, created, member);
}

/** The topic picker's button: "<question id>|<topic>". */
export async function chooseTopic(deps: ExchangeDeps, member: Member, value: string): Promise<OutboundMessage> {
  const [id = '', topic = ''] = value.split('|');
  const question = await deps.repo.getQuestion(Number(id));
  if (!question || question.askerId !== member.id || !(TOPICS as readonly string[]).includes(topic)) throw new UserFacingError('core.stale_button');
  if (question.status !== 'draft') return { text: translatorFor(deps, member)('exchange.ask_already_posted', { id: question.id }) };
  await deps.repo.setQuestionTopics(question.id, [topic as Topic]);
  return publish(deps, { ...question, topics: [topic as Topic] }, member);
}

async function publish(deps: ExchangeDeps, question: Question, asker: Member): Promise<OutboundMessage> {
  const now = deps.clock.now();
  const channel = deps.exchangeChannel(asker.platform);
  if (!channel) throw new UserFacingError('exchange.no_channel');
  const [profiles, people] = await Promise.all([deps.repo.listProfiles(), memberIndex(deps.members)]);
  // One network across platforms (issue 15): anyone with an account where the thread opens can help.
  const onPlatform = new Set((await deps.members.list({ platform: asker.platform })).map((m) => m.id));
  const candidates = profiles.filter(
    (p) =>
      p.memberId !== asker.id &&
      !p.optedOut &&
      !(p.snoozedUntil && p.snoozedUntil > now) &&
      onPlatform.has(p.memberId) &&
      p.canHelp.some((topic) => question.topics.includes(topic)) &&
      p.languages.some((l) => question.languages.includes(l)),
  );
  const counts = await deps.repo.noticeCounts(
    candidates.map((p) => p.memberId),
    new Date(now.getTime() - WEEK_MS),
  );
  const overlap = (p: (typeof candidates)[number]) => p.canHelp.filter((topic) => question.topics.includes(topic)).length;
  const free = candidates.filter((p) => (counts.get(p.memberId) ?? 0) < deps.settings.askLimitPerWeek);
  const chosen = free
    .sort((a, b) => overlap(b) - overlap(a) || (counts.get(a.memberId) ?? 0) - (counts.get(b.memberId) ?? 0) || (a.memberId < b.memberId ? -1 : 1))
    .slice(0, MAX_NOTIFIED);
  const thread = await deps.ctx.conversations.openThread(
    channel,
    questionThreadMessage(question, asker, deps.ctx.languages.translator(deps.ctx.languages.languageOf(asker))),
    {
      title: questionThreadTitle(question.id),
      // Everyone told about the question is added to its thread, so a private thread is reachable too.
      invite: await accountsOn(deps, asker.platform, [asker, ...chosen.flatMap((p) => people.get(p.memberId) ?? [])]),
    },
  );
  const messages: OutboxEntry[] = chosen.flatMap((p) => {
    const helper = people.get(p.memberId);
    return helper
      ? [
          {
            dedupeKey: `exchange-ask:${question.id}:${helper.id}`,
            kind: 'exchange-ask',
            target: { kind: 'user' as const, user: userRefOf(helper) },
            message: askNotice(question, asker, translatorFor(deps, helper)),
          },
        ]
      : [];
  });
  await deps.repo.openQuestion(
    question.id,
    thread,
    chosen.map((p) => p.memberId),
    messages,
    now,
  );
  return askPosted(question, messages.length, candidates.length - free.length, deps.settings.askLimitPerWeek, translatorFor(deps, asker));
}

/**
 * A message in a question's thread becomes a candidate answer. Null when it was not one of ours;
 * otherwise what the author should be told (an answer longer than ANSWER_MAX is kept up to it).
 */
export async function recordThreadMessage(deps: ExchangeDeps, member: Member, event: MessageEvent): Promise<{ tell?: OutboundMessage } | null> {
  if (event.isDirect || !event.text.trim()) return null;
  const question =
    (await deps.repo.questionByThread(event.conversation)) ?? (event.thread ? await deps.repo.questionByThread(event.thread.conversation) : null);
  if (!question || question.status !== 'open') return null;
  if (member.id === question.askerId) return {};
  const answer = event.text.trim();
  await deps.repo.addAnswer(question.id, member.id, answer.slice(0, ANSWER_MAX), deps.clock.now());
  if (answer.length <= ANSWER_MAX) return {};
  return { tell: { text: translatorFor(deps, member)('exchange.answer_cut', { id: question.id, max: ANSWER_MAX, length: answer.length }) } };
}

export type AnsweredStep = { kind: 'done'; message: OutboundMessage } | { kind: 'pick'; question: Question };

/** Reads "1,3", "all" or "none" against the candidate answers, in the order they came. */
function parsePicks(picks: string, answerIds: number[]): number[] {
  const word = picks.trim().toLowerCase();
  if (word === 'all') return answerIds;
  if (word === 'none') return [];
  const chosen = word
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map(Number);
  if (chosen.some((n) => !Number.isInteger(n) || n < 1 || n > answerIds.length)) throw new UserFacingError('exchange.bad_picks', { count: answerIds.length });
  return [...new Set(chosen.map((n) => answerIds[n - 1] as number))];
}

/** `/exchange answered <id> [picks:…]`: done at once with picks (or no answers), else a form to pick them. */
export async function markAnswered(deps: ExchangeDeps, member: Member, id: number, picks: string | undefined): Promise<AnsweredStep> {
  const question = await ownQuestion(deps, member, id);
  const answers = await deps.repo.answers(id);
  if (picks === undefined && answers.length > 0) return { kind: 'pick', question };
  const picked =
    picks === undefined
      ? []
      : parsePicks(
          picks,
          answers.map((a) => a.id),
        );
  return { kind: 'done', message: await finishAnswered(deps, member, question, picked, null) };
}

export async function ownQuestion(deps: ExchangeDeps, member: Member, id: number): Promise<Question> {
  const question = await deps.repo.getQuestion(id);
  if (!question || question.askerId !== member.id) throw new UserFacingError('exchange.no_question', { id });
  if (question.status === 'draft') throw new UserFacingError('exchange.no_question', { id });
  if (question.status === 'answered') throw new UserFacingError('exchange.already_kept', { id });
  return question;
}

export async function finishAnswered(
  deps: ExchangeDeps,
  member: Member,
  question: Question,
  picked: number[],
  summary: string | null,
): Promise<OutboundMessage> {
  const answers = (await deps.repo.answers(question.id)).filter((a) => picked.includes(a.id));
  const people = await memberIndex(deps.members);
  const translators = deps.settings.languages.map((l) => deps.ctx.languages.translator(l));
  const entry: PracticeEntry = {
    question: [question.text, summary ?? ''].filter(Boolean).join('\n'),
    answers: answers.map((a) => `${people.get(a.authorId)?.displayName ?? ''}: ${a.text}`).join('\n'),
    topics: question.topics.flatMap((topic) => [topic, ...translators.map((t) => topicLabel(t, topic))]).join(' '),
  };
  const t = translatorFor(deps, member);
  const notice: OutboxEntry[] = question.thread
    ? [
        {
          dedupeKey: `exchange-answered:${question.id}`,
          kind: 'exchange-answered',
          target: { kind: 'conversation', conversation: question.thread },
          message: answeredNotice(question, member, answers.length, t),
        },
      ]
    : [];
  const saved = await deps.repo.markAnswered(
    question.id,
    answers.map((a) => a.id),
    summary,
    entry,
    entryTerms(entry),
    notice,
    deps.clock.now(),
  );
  if (!saved) throw new UserFacingError('exchange.already_kept', { id: question.id });
  return { text: t('exchange.answered_done', { id: question.id, count: answers.length }) };
}
