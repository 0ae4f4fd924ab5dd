// /help: every command the person may use, with its description and usage line, from the registry.
import {
  arg,
  card,
  subcommand,
  hasRole,
  text,
  usageLine,
  type CommandRegistry,
  type CommandSpec,
  type OutboundMessage,
  type Subcommand,
  type Translator,
} from '../../core/index.ts';

export function helpView(registry: CommandRegistry, t: Translator, canSeeAdmin: (sub: Subcommand) => boolean, only?: string): OutboundMessage {
  const specs = registry.all().filter((s) => !only || s.name === only.replace(/^\//, ''));
  if (specs.length === 0) return { text: t('help.unknown', { command: only ?? '' }) };
  const sections = specs.map((spec: CommandSpec) => {
    const lines = spec.subcommands
      .filter(canSeeAdmin)
      .map((sub) => `${sub.role === 'admin' ? '★ ' : ''}\`${usageLine(spec.name, sub)}\`${sub.name ? `  ${t(sub.description)}` : ''}`);
    return `*/${spec.name}*: ${t(spec.description)}\n${lines.join('\n')}`;
  });
  const body = [t('help.intro'), ...sections, t('help.admin_note')].join('\n\n');
  return {
    text: `${t('help.title')}\n\n${body}`,
    card: card(t('help.title'), ...[t('help.intro'), ...sections].map((s) => text(s)), text(t('help.admin_note'), true)),
  };
}

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
        run: async ({ t, member, args }) => helpView(registry, t, (sub) => sub.role === 'member' || hasRole(member, sub.role), args.command),
      }),
    ],
  };
}
