// The experience exchange's storage on Prisma: profiles, proposals, questions, answers and the notice
// ledger, plus good-practice entries and their stemmed-term index (plain tables and indexed lookups,
// no raw SQL, so it runs the same on SQLite and PostgreSQL). JSON lists live in TEXT columns, read
// back through zod.
import { z } from 'zod';
import type { Clock, ConversationRef } from '../../core/index.ts';
import {
  CLUSTER_TYPES,
  FREQUENCIES,
  OUTCOMES,
  TOPICS,
  type Answer,
  type Outcome,
  type Profile,
  type Proposal,
  type Question,
  type Topic,
} from '../../features/exchange/exchange.ts';
import type { ExchangeRepository } from '../../features/exchange/exchange-repository.ts';
import type { ExchangeProfile, ExchangeProposal, ExchangeQuestion, PrismaClient } from './generated/client.ts';
import { readJson } from './json-column.ts';
import { createPrismaPracticeSearch, head } from './prisma-exchange-search.ts';
import { claimWorkKey, insertOutboxEntries } from './prisma-outbox.ts';

const Strings = z.array(z.string());
const Topics = z.array(z.enum(TOPICS));
const outcome = (v: string | null): Outcome | null => ((OUTCOMES as readonly string[]).includes(v ?? '') ? (v as Outcome) : null);
const answer = (v: string | null): 'accepted' | 'declined' | null => (v === 'accepted' || v === 'declined' ? v : null);

const toProfile = (r: ExchangeProfile): Profile => ({
  memberId: r.memberId,
  clusterName: r.clusterName,
  sector: r.sector,
  clusterType: z.enum(CLUSTER_TYPES).catch('industrial').parse(r.clusterType),
  country: r.country,
  region: r.region,
  firms: r.firms,
  languages: readJson(Strings, r.languages, 'exchange profile languages'),
  canHelp: readJson(Topics, r.canHelp, 'exchange profile topics'),
  needsHelp: readJson(Topics, r.needsHelp, 'exchange profile topics'),
  tags: readJson(Strings, r.tags, 'exchange profile tags'),
  experience: r.experience,
  frequency: z.enum(FREQUENCIES).catch('biweekly').parse(r.frequency),
  snoozedUntil: r.snoozedUntil,
  optedOut: r.optedOut,
  waitingRounds: r.waitingRounds,
  createdAt: r.createdAt,
});

const toProposal = (r: ExchangeProposal): Proposal => ({
  id: r.id,
  round: r.round,
  topic: z.enum(TOPICS).parse(r.topic),
  seekerId: r.seekerId,
  helperId: r.helperId,
  seekerAnswer: answer(r.seekerAnswer),
  helperAnswer: answer(r.helperAnswer),
  status: r.status === 'accepted' || r.status === 'declined' ? r.status : 'proposed',
  thread: r.thread as ConversationRef | null,
  acceptedAt: r.acceptedAt,
  followUpAt: r.followUpAt,
  seekerOutcome: outcome(r.seekerOutcome),
  helperOutcome: outcome(r.helperOutcome),
  seekerNote: r.seekerNote,
  helperNote: r.helperNote,
  remindedAt: r.remindedAt,
  createdAt: r.createdAt,
});

const toQuestion = (r: ExchangeQuestion): Question => ({
  id: r.id,
  askerId: r.askerId,
  platform: r.platform,
  text: r.text,
  topics: readJson(Topics, r.topics, 'exchange question topics') as Topic[],
  languages: readJson(Strings, r.languages, 'exchange question languages'),
  status: r.status === 'open' || r.status === 'answered' ? r.status : 'draft',
  thread: r.thread as ConversationRef | null,
  summary: r.summary,
  createdAt: r.createdAt,
  answeredAt: r.answeredAt,
});

export function createPrismaExchange(db: PrismaClient, clock: Clock): ExchangeRepository {
  return {
    async getProfile(memberId) {
      const row = await db.exchangeProfile.findUnique({ where: { memberId } });
      return row ? toProfile(row) : null;
    },
    async saveProfile(input, now) {
      const data = {
        clusterName: input.clusterName,
        sector: input.sector,
        clusterType: input.clusterType,
        country: input.country,
        region: input.region,
        firms: input.firms,
        languages: JSON.stringify(input.languages),
        canHelp: JSON.stringify(input.canHelp),
        needsHelp: JSON.stringify(input.needsHelp),
        tags: JSON.stringify(input.tags),
        experience: input.experience,
        updatedAt: now,
      };
      return toProfile(
        await db.exchangeProfile.upsert({ where: { memberId: input.memberId }, update: data, create: { memberId: input.memberId, createdAt: now, ...data } }),
      );
    },
    async setAvailability(memberId, patch) {
      const { count } = await db.exchangeProfile.updateMany({ where: { memberId }, data: { ...patch, updatedAt: clock.now() } });
      return count === 0 ? null : this.getProfile(memberId);
    },
    async listProfiles() {
      return (await db.exchangeProfile.findMany({ orderBy: { memberId: 'asc' } })).map(toProfile);
    },

    async proposalsSince(since) {
      return (await db.exchangeProposal.findMany({ where: { createdAt: { gte: since } }, orderBy: { createdAt: 'asc' } })).map(toProposal);
    },
    async allProposals() {
      return (await db.exchangeProposal.findMany({ orderBy: { createdAt: 'asc' } })).map(toProposal);
    },
    async isClaimed(key) {
      return (await db.workItem.count({ where: { key } })) > 0;
    },
    async createProposals(proposals, messages, now, claimKey, leftOut = []) {
      return db.$transaction(async (tx) => {
        if (claimKey && !(await claimWorkKey(tx, claimKey, 'exchange-round', clock.now()))) return false;
        if (proposals.length) await tx.exchangeProposal.createMany({ data: proposals.map((p) => ({ ...p, createdAt: now })) });
        const paired = proposals.flatMap((p) => [p.seekerId, p.helperId]);
        if (paired.length) await tx.exchangeProfile.updateMany({ where: { memberId: { in: paired } }, data: { waitingRounds: 0 } });
        if (leftOut.length) await tx.exchangeProfile.updateMany({ where: { memberId: { in: leftOut } }, data: { waitingRounds: { increment: 1 } } });
        await insertOutboxEntries(tx, messages, clock.now());
        return true;
      });
    },
    async getProposal(id) {
      const row = await db.exchangeProposal.findUnique({ where: { id } });
      return row ? toProposal(row) : null;
    },
    async openFor(memberId) {
      const rows = await db.exchangeProposal.findMany({
        where: {
          OR: [
            { status: 'proposed', seekerId: memberId, seekerAnswer: null },
            { status: 'proposed', helperId: memberId, helperAnswer: null },
            { status: 'accepted', followUpAt: { not: null }, seekerId: memberId, seekerOutcome: null },
            { status: 'accepted', followUpAt: { not: null }, helperId: memberId, helperOutcome: null },
          ],
        },
        orderBy: { createdAt: 'asc' },
      });
      return rows.map(toProposal);
    },
    async answerProposal(id, side, value, now) {
      return db.$transaction(async (tx) => {
        const field = side === 'seeker' ? 'seekerAnswer' : 'helperAnswer';
        await tx.exchangeProposal.updateMany({ where: { id, [field]: null, status: 'proposed' }, data: { [field]: value } });
        const row = await tx.exchangeProposal.findUnique({ where: { id } });
        if (!row) return null;
        if (row.status === 'proposed' && (row.seekerAnswer === 'declined' || row.helperAnswer === 'declined')) {
          return toProposal(await tx.exchangeProposal.update({ where: { id }, data: { status: 'declined' } }));
        }
        if (row.status === 'proposed' && row.seekerAnswer === 'accepted' && row.helperAnswer === 'accepted') {
          return toProposal(await tx.exchangeProposal.update({ where: { id }, data: { status: 'accepted', acceptedAt: now } }));
        }
        return toProposal(row);
      });
    },
    async claimThread(id, now) {
      const { count } = await db.exchangeProposal.updateMany({
        where: { id, status: 'accepted', thread: null, threadClaimAt: null },
        data: { threadClaimAt: now },
      });
      return count === 1;
    },
    async releaseThread(id) {
      await db.exchangeProposal.updateMany({ where: { id, thread: null }, data: { threadClaimAt: null } });
    },
    async setThread(id, thread, messages) {
      await db.$transaction(async (tx) => {
        await tx.exchangeProposal.update({ where: { id }, data: { thread } });
        await insertOutboxEntries(tx, messages, clock.now());
      });
    },
    async dueFollowUps(acceptedBefore) {
      const rows = await db.exchangeProposal.findMany({
        where: { status: 'accepted', acceptedAt: { lte: acceptedBefore }, followUpAt: null },
        orderBy: { acceptedAt: 'asc' },
      });
      return rows.map(toProposal);
    },
    async markFollowUp(id, now, messages) {
      return db.$transaction(async (tx) => {
        const { count } = await tx.exchangeProposal.updateMany({ where: { id, followUpAt: null }, data: { followUpAt: now } });
        if (count === 0) return false;
        await insertOutboxEntries(tx, messages, clock.now());
        return true;
      });
    },
    async recordOutcome(id, side, value) {
      const field = side === 'seeker' ? 'seekerOutcome' : 'helperOutcome';
      const { count } = await db.exchangeProposal.updateMany({ where: { id, [field]: null, followUpAt: { not: null } }, data: { [field]: value } });
      return count === 1;
    },
    async recordNote(id, side, note) {
      const field = side === 'seeker' ? 'seekerNote' : 'helperNote';
      const { count } = await db.exchangeProposal.updateMany({ where: { id, [field]: null }, data: { [field]: note } });
      return count === 1;
    },
    async dueReminders(followedUpBefore) {
      const rows = await db.exchangeProposal.findMany({
        where: { followUpAt: { lt: followedUpBefore }, remindedAt: null, OR: [{ seekerOutcome: null }, { helperOutcome: null }] },
        orderBy: { followUpAt: 'asc' },
      });
      return rows.map(toProposal);
    },
    async markReminded(id, now, messages) {
      return db.$transaction(async (tx) => {
        const { count } = await tx.exchangeProposal.updateMany({ where: { id, remindedAt: null }, data: { remindedAt: now } });
        if (count === 0) return false;
        await insertOutboxEntries(tx, messages, clock.now());
        return true;
      });
    },

    async createQuestion(input, now) {
      const row = await db.exchangeQuestion.create({
        data: {
          askerId: input.askerId,
          platform: input.platform,
          text: input.text,
          topics: JSON.stringify(input.topics),
          languages: JSON.stringify(input.languages),
          createdAt: now,
        },
      });
      return toQuestion(row);
    },
    async getQuestion(id) {
      const row = await db.exchangeQuestion.findUnique({ where: { id } });
      return row ? toQuestion(row) : null;
    },
    async questionTimes(askerId, since) {
      const rows = await db.exchangeQuestion.findMany({
        where: { askerId, createdAt: { gte: since } },
        select: { createdAt: true },
        orderBy: { createdAt: 'asc' },
      });
      return rows.map((r) => r.createdAt);
    },
    async setQuestionTopics(id, topics) {
      await db.exchangeQuestion.update({ where: { id }, data: { topics: JSON.stringify(topics) } });
    },
    async openQuestion(id, thread, notified, messages, now) {
      await db.$transaction(async (tx) => {
        await tx.exchangeQuestion.update({ where: { id }, data: { status: 'open', thread } });
        if (notified.length) await tx.exchangeAskNotice.createMany({ data: notified.map((memberId) => ({ questionId: id, memberId, sentAt: now })) });
        await insertOutboxEntries(tx, messages, clock.now());
      });
    },
    async noticeCounts(memberIds, since) {
      const rows = await db.exchangeAskNotice.groupBy({
        by: ['memberId'],
        where: { memberId: { in: memberIds }, sentAt: { gte: since } },
        _count: { _all: true },
      });
      return new Map(rows.map((r) => [r.memberId, r._count._all]));
    },
    async questionByThread(thread) {
      const row = await db.exchangeQuestion.findFirst({ where: { thread } });
      return row ? toQuestion(row) : null;
    },
    async addAnswer(questionId, authorId, text, now) {
      await db.exchangeAnswer.create({ data: { questionId, authorId, text, createdAt: now } });
    },
    async answers(questionId) {
      const rows = await db.exchangeAnswer.findMany({ where: { questionId }, orderBy: { id: 'asc' } });
      return rows.map((r): Answer => ({ id: r.id, questionId: r.questionId, authorId: r.authorId, text: r.text, picked: r.picked, createdAt: r.createdAt }));
    },
    async markAnswered(id, picked, summary, entry, terms, messages, now) {
      return db.$transaction(async (tx) => {
        const { count } = await tx.exchangeQuestion.updateMany({ where: { id, status: 'open' }, data: { status: 'answered', summary, answeredAt: now } });
        if (count === 0) return false;
        if (picked.length) await tx.exchangeAnswer.updateMany({ where: { questionId: id, id: { in: picked } }, data: { picked: true } });
        await tx.exchangePractice.create({ data: { questionId: id, ...entry, indexedAt: now } });
        await tx.exchangeSearchTerm.createMany({ data: terms.map((t) => ({ ...t, head: head(t.term), questionId: id })) });
        await insertOutboxEntries(tx, messages, clock.now());
        return true;
      });
    },
    ...createPrismaPracticeSearch(db),
  };
}
