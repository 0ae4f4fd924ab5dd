// The Slack adapter's one converter: neutral messages, cards and forms to Block Kit (messages,
// modals, the App Home), and modal submissions back to neutral form values. Every Block Kit limit it
// touches is a named constant; long content is split into more blocks or more messages, never left
// for Slack to reject.
import type { Block, Card, Choice, Control, FormField, FormSpec, FormValues, OutboundMessage, Translator } from '../../src/core/index.ts';

export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonUrl: 3000,
  optionText: 75,
  optionDescription: 75,
  /** @slack/types says 75, newer docs 150: the smaller is safe everywhere. */
  optionValue: 75,
  staticSelectOptions: 100,
  optionGroups: 100,
  radioOptions: 10,
  checkboxOptions: 10,
  placeholder: 150,
  viewTitle: 24,
  viewSubmit: 24,
  viewClose: 24,
  actionId: 255,
  blockId: 255,
  callbackId: 255,
  privateMetadata: 3000,
  inputLabel: 2000,
  inputHint: 2000,
  plainTextInputMaxLength: 3000,
  /** Slack truncates message text above 40,000 characters and recommends 4,000. */
  messageText: 4000,
} as const;

/** A form field takes at most a section header, its input and an "other" input: 30 × 3 < 100 blocks. */
export const MODAL_MAX_FIELDS = 30;
export const MODAL_FIELD_KINDS: Array<FormField['kind']> = ['text', 'number', 'choice', 'scale'];
export const OTHER_VALUE = 'other';

export type SlackBlock = Record<string, unknown>;
export interface SlackMessagePage {
  text: string;
  blocks?: SlackBlock[];
}

// ---- text ----

/** Cuts to `max` characters with an ellipsis, never inside a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Splits into pieces of at most `max`, at line breaks where possible, then spaces, then anywhere. */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let at = window.lastIndexOf('\n');
    if (at < max / 2) at = window.lastIndexOf(' ');
    if (at < max / 2) at = /[\uD800-\uDBFF]$/.test(window) ? max - 1 : max;
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^[\n ]/, '');
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Neutral markdown to Slack mrkdwn: escapes Slack's control characters, links and **bold**. */
export function toMrkdwn(markdown: string): string {
  return escape(markdown)
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, (_, label: string, url: string) => `<${url}|${label.replace(/\|/g, '¦')}>`)
    .replace(/\*\*([^*]+)\*\*/g, '*$1*');
}

const plain = (text: string, max: number) => ({ type: 'plain_text', text: clip(text, max), emoji: true });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });

// ---- action ids: Slack wants them unique within a message; the index is stripped on the way back ----

export function encodeActionId(actionId: string, index: number): string {
  const encoded = `${actionId}#${index}`;
  if (encoded.length > SLACK_LIMITS.actionId) throw new Error(`action id too long for Slack: ${actionId}`);
  return encoded;
}

export const decodeActionId = (encoded: string): string => encoded.replace(/#\d+$/, '');
export const LINK_ACTION = 'link:open';

// ---- cards ----

function sections(markdown: string): SlackBlock[] {
  return splitText(toMrkdwn(markdown), SLACK_LIMITS.sectionText).map((text) => ({ type: 'section', text: mrkdwn(text) }));
}

function contexts(markdown: string): SlackBlock[] {
  const pieces = splitText(toMrkdwn(markdown), SLACK_LIMITS.contextText);
  const blocks: SlackBlock[] = [];
  for (let i = 0; i < pieces.length; i += SLACK_LIMITS.contextElements) {
    blocks.push({ type: 'context', elements: pieces.slice(i, i + SLACK_LIMITS.contextElements).map(mrkdwn) });
  }
  return blocks;
}

function option(choice: Choice): SlackBlock {
  if (choice.value.length > SLACK_LIMITS.optionValue) throw new Error(`option value too long for Slack: ${choice.value}`);
  return {
    text: plain(choice.label, SLACK_LIMITS.optionText),
    value: choice.value,
    ...(choice.description ? { description: plain(choice.description, SLACK_LIMITS.optionDescription) } : {}),
  };
}

/** Options for a select: a flat list up to 100, option groups of 100 beyond that. */
export function selectOptions(choices: Choice[]): { options: SlackBlock[] } | { option_groups: SlackBlock[] } {
  const max = SLACK_LIMITS.staticSelectOptions;
  if (choices.length <= max) return { options: choices.map(option) };
  const groups: SlackBlock[] = [];
  for (let i = 0; i < choices.length && groups.length < SLACK_LIMITS.optionGroups; i += max) {
    const slice = choices.slice(i, i + max);
    groups.push({ label: plain(`${i + 1}–${i + slice.length}`, SLACK_LIMITS.optionText), options: slice.map(option) });
  }
  return { option_groups: groups };
}

function element(control: Control, index: number): SlackBlock | null {
  switch (control.type) {
    case 'button':
      return {
        type: 'button',
        action_id: encodeActionId(control.actionId, index),
        text: plain(control.label, SLACK_LIMITS.buttonText),
        ...(control.value !== undefined ? { value: control.value } : {}),
        ...(control.style ? { style: control.style } : {}),
      };
    case 'link':
      if (control.url.length > SLACK_LIMITS.buttonUrl) return null;
      return { type: 'button', action_id: encodeActionId(LINK_ACTION, index), text: plain(control.label, SLACK_LIMITS.buttonText), url: control.url };
    case 'select':
      return {
        type: 'static_select',
        action_id: encodeActionId(control.actionId, index),
        placeholder: plain(control.placeholder || '…', SLACK_LIMITS.placeholder),
        ...selectOptions(control.options),
      };
  }
}

function blockToSlack(block: Block, counter: { next: number }): SlackBlock[] {
  switch (block.type) {
    case 'text':
      return block.muted ? contexts(block.markdown) : sections(block.markdown);
    case 'fields': {
      const out: SlackBlock[] = [];
      const cells = block.fields.map((f) => mrkdwn(clip(`*${toMrkdwn(f.label)}*\n${toMrkdwn(f.value)}`, SLACK_LIMITS.fieldText)));
      for (let i = 0; i < cells.length; i += SLACK_LIMITS.sectionFields) out.push({ type: 'section', fields: cells.slice(i, i + SLACK_LIMITS.sectionFields) });
      return out;
    }
    case 'list': {
      const lines = block.items.map((item) => {
        const title = item.url ? `<${item.url}|${escape(item.title).replace(/\|/g, '¦')}>` : `*${escape(item.title)}*`;
        return `• ${title}${item.meta ? ` · ${escape(item.meta)}` : ''}`;
      });
      return lines.length ? splitText(lines.join('\n'), SLACK_LIMITS.sectionText).map((text) => ({ type: 'section', text: mrkdwn(text) })) : [];
    }
    case 'divider':
      return [{ type: 'divider' }];
    case 'actions': {
      const elements = block.controls.map((c) => element(c, counter.next++)).filter((e): e is SlackBlock => e !== null);
      const out: SlackBlock[] = [];
      for (let i = 0; i < elements.length; i += SLACK_LIMITS.actionsElements)
        out.push({ type: 'actions', elements: elements.slice(i, i + SLACK_LIMITS.actionsElements) });
      return out;
    }
  }
}

/** Every block of a card, unbounded: callers split or clip to the surface's limit. */
export function cardToBlocks(card: Card): SlackBlock[] {
  const counter = { next: 0 };
  const head: SlackBlock[] = [];
  if (card.title) {
    head.push(
      card.title.length <= SLACK_LIMITS.headerText ? { type: 'header', text: plain(card.title, SLACK_LIMITS.headerText) } : sections(`*${card.title}*`)[0]!,
    );
  }
  if (card.subtitle) head.push(...contexts(card.subtitle));
  return [...head, ...card.blocks.flatMap((b) => blockToSlack(b, counter))];
}

/** One or more chat messages for a neutral message: long text and long cards continue in the next one. */
export function messagePages(message: OutboundMessage): SlackMessagePage[] {
  if (!message.card) return splitText(escape(message.text), SLACK_LIMITS.messageText).map((text) => ({ text }));
  const blocks = cardToBlocks(message.card);
  const pages: SlackMessagePage[] = [];
  const per = SLACK_LIMITS.blocksPerMessage;
  const total = Math.max(1, Math.ceil(blocks.length / per));
  const label = message.card.title ?? message.text.split('\n')[0] ?? '';
  for (let i = 0; i < total; i++) {
    const text = i === 0 ? clip(escape(message.text), SLACK_LIMITS.messageText) : clip(`${escape(label)} (${i + 1}/${total})`, SLACK_LIMITS.messageText);
    const slice = blocks.slice(i * per, (i + 1) * per);
    pages.push(slice.length ? { text, blocks: slice } : { text });
  }
  return pages;
}

/** Keeps at most `max` blocks, the last one saying that more was cut (for updates and views). */
export function fitBlocks(blocks: SlackBlock[], max: number): SlackBlock[] {
  if (blocks.length <= max) return blocks;
  return [...blocks.slice(0, max - 1), { type: 'context', elements: [mrkdwn('…')] }];
}

/** A single message (chat.update cannot add messages): clipped to one message's blocks. */
export function singlePage(message: OutboundMessage): SlackMessagePage {
  const text = clip(escape(message.text), SLACK_LIMITS.messageText);
  return message.card ? { text, blocks: fitBlocks(cardToBlocks(message.card), SLACK_LIMITS.blocksPerMessage) } : { text };
}

export function homeView(message: OutboundMessage): SlackBlock {
  const blocks = message.card ? cardToBlocks(message.card) : sections(message.text);
  return { type: 'home', blocks: fitBlocks(blocks, SLACK_LIMITS.blocksPerView) };
}

// ---- forms ----

export interface ModalMetadata {
  /** The conversation the form was opened from, for replies after submission. */
  conversation?: string;
  context?: string;
  language?: string;
}

function fieldElement(field: FormField, t: Translator): SlackBlock {
  switch (field.kind) {
    case 'text':
      return {
        type: 'plain_text_input',
        action_id: 'value',
        multiline: Boolean(field.multiline),
        max_length: Math.min(field.maxLength ?? SLACK_LIMITS.plainTextInputMaxLength, SLACK_LIMITS.plainTextInputMaxLength),
        ...(field.placeholder ? { placeholder: plain(field.placeholder, SLACK_LIMITS.placeholder) } : {}),
      };
    case 'date':
      return { type: 'datepicker', action_id: 'value' };
    case 'number':
      return {
        type: 'number_input',
        action_id: 'value',
        is_decimal_allowed: !field.integer,
        ...(field.min !== undefined ? { min_value: String(field.min) } : {}),
        ...(field.max !== undefined ? { max_value: String(field.max) } : {}),
      };
    case 'scale': {
      const steps = Array.from({ length: field.max - field.min + 1 }, (_, i) => field.min + i);
      const choices = steps.map((n): Choice => {
        const end = n === field.min ? field.minLabel : n === field.max ? field.maxLabel : undefined;
        return { value: String(n), label: end ? `${n} · ${end}` : String(n) };
      });
      return choiceElement(choices, false, undefined, t);
    }
    case 'choice': {
      const choices = field.other ? [...field.options, { value: OTHER_VALUE, label: t('slack.other') }] : field.options;
      return choiceElement(choices, Boolean(field.multiple), field.maxChoices, t);
    }
  }
}

function choiceElement(choices: Choice[], multiple: boolean, maxChoices: number | undefined, t: Translator): SlackBlock {
  const small = choices.length <= (multiple ? SLACK_LIMITS.checkboxOptions : SLACK_LIMITS.radioOptions);
  if (small) return { type: multiple ? 'checkboxes' : 'radio_buttons', action_id: 'value', options: choices.map(option) };
  return {
    type: multiple ? 'multi_static_select' : 'static_select',
    action_id: 'value',
    placeholder: plain(t('slack.choose'), SLACK_LIMITS.placeholder),
    ...(multiple && maxChoices ? { max_selected_items: maxChoices } : {}),
    ...selectOptions(choices),
  };
}

function fieldBlocks(field: FormField, t: Translator): SlackBlock[] {
  if (field.id.length + '_other'.length > SLACK_LIMITS.blockId) throw new Error(`field id too long for Slack: ${field.id}`);
  const input: SlackBlock = {
    type: 'input',
    block_id: field.id,
    optional: !field.required,
    label: plain(field.label, SLACK_LIMITS.inputLabel),
    ...(field.help ? { hint: plain(field.help, SLACK_LIMITS.inputHint) } : {}),
    element: fieldElement(field, t),
  };
  if (field.kind !== 'choice' || !field.other) return [input];
  const other: SlackBlock = {
    type: 'input',
    block_id: `${field.id}_other`,
    optional: true,
    label: plain(t('slack.other_detail', { label: clip(field.label, 200) }), SLACK_LIMITS.inputLabel),
    element: { type: 'plain_text_input', action_id: 'value', max_length: SLACK_LIMITS.plainTextInputMaxLength },
  };
  return [input, other];
}

/** Whether a modal can hold this form; otherwise the core asks it as a questionnaire. */
export function fitsModal(form: FormSpec): boolean {
  return form.fields.length <= MODAL_MAX_FIELDS && form.fields.every((f) => MODAL_FIELD_KINDS.includes(f.kind) && !f.when);
}

export function formToModal(form: FormSpec, t: Translator, metadata: ModalMetadata = {}): SlackBlock {
  if (!fitsModal(form)) throw new Error(`form ${form.formId} does not fit a Slack modal`);
  if (form.formId.length > SLACK_LIMITS.callbackId) throw new Error(`form id too long for Slack: ${form.formId}`);
  const blocks: SlackBlock[] = [];
  let section: string | undefined;
  for (const field of form.fields) {
    if (field.section && field.section !== section) blocks.push({ type: 'header', text: plain(field.section, SLACK_LIMITS.headerText) });
    section = field.section;
    blocks.push(...fieldBlocks(field, t));
  }
  const privateMetadata = JSON.stringify(metadata);
  if (privateMetadata.length > SLACK_LIMITS.privateMetadata) throw new Error('modal metadata too long for Slack');
  return {
    type: 'modal',
    callback_id: form.formId,
    title: plain(form.title, SLACK_LIMITS.viewTitle),
    submit: plain(form.submitLabel ?? t('slack.submit'), SLACK_LIMITS.viewSubmit),
    close: plain(t('slack.cancel'), SLACK_LIMITS.viewClose),
    private_metadata: privateMetadata,
    blocks: blocks.slice(0, SLACK_LIMITS.blocksPerView),
  };
}

interface StateValue {
  type?: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: Array<{ value: string }>;
  selected_date?: string | null;
}

/** A view_submission's state back to neutral values: one value per block (field id). */
export function modalValues(state: Record<string, Record<string, StateValue>>): FormValues {
  const values: FormValues = {};
  for (const [blockId, actions] of Object.entries(state)) {
    const input = Object.values(actions)[0];
    if (!input) continue;
    if (input.selected_options) {
      if (input.selected_options.length) values[blockId] = input.selected_options.map((o) => o.value);
    } else if (input.selected_option) values[blockId] = input.selected_option.value;
    else if (input.selected_date) values[blockId] = input.selected_date;
    else if (typeof input.value === 'string' && input.value.trim() !== '') values[blockId] = input.value;
  }
  return values;
}

/** Field errors for `response_action: 'errors'`: keyed by block id; unknown ids go to the first input. */
export function modalErrors(errors: Record<string, string>, blockIds: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, message] of Object.entries(errors)) {
    const block = blockIds.includes(id) ? id : blockIds[0];
    if (block) out[block] = out[block] ? `${out[block]} ${message}` : clip(message, SLACK_LIMITS.inputHint);
  }
  return out;
}
