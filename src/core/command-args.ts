// Command arguments: typed builders whose zod schemas give handlers their argument types, the
// tokenizer that reads a command line the way people type it, and parsing that reports problems as
// data (which argument, what was wrong) so the core can word them in the person's language.
import { distance } from 'fastest-levenshtein';
import { z } from 'zod';
import { err, ok, type Result } from './result.ts';

export type ArgKind = 'string' | 'integer' | 'date' | 'time' | 'flag' | 'text' | 'choice';

export interface ArgSpec {
  name: string;
  kind: ArgKind;
  /** i18n key of a one-line description. */
  description: string;
  required?: boolean;
  /** Given as `name:value` rather than by position. */
  named?: boolean;
  choices?: readonly string[];
  /** What platforms that can suggest values (Discord autocomplete) ask features for: "survey", "topic"… */
  suggest?: string;
  /** A value shown in error messages ("e.g. cluster-managers"); kinds with a fixed format have their own. */
  example?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Whole numbers end up in the database's 32-bit integers (Prisma's Int, PostgreSQL's INTEGER): larger ones are a bad argument, not a storage failure. */
const INT_MAX = 2_147_483_647;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function kindSchema(kind: ArgKind, choices?: readonly string[]): z.ZodType {
  switch (kind) {
    case 'integer':
      return z.coerce.number().int().nonnegative().max(INT_MAX);
    case 'date':
      return z.string().regex(DATE);
    case 'time':
      return z.string().regex(TIME);
    case 'flag':
      return z.boolean();
    case 'choice':
      return z.enum(choices as [string, ...string[]]);
    case 'string':
    case 'text':
      return z.string().min(1);
  }
}

/** One argument under construction; `required()` and `named()` return a narrower copy. */
export class Arg<S extends z.ZodType, R extends boolean = false> {
  declare readonly __required: R;
  constructor(
    readonly spec: Omit<ArgSpec, 'name'>,
    readonly schema: S,
  ) {}
  required(): Arg<S, true> {
    return new Arg({ ...this.spec, required: true }, this.schema);
  }
  named(): Arg<S, R> {
    return new Arg({ ...this.spec, named: true }, this.schema);
  }
}

type ArgOptions = Pick<ArgSpec, 'description' | 'suggest' | 'example'>;
const make = <S extends z.ZodType>(kind: ArgKind, options: ArgOptions, schema: S, choices?: readonly string[]) =>
  new Arg<S>({ kind, ...options, ...(choices ? { choices } : {}) }, schema);

export const arg = {
  string: (o: ArgOptions) => make('string', o, z.string().min(1)),
  /** The rest of the line, as typed (quotes kept). */
  text: (o: ArgOptions) => make('text', o, z.string().min(1)),
  integer: (o: ArgOptions) => make('integer', o, z.coerce.number().int().nonnegative().max(INT_MAX)),
  date: (o: ArgOptions) => make('date', o, z.string().regex(DATE)),
  time: (o: ArgOptions) => make('time', o, z.string().regex(TIME)),
  flag: (o: ArgOptions) => make('flag', o, z.boolean()),
  choice: <const C extends readonly [string, ...string[]]>(choices: C, o: ArgOptions) => make('choice', o, z.enum(choices), choices),
};

export type AnyArg = Arg<z.ZodType, boolean>;
export type ArgsShape = Record<string, AnyArg>;
/** The values a handler receives: required arguments always present, the others possibly undefined. */
export type ArgValues<A extends ArgsShape> = {
  [K in keyof A]: A[K] extends Arg<infer S, infer R> ? (R extends true ? z.output<S> : z.output<S> | undefined) : never;
};

export const argSpecs = (args: ArgsShape): ArgSpec[] => Object.entries(args).map(([name, a]) => ({ name, ...a.spec }));

/** The zod schema of a subcommand's arguments, derived from its ArgSpecs. */
export function argsSchema(args: readonly ArgSpec[]): z.ZodObject {
  return z
    .object(Object.fromEntries(args.map((a) => [a.name, a.required ? kindSchema(a.kind, a.choices) : kindSchema(a.kind, a.choices).optional()])))
    .strict();
}

/** "/survey open <id> [closes:<date>] [anonymous]" */
export function usageLine(command: string, sub: { name: string; args: readonly ArgSpec[] }): string {
  const parts = sub.args.map((a) => {
    const value = a.choices ? a.choices.join('|') : a.kind === 'string' ? a.name : a.kind;
    if (a.kind === 'flag') return `[${a.name}]`;
    if (a.named) return a.required ? `${a.name}:<${value}>` : `[${a.name}:<${value}>]`;
    const name = `${a.name}${a.kind === 'text' ? '…' : ''}`;
    return a.required ? `<${name}>` : `[${name}]`;
  });
  return ['/' + command, sub.name, ...parts].filter(Boolean).join(' ');
}

export interface Token {
  /** The value, quotes removed. */
  value: string;
  /** The whole token, quotes removed: `name:value` keeps its name (a URL's "https:" is not an option). */
  whole: string;
  /** Where it starts and ends in the line, quotes included. */
  start: number;
  end: number;
  /** For `name:value`, the name (lower case). */
  name?: string;
}

// Straight and typographic double quotes, guillemets and low-high German quotes; any of them closes
// a phrase opened by another (people and keyboards mix “…“ and „…”). A single quote is an apostrophe
// in Italian ("l'internazionalizzazione") and quotes only where no word starts with one: right after
// `name:` or at the start of a word, closed by a single quote that ends a word.
const DOUBLE_QUOTES = new Set(['"', '“', '”', '„', '«', '»']);
const SINGLE_QUOTES = new Set(["'", '‘', '’']);

/** Where the phrase opened at `open` ends (index of its closing quote), or -1 when it is not a quoted phrase. */
function closingQuote(line: string, open: number, valueStart: number): number {
  const opener = line[open] ?? '';
  if (DOUBLE_QUOTES.has(opener)) {
    for (let j = open + 1; j < line.length; j++) if (DOUBLE_QUOTES.has(line[j]!)) return j;
    return -1;
  }
  // A single quote opens only where no word starts with one: a value's start, or after a list's comma.
  if (SINGLE_QUOTES.has(opener) && (open === valueStart || line[open - 1] === ',')) {
    for (let j = open + 1; j < line.length; j++) if (SINGLE_QUOTES.has(line[j]!) && (j + 1 === line.length || /[\s,]/.test(line[j + 1]!))) return j;
  }
  return -1;
}

/**
 * Splits on spaces, keeping "quoted phrases" together, also after `name:` (or `name: ` with a space) and
 * inside a list (`topics:"circular economy",clusters`); the quotes themselves are dropped.
 */
export function tokenizeLine(line: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && /\s/.test(line[i]!)) i++;
    if (i >= line.length) break;
    const start = i;
    const prefix = /^([a-z][a-z0-9_-]*):/i.exec(line.slice(i));
    let valueStart = prefix ? i + prefix[0].length : i;
    // `topics: "circular economy"`: a name with nothing after its colon takes the next word or phrase.
    if (prefix && /^\s+\S/.test(line.slice(valueStart)) && !/^[a-z][a-z0-9_-]*:/i.test(line.slice(valueStart).trimStart())) {
      while (/\s/.test(line[valueStart]!)) valueStart++;
    }
    let value = '';
    i = valueStart;
    while (i < line.length && !/\s/.test(line[i]!)) {
      const close = closingQuote(line, i, valueStart);
      if (close > i) {
        value += line.slice(i + 1, close);
        i = close + 1;
      } else value += line[i++];
    }
    tokens.push({ value, whole: (prefix ? prefix[0] : '') + value, start, end: i, ...(prefix ? { name: prefix[1]!.toLowerCase() } : {}) });
  }
  return tokens;
}

/** The values of `tokenizeLine`, for callers that only need words. */
export const tokenize = (line: string): string[] => tokenizeLine(line).map((t) => t.whole);

/** What was wrong with a command's arguments, as data the core words in the person's language. */
export type ArgProblem =
  | { kind: 'missing'; arg: ArgSpec }
  | { kind: 'invalid'; arg: ArgSpec; given: string }
  | { kind: 'unknown_option'; given: string; suggestion?: ArgSpec }
  | { kind: 'extra'; given: string };

/** The closest named argument to a mistyped one ("topic" → "topics"), if it is close enough to be a typo. */
function closestNamed(args: readonly ArgSpec[], name: string): ArgSpec | undefined {
  const scored = args.filter((a) => a.named || a.kind !== 'flag').map((a) => ({ a, d: distance(a.name, name) }));
  const best = scored.sort((x, y) => x.d - y.d)[0];
  return best && best.d <= Math.max(1, Math.floor(name.length / 3)) ? best.a : undefined;
}

/**
 * `"topics:circular economy"` (the whole option quoted) and `topics=clusters` are the option they look
 * like, when the command has an option of that name; otherwise they stay words.
 */
function asNamed(args: readonly ArgSpec[], token: Token): Token {
  if (token.name !== undefined) return token;
  const m = /^([a-z][a-z0-9_-]*)[:=](.*)$/is.exec(token.value);
  const name = m?.[1]?.toLowerCase();
  if (!m || !args.some((a) => a.named && a.name === name)) return token;
  return { ...token, name: name!, value: m[2]!.trim() };
}

/**
 * Binds a command line (after the subcommand) to its arguments: `name:value`, bare flags, then
 * positionals in order; a `text` argument takes the rest of the line as typed, quotes kept.
 */
export function parseArgs(args: readonly ArgSpec[], line: string): Result<Record<string, unknown>, ArgProblem> {
  const raw: Record<string, unknown> = {};
  const rest: Token[] = [];
  const all = tokenizeLine(line);
  const tokensBetween = (a: Token, b: Token): number => all.indexOf(b) - all.indexOf(a) - 1;
  for (const original of all) {
    const token = asNamed(args, original);
    const named = token.name !== undefined ? args.find((a) => a.named && a.name === token.name) : undefined;
    const flag = token.name === undefined ? args.find((a) => a.kind === 'flag' && a.name === token.value.toLowerCase()) : undefined;
    if (named) raw[named.name] = token.value;
    else if (flag) raw[flag.name] = true;
    else if (token.name !== undefined && !/^https?$/.test(token.name) && !args.some((a) => a.kind === 'text' && !a.named)) {
      const suggestion = closestNamed(args, token.name);
      return err({ kind: 'unknown_option', given: token.name, ...(suggestion ? { suggestion } : {}) });
    } else rest.push(token);
  }
  for (const a of args.filter((x) => !x.named && x.kind !== 'flag')) {
    const first = rest[0];
    if (!first) break;
    if (a.kind === 'text') {
      // As typed: tokens that followed each other keep the spacing between them ('"a"?' stays whole).
      raw[a.name] = rest
        .map((t, i) => {
          const next = rest[i + 1];
          return next && tokensBetween(t, next) === 0 ? line.slice(t.start, next.start) : line.slice(t.start, t.end) + (next ? ' ' : '');
        })
        .join('')
        .trim();
      rest.length = 0;
    } else raw[a.name] = rest.shift()!.whole;
  }
  if (rest.length > 0) return err({ kind: 'extra', given: rest.map((t) => line.slice(t.start, t.end)).join(' ') });
  for (const a of args) {
    const value = raw[a.name];
    if (value === undefined) {
      if (a.required) return err({ kind: 'missing', arg: a });
      continue;
    }
    if (!kindSchema(a.kind, a.choices).safeParse(value).success) return err({ kind: 'invalid', arg: a, given: String(value) });
  }
  const parsed = argsSchema(args).safeParse(raw);
  // Every argument was checked on its own above, so this only fails if the two disagree: a bug, not input.
  if (!parsed.success) throw new Error(`argument schema disagrees with its checks: ${parsed.error.issues.length} issue(s)`);
  return ok(parsed.data as Record<string, unknown>);
}
