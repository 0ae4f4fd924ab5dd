// A two-question form the delivery tests ask on every platform: a required number and an optional
// line, and a handler that keeps what was submitted so a test can check nothing was invented.
import type { FeatureContext, FormSpec, FormValues } from '../../src/core/index.ts';

export const visitForm: FormSpec = {
  formId: 'test:visit',
  title: 'Visit',
  fields: [
    { id: 'staff', kind: 'number', label: 'How many staff came?', required: true, min: 0, max: 100 },
    { id: 'note', kind: 'text', label: 'Anything to remember?', required: false },
  ],
};

/** Registers the form's handler; the returned list fills as submissions arrive. */
export function recordVisits(context: Pick<FeatureContext, 'onForm'>): FormValues[] {
  const received: FormValues[] = [];
  context.onForm(visitForm.formId, async ({ event }) => {
    received.push(event.values);
    return { text: 'Thanks!' };
  });
  return received;
}
