// The neutral UI model: messages, cards and forms as zod-validated data. Features build these with
// pure functions; each adapter has one converter that renders them within its platform's limits.
import { z } from 'zod';
import { UI_LIMITS } from './ui-limits.ts';

/** "<feature>:<verb>", e.g. "survey:answer". */
export const ActionIdSchema = z.string().regex(/^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*$/);
export type ActionId = z.infer<typeof ActionIdSchema>;

export const ChoiceSchema = z.object({
  label: z.string().min(1),
  value: z.string().min(1).max(UI_LIMITS.valueMax),
  description: z.string().optional(),
});
export type Choice = z.infer<typeof ChoiceSchema>;

export const ControlSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('button'),
    actionId: ActionIdSchema,
    label: z.string().min(1),
    value: z.string().max(UI_LIMITS.valueMax).optional(),
    style: z.enum(['primary', 'danger']).optional(),
  }),
  z.object({ type: z.literal('link'), label: z.string().min(1), url: z.string().url() }),
  z.object({
    type: z.literal('select'),
    actionId: ActionIdSchema,
    placeholder: z.string(),
    options: z.array(ChoiceSchema).min(1).max(UI_LIMITS.selectOptionsMax),
  }),
]);
export type Control = z.infer<typeof ControlSchema>;

export const BlockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), markdown: z.string(), muted: z.boolean().optional() }),
  z.object({
    type: z.literal('fields'),
    fields: z.array(z.object({ label: z.string(), value: z.string() })).min(1),
  }),
  z.object({
    type: z.literal('list'),
    items: z.array(z.object({ title: z.string(), url: z.string().optional(), meta: z.string().optional() })),
  }),
  z.object({ type: z.literal('divider') }),
  z.object({
    type: z.literal('actions'),
    controls: z.array(ControlSchema).min(1).max(UI_LIMITS.controlsPerRowMax),
  }),
]);
export type Block = z.infer<typeof BlockSchema>;

export const CardSchema = z.object({
  title: z.string().optional(),
  subtitle: z.string().optional(),
  blocks: z.array(BlockSchema),
});
export type Card = z.infer<typeof CardSchema>;

/** A file sent with a message: a chart PNG, a CSV export. `data` is base64 so rows can store it. */
export const AttachmentSchema = z.object({
  filename: z.string().min(1),
  mediaType: z.string().min(1),
  base64: z.string(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

/** Everything the bot posts. `text` is required: notifications, screen readers, text-only surfaces. */
export const OutboundMessageSchema = z.object({
  text: z.string().min(1),
  card: CardSchema.optional(),
  attachments: z.array(AttachmentSchema).optional(),
});
export type OutboundMessage = z.infer<typeof OutboundMessageSchema>;

/** Show a field only when another field's answer is (or is not) one of some values: skip logic. */
export const ConditionSchema = z.object({
  field: z.string(),
  in: z.array(z.string()).optional(),
  notIn: z.array(z.string()).optional(),
});
export type Condition = z.infer<typeof ConditionSchema>;

const fieldBase = {
  id: z.string().min(1).max(UI_LIMITS.fieldIdMax),
  label: z.string().min(1),
  help: z.string().optional(),
  section: z.string().optional(),
  required: z.boolean().default(true),
  when: ConditionSchema.optional(),
};

export const FormFieldSchema = z.discriminatedUnion('kind', [
  z.object({
    ...fieldBase,
    kind: z.literal('text'),
    multiline: z.boolean().optional(),
    maxLength: z.number().int().positive().optional(),
    placeholder: z.string().optional(),
    /** Checked as typed: a web address (http or https). */
    format: z.enum(['url']).optional(),
  }),
  z.object({
    ...fieldBase,
    /** A calendar day, stored as YYYY-MM-DD; typed the person's way too ("15/03/2027"). */
    kind: z.literal('date'),
    /** The id of another date field this one may not come before (an event's end and its start). */
    notBefore: z.string().optional(),
  }),
  z.object({
    ...fieldBase,
    kind: z.literal('number'),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().optional(),
  }),
  z.object({
    ...fieldBase,
    kind: z.literal('choice'),
    options: z.array(ChoiceSchema).min(1),
    multiple: z.boolean().optional(),
    maxChoices: z.number().int().positive().optional(),
    /** Adds an "other, please specify" answer; its text is stored under `<id>_other`. */
    other: z.boolean().optional(),
  }),
  z.object({
    ...fieldBase,
    kind: z.literal('scale'),
    min: z.number().int(),
    max: z.number().int(),
    minLabel: z.string().optional(),
    maxLabel: z.string().optional(),
  }),
]);
export type FormField = z.infer<typeof FormFieldSchema>;
export type FormFieldInput = z.input<typeof FormFieldSchema>;

/** A form: a modal where the platform can hold it, otherwise a questionnaire in a direct conversation. */
export const FormSpecSchema = z.object({
  formId: ActionIdSchema,
  title: z.string().min(1),
  submitLabel: z.string().optional(),
  /** A short opaque id (a survey id, say): never a blob, never personal data. */
  context: z.string().max(UI_LIMITS.contextMax).optional(),
  /** Language the form's texts are written in; the questionnaire engine answers in it. */
  language: z.string().optional(),
  fields: z.array(FormFieldSchema).min(1),
});
export type FormSpec = z.infer<typeof FormSpecSchema>;
export type FormSpecInput = z.input<typeof FormSpecSchema>;

export type FormValues = Record<string, string | string[]>;
