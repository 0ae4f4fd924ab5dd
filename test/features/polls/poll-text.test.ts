// Reading a poll as people type it, closing times in their language, and the voting rule.
import { describe, expect, it } from 'vitest';
import { formatClosing, parseClosing, parseDuration } from '../../../src/features/polls/poll-closing.ts';
import { readPollText, tallyOf, toggle } from '../../../src/features/polls/poll.ts';

const now = new Date('2026-11-23T08:00:00Z'); // 09:00 in Rome
const at = (typed: string, language = 'en') => parseClosing(typed, { now, language, timeZone: 'Europe/Rome' });

describe('a poll as typed', () => {
  it('reads quoted phrases, a question ending in ?, or | separators, in any quoting style', () => {
    expect(readPollText('"Where do we meet?" Milan "Bolzano centre"')).toEqual({ question: 'Where do we meet?', options: ['Milan', 'Bolzano centre'] });
    expect(readPollText('Where do we meet? Milan Turin')).toEqual({ question: 'Where do we meet?', options: ['Milan', 'Turin'] });
    expect(readPollText('Dove? | Milano centro | Torino |')).toEqual({ question: 'Dove?', options: ['Milano centro', 'Torino'] });
    expect(readPollText('„Wo treffen wir uns?“ Mailand „Bozen Zentrum“')).toEqual({ question: 'Wo treffen wir uns?', options: ['Mailand', 'Bozen Zentrum'] });
    expect(readPollText('«Dove?» Milano «Bolzano centro»')).toEqual({ question: 'Dove?', options: ['Milano', 'Bolzano centro'] });
  });

  it('pressing toggles: a single choice moves or is withdrawn; a multiple choice adds or removes one option', () => {
    expect(toggle([], 1, false)).toEqual([1]);
    expect(toggle([1], 2, false)).toEqual([2]);
    expect(toggle([2], 2, false)).toEqual([]);
    expect(toggle([2], 0, true)).toEqual([0, 2]);
    expect(toggle([0, 2], 2, true)).toEqual([0]);
  });

  it('counts voters once however many options they chose, and names only in named polls', () => {
    const votes = [
      { pollId: 'p', voterKey: 'a', voterName: 'Anna', choices: [0, 1] },
      { pollId: 'p', voterKey: 'b', voterName: 'Bruno', choices: [1] },
      { pollId: 'p', voterKey: 'c', voterName: null, choices: [] },
    ];
    expect(tallyOf({ options: ['x', 'y'], anonymous: false }, votes)).toEqual({ voters: 2, counts: [1, 2], names: [['Anna'], ['Anna', 'Bruno']] });
    expect(tallyOf({ options: ['x', 'y'], anonymous: true }, votes).names).toEqual([[], []]);
  });
});

describe('closing times', () => {
  it('reads durations in it/en/de units', () => {
    expect(parseDuration('30m')).toBe(30 * 60_000);
    expect(parseDuration('1h30m')).toBe(90 * 60_000);
    expect(parseDuration('2 giorni')).toBe(2 * 86_400_000);
    expect(parseDuration('3 Tage')).toBe(3 * 86_400_000);
    expect(parseDuration('2 ore')).toBe(2 * 3_600_000);
    expect(parseDuration('soon')).toBeNull();
    expect(parseDuration('5 parsecs')).toBeNull();
  });

  it('reads a time of day, a date in the language’s order, and a date with a time, in the network’s time zone', () => {
    expect(at('17:00')).toEqual({ ok: true, at: new Date('2026-11-23T16:00:00Z') });
    expect(at('08:30')).toEqual({ ok: true, at: new Date('2026-11-24T07:30:00Z') });
    expect(at('30/11/2026', 'it')).toEqual({ ok: true, at: new Date('2026-11-30T22:59:59Z') });
    expect(at('30.11.2026 17:00', 'de')).toEqual({ ok: true, at: new Date('2026-11-30T16:00:00Z') });
    expect(at('2026-12-01T09:15')).toEqual({ ok: true, at: new Date('2026-12-01T08:15:00Z') });
  });

  it('refuses what is unreadable, past or too far', () => {
    expect(at('tomorrowish')).toEqual({ ok: false, problem: 'unreadable' });
    expect(at('1/1/2020')).toEqual({ ok: false, problem: 'past' });
    expect(at('200d')).toEqual({ ok: false, problem: 'too_far' });
  });

  it('writes the moment the reader’s way', () => {
    const moment = new Date('2026-11-30T16:00:00Z');
    expect(formatClosing(moment, 'it', 'Europe/Rome')).toBe('30 nov 2026, 17:00 CET');
    expect(formatClosing(moment, 'en', 'Europe/Rome')).toBe('Nov 30, 2026, 5:00 PM GMT+1');
  });
});
