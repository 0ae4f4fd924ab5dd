// A fuzz of the whole command surface, in Italian, English and German: every command and
// subcommand with random arguments (missing, malformed, quoted, unknown options, stray words).
// Whatever goes wrong, the person reads a sentence in their language: no validator text, no
// stack trace. A seeded generator keeps each run the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArgSpec } from '../../src/core/index.ts';
import { from } from '../fakes/memory-adapter.ts';
import { createTestApp, type TestApp } from '../fakes/test-app.ts';

const LINES_PER_LANGUAGE = 400;
// What zod, JSON or a stack trace would leave in a reply.
const VALIDATOR_TEXT =
  /Invalid input|Invalid option|expected (string|int|number|boolean|one of)|received (undefined|number|string)|Too (small|big)|>=\s?\d|<=\s?\d|ZodError|at \w+ \(|\bundefined\b|\[object Object\]|NaN/;

// "Something went wrong … reference ABC123": an input no handler expected.
const FAILURE_REFERENCE = /(reference|riferimento|Referenz) [0-9A-Z]{6}/;

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS = [
  'demo',
  'cluster-managers',
  '2027-02-30',
  '31/12/2027',
  '12:75',
  '09:00',
  '-3',
  '1.000',
  'yes',
  '"circular economy"',
  '«economia circolare»',
  "l'impresa",
  'topic:clusters',
  'to:@giulia',
  'x:',
  ':',
  '""',
  '@nobody',
  '#general',
  '<#C0123|general>',
  'http://127.0.0.1:9/x.yaml',
  'ZAŁĄCZNIK',
  'Überprüfung',
  '∑',
  '0',
  '99999999999',
  'anonymous',
  'post',
];

function randomValue(arg: ArgSpec, random: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  if (arg.choices && random() < 0.5) return pick(arg.choices);
  return pick(WORDS);
}

function randomLine(args: readonly ArgSpec[], random: () => number): string {
  const parts: string[] = [];
  for (const arg of args) {
    if (random() < 0.3) continue;
    const value = randomValue(arg, random);
    if (arg.kind === 'flag') parts.push(random() < 0.8 ? arg.name : `${arg.name}:${value}`);
    else if (arg.named) parts.push(`${random() < 0.1 ? arg.name.slice(0, -1) : arg.name}:${value}`);
    else parts.push(value);
  }
  if (random() < 0.2) parts.push(WORDS[Math.floor(random() * WORDS.length)]!);
  return parts.sort(() => random() - 0.5).join(' ');
}

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({}, '2026-11-23T08:00:00Z');
});
afterAll(async () => app?.stop());

describe('the command surface under fuzz', () => {
  it.each([
    ['it', 'giulia'],
    ['en', 'anna'],
    ['de', 'lukas'],
  ])(
    'given %s and random arguments to every command → no validator text and no failure in any reply',
    async (locale, who) => {
      const random = seeded(locale.charCodeAt(0) * 31 + locale.charCodeAt(1));
      const specs = app.bot.registry.all();
      const offending: string[] = [];
      for (let i = 0; i < LINES_PER_LANGUAGE; i++) {
        const spec = specs[Math.floor(random() * specs.length)]!;
        const sub = spec.subcommands[Math.floor(random() * spec.subcommands.length)]!;
        const line = `${random() < 0.05 ? 'bogus' : sub.name} ${randomLine(sub.args, random)}`.trim();
        const replies = await app.adapter.inject({ ...from(who).command(spec.name, line), locale });
        for (const reply of replies)
          if (VALIDATOR_TEXT.test(reply.text) || FAILURE_REFERENCE.test(reply.text)) offending.push(`/${spec.name} ${line} → ${reply.text}`);
      }
      expect(offending.slice(0, 5)).toEqual([]);
    },
    240_000,
  );
});
