// How the questionnaire engine shows one question: a card with the options as numbered buttons
// where buttons fit, and a plain-text fallback that says everything a text-only surface needs,
// including the answer stored so far and how to keep it.
import type { Translator } from './i18n.ts';
import { formatLocalNumber } from './typed-values.ts';
import { actionRows, button, card, text } from './ui-builders.ts';
import type { Block, FormField, OutboundMessage } from './ui.ts';

/** The action id the engine's option buttons carry. */
export const ANSWER_ACTION_ID = 'form:answer';
const MAX_BUTTONS = 25;

/**
 * A button's value names the question it belongs to and the option (its number, or the scale step),
 * so a press on an earlier question's button is recognised as such, never taken for the current one.
 */
export const pressValue = (questionIndex: number, option: string | number): string => `${questionIndex}~${option}`;
export function readPress(value: string): { index: number; option: string } | null {
  const m = /^(\d+)~(.+)$/.exec(value);
  return m ? { index: Number(m[1]), option: m[2]! } : null;
}

function hint(field: FormField, t: Translator, language: string): string {
  switch (field.kind) {
    case 'text':
      return t(field.format === 'url' ? 'questionnaire.hint_url' : field.multiline ? 'questionnaire.hint_longtext' : 'questionnaire.hint_text');
    case 'date':
      return t('questionnaire.hint_date');
    case 'number': {
      const n = (v: number) => formatLocalNumber(v, language);
      if (field.min !== undefined && field.max !== undefined) return t('questionnaire.hint_number_range', { min: n(field.min), max: n(field.max) });
      if (field.min !== undefined) return t('questionnaire.hint_number_min', { min: n(field.min) });
      if (field.max !== undefined) return t('questionnaire.hint_number_max', { max: n(field.max) });
      return t('questionnaire.hint_number');
    }
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

function buttons(field: FormField, index: number): Block[] {
  if (field.kind === 'choice' && !field.multiple && field.options.length <= MAX_BUTTONS) {
    return actionRows(field.options.map((o, i) => button(ANSWER_ACTION_ID, o.label, pressValue(index, i + 1))));
  }
  if (field.kind === 'scale' && field.max - field.min < 10) {
    const steps = Array.from({ length: field.max - field.min + 1 }, (_, i) => String(field.min + i));
    return actionRows(steps.map((s) => button(ANSWER_ACTION_ID, s, pressValue(index, s))));
  }
  return [];
}

/** A stored answer as the person reads it: option labels rather than codes. */
function shown(field: FormField, value: string | string[], language: string): string {
  const values = Array.isArray(value) ? value : [value];
  if (field.kind === 'choice') return values.map((v) => field.options.find((o) => o.value === v)?.label ?? v).join(', ');
  if (field.kind === 'number' && values[0] !== undefined && values[0] !== '') return formatLocalNumber(Number(values[0]), language);
  return values.join(', ');
}

export function questionMessage(input: {
  field: FormField;
  index: number;
  position: number;
  total: number;
  current: string | string[] | undefined;
  problem?: string | undefined;
  intro?: string | undefined;
  t: Translator;
  language?: string | undefined;
}): OutboundMessage {
  const { field, index, position, total, current, problem, intro, t } = input;
  const language = input.language ?? 'en';
  const heading = t('questionnaire.progress', { position, total }) + (field.section ? ` · ${field.section}` : '');
  const keep = current !== undefined;
  const steering = t(keep ? 'questionnaire.steer_keep' : field.required ? 'questionnaire.steer_required' : 'questionnaire.steer_optional');
  const question = `*${field.label}*${field.required ? '' : ` (${t('questionnaire.optional')})`}`;
  const so_far = keep ? t('questionnaire.current', { value: shown(field, current, language) }) : undefined;
  const lines = [
    intro,
    problem ? `⚠ ${problem}` : undefined,
    `${heading}\n${question}`,
    field.help,
    ...options(field),
    so_far,
    `${hint(field, t, language)} ${steering}`,
  ].filter((l): l is string => Boolean(l));
  const blocks: Block[] = [
    ...(intro ? [text(intro)] : []),
    ...(problem ? [text(`⚠ ${problem}`)] : []),
    text(question),
    ...(field.help ? [text(field.help, true)] : []),
    ...(options(field).length ? [text(options(field).join('\n'))] : []),
    ...(so_far ? [text(so_far)] : []),
    ...buttons(field, index),
    text(`${hint(field, t, language)} ${steering}`, true),
  ];
  return { text: lines.join('\n'), card: card(heading, ...blocks) };
}
