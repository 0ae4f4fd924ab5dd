// The exchange's good-practice search storage: entries and their stemmed-term index, read with
// indexed equality and prefix lookups (no raw SQL, no SQLite-only feature), so it runs the same on
// SQLite and PostgreSQL. The terms are computed by the feature; this only stores and reads them.
import type { ExchangeRepository } from '../../features/exchange/exchange-repository.ts';
import type { PrismaClient } from './generated/client.ts';

/** The indexed first characters of a stem: prefix lookups are an equality on it plus a prefix filter. */
export const head = (term: string): string => term.slice(0, 4);

type PracticeSearch = Pick<ExchangeRepository, 'postings' | 'practiceCount' | 'practices' | 'unindexedPractice' | 'indexPractice'>;

export function createPrismaPracticeSearch(db: PrismaClient): PracticeSearch {
  return {
    async postings(lookups, limit) {
      // Two queries whatever the number of words (each round trip costs more than its rows): exact
      // stems by the primary key, prefixes by the indexed head. Each is capped at `limit` rows a stem.
      const select = { questionId: true, term: true, count: true } as const;
      const exact = lookups.filter((l) => !l.prefix).map((l) => l.stem);
      const prefixes = lookups.filter((l) => l.prefix);
      const [a, b] = await Promise.all([
        exact.length ? db.exchangeSearchTerm.findMany({ where: { term: { in: exact } }, select, take: limit * exact.length }) : [],
        prefixes.length
          ? db.exchangeSearchTerm.findMany({
              where: { OR: prefixes.map(({ stem }) => ({ head: head(stem), term: { startsWith: stem } })) },
              select,
              take: limit * prefixes.length,
            })
          : [],
      ]);
      return [...a, ...b];
    },
    async practiceCount() {
      return db.exchangePractice.count();
    },
    async practices(ids) {
      const rows = await db.exchangePractice.findMany({ where: { questionId: { in: ids } } });
      return new Map(rows.map((r) => [r.questionId, { question: r.question, answers: r.answers, topics: r.topics }]));
    },
    async unindexedPractice(limit) {
      const rows = await db.exchangePractice.findMany({ where: { indexedAt: null }, orderBy: { questionId: 'asc' }, take: limit });
      return rows.map((r) => ({ questionId: r.questionId, entry: { question: r.question, answers: r.answers, topics: r.topics } }));
    },
    async indexPractice(questionId, terms, now) {
      await db.$transaction(async (tx) => {
        await tx.exchangeSearchTerm.deleteMany({ where: { questionId } });
        await tx.exchangeSearchTerm.createMany({ data: terms.map((t) => ({ ...t, head: head(t.term), questionId })) });
        await tx.exchangePractice.update({ where: { questionId }, data: { indexedAt: now } });
      });
    },
  };
}
