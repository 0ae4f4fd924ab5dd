// What polls keep about a person, for /privacy: their votes in named polls, their still-changeable
// votes in open anonymous polls (found by recomputing their key; closed anonymous polls keep no
// key, so nothing there is theirs any more), and the polls they posted (erased with them).
import type { PersonalDataProvider } from '../../core/index.ts';
import type { Poll, Vote } from './poll.ts';
import type { PollsRepository } from './polls-repository.ts';
import type { PollsService } from './polls-service.ts';

/**
 * `refresh` shows a poll again where it was posted, so an erased voter's name leaves the channel's
 * message too (best effort: the platform may have lost the message).
 */
export function pollsPersonalData(repo: PollsRepository, service: PollsService, refresh: (poll: Poll) => Promise<void>): PersonalDataProvider {
  /** Every vote stored under the member's keys, with the poll it belongs to. */
  async function votesOf(memberId: string): Promise<Array<{ poll: Poll; vote: Vote }>> {
    const anonymous = (await repo.open()).filter((p) => p.anonymous && p.secret);
    const keys = [memberId, ...anonymous.map((p) => service.voterKey(p, memberId)).filter((k): k is string => k !== null)];
    const found: Array<{ poll: Poll; vote: Vote }> = [];
    for (const vote of await repo.votesOf(keys)) {
      const poll = await repo.get(vote.pollId);
      // A member id matches only named polls' rows; an HMAC only its own poll's.
      if (poll && service.voterKey(poll, memberId) === vote.voterKey) found.push({ poll, vote });
    }
    return found;
  }

  return {
    name: 'polls',
    async export(memberId) {
      const votes = await votesOf(memberId);
      const posted = await repo.createdBy(memberId);
      return {
        votes: votes.map(({ poll, vote }) => ({
          poll: poll.code,
          question: poll.question,
          anonymous: poll.anonymous,
          chosen: vote.choices.map((c) => poll.options[c]),
          status: poll.status,
        })),
        polls_posted: posted.map((p) => ({ poll: p.code, question: p.question, options: p.options, createdAt: p.createdAt, status: p.status })),
      };
    },
    async erase(memberId, person) {
      const votes = await votesOf(memberId);
      await repo.deleteVotes(votes.map(({ vote }) => ({ pollId: vote.pollId, voterKey: vote.voterKey })));
      // Polls they posted are their own words (a question may name them): they go, like the
      // questions they asked the network; the channel's message stays on the platform, without buttons that work.
      const posted = await repo.createdBy(memberId);
      await repo.remove(posted.map((p) => p.id));
      const removed = new Set(posted.map((p) => p.id));
      const names = new Set([...person.names, ...votes.map(({ vote }) => vote.voterName ?? '')].filter(Boolean));
      for (const { poll } of votes.filter(({ poll }) => !removed.has(poll.id))) {
        // A closed named poll keeps its final counts; the name goes, the vote stays counted.
        if (poll.result && !poll.anonymous) {
          poll.result = { ...poll.result, names: poll.result.names.map((list) => list.filter((n) => !names.has(n))) };
          await repo.setResult(poll.id, poll.result);
        }
        if (!poll.anonymous) await refresh(poll);
      }
    },
    async merge(from, to) {
      for (const { poll, vote } of await votesOf(from)) {
        const toKey = service.voterKey(poll, to);
        if (toKey) await repo.moveVote(poll.id, vote.voterKey, toKey);
      }
      await repo.reassignCreator(from, to);
    },
  };
}
