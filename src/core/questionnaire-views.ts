// How the questionnaire engine shows one question: a card with the options as numbered buttons
// where buttons fit, and a plain-text fallback that says everything a text-only surface needs.
import type { Translator } from './i18n.ts';

import { actionRows, button, card, text } from './ui-builders.ts';
import type { Block, FormField, OutboundMessage } from './ui.ts';

/** The action id the engine's option buttons carry. */
export const ANSWER_ACTION_ID = 'form:answer';
const MAX_BUTTONS = 25;

function hint(field: FormField, t: Translator): string {
  switch (field.kind) {
    case 'text':
      return t(field.multiline ? 'questionnaire.hint_longtext' : 'questionnaire.hint_text');
    case 'number':
      return t('questionnaire.hint_number', { min: field.min ?? '-', max: field.max ?? '-' });
    case 'scale':
      return t('questionnaire.hint_scale', { min: field.min, max: field.max });
    case 'choice':
      return t(field.multiple ? 'questionnaire.hint_multiple' : 'questionnaire.hint_single') + (field.other ? ' ' + t('questionnaire.hint_other') : '');
  }
}

function options(field: FormField): string[] {
  if (field.kind === 'choice') return field.options.map((o, i) => `${i + 1}. ${o.label}`);
  if (field.kind === 'scale') {
    const ends = [field.minLabel ? `${field.min} = ${field.minLabel}` : '', field.maxLabel ? `${field.max} = ${field.maxLabel}` : ''];
    return ends.filter(Boolean);
  }
  return [];
}

function buttons(field: FormField): Block[] {
  if (field.kind === 'choice' && !field.multiple && field.options.length <= MAX_BUTTONS) {
    return actionRows(field.options.map((o) => button(ANSWER_ACTION_ID, o.label, o.value)));
  }
  if (field.kind === 'scale' && field.max - field.min < 10) {
    const steps = Array.from({ length: field.max - field.min + 1 }, (_, i) => String(field.min + i));
    return actionRows(steps.map((s) => button(ANSWER_ACTION_ID, s, s)));
  }
  return [];
}

export function questionMessage(input: {
  field: FormField;
  position: number;
  total: number;
  current: string | string[] | undefined;
  problem?: string;
  intro?: string;
  t: Translator;
}): OutboundMessage {
  const { field, position, total, current, problem, intro, t } = input;
  const heading = t('questionnaire.progress', { position, total }) + (field.section ? ` · ${field.section}` : '');
  const steering = t(field.required ? 'questionnaire.steer_required' : 'questionnaire.steer_optional');
  const lines = [
    intro,
    problem ? `⚠ ${problem}` : undefined,
    `${heading}\n*${field.label}*${field.required ? '' : ` (${t('questionnaire.optional')})`}`,
    field.help,
    ...options(field),
    current !== undefined ? t('questionnaire.current', { value: Array.isArray(current) ? current.join(', ') : current }) : undefined,
    `${hint(field, t)} ${steering}`,
  ].filter((l): l is string => Boolean(l));
  const blocks: Block[] = [
    ...(intro ? [text(intro)] : []),
    ...(problem ? [text(`⚠ ${problem}`)] : []),
    text(`*${field.label}*${field.required ? '' : ` (${t('questionnaire.optional')})`}`),
    ...(field.help ? [text(field.help, true)] : []),
    ...(options(field).length ? [text(options(field).join('\n'))] : []),
    ...buttons(field),
    text(`${hint(field, t)} ${steering}`, true),
  ];
  return { text: lines.join('\n'), card: card(heading, ...blocks) };
}
