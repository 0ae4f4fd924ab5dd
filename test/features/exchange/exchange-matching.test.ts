// The matchmaking round as a pure function: who gets paired with whom, that everyone who can be
// paired is, that people left out come first next time, and that the same inputs and seed always
// give the same pairs. Generated networks are checked against an independent exact maximum.
import { describe, expect, it } from 'vitest';
import { isAvailable, matchRound, suggestHelpers, type MatchPerson } from '../../../src/features/exchange/exchange-matching.ts';
import { allowedByRules, generatedNetwork, maximumPairs } from '../../fakes/exchange-network.ts';

const NOW = new Date('2026-11-23T08:00:00Z');
const DAY = 86_400_000;

const person = (id: string, over: Partial<MatchPerson> = {}): MatchPerson => ({
  id,
  cluster: `cluster-${id}`,
  languages: ['en'],
  canHelp: [],
  needsHelp: [],
  frequency: 'biweekly',
  optedOut: false,
  snoozedUntil: null,
  lastProposedAt: null,
  recentHelperLoad: 0,
  waitingRounds: 0,
  ...over,
});
const seeker = (id: string, over: Partial<MatchPerson> = {}) => person(id, { needsHelp: ['internationalisation'], ...over });
const helper = (id: string, over: Partial<MatchPerson> = {}) => person(id, { canHelp: ['internationalisation'], ...over });

const round = (people: MatchPerson[], recentPairs: Array<[string, string]> = [], seed = 'exchange-round:2026-11-23') =>
  matchRound({ people, recentPairs, now: NOW, seed }).pairs.map((p) => `${p.seekerId}→${p.helperId}`);

describe('matchRound', () => {
  it('given a seeker and a helper who share no language → no pair', () => {
    expect(round([seeker('ines', { languages: ['it'] }), helper('dieter', { languages: ['de'] })])).toEqual([]);
  });

  it('given two seekers and two helpers in different languages → each is paired with the helper who shares a language', () => {
    const people = [
      seeker('ines', { languages: ['it'] }),
      seeker('otto', { languages: ['de'] }),
      helper('carla', { languages: ['it'] }),
      helper('dieter', { languages: ['de'] }),
    ];
    expect(round(people)).toEqual(['ines→carla', 'otto→dieter']);
    const [pair] = matchRound({ people, recentPairs: [], now: NOW, seed: 's' }).pairs;
    expect(pair).toMatchObject({ topic: 'internationalisation', sharedLanguages: ['it'], differentCluster: true });
  });

  it('given helpers in the same and in another cluster → the one from another cluster is proposed', () => {
    const people = [seeker('ines', { cluster: 'Eyewear' }), helper('carla', { cluster: 'eyewear ' }), helper('dieter', { cluster: 'Plastics' })];
    expect(round(people)).toEqual(['ines→dieter']);
  });

  it('given the only helper was proposed to this seeker within the window → no pair, in either order', () => {
    const people = [seeker('ines'), helper('carla')];
    expect(round(people, [['ines', 'carla']])).toEqual([]);
    expect(round(people, [['carla', 'ines']])).toEqual([]);
    expect(round([...people, helper('dieter')], [['ines', 'carla']])).toEqual(['ines→dieter']);
  });

  it('given people who opted out, are snoozed or were matched too recently for their frequency → they are left out', () => {
    const helpers = [helper('carla')];
    expect(round([seeker('ines', { optedOut: true }), ...helpers])).toEqual([]);
    expect(round([seeker('ines', { snoozedUntil: new Date(NOW.getTime() + DAY) }), ...helpers])).toEqual([]);
    expect(round([seeker('ines', { snoozedUntil: new Date(NOW.getTime() - DAY) }), ...helpers])).toEqual(['ines→carla']);
    expect(round([seeker('ines'), helper('carla', { optedOut: true })])).toEqual([]);
    const fortnightAgo = new Date(NOW.getTime() - 14 * DAY);
    expect(round([seeker('ines', { frequency: 'monthly', lastProposedAt: fortnightAgo }), ...helpers])).toEqual([]);
    expect(round([seeker('ines', { frequency: 'biweekly', lastProposedAt: fortnightAgo }), ...helpers])).toEqual(['ines→carla']);
    expect(isAvailable(person('x', { frequency: 'weekly', lastProposedAt: new Date(NOW.getTime() - 7 * DAY) }), NOW)).toBe(true);
  });

  it('given an expert asked often lately and an equally good one → the one asked less is proposed', () => {
    const people = [seeker('ines'), helper('carla', { recentHelperLoad: 3 }), helper('dieter', { recentHelperLoad: 0 })];
    expect(round(people)).toEqual(['ines→dieter']);
  });

  it('given three seekers and two helpers → each person is in at most one pair per round', () => {
    const people = [seeker('a'), seeker('b'), seeker('c'), helper('h1'), helper('h2')];
    const { pairs, leftOut } = matchRound({ people, recentPairs: [], now: NOW, seed: 'x' });
    expect(pairs).toHaveLength(2);
    expect(leftOut).toHaveLength(1);
    const ids = pairs.flatMap((p) => [p.seekerId, p.helperId]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('given a seeker whose best helper is taken by a heavier pair → the pairs are rearranged so both are paired', () => {
    const people = [
      seeker('a', { languages: ['it'] }),
      seeker('b', { languages: ['it', 'de'] }),
      helper('h1', { languages: ['it'] }),
      helper('h2', { languages: ['de'] }),
    ];
    expect(round(people)).toEqual(['a→h1', 'b→h2']);
  });

  it('given the same people and seed, in any input order → the same pairs; other seeds break ties differently', () => {
    const people = Array.from({ length: 40 }, (_, i) => (i % 2 ? seeker(`s${i}`) : helper(`h${i}`)));
    const first = round(people);
    expect(round([...people].reverse())).toEqual(first);
    expect(round(people)).toEqual(first);
    const others = ['a', 'b', 'c', 'd', 'e'].map((seed) => round(people, [], seed).join());
    expect(new Set(others).size).toBeGreaterThan(1);
  });
});

describe('matchRound against the maximum', () => {
  it('given ten profiles where a greedy pass made 3 pairs → all 5 possible pairs are proposed', () => {
    // Each seeker's best-scoring helper (another cluster, two topics) is also the only helper of
    // someone else: taking best pairs first strands people, a maximum matching does not.
    const people = [
      seeker('s1', { needsHelp: ['ip', 'events'], cluster: 'A' }),
      helper('h1', { canHelp: ['ip', 'events', 'training'], cluster: 'B' }),
      seeker('s2', { needsHelp: ['training'], cluster: 'B' }),
      helper('h2', { canHelp: ['ip'], cluster: 'A' }),
      seeker('s3', { needsHelp: ['marketing', 'lobbying'], cluster: 'C' }),
      helper('h3', { canHelp: ['marketing', 'lobbying', 'financing'], cluster: 'D' }),
      seeker('s4', { needsHelp: ['financing'], cluster: 'D' }),
      helper('h4', { canHelp: ['marketing'], cluster: 'C' }),
      seeker('s5', { needsHelp: ['governance'], languages: ['it'] }),
      helper('h5', { canHelp: ['governance'], languages: ['it', 'en'] }),
    ];
    const { pairs, leftOut } = matchRound({ people, recentPairs: [], now: NOW, seed: 'ten' });
    expect(pairs).toHaveLength(5);
    expect(leftOut).toEqual([]);
    expect(pairs.map((p) => `${p.seekerId}→${p.helperId}`)).toContain('s2→h1');
  });

  it.each([10, 25, 40, 120, 400])(
    'given a generated network of %i members across languages → as many pairs as the rules allow, each one allowed',
    (members) => {
      for (const seed of ['a', 'b', 'c']) {
        const input = generatedNetwork(members, `${members}-${seed}`, NOW);
        const { pairs } = matchRound(input);
        expect(pairs.length).toBe(maximumPairs(input));
        const byId = new Map(input.people.map((p) => [p.id, p]));
        const recent = new Set(input.recentPairs.map(([a, b]) => `${a}|${b}`));
        const ids = pairs.flatMap((p) => [p.seekerId, p.helperId]);
        expect(new Set(ids).size).toBe(ids.length);
        for (const p of pairs) {
          const [s, h] = [byId.get(p.seekerId)!, byId.get(p.helperId)!];
          expect(isAvailable(s, NOW) && isAvailable(h, NOW) && allowedByRules(s, h, recent)).toBe(true);
          expect(s.needsHelp).toContain(p.topic);
          expect(h.canHelp).toContain(p.topic);
        }
      }
    },
  );

  it('given three seekers for two helpers, one of them left out last round → that one is paired this round, whatever the seed', () => {
    for (const seed of ['r1', 'r2', 'r3', 'r4', 'r5', 'r6']) {
      for (const waiting of ['a', 'b', 'c']) {
        const people = [seeker('a'), seeker('b'), seeker('c'), helper('h1'), helper('h2')].map((p) => (p.id === waiting ? { ...p, waitingRounds: 1 } : p));
        const { pairs, leftOut } = matchRound({ people, recentPairs: [], now: NOW, seed });
        expect(pairs.map((p) => p.seekerId)).toContain(waiting);
        expect(leftOut).not.toContain(waiting);
      }
    }
  });

  it('given rounds over months on one network → nobody who can be paired waits more than two rounds in a row', () => {
    const people = Array.from({ length: 9 }, (_, i) => (i < 6 ? seeker(`s${i}`, { frequency: 'weekly' }) : helper(`h${i}`, { frequency: 'weekly' })));
    let state = people;
    let worst = 0;
    for (let week = 0; week < 12; week++) {
      const now = new Date(NOW.getTime() + week * 7 * DAY);
      const { pairs, leftOut } = matchRound({ people: state, recentPairs: [], now, seed: `week-${week}` });
      const paired = new Set(pairs.flatMap((p) => [p.seekerId, p.helperId]));
      state = state.map((p) => ({
        ...p,
        lastProposedAt: paired.has(p.id) ? now : p.lastProposedAt,
        waitingRounds: paired.has(p.id) ? 0 : leftOut.includes(p.id) ? p.waitingRounds + 1 : p.waitingRounds,
      }));
      worst = Math.max(worst, ...state.map((p) => p.waitingRounds));
    }
    expect(worst).toBeLessThanOrEqual(2);
  });
});

describe('suggestHelpers', () => {
  it('given helpers for a topic → those sharing a language come first; opted-out, snoozed and the asker are left out', () => {
    const asker = seeker('ines', { languages: ['it'], canHelp: ['internationalisation'] });
    const people = [
      asker,
      helper('en-only', { languages: ['en'] }),
      helper('italian', { languages: ['it'] }),
      helper('away', { languages: ['it'], snoozedUntil: new Date(NOW.getTime() + DAY) }),
      helper('gone', { languages: ['it'], optedOut: true }),
    ];
    expect(suggestHelpers(asker, 'internationalisation', people, NOW).map((p) => p.helperId)).toEqual(['italian', 'en-only']);
  });
});
