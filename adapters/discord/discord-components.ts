// The Discord adapter's one converter: neutral messages, cards and forms to Discord message
// payloads (content, embeds, action rows) and modals, always within DISCORD_LIMITS. What does not
// fit one message is split cleanly across several rather than cut off or refused by Discord.
import {
  ButtonStyle,
  ComponentType,
  TextInputStyle,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIModalInteractionResponseCallbackData,
} from 'discord.js';
import type { Block, Card, Control, FormSpec, FormValues, OutboundMessage } from '../../src/core/index.ts';
import { clip, DISCORD_LIMITS as L } from './discord-limits.ts';

export interface DiscordPayload {
  content?: string;
  embeds?: APIEmbed[];
  components?: Array<APIActionRowComponent<APIComponentInMessageActionRow>>;
}
type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

/** Separates an action id from the value a control carries. */
export const CUSTOM_ID_SEPARATOR = '|';

/** Splits text into pieces of at most `max`, preferring paragraph, line, then word boundaries. */
export function splitText(text: string, max: number = L.contentMax): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    const at = [window.lastIndexOf('\n\n'), window.lastIndexOf('\n'), window.lastIndexOf(' ')].find((i) => i > max / 2) ?? -1;
    let cut = at > 0 ? at : max;
    if (at <= 0 && /[\uD800-\uDBFF]/.test(rest.charAt(cut - 1))) cut--;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** The neutral markdown writes bold as *x* (Slack's way); Discord reads *x* as italics. */
export function discordMarkdown(markdown: string): string {
  return markdown.replace(/(^|[^*\w])\*([^*\n]+?)\*(?=[^*\w]|$)/g, '$1**$2**');
}

/** "<actionId>|<value>"; a duplicate within one message gets a "<n>~" prefix, since Discord refuses duplicates. */
export function customId(actionId: string, value: string | undefined, taken?: Set<string>): string {
  let id = `${actionId}${CUSTOM_ID_SEPARATOR}${value ?? ''}`;
  for (let n = 2; taken?.has(id); n++) id = `${n}~${actionId}${CUSTOM_ID_SEPARATOR}${value ?? ''}`;
  if (id.length > L.customIdMax) throw new Error(`custom_id longer than ${L.customIdMax}: ${actionId}`);
  taken?.add(id);
  return id;
}

/** Reads a custom_id back into the action it names and the value it carries. */
export function parseCustomId(id: string): { actionId: string; value?: string } {
  const plain = id.replace(/^\d+~/, '');
  const at = plain.indexOf(CUSTOM_ID_SEPARATOR);
  if (at < 0) return { actionId: plain };
  const value = plain.slice(at + 1);
  return { actionId: plain.slice(0, at), ...(value ? { value } : {}) };
}

function control(c: Control, taken: Set<string>): APIComponentInMessageActionRow {
  switch (c.type) {
    case 'button':
      return {
        type: ComponentType.Button,
        style: c.style === 'primary' ? ButtonStyle.Primary : c.style === 'danger' ? ButtonStyle.Danger : ButtonStyle.Secondary,
        label: clip(c.label, L.buttonLabelMax),
        custom_id: customId(c.actionId, c.value, taken),
      };
    case 'link':
      return { type: ComponentType.Button, style: ButtonStyle.Link, label: clip(c.label, L.buttonLabelMax), url: c.url };
    case 'select':
      return {
        type: ComponentType.StringSelect,
        custom_id: customId(c.actionId, undefined, taken),
        placeholder: clip(c.placeholder, L.selectPlaceholderMax),
        options: c.options.slice(0, L.selectOptionsMax).map((o) => ({
          label: clip(o.label, L.selectOptionLabelMax),
          value: o.value.slice(0, L.selectOptionValueMax),
          ...(o.description ? { description: clip(o.description, L.selectOptionDescriptionMax) } : {}),
        })),
      };
  }
}

/** Action rows for a card: ≤5 buttons per row, a select alone in its row. */
export function cardRows(card: Pick<Card, 'blocks'>, taken = new Set<string>()): Row[] {
  const rows: Row[] = [];
  for (const block of card.blocks) {
    if (block.type !== 'actions') continue;
    let buttons: APIComponentInMessageActionRow[] = [];
    const flush = () => {
      if (buttons.length) rows.push({ type: ComponentType.ActionRow, components: buttons });
      buttons = [];
    };
    for (const c of block.controls) {
      if (c.type === 'select') {
        flush();
        rows.push({ type: ComponentType.ActionRow, components: [control(c, taken)] });
        continue;
      }
      if (buttons.length === L.buttonsPerRow) flush();
      buttons.push(control(c, taken));
    }
    flush();
  }
  return rows;
}

function blockMarkdown(block: Block): string {
  switch (block.type) {
    case 'text':
      return block.muted
        ? block.markdown
            .split('\n')
            .map((l) => (l.trim() ? `-# ${l}` : l))
            .join('\n')
        : block.markdown;
    case 'list':
      return block.items.map((i) => `• ${i.url ? `[${i.title}](${i.url})` : i.title}${i.meta ? ` · ${i.meta}` : ''}`).join('\n');
    case 'divider':
      return '───';
    default:
      return '';
  }
}

export const embedLength = (e: APIEmbed): number =>
  (e.title?.length ?? 0) +
  (e.description?.length ?? 0) +
  (e.footer?.text.length ?? 0) +
  (e.author?.name.length ?? 0) +
  (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);

/** The card as embeds, in block order; long descriptions and many fields continue in further embeds. */
export function cardEmbeds(card: Card): APIEmbed[] {
  const embeds: APIEmbed[] = [];
  let current: APIEmbed = card.title ? { title: clip(card.title, L.embedTitleMax) } : {};
  let paragraphs: string[] = card.subtitle ? [card.subtitle] : [];
  const close = () => {
    const text = discordMarkdown(paragraphs.join('\n\n'));
    const [first = '', ...more] = splitText(text, L.embedDescriptionMax);
    if (first) current.description = first;
    if (current.title || current.description || current.fields?.length) embeds.push(current);
    for (const piece of more) embeds.push({ description: piece });
    current = {};
    paragraphs = [];
  };
  for (const block of card.blocks) {
    if (block.type === 'actions') continue;
    if (block.type !== 'fields') {
      if (current.fields?.length) close();
      const md = blockMarkdown(block);
      if (md) paragraphs.push(md);
      continue;
    }
    for (const f of block.fields) {
      if ((current.fields?.length ?? 0) === L.embedFieldsMax) close();
      const value = clip(discordMarkdown(f.value) || '—', L.embedFieldValueMax);
      (current.fields ??= []).push({ name: clip(f.label || '—', L.embedFieldNameMax), value, inline: value.length <= 40 });
    }
  }
  close();
  // An embed may still exceed the message total on its own (4,096 + 25 × 1,280): keep halving its fields.
  return embeds.flatMap((e) => shrink(e));
}

function shrink(e: APIEmbed): APIEmbed[] {
  if (embedLength(e) <= L.embedTotalMax) return [e];
  const fields = e.fields ?? [];
  if (fields.length > 1) {
    const half = Math.ceil(fields.length / 2);
    return [...shrink({ ...e, fields: fields.slice(0, half) }), ...shrink({ fields: fields.slice(half) })];
  }
  const [field] = fields;
  if (field) return [...shrink({ ...e, fields: [] }), { fields: [field] }];
  return [{ ...e, description: clip(e.description ?? '', L.embedTotalMax - (e.title?.length ?? 0)) }];
}

/**
 * Splits a card where its controls would pass 5 rows, so every message carries the content its
 * buttons act on (a digest's items keep their own "Follow" buttons), then packs each part's embeds.
 */
function cardParts(card: Card): Card[] {
  const parts: Card[] = [];
  const close = (blocks: Block[]) =>
    parts.push({
      ...(parts.length === 0 && card.title ? { title: card.title } : {}),
      ...(parts.length === 0 && card.subtitle ? { subtitle: card.subtitle } : {}),
      blocks,
    });
  let blocks: Block[] = [];
  let rows = 0;
  /** Where the content introducing the next controls starts: it moves with them. */
  let lead = 0;
  for (const block of card.blocks) {
    const needs = block.type === 'actions' ? cardRows({ blocks: [block] }).length : 0;
    if (needs && rows + needs > L.actionRowsPerMessage && lead > 0) {
      close(blocks.slice(0, lead));
      blocks = blocks.slice(lead);
      rows = 0;
    }
    blocks.push(block);
    rows += needs;
    if (needs) lead = blocks.length;
  }
  close(blocks);
  return parts;
}

/** Packs embeds and rows into as few messages as the limits allow; controls come last, below what they act on. */
export function toDiscordPayloads(message: OutboundMessage, options: { cards: boolean } = { cards: true }): DiscordPayload[] {
  const card = message.card;
  if (!options.cards || !card || (card.blocks.length === 0 && !card.title)) return splitText(message.text).map((content) => ({ content }));
  const payloads: DiscordPayload[] = [];
  const taken = new Set<string>();
  for (const part of cardParts(card)) {
    const start = payloads.length;
    let embeds: APIEmbed[] = [];
    let total = 0;
    for (const embed of cardEmbeds(part)) {
      const size = embedLength(embed);
      if (embeds.length === L.embedsPerMessage || total + size > L.embedTotalMax) {
        payloads.push({ embeds });
        embeds = [];
        total = 0;
      }
      embeds.push(embed);
      total += size;
    }
    if (embeds.length) payloads.push({ embeds });
    const rows = cardRows(part, taken);
    for (let i = 0; i < rows.length; i += L.actionRowsPerMessage) {
      const chunk = rows.slice(i, i + L.actionRowsPerMessage);
      const last = payloads.length > start ? payloads.at(-1) : undefined;
      if (i === 0 && last) last.components = chunk;
      else payloads.push({ components: chunk });
    }
  }
  return payloads.length ? payloads : splitText(message.text).map((content) => ({ content }));
}

/**
 * The modal for a form that fits (text and number fields, at most five); null otherwise. Labels are
 * cut at 45 characters, so a longer question is shown whole too: in a text block above the fields
 * while the modal has room for one, else in the field's description (100 characters).
 */
export function toDiscordModal(form: FormSpec, customIdValue: string, prefill: FormValues = {}): APIModalInteractionResponseCallbackData | null {
  if (form.fields.length > L.modalComponentsMax || form.fields.some((f) => (f.kind !== 'text' && f.kind !== 'number') || f.when)) return null;
  if (customIdValue.length > L.customIdMax) return null;
  const long = form.fields.filter((f) => f.label.length > L.textInputLabelMax);
  const shownAbove = long.length > 0 && form.fields.length < L.modalComponentsMax;
  const above = shownAbove
    ? [{ type: ComponentType.TextDisplay, content: clip(long.map((f) => `**${discordMarkdown(f.label)}**`).join('\n'), L.textDisplayContentMax) }]
    : [];
  const fields = form.fields.map((field) => {
    const current = prefill[field.id];
    const value = (Array.isArray(current) ? current.join(', ') : current)?.slice(0, L.textInputValueMax);
    const placeholder =
      field.kind === 'text'
        ? field.placeholder
        : field.kind === 'number' && (field.min !== undefined || field.max !== undefined)
          ? `${field.min ?? ''}–${field.max ?? ''}`
          : undefined;
    const maxLength =
      field.kind === 'text' && field.maxLength ? Math.min(field.maxLength, L.textInputValueMax) : field.kind === 'number' ? 40 : L.textInputValueMax;
    const clipped = field.label.length > L.textInputLabelMax;
    const description = clipped && !shownAbove ? [field.label, field.help].filter(Boolean).join(' — ') : field.help;
    return {
      type: ComponentType.Label,
      label: clip(field.label, L.textInputLabelMax),
      ...(description ? { description: clip(description, L.labelDescriptionMax) } : {}),
      component: {
        type: ComponentType.TextInput,
        custom_id: field.id,
        style: field.kind === 'text' && field.multiline ? TextInputStyle.Paragraph : TextInputStyle.Short,
        required: field.required,
        max_length: maxLength,
        ...(placeholder ? { placeholder: clip(placeholder, L.textInputPlaceholderMax) } : {}),
        ...(value ? { value } : {}),
      },
    };
  });
  return { custom_id: customIdValue, title: clip(form.title, L.modalTitleMax), components: [...above, ...fields] } as APIModalInteractionResponseCallbackData;
}
