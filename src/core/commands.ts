// The one command registry: names, descriptions, typed arguments, usage lines and role checks.
// /help, usage errors, the Slack manifest and the Discord command definitions all come from here.
import { argSpecs, type ArgSpec, type ArgsShape, type ArgValues } from './command-args.ts';
import type { CommandEvent, Responder } from './events.ts';
import type { Translator } from './i18n.ts';
import type { Member, Role } from './members.ts';
import type { OutboundMessage } from './ui.ts';

export * from './command-args.ts';

export interface CommandContext<A = Record<string, unknown>> {
  event: CommandEvent;
  responder: Responder;
  member: Member;
  language: string;
  t: Translator;
  args: A;
}

/** A reply meant for everyone in the conversation; any other reply goes to the person alone. */
export interface PublicReply {
  visibility: 'public';
  message: OutboundMessage;
}
export type CommandReply = OutboundMessage | PublicReply | void;

/** Marks a command's reply as public: posted in the conversation rather than shown to the person alone. */
export const inChannel = (message: OutboundMessage): PublicReply => ({ visibility: 'public', message });

export interface Subcommand {
  name: string;
  /** i18n key of a one-line description. */
  description: string;
  args: ArgSpec[];
  role: Role;
  run(ctx: CommandContext): Promise<CommandReply>;
}

export interface CommandSpec {
  /** Without the slash: "survey". */
  name: string;
  description: string;
  subcommands: Subcommand[];
}

/**
 * Defines a subcommand whose handler receives arguments typed from their schemas: a required
 * `arg.string()` is a `string`, an optional `arg.integer()` a `number | undefined`.
 */
export function subcommand<A extends ArgsShape>(def: {
  name: string;
  description: string;
  role: Role;
  args: A;
  run(ctx: CommandContext<ArgValues<A>>): Promise<CommandReply>;
}): Subcommand {
  // The parser checked every value against the same schemas the type is derived from.
  return { name: def.name, description: def.description, role: def.role, args: argSpecs(def.args), run: def.run as Subcommand['run'] };
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

  /**
   * Finds the subcommand named by the line's first word and returns the rest of the line;
   * a command whose only subcommand is "" takes the whole line.
   */
  resolve(spec: CommandSpec, line: string): { sub: Subcommand; rest: string } | null {
    const trimmed = line.trim();
    const first = /^\S+/.exec(trimmed)?.[0];
    const named = first === undefined ? undefined : spec.subcommands.find((s) => s.name === first.toLowerCase());
    if (named) return { sub: named, rest: trimmed.slice(first!.length).trim() };
    const bare = spec.subcommands.find((s) => s.name === '');
    return bare ? { sub: bare, rest: trimmed } : null;
  }
}
