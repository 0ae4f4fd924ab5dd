// The command grammar as people type it: quotes (straight, typographic, after `name:`), Italian
// apostrophes, text taken as typed, and problems reported as data naming the argument.
import { describe, expect, it } from 'vitest';
import { arg, parseArgs, subcommand, tokenize, usageLine, type ArgSpec } from '../../src/core/index.ts';

const open = subcommand({
  name: 'open',
  description: '',
  role: 'admin',
  args: {
    id: arg.string({ description: '' }).required(),
    closes: arg.date({ description: '' }).named(),
    topics: arg.string({ description: '' }).named(),
    anonymous: arg.flag({ description: '' }),
  },
  run: async ({ args }) => {
    // Compile-time check: a required string, an optional date, an optional flag.
    const id: string = args.id;
    const closes: string | undefined = args.closes;
    const anonymous: boolean | undefined = args.anonymous;
    return { text: `${id} ${closes ?? ''} ${anonymous ?? ''}` };
  },
});
const ask: ArgSpec[] = [
  { name: 'question', kind: 'text', required: true, description: '' },
  { name: 'topics', kind: 'string', named: true, description: '' },
];

describe('command grammar', () => {
  it('given quoted phrases, also typographic and after name: → one value each; an apostrophe never quotes', () => {
    expect(tokenize('open "Cluster survey" now')).toEqual(['open', 'Cluster survey', 'now']);
    expect(tokenize('topics:"circular economy" «economia circolare» „Kreislauf Wirtschaft“')).toEqual([
      'topics:circular economy',
      'economia circolare',
      'Kreislauf Wirtschaft',
    ]);
    expect(tokenize("l'internazionalizzazione dell'impresa")).toEqual(["l'internazionalizzazione", "dell'impresa"]);
  });

  it('given multi-word values quoted as people type them → one value for the named option, never a stray word', () => {
    const sub: ArgSpec[] = [
      { name: 'channel', kind: 'string', description: '' },
      { name: 'topics', kind: 'string', named: true, description: '' },
      { name: 'kind', kind: 'string', named: true, description: '' },
    ];
    const want = { ok: true, value: { topics: 'circular economy' } };
    for (const line of [
      'topics:"circular economy"',
      'topics:“circular economy”',
      'topics:“circular economy“',
      'topics:„circular economy“',
      'topics:«circular economy»',
      "topics:'circular economy'",
      'topics:‘circular economy’',
      'topics: "circular economy"',
      '"topics:circular economy"',
      '“topics: circular economy”',
    ])
      expect(parseArgs(sub, line), line).toEqual(want);
    expect(parseArgs(sub, 'topics=clusters kind: call')).toEqual({ ok: true, value: { topics: 'clusters', kind: 'call' } });
    // An apostrophe inside a value is no quote; an unknown name= stays a word.
    expect(parseArgs(sub, "topics:l'economia")).toEqual({ ok: true, value: { topics: "l'economia" } });
    expect(parseArgs(sub, 'a=b')).toEqual({ ok: true, value: { channel: 'a=b' } });
    expect(parseArgs(sub, 'topic:clusters')).toMatchObject({ ok: false, error: { kind: 'unknown_option', given: 'topic', suggestion: { name: 'topics' } } });
  });

  it('given positional, named and flag arguments in any order → binds each by name', () => {
    expect(parseArgs(open.args, 'anonymous cluster-managers closes:2026-12-31')).toEqual({
      ok: true,
      value: { id: 'cluster-managers', closes: '2026-12-31', anonymous: true },
    });
  });

  it('given a malformed date → the problem names the argument and what was given', () => {
    expect(parseArgs(open.args, 'x closes:31/12/2026')).toMatchObject({ ok: false, error: { kind: 'invalid', arg: { name: 'closes' }, given: '31/12/2026' } });
  });

  it('given a missing required argument → the problem names it', () => {
    expect(parseArgs(open.args, '')).toMatchObject({ ok: false, error: { kind: 'missing', arg: { name: 'id' } } });
  });

  it('given extra words → refused rather than silently dropped', () => {
    expect(parseArgs(open.args, 'a b')).toMatchObject({ ok: false, error: { kind: 'extra', given: 'b' } });
  });

  it('given a mistyped option → the closest one is suggested', () => {
    expect(parseArgs(open.args, 'x topic:clusters')).toMatchObject({
      ok: false,
      error: { kind: 'unknown_option', given: 'topic', suggestion: { name: 'topics' } },
    });
  });

  it('given a text argument → it takes the rest of the line as typed, quotes kept, named options taken out', () => {
    expect(parseArgs(ask, 'How do you finance "smart specialisation" fairs? topics:"EU funding"')).toEqual({
      ok: true,
      value: { question: 'How do you finance "smart specialisation" fairs?', topics: 'EU funding' },
    });
    expect(parseArgs(ask, 'Nota: serve aiuto')).toEqual({ ok: true, value: { question: 'Nota: serve aiuto' } });
  });

  it('usage lines show required, optional, named and flag arguments', () => {
    expect(usageLine('survey', open)).toBe('/survey open <id> [closes:<date>] [topics:<topics>] [anonymous]');
    expect(usageLine('exchange', { name: 'ask', args: ask })).toBe('/exchange ask <question…> [topics:<topics>]');
  });
});
