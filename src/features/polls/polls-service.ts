// Poll use cases: posting a poll, voting (a press toggles; a single-choice vote moves), closing by
// hand or when due, and the tally. Anonymous votes are keyed by HMAC(poll secret, member id): while
// the poll is open a person can change their vote; at close the secret and the keys are gone. The
// secret is mixed with a key kept outside the database, so the file alone links no open vote either.
import { createHmac, randomBytes } from 'node:crypto';
import { err, hasRole, ok, type Clock, type ConversationRef, type Member, type Problem, type Result } from '../../core/index.ts';
import { parseClosing } from './poll-closing.ts';
import { POLL_OPTION_MAX, POLL_OPTIONS_MAX, POLL_OPTIONS_MIN, POLL_QUESTION_MAX, readPollText, tallyOf, toggle, type Poll, type Tally } from './poll.ts';
import type { PollsRepository } from './polls-repository.ts';

export interface PollsServiceDeps {
  repo: PollsRepository;
  clock: Clock;
  /** The network's time zone: closing times typed as a time of day or a date are read in it. */
  timeZone: string;
  /** A key from outside the database, mixed into each poll's secret: the stored secret alone links no vote. */
  key: string | null;
}

export interface NewPollInput {
  text: string;
  multiple: boolean;
  anonymous: boolean;
  closes?: string | undefined;
  conversation: ConversationRef;
  language: string;
}

/** "17:00" means the author's five o'clock: closing times are read in their time zone, else the network's. */
const zoneOf = (member: Member, fallback: string) => member.timeZone ?? fallback;

export interface VoteOutcome {
  poll: Poll;
  /** The voter's choices after the press (empty: withdrawn). */
  choices: number[];
  tally: Tally;
}

export class PollsService {
  constructor(private readonly deps: PollsServiceDeps) {}

  async create(member: Member, input: NewPollInput): Promise<Result<Poll, Problem>> {
    const { question, options } = readPollText(input.text);
    if (!question) return err({ key: 'polls.no_question' });
    if (question.length > POLL_QUESTION_MAX) return err({ key: 'polls.question_too_long', vars: { max: POLL_QUESTION_MAX } });
    if (options.length < POLL_OPTIONS_MIN || options.length > POLL_OPTIONS_MAX)
      return err({ key: 'polls.option_count', vars: { min: POLL_OPTIONS_MIN, max: POLL_OPTIONS_MAX, count: options.length } });
    const long = options.find((o) => o.length > POLL_OPTION_MAX);
    if (long) return err({ key: 'polls.option_too_long', vars: { option: long.slice(0, 30), max: POLL_OPTION_MAX } });
    const seen = new Set<string>();
    for (const o of options) {
      if (seen.has(o.toLocaleLowerCase())) return err({ key: 'polls.option_twice', vars: { option: o } });
      seen.add(o.toLocaleLowerCase());
    }
    let closesAt: Date | null = null;
    if (input.closes !== undefined) {
      const closing = parseClosing(input.closes, { now: this.deps.clock.now(), language: input.language, timeZone: zoneOf(member, this.deps.timeZone) });
      if (!closing.ok) return err({ key: `polls.closes_${closing.problem}`, vars: { given: input.closes } });
      closesAt = closing.at;
    }
    const poll = await this.deps.repo.create({
      creatorId: member.id,
      conversation: input.conversation,
      language: input.language,
      question,
      options,
      multiple: input.multiple,
      anonymous: input.anonymous,
      secret: input.anonymous ? randomBytes(32).toString('base64url') : null,
      closesAt,
    });
    return ok(poll);
  }

  attach(poll: Poll, messageId: string): Promise<void> {
    poll.messageId = messageId;
    return this.deps.repo.setMessage(poll.id, messageId);
  }

  get(pollId: string): Promise<Poll | null> {
    return this.deps.repo.get(pollId);
  }

  /** The key a member's vote is stored under in this poll. */
  voterKey(poll: Pick<Poll, 'anonymous' | 'secret'>, memberId: string): string | null {
    if (!poll.anonymous) return memberId;
    if (!poll.secret) return null;
    const pollKey = this.deps.key ? createHmac('sha256', this.deps.key).update(poll.secret).digest() : poll.secret;
    return createHmac('sha256', pollKey).update(memberId).digest('base64url');
  }

  async vote(pollId: string, option: number, member: Member): Promise<Result<VoteOutcome, Problem>> {
    const poll = await this.deps.repo.get(pollId);
    if (!poll) return err({ key: 'polls.not_found' });
    if (poll.status !== 'open' || this.#due(poll)) return err({ key: 'polls.closed_already', vars: { question: poll.question } });
    if (!Number.isInteger(option) || option < 0 || option >= poll.options.length) return err({ key: 'polls.not_found' });
    const voterKey = this.voterKey(poll, member.id);
    if (!voterKey) return err({ key: 'polls.closed_already', vars: { question: poll.question } });
    const current = (await this.deps.repo.vote(poll.id, voterKey))?.choices ?? [];
    const choices = toggle(current, option, poll.multiple);
    const written = await this.deps.repo.setVote({ pollId: poll.id, voterKey, voterName: poll.anonymous ? null : member.displayName, choices });
    if (!written) return err({ key: 'polls.closed_already', vars: { question: poll.question } });
    return ok({ poll, choices, tally: await this.tally(poll) });
  }

  async tally(poll: Poll): Promise<Tally> {
    return poll.result ?? tallyOf(poll, await this.deps.repo.votes(poll.id));
  }

  /** The poll `code` names, or else the newest open one in the conversation the member may close. */
  async closeByCommand(
    member: Member,
    where: { code?: string | undefined; conversation: ConversationRef },
  ): Promise<Result<{ poll: Poll; tally: Tally }, Problem>> {
    let poll: Poll | null;
    if (where.code) {
      poll = await this.deps.repo.byCode(where.code.toUpperCase());
      if (!poll) return err({ key: 'polls.no_code', vars: { code: where.code } });
    } else {
      const open = await this.deps.repo.open({ conversation: where.conversation });
      poll = open.find((p) => this.mayClose(member, p)) ?? null;
      if (!poll) return err({ key: open.length ? 'polls.close_forbidden' : 'polls.none_open' });
    }
    return this.close(member, poll);
  }

  async close(member: Member, poll: Poll): Promise<Result<{ poll: Poll; tally: Tally }, Problem>> {
    if (poll.status !== 'open') return err({ key: 'polls.close_already', vars: { question: poll.question } });
    if (!this.mayClose(member, poll)) return err({ key: 'polls.close_forbidden' });
    const closed = await this.#close(poll);
    return closed ? ok(closed) : err({ key: 'polls.close_already', vars: { question: poll.question } });
  }

  /** The author, staff and admins may close a poll. */
  mayClose(member: Member, poll: Poll): boolean {
    return poll.creatorId === member.id || hasRole(member, 'staff');
  }

  /** Closes every poll whose time has come; returns the ones this call closed. */
  async closeDue(now: Date): Promise<Array<{ poll: Poll; tally: Tally }>> {
    const closed: Array<{ poll: Poll; tally: Tally }> = [];
    for (const poll of await this.deps.repo.due(now)) {
      const done = await this.#close(poll);
      if (done) closed.push(done);
    }
    return closed;
  }

  /** Open polls in a conversation, for suggestions and `/poll list`. */
  open(conversation?: ConversationRef): Promise<Poll[]> {
    return this.deps.repo.open(conversation ? { conversation } : {});
  }

  #due(poll: Poll): boolean {
    return poll.closesAt !== null && poll.closesAt.getTime() <= this.deps.clock.now().getTime();
  }

  async #close(poll: Poll): Promise<{ poll: Poll; tally: Tally } | null> {
    const closed = await this.deps.repo.close(poll.id, this.deps.clock.now(), (votes) => tallyOf(poll, votes));
    return closed?.result ? { poll: closed, tally: closed.result } : null;
  }
}
