// The matchmaking round as a pure function: who gets paired with whom, and that the same inputs and
// seed always give the same pairs.
import { describe, expect, it } from 'vitest';
import { isAvailable, matchRound, suggestHelpers, type MatchPerson } from '../../../src/features/exchange/matching.ts';

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
  ...over,
});
const seeker = (id: string, over: Partial<MatchPerson> = {}) => person(id, { needsHelp: ['internationalisation'], ...over });
const helper = (id: string, over: Partial<MatchPerson> = {}) => person(id, { canHelp: ['internationalisation'], ...over });

const round = (people: MatchPerson[], recentPairs: Array<[string, string]> = [], seed = 'exchange-round:2026-11-23') =>
  matchRound({ people, recentPairs, now: NOW, seed }).map((p) => `${p.seekerId}→${p.helperId}`);

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
    const [pair] = matchRound({ people, recentPairs: [], now: NOW, seed: 's' });
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
    const pairs = matchRound({ people, recentPairs: [], now: NOW, seed: 'x' });
    expect(pairs).toHaveLength(2);
    const ids = pairs.flatMap((p) => [p.seekerId, p.helperId]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('given a seeker whose best helper is taken by a better pair → the second pass still finds them someone', () => {
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
