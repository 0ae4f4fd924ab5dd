// The shell's one converter: neutral messages and cards to readable terminal text, with the
// card's buttons and select options numbered so the person can pick one by typing its number.
import type { Card, Control, OutboundMessage } from '../../src/core/index.ts';

/** What typing a number presses: a button, or one option of a select. */
export interface Pressable {
  actionId: string;
  value?: string;
  label: string;
}

export function pressables(card: Card | undefined): Pressable[] {
  if (!card) return [];
  return card.blocks.flatMap((block) =>
    block.type !== 'actions'
      ? []
      : block.controls.flatMap((c: Control): Pressable[] => {
          if (c.type === 'button') return [{ actionId: c.actionId, label: c.label, ...(c.value !== undefined ? { value: c.value } : {}) }];
          if (c.type === 'select') return c.options.map((o) => ({ actionId: c.actionId, value: o.value, label: `${c.placeholder}: ${o.label}` }));
          return [];
        }),
  );
}

const indent = (text: string, prefix = '  '): string =>
  text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');

export function renderMessage(message: OutboundMessage): string {
  const card = message.card;
  if (!card) return message.text;
  const lines: string[] = [];
  if (card.title) lines.push(`── ${card.title} ──`);
  if (card.subtitle) lines.push(card.subtitle);
  let number = 0;
  for (const block of card.blocks) {
    switch (block.type) {
      case 'text':
        lines.push(block.muted ? indent(block.markdown, '  ') : block.markdown);
        break;
      case 'fields':
        lines.push(...block.fields.map((f) => `${f.label}: ${f.value}`));
        break;
      case 'list':
        lines.push(...block.items.map((i) => `• ${i.title}${i.meta ? ` (${i.meta})` : ''}${i.url ? `\n  ${i.url}` : ''}`));
        break;
      case 'divider':
        lines.push('');
        break;
      case 'actions':
        lines.push(
          block.controls
            .map((c) => {
              if (c.type === 'link') return `${c.label} <${c.url}>`;
              if (c.type === 'button') return `[${++number}] ${c.label}`;
              return c.options.map((o) => `[${++number}] ${o.label}`).join('  ');
            })
            .join('   '),
        );
        break;
    }
  }
  return lines.join('\n');
}
