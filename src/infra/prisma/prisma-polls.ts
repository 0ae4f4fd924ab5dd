// Polls on Prisma (SQLite and PostgreSQL alike, no raw SQL). Closing is one transaction: flip the
// status (the claim), count the votes, store the counts, and for anonymous polls wipe the secret and
// delete the vote rows, so after close nothing links an anonymous vote to a person.
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import type { Clock, ConversationRef } from '../../core/index.ts';
import type { Poll, Tally, Vote } from '../../features/polls/poll.ts';
import type { PollsRepository } from '../../features/polls/polls-repository.ts';
import type { Poll as PollRow, PollVote, PrismaClient } from './generated/client.ts';
import { readJson } from './json-column.ts';

const Options = z.array(z.string());
const TallySchema = z.object({ voters: z.number().int(), counts: z.array(z.number().int()), names: z.array(z.array(z.string())) });

/** No 0/O or 1/I: codes are read off a screen and typed. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const newCode = () => Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

const toPoll = (r: PollRow): Poll => ({
  id: r.id,
  code: r.code,
  creatorId: r.creatorId,
  conversation: r.conversation as ConversationRef,
  messageId: r.messageId,
  language: r.language,
  question: r.question,
  options: readJson(Options, r.options, 'poll options'),
  multiple: r.multiple,
  anonymous: r.anonymous,
  secret: r.secret,
  status: r.status === 'closed' ? 'closed' : 'open',
  closesAt: r.closesAt,
  createdAt: r.createdAt,
  closedAt: r.closedAt,
  result: r.result ? readJson(TallySchema, r.result, 'poll result') : null,
});

const toVote = (r: PollVote): Vote => ({
  pollId: r.pollId,
  voterKey: r.voterKey,
  voterName: r.voterName,
  choices: r.choices ? r.choices.split(',').map(Number) : [],
});

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === 'P2002';

export function createPrismaPolls(db: PrismaClient, clock: Clock): PollsRepository {
  return {
    async create(poll) {
      for (let attempt = 0; ; attempt++) {
        try {
          const row = await db.poll.create({
            data: { ...poll, code: newCode(), options: JSON.stringify(poll.options), status: 'open', createdAt: clock.now() },
          });
          return toPoll(row);
        } catch (error) {
          // 32^6 codes: a clash is rare, and another draw settles it.
          if (!isUniqueViolation(error) || attempt >= 4) throw error;
        }
      }
    },
    async setMessage(pollId, messageId) {
      await db.poll.update({ where: { id: pollId }, data: { messageId } });
    },
    async get(id) {
      const row = await db.poll.findUnique({ where: { id } });
      return row ? toPoll(row) : null;
    },
    async byCode(code) {
      const row = await db.poll.findUnique({ where: { code } });
      return row ? toPoll(row) : null;
    },
    async open(filter = {}) {
      const rows = await db.poll.findMany({
        where: { status: 'open', ...(filter.conversation ? { conversation: filter.conversation } : {}) },
        orderBy: { createdAt: 'desc' },
      });
      return rows.map(toPoll);
    },
    async due(now) {
      return (await db.poll.findMany({ where: { status: 'open', closesAt: { lte: now } }, orderBy: { closesAt: 'asc' } })).map(toPoll);
    },
    async votes(pollId) {
      return (await db.pollVote.findMany({ where: { pollId } })).map(toVote);
    },
    async vote(pollId, voterKey) {
      const row = await db.pollVote.findUnique({ where: { pollId_voterKey: { pollId, voterKey } } });
      return row ? toVote(row) : null;
    },
    async setVote(vote) {
      return db.$transaction(async (tx) => {
        const open = await tx.poll.count({ where: { id: vote.pollId, status: 'open' } });
        if (!open) return false;
        const key = { pollId_voterKey: { pollId: vote.pollId, voterKey: vote.voterKey } };
        if (vote.choices.length === 0) await tx.pollVote.deleteMany({ where: { pollId: vote.pollId, voterKey: vote.voterKey } });
        else {
          const data = { voterName: vote.voterName, choices: vote.choices.join(',') };
          await tx.pollVote.upsert({ where: key, create: { pollId: vote.pollId, voterKey: vote.voterKey, ...data }, update: data });
        }
        return true;
      });
    },
    async close(pollId, at, count) {
      return db.$transaction(async (tx) => {
        const claimed = await tx.poll.updateMany({ where: { id: pollId, status: 'open' }, data: { status: 'closed', closedAt: at } });
        if (claimed.count === 0) return null;
        const row = await tx.poll.findUniqueOrThrow({ where: { id: pollId } });
        const tally: Tally = count((await tx.pollVote.findMany({ where: { pollId } })).map(toVote));
        if (row.anonymous) await tx.pollVote.deleteMany({ where: { pollId } });
        const closed = await tx.poll.update({ where: { id: pollId }, data: { result: JSON.stringify(tally), secret: null } });
        return toPoll(closed);
      });
    },
    async votesOf(voterKeys) {
      if (voterKeys.length === 0) return [];
      return (await db.pollVote.findMany({ where: { voterKey: { in: voterKeys } } })).map(toVote);
    },
    async deleteVotes(keys) {
      if (keys.length === 0) return;
      await db.pollVote.deleteMany({ where: { OR: keys.map((k) => ({ pollId: k.pollId, voterKey: k.voterKey })) } });
    },
    async moveVote(pollId, fromKey, toKey) {
      await db.$transaction(async (tx) => {
        const target = await tx.pollVote.findUnique({ where: { pollId_voterKey: { pollId, voterKey: toKey } } });
        if (target) await tx.pollVote.deleteMany({ where: { pollId, voterKey: fromKey } });
        else await tx.pollVote.updateMany({ where: { pollId, voterKey: fromKey }, data: { voterKey: toKey } });
      });
    },
    async setResult(pollId, result) {
      await db.poll.update({ where: { id: pollId }, data: { result: JSON.stringify(result) } });
    },
    async createdBy(memberId) {
      return (await db.poll.findMany({ where: { creatorId: memberId }, orderBy: { createdAt: 'asc' } })).map(toPoll);
    },
    async reassignCreator(from, to) {
      await db.poll.updateMany({ where: { creatorId: from }, data: { creatorId: to } });
    },
    async remove(pollIds) {
      if (!pollIds.length) return;
      await db.$transaction([db.pollVote.deleteMany({ where: { pollId: { in: pollIds } } }), db.poll.deleteMany({ where: { id: { in: pollIds } } })]);
    },
  };
}
