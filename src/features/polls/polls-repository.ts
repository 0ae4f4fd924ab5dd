// The polls' storage port. Closing is a claim (only the caller that moves a poll from open to closed
// gets it back), so the closing job and a close command on two replicas cannot both announce it.
import type { ConversationRef } from '../../core/index.ts';
import type { Poll, Tally, Vote } from './poll.ts';

/** What a new poll is stored from: the poll as posted, before it has an id, a code, a message or votes. */
export type NewPoll = Pick<Poll, 'conversation' | 'language' | 'question' | 'options' | 'multiple' | 'anonymous' | 'secret' | 'closesAt'> & {
  creatorId: string;
};

export interface PollsRepository {
  /** Stores the poll with a fresh short code. */
  create(poll: NewPoll): Promise<Poll>;
  setMessage(pollId: string, messageId: string): Promise<void>;
  get(id: string): Promise<Poll | null>;
  byCode(code: string): Promise<Poll | null>;
  /** Open polls, newest first: in one conversation, or all of them. */
  open(filter?: { conversation?: ConversationRef }): Promise<Poll[]>;
  /** Open polls whose closing time is at or before `now`. */
  due(now: Date): Promise<Poll[]>;
  votes(pollId: string): Promise<Vote[]>;
  vote(pollId: string, voterKey: string): Promise<Vote | null>;
  /**
   * Writes a voter's choices (none: the vote is removed) while the poll is open; false once it is
   * closed, so a press that races the close changes nothing.
   */
  setVote(vote: Vote): Promise<boolean>;
  /**
   * Moves the poll from open to closed and stores its final counts, counted from the votes inside the
   * same transaction; anonymous polls lose their secret and their vote rows in that step. Null when
   * it was no longer open.
   */
  close(pollId: string, at: Date, count: (votes: Vote[]) => Tally): Promise<Poll | null>;

  // Personal data: a member's named votes and the polls they posted.
  votesOf(voterKeys: string[]): Promise<Vote[]>;
  deleteVotes(voterKeys: Array<{ pollId: string; voterKey: string }>): Promise<void>;
  /** Re-keys one vote (two identities of one person become one member); dropped when the target has one. */
  moveVote(pollId: string, fromKey: string, toKey: string): Promise<void>;
  /** Replaces a closed poll's stored counts (an erased voter's name taken out of them). */
  setResult(pollId: string, result: Tally): Promise<void>;
  createdBy(memberId: string): Promise<Poll[]>;
  reassignCreator(from: string, to: string | null): Promise<void>;
  /** Deletes polls and their votes (a poll's author erased: what they wrote goes with them). */
  remove(pollIds: string[]): Promise<void>;
}
