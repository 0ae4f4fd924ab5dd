// Searching good practice: a query is bounded before anything runs (length, distinct words, rows
// read per stem), so no input can hold the bot: every lookup is an indexed equality or prefix query
// capped in rows, and ranking runs over at most those rows. Entries are indexed when a question is
// marked answered, and entries carried over from the old index are indexed on start.
import { UserFacingError, err, ok, type Member, type OutboundMessage, type Result } from '../../core/index.ts';
import { searchResults } from './exchange-question-views.ts';
import type { ExchangeRepository, PracticeEntry, SearchPosting } from './exchange-repository.ts';
import { PREFIX_FROM, snippet, stemMatches, stems, termCounts, words } from './exchange-search-text.ts';
import { translatorFor, type ExchangeDeps } from './exchange-service.ts';

export const SEARCH_LIMITS = {
  /** Longer queries are refused with this number in the message. */
  chars: 200,
  /** Distinct words searched; further ones are named as left out. */
  words: 8,
  /** Rows read per stem (on average, over one query): a word in every entry cannot make a search slow. */
  postingsPerStem: 200,
  results: 10,
} as const;

/** Parts of one compound searched besides the whole ("a-b-c-d-e-…" cannot multiply the lookups). */
const MAX_PARTS = 4;

export interface SearchTerm {
  /** The word as typed; parts of a compound carry the compound's. */
  written: string;
  /** Alternatives: any of them matching counts as the word found. */
  stems: string[];
}

export interface ParsedSearch {
  terms: SearchTerm[];
  /** Words beyond the limit, not searched (the reply says so). */
  leftOut: string[];
}

export type SearchProblem = { kind: 'too_long'; max: number } | { kind: 'no_words' };

/** Reads a query within the limits, or says why it cannot be searched. */
export function parseSearch(text: string): Result<ParsedSearch, SearchProblem> {
  if (text.length > SEARCH_LIMITS.chars) return err({ kind: 'too_long', max: SEARCH_LIMITS.chars });
  const terms: SearchTerm[] = [];
  const leftOut: string[] = [];
  const seen = new Set<string>();
  let counted = 0;
  for (const word of words(text)) {
    // A compound is searched whole and by its parts, so "eu-funding" also finds "EU funding" (ranked
    // after entries that wrote it the same way); an elided article ("l'") is not searched at all.
    const forms = [...new Set([word.main, ...word.forms.filter((f) => f !== word.main && f.length > 1)])].slice(0, MAX_PARTS + 1);
    const fresh = forms.map(stems).filter((alternatives) => !seen.has(alternatives.join('|')));
    if (fresh.length === 0) continue;
    if (counted >= SEARCH_LIMITS.words) {
      leftOut.push(word.written);
      continue;
    }
    counted++;
    for (const alternatives of fresh) {
      seen.add(alternatives.join('|'));
      terms.push({ written: word.written, stems: alternatives });
    }
  }
  return terms.length ? ok({ terms, leftOut }) : err({ kind: 'no_words' });
}

/** The index rows of an entry: question words weigh three times, topics twice, answers once. */
export function entryTerms(entry: PracticeEntry): Array<{ term: string; count: number }> {
  const total = new Map<string, number>();
  for (const [text, weight] of [
    [entry.question, 3],
    [entry.topics, 2],
    [entry.answers, 1],
  ] as const) {
    for (const [term, count] of termCounts(text)) total.set(term, (total.get(term) ?? 0) + count * weight);
  }
  return [...total].map(([term, count]) => ({ term, count }));
}

export interface RankedHit {
  questionId: number;
  /** How many of the searched words the entry has. */
  matched: number;
  score: number;
}

/** Ranks entries: more searched words found first, then rarer words and exact stems, then newer. */
export function rank(terms: readonly SearchTerm[], postings: readonly SearchPosting[], entries: number): RankedHit[] {
  const best = new Map<number, number[]>();
  terms.forEach((term, i) => {
    const rows = postings.filter((p) => term.stems.some((s) => stemMatches(p.term, s)));
    const idf = Math.log(1 + entries / Math.max(1, new Set(rows.map((r) => r.questionId)).size));
    for (const row of rows) {
      const exact = term.stems.includes(row.term) ? 1 : 0.7;
      const value = idf * exact * (1 + Math.log(row.count));
      const scores = best.get(row.questionId) ?? new Array<number>(terms.length).fill(0);
      scores[i] = Math.max(scores[i] as number, value);
      best.set(row.questionId, scores);
    }
  });
  const hits = [...best]
    .map(([questionId, scores]) => ({ questionId, matched: scores.filter((s) => s > 0).length, score: scores.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.matched - a.matched || b.score - a.score || b.questionId - a.questionId);
  // Entries with at least half the words the best one has: "missione" alone does not bury the rest.
  const enough = Math.ceil((hits[0]?.matched ?? 0) / 2);
  return hits.filter((h) => h.matched >= enough).slice(0, SEARCH_LIMITS.results);
}

/** Runs a parsed query: one capped lookup per distinct stem, then ranking in memory. */
export async function searchPractice(repo: ExchangeRepository, query: ParsedSearch): Promise<RankedHit[]> {
  const lookups = [...new Set(query.terms.flatMap((t) => t.stems))].map((stem) => ({ stem, prefix: stem.length >= PREFIX_FROM }));
  const [postings, entries] = await Promise.all([repo.postings(lookups, SEARCH_LIMITS.postingsPerStem), repo.practiceCount()]);
  return rank(query.terms, postings, entries);
}

/** Writes the terms of entries that have none yet (carried over from the old index). */
export async function indexPendingPractice(repo: ExchangeRepository, now: Date): Promise<number> {
  let indexed = 0;
  for (;;) {
    const pending = await repo.unindexedPractice(50);
    if (pending.length === 0) return indexed;
    for (const { questionId, entry } of pending) await repo.indexPractice(questionId, entryTerms(entry), now);
    indexed += pending.length;
  }
}

/** `/exchange search <words…>`: the best entries with an excerpt where the words were found. */
export async function search(deps: ExchangeDeps, member: Member, text: string): Promise<OutboundMessage> {
  const parsed = parseSearch(text);
  if (!parsed.ok) {
    if (parsed.error.kind === 'too_long') throw new UserFacingError('exchange.search_too_long', { max: parsed.error.max, length: text.length });
    throw new UserFacingError('exchange.search_no_words');
  }
  const hits = await searchPractice(deps.repo, parsed.value);
  const ids = hits.map((h) => h.questionId);
  const [entries, questions] = await Promise.all([deps.repo.practices(ids), Promise.all(ids.map((id) => deps.repo.getQuestion(id)))]);
  const searched = parsed.value.terms.map((t) => t.stems);
  const shown = questions.flatMap((question) => {
    const entry = question ? entries.get(question.id) : undefined;
    if (!question || !entry) return [];
    const inQuestion = snippet(entry.question, searched);
    return [{ question, snippet: inQuestion.includes('*') ? inQuestion : snippet(entry.answers || entry.question, searched) }];
  });
  return searchResults(text.trim(), shown, parsed.value.leftOut, translatorFor(deps, member));
}
