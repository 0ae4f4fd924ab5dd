// The Block Kit converter: every Slack limit it touches, checked with content past the limit, and
// checked against the same rules the fake Slack enforces.
import { describe, expect, it } from 'vitest';
import {
  cardToBlocks,
  clip,
  decodeActionId,
  fitsModal,
  formToModal,
  homeView,
  messagePages,
  modalErrors,
  modalValues,
  MODAL_MAX_FIELDS,
  selectOptions,
  singlePage,
  SLACK_LIMITS,
  splitText,
  toMrkdwn,
} from '../../../adapters/slack/slack-blocks.ts';
import type { Card, Choice, FormField, FormSpec, Translator } from '../../../src/core/index.ts';
import { blockProblems, viewProblems } from '../../fakes/slack/block-kit-rules.ts';

const t: Translator = (key, vars) => (vars ? `${key} ${JSON.stringify(vars)}` : key);
const long = (n: number, word = 'lorem ') => word.repeat(Math.ceil(n / word.length)).slice(0, n);
const choices = (n: number): Choice[] => Array.from({ length: n }, (_, i) => ({ value: `v${i}`, label: `Option ${i} ${long(90)}` }));
const form = (fields: FormField[], extra: Partial<FormSpec> = {}): FormSpec => ({ formId: 'survey:answer', title: 'A survey', fields, ...extra });
const text = (id: string, extra: Partial<FormField> = {}): FormField => ({ id, kind: 'text', label: id, required: true, ...extra }) as FormField;
const blocksOf = (card: Card) => cardToBlocks(card);
const texts = (blocks: Array<Record<string, any>>) => blocks.map((b) => b.text?.text ?? '');

describe('Block Kit limits', () => {
  it(`given more than ${SLACK_LIMITS.blocksPerMessage} blocks → the card continues in further messages, each within the limit`, () => {
    const card: Card = { title: 'Calls', blocks: Array.from({ length: 120 }, (_, i) => ({ type: 'text', markdown: `call ${i}` })) };
    const pages = messagePages({ text: 'Calls', card });
    expect(pages).toHaveLength(3);
    for (const page of pages) {
      expect(page.blocks!.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
      expect(blockProblems(page.blocks, 'message')).toEqual([]);
    }
    expect(pages.flatMap((p) => texts(p.blocks!)).filter((s) => s.startsWith('call'))).toHaveLength(120);
    expect(pages[1]!.text).toContain('(2/3)');
  });

  it(`given a text longer than a section's ${SLACK_LIMITS.sectionText} characters → several sections, nothing lost`, () => {
    const body = Array.from({ length: 200 }, (_, i) => `line ${i} ${long(40)}`).join('\n');
    const blocks = blocksOf({ blocks: [{ type: 'text', markdown: body }] });
    expect(blocks.length).toBeGreaterThan(1);
    expect(texts(blocks).every((s) => s.length <= SLACK_LIMITS.sectionText)).toBe(true);
    expect(texts(blocks).join('\n')).toBe(body);
  });

  it(`given more than ${SLACK_LIMITS.sectionFields} fields, and a field over ${SLACK_LIMITS.fieldText} characters → sections of ten, clipped fields`, () => {
    const fields = Array.from({ length: 23 }, (_, i) => ({ label: `k${i}`, value: i === 0 ? long(5000) : `v${i}` }));
    const blocks = blocksOf({ blocks: [{ type: 'fields', fields }] }) as Array<Record<string, any>>;
    expect(blocks.map((b) => b.fields.length)).toEqual([10, 10, 3]);
    expect(blocks[0]!.fields[0].text.length).toBe(SLACK_LIMITS.fieldText);
    expect(blockProblems(blocks, 'message')).toEqual([]);
  });

  it(`given a title over ${SLACK_LIMITS.headerText} characters → it becomes a bold section instead of a header`, () => {
    const short = blocksOf({ title: 'Digest', blocks: [] })[0] as Record<string, any>;
    expect(short.type).toBe('header');
    const blocks = blocksOf({ title: long(400), blocks: [] }) as Array<Record<string, any>>;
    expect(blocks[0]!.type).toBe('section');
    expect(blockProblems(blocks, 'message')).toEqual([]);
  });

  it(`given button labels over ${SLACK_LIMITS.buttonText} and more than ${SLACK_LIMITS.actionsElements} controls → clipped labels, rows of 25, unique action ids`, () => {
    const controls = Array.from({ length: 5 }, (_, i) => ({ type: 'button' as const, actionId: 'survey:answer', label: long(200), value: `v${i}` }));
    const card: Card = { blocks: Array.from({ length: 6 }, () => ({ type: 'actions' as const, controls })) };
    const blocks = blocksOf(card) as Array<Record<string, any>>;
    const elements = blocks.flatMap((b) => b.elements);
    expect(elements.every((e) => e.text.text.length <= SLACK_LIMITS.buttonText)).toBe(true);
    expect(new Set(elements.map((e) => e.action_id)).size).toBe(30);
    expect(elements.map((e) => decodeActionId(e.action_id))).toEqual(Array(30).fill('survey:answer'));
    expect(blockProblems(blocks, 'message')).toEqual([]);
  });

  it(`given a select with long option labels → options clipped to ${SLACK_LIMITS.optionText}, values kept (≤ ${SLACK_LIMITS.optionValue})`, () => {
    const blocks = blocksOf({
      blocks: [{ type: 'actions', controls: [{ type: 'select', actionId: 'news:topic', placeholder: long(300), options: choices(20) }] }],
    }) as Array<Record<string, any>>;
    const select = blocks[0]!.elements[0];
    expect(select.placeholder.text.length).toBeLessThanOrEqual(SLACK_LIMITS.placeholder);
    expect(select.options.every((o: any) => o.text.text.length <= SLACK_LIMITS.optionText && o.value.length <= SLACK_LIMITS.optionValue)).toBe(true);
    expect(blockProblems(blocks, 'message')).toEqual([]);
  });

  it(`given more than ${SLACK_LIMITS.staticSelectOptions} choices → option groups of 100`, () => {
    const result = selectOptions(choices(250)) as { option_groups: Array<{ options: unknown[] }> };
    expect(result.option_groups.map((g) => g.options.length)).toEqual([100, 100, 50]);
  });

  it(`given a long text-only message → messages of at most ${SLACK_LIMITS.messageText} characters`, () => {
    const pages = messagePages({ text: long(9000) });
    expect(pages.length).toBe(3);
    expect(pages.every((p) => p.text.length <= SLACK_LIMITS.messageText && !p.blocks)).toBe(true);
  });

  it(`given an update or a home with too many blocks → one surface clipped to ${SLACK_LIMITS.blocksPerMessage} / ${SLACK_LIMITS.blocksPerView} blocks`, () => {
    const card: Card = { blocks: Array.from({ length: 150 }, (_, i) => ({ type: 'text', markdown: `x${i}` })) };
    expect(singlePage({ text: 'x', card }).blocks).toHaveLength(SLACK_LIMITS.blocksPerMessage);
    const home = homeView({ text: 'x', card }) as { blocks: unknown[] };
    expect(home.blocks).toHaveLength(SLACK_LIMITS.blocksPerView);
    expect(viewProblems(home, 'home')).toEqual([]);
  });

  it('given markdown with Slack control characters and links → escaped mrkdwn with Slack links', () => {
    expect(toMrkdwn('Use /survey open <id> & **see** [the call](https://example.eu/a)')).toBe(
      'Use /survey open &lt;id&gt; &amp; *see* <https://example.eu/a|the call>',
    );
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(splitText('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
  });
});

describe('forms as modals', () => {
  it(`given a title, submit label over ${SLACK_LIMITS.viewTitle} characters → clipped, and the modal passes Slack's rules`, () => {
    const modal = formToModal(form([text('a')], { title: long(60), submitLabel: long(60) }), t, { conversation: 'slack:C1', context: 's1' }) as Record<
      string,
      any
    >;
    expect(modal.title.text.length).toBe(SLACK_LIMITS.viewTitle);
    expect(modal.submit.text.length).toBe(SLACK_LIMITS.viewSubmit);
    expect(modal.close.text.length).toBeLessThanOrEqual(SLACK_LIMITS.viewClose);
    expect(JSON.parse(modal.private_metadata)).toEqual({ conversation: 'slack:C1', context: 's1' });
    expect(modal.private_metadata.length).toBeLessThanOrEqual(SLACK_LIMITS.privateMetadata);
    expect(viewProblems(modal, 'modal')).toEqual([]);
  });

  it(`given every field kind at ${MODAL_MAX_FIELDS} fields with sections and "other" → within ${SLACK_LIMITS.blocksPerView} blocks and every element limit`, () => {
    const kinds: FormField[] = [
      text('t', { multiline: true, maxLength: 10_000, placeholder: long(400), help: long(3000), label: long(2500) }),
      { id: 'n', kind: 'number', label: 'n', required: false, min: 0, max: 10, integer: true },
      { id: 's', kind: 'scale', label: 's', required: true, min: 1, max: 5, minLabel: 'bad', maxLabel: 'good' },
      { id: 'w', kind: 'scale', label: 'w', required: true, min: 0, max: 20 },
      { id: 'c', kind: 'choice', label: 'c', required: true, options: choices(9), other: true },
      { id: 'm', kind: 'choice', label: 'm', required: true, options: choices(12), multiple: true, maxChoices: 3 },
      { id: 'big', kind: 'choice', label: 'big', required: true, options: choices(140) },
    ];
    const fields = Array.from(
      { length: MODAL_MAX_FIELDS },
      (_, i) => ({ ...kinds[i % kinds.length]!, id: `f${i}`, section: `Section ${i}`, ...(i % kinds.length === 4 ? { other: true } : {}) }) as FormField,
    );
    const spec = form(fields);
    expect(fitsModal(spec)).toBe(true);
    const modal = formToModal(spec, t) as Record<string, any>;
    expect(modal.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerView);
    expect(viewProblems(modal, 'modal')).toEqual([]);
    const input = modal.blocks.find((b: any) => b.block_id === 'f0');
    expect(input.element.max_length).toBe(SLACK_LIMITS.plainTextInputMaxLength);
    expect(input.label.text.length).toBe(SLACK_LIMITS.inputLabel);
    const elementTypes = modal.blocks.filter((b: any) => b.type === 'input').map((b: any) => b.element.type);
    expect(new Set(elementTypes)).toEqual(new Set(['plain_text_input', 'number_input', 'radio_buttons', 'static_select', 'multi_static_select']));
    expect(modal.blocks.find((b: any) => b.block_id === 'f4_other')).toBeDefined();
  });

  it(`given choices beyond ${SLACK_LIMITS.radioOptions} / ${SLACK_LIMITS.checkboxOptions} → a select instead of radio buttons or checkboxes`, () => {
    const radios = formToModal(form([{ id: 'a', kind: 'choice', label: 'a', required: true, options: choices(10) }]), t) as any;
    expect(radios.blocks[0].element.type).toBe('radio_buttons');
    const select = formToModal(form([{ id: 'a', kind: 'choice', label: 'a', required: true, options: choices(10), other: true }]), t) as any;
    expect(select.blocks[0].element.type).toBe('static_select');
    const boxes = formToModal(form([{ id: 'a', kind: 'choice', label: 'a', required: true, multiple: true, options: choices(11) }]), t) as any;
    expect(boxes.blocks[0].element.type).toBe('multi_static_select');
  });

  it('given more fields than a modal takes or skip logic → not a modal (the core asks by DM)', () => {
    expect(fitsModal(form(Array.from({ length: MODAL_MAX_FIELDS + 1 }, (_, i) => text(`f${i}`))))).toBe(false);
    expect(fitsModal(form([text('a'), text('b', { when: { field: 'a', in: ['x'] } })]))).toBe(false);
  });

  it('given a submission → neutral values by field id, empty answers left out; errors keyed by block', () => {
    const values = modalValues({
      a: { value: { type: 'plain_text_input', value: 'hello' } },
      b: { value: { type: 'static_select', selected_option: { value: 'v1' } } },
      c: { value: { type: 'checkboxes', selected_options: [{ value: 'x' }, { value: 'y' }] } },
      d: { value: { type: 'plain_text_input', value: '  ' } },
      e: { value: { type: 'radio_buttons', selected_option: null } },
    });
    expect(values).toEqual({ a: 'hello', b: 'v1', c: ['x', 'y'] });
    expect(modalErrors({ a: 'too long', ghost: 'bad' }, ['a', 'b'])).toEqual({ a: 'too long bad' });
  });
});
