// One set of rules for form answers, shared by modals (whole form) and the questionnaire engine
// (one typed answer at a time), so both accept and refuse exactly the same things. Values are read
// in the form's language ("1.000" is a thousand in Italian) and stored in one canonical form.
import { err, ok, type Result } from './result.ts';
import { formatLocalNumber, parseLocalDate, parseLocalNumber, parseWebAddress } from './typed-values.ts';
import type { FormField, FormSpec, FormValues } from './ui.ts';

export interface FieldError {
  /** i18n key under "form.error.*" */
  key: string;
  vars?: Record<string, string | number>;
}

export const OTHER = 'other';
export const otherKey = (fieldId: string): string => `${fieldId}_other`;

const isEmpty = (v: string | string[] | undefined): boolean => v === undefined || (Array.isArray(v) ? v.length === 0 : v.trim() === '');

/** Fields whose skip-logic condition holds for the answers so far. */
export function isVisible(field: FormField, values: FormValues): boolean {
  if (!field.when) return true;
  const answer = values[field.when.field];
  const answers = answer === undefined ? [] : Array.isArray(answer) ? answer : [answer];
  if (field.when.in && !answers.some((a) => field.when!.in!.includes(a))) return false;
  if (field.when.notIn && answers.some((a) => field.when!.notIn!.includes(a))) return false;
  return true;
}

function checkNumber(field: Extract<FormField, { kind: 'number' | 'scale' }>, typed: string, language: string): Result<string, FieldError> {
  const n = parseLocalNumber(typed, language);
  if (n === null) return err({ key: 'form.error.number', vars: { example: formatLocalNumber(2500.5, language) } });
  if ((field.kind === 'scale' || field.integer) && !Number.isInteger(n)) return err({ key: 'form.error.integer' });
  const { min, max } = field;
  if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
    if (min !== undefined && max !== undefined)
      return err({ key: 'form.error.range', vars: { min: formatLocalNumber(min, language), max: formatLocalNumber(max, language) } });
    const bound: FieldError =
      min !== undefined
        ? { key: 'form.error.min', vars: { min: formatLocalNumber(min, language) } }
        : { key: 'form.error.max', vars: { max: formatLocalNumber(max!, language) } };
    return err(bound);
  }
  return ok(String(n));
}

function hasOption(options: ReadonlyArray<{ value: string }>, value: string): boolean {
  for (const option of options) if (option.value === value) return true;
  return false;
}

/**
 * Checks one answer and returns it in canonical form (option values, plain digits, ISO dates).
 * Empty is fine only if optional. `values` are the other answers, for rules that compare fields.
 */
export function validateValue(
  field: FormField,
  value: string | string[] | undefined,
  language = 'en',
  values: FormValues = {},
): Result<string | string[] | undefined, FieldError> {
  if (isEmpty(value)) return field.required ? err({ key: 'form.error.required' }) : ok(undefined);
  const values0 = Array.isArray(value) ? value : [value as string];
  const first = values0[0] ?? '';
  switch (field.kind) {
    case 'text': {
      const text = values0.join(' ').trim();
      if (field.maxLength && text.length > field.maxLength) return err({ key: 'form.error.too_long', vars: { max: field.maxLength, length: text.length } });
      if (field.format === 'url') return parseWebAddress(text) ? ok(parseWebAddress(text)!) : err({ key: 'form.error.url' });
      return ok(text);
    }
    case 'date': {
      const date = parseLocalDate(first, language);
      if (!date) return err({ key: 'form.error.date' });
      const before = field.notBefore ? values[field.notBefore] : undefined;
      if (typeof before === 'string' && date < before) return err({ key: 'form.error.date_before', vars: { date: before } });
      return ok(date);
    }
    case 'number':
    case 'scale':
      return checkNumber(field, first, language);
    case 'choice': {
      // A plain search: a question has a handful of options, and every submission checks every one.
      for (const v of values0) if (!(field.other && v === OTHER) && !hasOption(field.options, v)) return err({ key: 'form.error.choice' });
      if (!field.multiple && values0.length > 1) return err({ key: 'form.error.one_choice' });
      if (field.maxChoices && values0.length > field.maxChoices) return err({ key: 'form.error.max_choices', vars: { max: field.maxChoices } });
      return ok(field.multiple ? [...new Set(values0)] : values0[0]);
    }
  }
}

/**
 * Validates a whole submission: hidden fields (skip logic) are dropped, every visible one is checked.
 * Returns the cleaned values or the errors by field id.
 */
export function validateForm(
  form: Pick<FormSpec, 'fields' | 'language'>,
  input: FormValues,
  language = form.language ?? 'en',
): Result<FormValues, Record<string, FieldError>> {
  const clean: FormValues = {};
  const errors: Record<string, FieldError> = {};
  for (const field of form.fields) {
    if (!isVisible(field, clean)) continue;
    const checked = validateValue(field, input[field.id], language, clean);
    if (!checked.ok) errors[field.id] = checked.error;
    else if (checked.value !== undefined) clean[field.id] = checked.value;
    if (field.kind !== 'choice' || !field.other) continue;
    const other = input[otherKey(field.id)];
    const picked = clean[field.id];
    const pickedOther = Array.isArray(picked) ? picked.includes(OTHER) : picked === OTHER;
    if (pickedOther && typeof other === 'string' && other.trim()) clean[otherKey(field.id)] = other.trim().slice(0, 200);
  }
  return Object.keys(errors).length > 0 ? err(errors) : ok(clean);
}

/**
 * Reads a typed answer to a choice into option values: option numbers or labels, "1, 3" for
 * several; text that matches no option becomes "other" where the question allows it. A number
 * outside the list is refused, never taken as "other".
 */
export function interpretTyped(field: FormField, typed: string): Result<{ value: string | string[]; other?: string }, FieldError> {
  const text = typed.trim();
  if (field.kind !== 'choice') return ok({ value: text });
  const count = field.options.length;
  const parts = field.multiple ? text.split(/\s*[,;]\s*|\s+(?=\d+\b)/).filter(Boolean) : [text];
  const values: string[] = [];
  const unmatched: string[] = [];
  for (const part of parts) {
    if (/^\d+$/.test(part)) {
      const option = field.options[Number(part) - 1];
      if (!option) return err({ key: 'form.error.option_number', vars: { max: count } });
      values.push(option.value);
      continue;
    }
    const lower = part.toLowerCase();
    const match = field.options.find((o) => o.value === part || o.label.toLowerCase() === lower);
    if (match) values.push(match.value);
    else unmatched.push(part);
  }
  if (unmatched.length > 0) {
    if (!field.other) return err({ key: 'form.error.choice' });
    values.push(OTHER);
    return ok({ value: field.multiple ? values : OTHER, other: unmatched.join(', ') });
  }
  return ok({ value: field.multiple ? values : (values[0] ?? text) });
}
