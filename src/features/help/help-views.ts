// What /help shows: each command with its description and usage lines, admin-only ones marked.
import { card, text, usageLine, type OutboundMessage, type Translator } from '../../core/index.ts';
import type { HelpSection } from './help-service.ts';

export function helpView(sections: HelpSection[], t: Translator): OutboundMessage {
  const blocks = sections.map(({ spec, subcommands }) => {
    const lines = subcommands.map((sub) => `${sub.role === 'admin' ? '★ ' : ''}\`${usageLine(spec.name, sub)}\`${sub.name ? `  ${t(sub.description)}` : ''}`);
    return `*/${spec.name}*: ${t(spec.description)}\n${lines.join('\n')}`;
  });
  const body = [t('help.intro'), ...blocks, t('help.admin_note')].join('\n\n');
  return {
    text: `${t('help.title')}\n\n${body}`,
    card: card(t('help.title'), ...[t('help.intro'), ...blocks].map((s) => text(s)), text(t('help.admin_note'), true)),
  };
}

export const unknownCommandView = (t: Translator, command: string): OutboundMessage => ({ text: t('help.unknown', { command }) });
