// The help feature's one use case: which commands a person may use, optionally only one of them.
// A name that matches no command is an expected failure, returned as a value.
import { err, hasRole, ok, type CommandRegistry, type CommandSpec, type Member, type Result, type Subcommand } from '../../core/index.ts';

export interface HelpSection {
  spec: CommandSpec;
  subcommands: Subcommand[];
}

export function visibleCommands(registry: CommandRegistry, member: Member, only?: string): Result<HelpSection[], 'unknown_command'> {
  const wanted = only?.replace(/^\//, '');
  const mayUse = (sub: Subcommand) => sub.role === 'member' || hasRole(member, sub.role);
  const sections = registry
    .all()
    .filter((spec) => !wanted || spec.name === wanted)
    .map((spec) => ({ spec, subcommands: spec.subcommands.filter(mayUse) }))
    .filter((s) => s.subcommands.length > 0);
  return sections.length ? ok(sections) : err('unknown_command');
}
