// The one command registry: names, descriptions, typed arguments, usage lines and role checks.
// /help, usage errors, the Slack manifest and the Discord command definitions all come from here.
import { z } from 'zod';
import type { CommandEvent, Responder } from './events.ts';
import type { Translator } from './i18n.ts';
import type { Member, Role } from './members.ts';
import { err, ok, type Result } from './result.ts';
import type { OutboundMessage } from './ui.ts';

export type ArgKind = 'string' | 'integer' | 'date' | 'time' | 'flag' | 'text';

export interface ArgSpec {
  name: string;
  kind: ArgKind;
  description: string;
  required?: boolean;
  /** Given as `name:value` rather than by position. */
  named?: boolean;
  choices?: readonly string[];
  /** A hint for platforms that can suggest values (Discord autocomplete). */
  suggest?: 'survey' | 'topic' | 'item' | 'member';
}

export interface CommandContext {
  event: CommandEvent;
  responder: Responder;
  member: Member;
  language: string;
  t: Translator;
  args: Record<string, unknown>;
}

export interface Subcommand {
  name: string;
  /** i18n key of a one-line description. */
  description: string;
  args: ArgSpec[];
  role: Role;
  run(ctx: CommandContext): Promise<OutboundMessage | void>;
}

export interface CommandSpec {
  /** Without the slash: "survey". */
  name: string;
  description: string;
  subcommands: Subcommand[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function argSchema(arg: ArgSpec): z.ZodType {
  const base = ((): z.ZodType => {
    if (arg.choices) return z.enum(arg.choices as [string, ...string[]]);
    switch (arg.kind) {
      case 'integer':
        return z.coerce.number().int().nonnegative();
      case 'date':
        return z.string().regex(DATE, 'expected YYYY-MM-DD');
      case 'time':
        return z.string().regex(TIME, 'expected HH:MM');
      case 'flag':
        return z.boolean();
      case 'string':
      case 'text':
        return z.string().min(1);
    }
  })();
  return arg.required ? base : base.optional();
}

/** The zod schema of a subcommand's arguments, derived from its ArgSpecs. */
export function argsSchema(args: ArgSpec[]): z.ZodObject {
  return z.object(Object.fromEntries(args.map((a) => [a.name, argSchema(a)]))).strict();
}

/** "/survey open <id> [closes:<date>] [anonymous]" */
export function usageLine(command: string, sub: Pick<Subcommand, 'name' | 'args'>): string {
  const parts = sub.args.map((a) => {
    const value = a.choices ? a.choices.join('|') : a.kind === 'string' ? a.name : a.kind;
    if (a.kind === 'flag') return `[${a.name}]`;
    if (a.named) return a.required ? `${a.name}:<${value}>` : `[${a.name}:<${value}>]`;
    const name = `${a.name}${a.kind === 'text' ? '…' : ''}`;
    return a.required ? `<${name}>` : `[${name}]`;
  });
  return ['/' + command, sub.name, ...parts].filter(Boolean).join(' ');
}

/** `name:"a phrase"` or `name:'a phrase'`, a "quoted phrase", a 'quoted phrase', or a word. */
const TOKEN = /([^\s:"']+:)(?:"([^"]*)"|'([^']*)')|"([^"]*)"|'([^']*)'|(\S+)/g;

/** Splits on spaces, keeping "quoted phrases" (also as `name:"a value"`) together. */
export function tokenize(text: string): string[] {
  return tokenizeRaw(text).tokens;
}

/**
 * Tokens without their quotes, and each as it was typed with the spacing before it, so rest-of-line
 * text comes back exactly as written (quotes, `"a"?`, line breaks).
 */
export function tokenizeRaw(text: string): { tokens: string[]; raw: string[] } {
  const tokens: string[] = [];
  const raw: string[] = [];
  let end = 0;
  for (const m of text.matchAll(TOKEN)) {
    tokens.push(m[1] ? m[1] + (m[2] ?? m[3] ?? '') : (m[4] ?? m[5] ?? m[6] ?? ''));
    raw.push(text.slice(end, m.index + m[0].length));
    end = m.index + m[0].length;
  }
  return { tokens, raw };
}

export type ParseFailure = { reason: 'unknown_subcommand' | 'invalid_args'; detail?: string };

/**
 * Binds tokens to a subcommand's args: `name:value`, bare flags, then positionals in order. With
 * `typed` (the tokens as typed, see tokenizeRaw), a rest-of-line text argument keeps its quotes.
 */
export function parseArgs(sub: Pick<Subcommand, 'args'>, tokens: string[], typed: string[] = tokens): Result<Record<string, unknown>, ParseFailure> {
  const raw: Record<string, unknown> = {};
  const positional = sub.args.filter((a) => !a.named && a.kind !== 'flag');
  const rest: Array<{ token: string; typed: string }> = [];
  tokens.forEach((token, i) => {
    const colon = token.indexOf(':');
    const named = colon > 0 ? sub.args.find((a) => a.named && a.name === token.slice(0, colon)) : undefined;
    const flag = sub.args.find((a) => a.kind === 'flag' && a.name === token);
    if (named) raw[named.name] = token.slice(colon + 1);
    else if (flag) raw[flag.name] = true;
    else rest.push({ token, typed: typed[i] ?? token });
  });
  for (const arg of positional) {
    if (rest.length === 0) break;
    raw[arg.name] =
      arg.kind === 'text' && typed !== tokens
        ? rest
            .splice(0)
            .map((r) => r.typed)
            .join('')
            .trim()
        : arg.kind === 'text'
          ? rest
              .splice(0)
              .map((r) => r.token)
              .join(' ')
          : rest.shift()?.token;
  }
  if (rest.length > 0) return err({ reason: 'invalid_args', detail: rest.map((r) => r.token).join(' ') });
  const parsed = argsSchema(sub.args).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err({ reason: 'invalid_args', detail: issue ? `${issue.path.join('.')}: ${issue.message}` : undefined });
  }
  return ok(parsed.data as Record<string, unknown>);
}

export class CommandRegistry {
  readonly #commands = new Map<string, CommandSpec>();

  add(spec: CommandSpec): void {
    if (this.#commands.has(spec.name)) throw new Error(`command /${spec.name} registered twice`);
    this.#commands.set(spec.name, spec);
  }

  /** Adds subcommands to an existing command (features extend /survey, /news…). */
  extend(name: string, subcommands: Subcommand[]): void {
    const spec = this.#commands.get(name);
    if (!spec) throw new Error(`no command /${name} to extend`);
    spec.subcommands.push(...subcommands);
  }

  get(name: string): CommandSpec | undefined {
    return this.#commands.get(name.replace(/^\//, ''));
  }

  all(): CommandSpec[] {
    return [...this.#commands.values()];
  }

  /** Finds the subcommand named by the first token; a command whose only subcommand is "" takes none. */
  resolve(spec: CommandSpec, tokens: string[]): { sub: Subcommand; rest: string[] } | null {
    const [first, ...rest] = tokens;
    const named = first === undefined ? undefined : spec.subcommands.find((s) => s.name === first.toLowerCase());
    if (named) return { sub: named, rest };
    const bare = spec.subcommands.find((s) => s.name === '');
    return bare ? { sub: bare, rest: tokens } : null;
  }
}
