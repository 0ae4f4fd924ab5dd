// /help: every command the person may use, with its description and usage line, from the registry.
import { arg, subcommand, type CommandRegistry, type CommandSpec } from '../../core/index.ts';
import { visibleCommands } from './help-service.ts';
import { helpView, unknownCommandView } from './help-views.ts';

export function helpCommand(registry: CommandRegistry): CommandSpec {
  return {
    name: 'help',
    description: 'help.description',
    subcommands: [
      subcommand({
        name: '',
        description: 'help.description',
        role: 'member',
        args: { command: arg.string({ description: 'help.arg_command', example: 'survey' }) },
        run: async ({ t, member, args }) => {
          const found = visibleCommands(registry, member, args.command);
          return found.ok ? helpView(found.value, t) : unknownCommandView(t, args.command ?? '');
        },
      }),
    ],
  };
}
