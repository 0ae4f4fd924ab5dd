// Small pure builders for the neutral UI model, so views read like the messages they describe.
import type { ActionId, Block, Card, Choice, Control, OutboundMessage } from './ui.ts';

/** @example message('3 new calls', card('Digest', text('3 new calls this week'), actions(button('news:follow', 'Follow', 'abc')))) */
export const message = (text: string, card?: Card): OutboundMessage => (card ? { text, card } : { text });

export const card = (title: string | undefined, ...blocks: Block[]): Card => (title === undefined ? { blocks } : { title, blocks });

export const text = (markdown: string, muted?: boolean): Block => (muted ? { type: 'text', markdown, muted } : { type: 'text', markdown });

export const fields = (pairs: Array<[label: string, value: string]>): Block => ({
  type: 'fields',
  fields: pairs.map(([label, value]) => ({ label, value })),
});

export const list = (items: Array<{ title: string; url?: string; meta?: string }>): Block => ({
  type: 'list',
  items,
});

export const divider = (): Block => ({ type: 'divider' });

export const actions = (...controls: Control[]): Block => ({ type: 'actions', controls });

export const button = (actionId: ActionId, label: string, value?: string, style?: 'primary' | 'danger'): Control => ({
  type: 'button',
  actionId,
  label,
  ...(value !== undefined ? { value } : {}),
  ...(style ? { style } : {}),
});

export const link = (label: string, url: string): Control => ({ type: 'link', label, url });

export const select = (actionId: ActionId, placeholder: string, options: Choice[]): Control => ({
  type: 'select',
  actionId,
  placeholder,
  options,
});

/** Splits controls into action rows of at most `perRow`, so no adapter has to. */
export function actionRows(controls: Control[], perRow = 5): Block[] {
  const rows: Block[] = [];
  for (let i = 0; i < controls.length; i += perRow) rows.push(actions(...controls.slice(i, i + perRow)));
  return rows;
}
