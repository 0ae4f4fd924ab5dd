// One set of rules for form answers, shared by modals (whole form) and the questionnaire engine
// (one typed answer at a time), so both accept and refuse exactly the same things.
import { err, ok, type Result } from './result.ts';
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

export function parseNumber(text: string): number | null {
  const normalised = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(normalised)) return null;
  return Number(normalised);
}

/** Checks one answer in its canonical form (option values, digits). Empty is fine only if optional. */
export function validateValue(field: FormField, value: string | string[] | undefined): Result<string | string[] | undefined, FieldError> {
  if (isEmpty(value)) return field.required ? err({ key: 'form.error.required' }) : ok(undefined);
  const values = Array.isArray(value) ? value : [value as string];
  switch (field.kind) {
    case 'text': {
      const text = values.join(' ').trim();
      if (field.maxLength && text.length > field.maxLength) return err({ key: 'form.error.too_long', vars: { max: field.maxLength } });
      return ok(text);
    }
    case 'number':
    case 'scale': {
      const n = parseNumber(values[0] ?? '');
      if (n === null) return err({ key: 'form.error.number' });
      if ((field.kind === 'scale' || field.integer) && !Number.isInteger(n)) return err({ key: 'form.error.integer' });
      const min = field.min ?? -Infinity;
      const max = field.max ?? Infinity;
      if (n < min || n > max) return err({ key: 'form.error.range', vars: { min: String(min), max: String(max) } });
      return ok(String(n));
    }
    case 'choice': {
      const allowed = new Set(field.options.map((o) => o.value));
      if (field.other) allowed.add(OTHER);
      const unknown = values.find((v) => !allowed.has(v));
      if (unknown !== undefined) return err({ key: 'form.error.choice' });
      if (!field.multiple && values.length > 1) return err({ key: 'form.error.one_choice' });
      if (field.maxChoices && values.length > field.maxChoices) return err({ key: 'form.error.max_choices', vars: { max: field.maxChoices } });
      return ok(field.multiple ? [...new Set(values)] : values[0]);
    }
  }
}

/**
 * Validates a whole submission: hidden fields (skip logic) are dropped, every visible one is checked.
 * Returns the cleaned values or the errors by field id.
 */
export function validateForm(form: Pick<FormSpec, 'fields'>, input: FormValues): Result<FormValues, Record<string, FieldError>> {
  const clean: FormValues = {};
  const errors: Record<string, FieldError> = {};
  for (const field of form.fields) {
    if (!isVisible(field, clean)) continue;
    const checked = validateValue(field, input[field.id]);
    if (!checked.ok) errors[field.id] = checked.error;
    else if (checked.value !== undefined) clean[field.id] = checked.value;
    const other = input[otherKey(field.id)];
    const picked = clean[field.id];
    const pickedOther = Array.isArray(picked) ? picked.includes(OTHER) : picked === OTHER;
    if (field.kind === 'choice' && field.other && pickedOther && typeof other === 'string' && other.trim()) {
      clean[otherKey(field.id)] = other.trim().slice(0, 200);
    }
  }
  return Object.keys(errors).length > 0 ? err(errors) : ok(clean);
}

/**
 * Reads a typed answer into canonical form: option numbers or labels become option values,
 * "1, 3" picks several, anything else stays as typed. Unmatched text becomes "other" when allowed.
 */
export function interpretTyped(field: FormField, typed: string): { value: string | string[]; other?: string } {
  const text = typed.trim();
  if (field.kind !== 'choice') return { value: text };
  const pick = (part: string): string | null => {
    const n = /^\d+$/.test(part) ? Number(part) : NaN;
    const byIndex = Number.isInteger(n) ? field.options[n - 1] : undefined;
    if (byIndex) return byIndex.value;
    const lower = part.toLowerCase();
    return field.options.find((o) => o.value === part || o.label.toLowerCase() === lower)?.value ?? null;
  };
  const parts = field.multiple ? text.split(/\s*[,;]\s*|\s+(?=\d+\b)/).filter(Boolean) : [text];
  const values: string[] = [];
  const unmatched: string[] = [];
  for (const part of parts) {
    const value = pick(part);
    if (value) values.push(value);
    else unmatched.push(part);
  }
  if (unmatched.length > 0 && field.other) {
    values.push(OTHER);
    return { value: field.multiple ? values : OTHER, other: unmatched.join(', ') };
  }
  if (unmatched.length > 0) return { value: field.multiple ? [...values, ...unmatched] : text };
  return { value: field.multiple ? values : (values[0] ?? text) };
}
