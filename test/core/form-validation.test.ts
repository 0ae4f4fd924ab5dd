import { describe, expect, it } from 'vitest';
import { FormFieldSchema, interpretTyped, validateForm, validateValue, type FormField } from '../../src/core/index.ts';

const field = (f: unknown): FormField => FormFieldSchema.parse(f);
const firms = field({ id: 'firms', kind: 'number', label: 'Member firms', min: 0, max: 100000, integer: true });
const type = field({
  id: 'type',
  kind: 'choice',
  label: 'Type',
  options: [
    { value: 'industrial', label: 'Industrial' },
    { value: 'service', label: 'Service' },
    { value: 'rd', label: 'R&D' },
  ],
});
const channels = field({
  id: 'channels',
  kind: 'choice',
  label: 'Channels',
  multiple: true,
  other: true,
  options: [
    { value: 'newsletter', label: 'Newsletter' },
    { value: 'web', label: 'Web' },
  ],
});
const importance = field({ id: 'imp', kind: 'scale', label: 'Importance', min: 1, max: 5 });

describe('answers are checked by one set of rules', () => {
  it('given a number out of bounds → a range error', () => {
    expect(validateValue(firms, '-3')).toMatchObject({ ok: false, error: { key: 'form.error.range' } });
    expect(validateValue(firms, '12,5')).toMatchObject({ ok: false, error: { key: 'form.error.integer' } });
    expect(validateValue(firms, '45')).toEqual({ ok: true, value: '45' });
  });

  it('given a typed option number or label → the option value', () => {
    expect(interpretTyped(type, '3')).toEqual({ ok: true, value: { value: 'rd' } });
    expect(interpretTyped(type, 'service')).toEqual({ ok: true, value: { value: 'service' } });
  });

  it('given an option number outside the list → refused for every kind of choice, never taken as "other"', () => {
    expect(interpretTyped(type, '4')).toMatchObject({ ok: false, error: { key: 'form.error.option_number', vars: { max: 3 } } });
    expect(interpretTyped(channels, '9')).toMatchObject({ ok: false, error: { key: 'form.error.option_number', vars: { max: 2 } } });
    expect(interpretTyped(channels, '1, 9')).toMatchObject({ ok: false });
  });

  it('given numbers as people write them → read in the form language', () => {
    expect(validateValue(firms, '1.000', 'it')).toEqual({ ok: true, value: '1000' });
    expect(validateValue(firms, '1.000', 'de')).toEqual({ ok: true, value: '1000' });
    expect(validateValue(firms, '1,000', 'en')).toEqual({ ok: true, value: '1000' });
    const budget = field({ id: 'budget', kind: 'number', label: 'Budget' });
    expect(validateValue(budget, '2.500,50', 'it')).toEqual({ ok: true, value: '2500.5' });
    expect(validateValue(budget, '2.500,50', 'en')).toMatchObject({ ok: false, error: { key: 'form.error.number' } });
    expect(validateValue(budget, '3e5', 'en')).toMatchObject({ ok: false });
  });

  it('given several typed choices and unknown text → the choices plus "other" with the text', () => {
    expect(interpretTyped(channels, '1, 2, fiere')).toEqual({ ok: true, value: { value: ['newsletter', 'web', 'other'], other: 'fiere' } });
  });

  it('given a scale answer outside its ends → refused', () => {
    expect(validateValue(importance, '6').ok).toBe(false);
    expect(validateValue(importance, '4')).toEqual({ ok: true, value: '4' });
  });

  it('given skip logic → hidden fields are neither required nor kept', () => {
    const form = {
      fields: [
        field({
          id: 'coop',
          kind: 'choice',
          label: 'Cooperated?',
          options: [
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
          ],
        }),
        field({ id: 'why', kind: 'text', label: 'Why?', when: { field: 'coop', in: ['yes'] } }),
      ],
    };
    expect(validateForm(form, { coop: 'no', why: 'stale' })).toEqual({ ok: true, value: { coop: 'no' } });
    expect(validateForm(form, { coop: 'yes' })).toMatchObject({ ok: false, error: { why: { key: 'form.error.required' } } });
  });
});
