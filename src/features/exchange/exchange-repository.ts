// The storage port of the experience exchange. Every write that causes messages takes the outbox
// entries with it, so a decision and what it tells people commit together (or not at all).
import type { OutboxEntry } from '../../core/index.ts';
import type { Answer, AvailabilityPatch, Outcome, Profile, ProfileInput, Proposal, Question, Side, Topic } from './exchange.ts';

export type NewProposal = Pick<Proposal, 'id' | 'round' | 'topic' | 'seekerId' | 'helperId'>;

export interface PracticeEntry {
  question: string;
  answers: string;
  /** Topic codes and labels in every language, so a search in any of them finds the entry. */
  topics: string;
}

/** One stored stem of one entry, as a search reads it. */
export interface SearchPosting {
  questionId: number;
  term: string;
  count: number;
}

export interface ExchangeRepository {
  getProfile(memberId: string): Promise<Profile | null>;
  /** Creates or replaces the profile's answers; availability settings are kept. */
  saveProfile(input: ProfileInput, now: Date): Promise<Profile>;
  setAvailability(memberId: string, patch: AvailabilityPatch): Promise<Profile | null>;
  listProfiles(): Promise<Profile[]>;

  /** Proposals created at or after `since` (repeat window, load, frequency). */
  proposalsSince(since: Date): Promise<Proposal[]>;
  allProposals(): Promise<Proposal[]>;
  /** Whether a round's work key was claimed already. */
  isClaimed(key: string): Promise<boolean>;
  /**
   * Writes proposals and their messages; with claimKey, only if that key was never claimed. People in
   * a proposal stop waiting; `leftOut` (could have been paired, were not) wait one round more.
   */
  createProposals(proposals: NewProposal[], messages: OutboxEntry[], now: Date, claimKey?: string, leftOut?: string[]): Promise<boolean>;
  getProposal(id: string): Promise<Proposal | null>;
  /** Proposals waiting for this member's answer, and followed-up exchanges waiting for their outcome. */
  openFor(memberId: string): Promise<Proposal[]>;
  /** Records one side's answer once; the proposal becomes declined, or accepted when both said yes. */
  answerProposal(id: string, side: Side, answer: 'accepted' | 'declined', now: Date): Promise<Proposal | null>;
  /** Wins the right to open the thread: true for exactly one caller. */
  claimThread(id: string, now: Date): Promise<boolean>;
  releaseThread(id: string): Promise<void>;
  setThread(id: string, thread: string, messages: OutboxEntry[]): Promise<void>;
  /** Accepted proposals whose follow-up is due (accepted at or before `acceptedBefore`) and not yet sent. */
  dueFollowUps(acceptedBefore: Date): Promise<Proposal[]>;
  /** Marks the follow-up sent and writes its messages; false when another run did it first. */
  markFollowUp(id: string, now: Date, messages: OutboxEntry[]): Promise<boolean>;
  /** Records what came of it for one side, once; false when that side already answered. */
  recordOutcome(id: string, side: Side, outcome: Outcome): Promise<boolean>;
  /** Keeps one side's optional line about the exchange, once. */
  recordNote(id: string, side: Side, note: string): Promise<boolean>;
  /** Followed-up exchanges (before `followedUpBefore`) where a side has not answered and no reminder went out. */
  dueReminders(followedUpBefore: Date): Promise<Proposal[]>;
  /** Marks the reminder sent and writes its messages; false when another run did it first. */
  markReminded(id: string, now: Date, messages: OutboxEntry[]): Promise<boolean>;

  createQuestion(input: Pick<Question, 'askerId' | 'platform' | 'text' | 'topics' | 'languages'>, now: Date): Promise<Question>;
  getQuestion(id: number): Promise<Question | null>;
  /** When this member's questions were created, at or after `since`, oldest first. */
  questionTimes(askerId: string, since: Date): Promise<Date[]>;
  setQuestionTopics(id: number, topics: Topic[]): Promise<void>;
  /** Opens a question in its thread, with the notices sent to helpers (ledgered for rate limits). */
  openQuestion(id: number, thread: string, notified: string[], messages: OutboxEntry[], now: Date): Promise<void>;
  /** How many ask notices each of these members got at or after `since`. */
  noticeCounts(memberIds: string[], since: Date): Promise<Map<string, number>>;
  questionByThread(thread: string): Promise<Question | null>;
  addAnswer(questionId: number, authorId: string, text: string, now: Date): Promise<void>;
  answers(questionId: number): Promise<Answer[]>;
  /** Keeps the picked answers and the entry with its search terms; false when it was answered before. */
  markAnswered(
    id: number,
    picked: number[],
    summary: string | null,
    entry: PracticeEntry,
    terms: Array<{ term: string; count: number }>,
    messages: OutboxEntry[],
    now: Date,
  ): Promise<boolean>;
  /** Index rows for each stem: equal to it, or (prefix) starting with it; at most `limit` rows per stem. */
  postings(lookups: Array<{ stem: string; prefix: boolean }>, limit: number): Promise<SearchPosting[]>;
  practiceCount(): Promise<number>;
  practices(ids: number[]): Promise<Map<number, PracticeEntry>>;
  /** Entries without search terms yet (carried over from the old index), a batch at a time. */
  unindexedPractice(limit: number): Promise<Array<{ questionId: number; entry: PracticeEntry }>>;
  indexPractice(questionId: number, terms: Array<{ term: string; count: number }>, now: Date): Promise<void>;
}
