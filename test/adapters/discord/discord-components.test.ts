// The converter against every Discord limit it touches, each checked by the fake's own validator
// (written from Discord's documentation, independently of the adapter's constants).
import { describe, expect, it } from 'vitest';
import { customId, parseCustomId, splitText, toDiscordModal, toDiscordPayloads } from '../../../adapters/discord/discord-components.ts';
import { nonceFor } from '../../../adapters/discord/discord-adapter.ts';
import { DISCORD_LIMITS } from '../../../adapters/discord/discord-limits.ts';
import { actions, button, card, fields, link, list, select, text, type Block, type FormSpec, type OutboundMessage } from '../../../src/core/index.ts';
import { messageProblems, modalProblems } from '../../fakes/discord/fake-discord-validate.ts';

const valid = (message: OutboundMessage) => {
  const payloads = toDiscordPayloads(message);
  expect(payloads.flatMap((p) => messageProblems(p))).toEqual([]);
  return payloads;
};
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

describe('Discord limits as named constants', () => {
  it('match what Discord documents', () => {
    expect(DISCORD_LIMITS).toMatchObject({
      contentMax: 2000,
      embedsPerMessage: 10,
      embedTitleMax: 256,
      embedDescriptionMax: 4096,
      embedFieldsMax: 25,
      embedFieldNameMax: 256,
      embedFieldValueMax: 1024,
      embedFooterMax: 2048,
      embedTotalMax: 6000,
      actionRowsPerMessage: 5,
      buttonsPerRow: 5,
      buttonLabelMax: 80,
      customIdMax: 100,
      selectOptionsMax: 25,
      selectPlaceholderMax: 150,
      modalTitleMax: 45,
      modalComponentsMax: 5,
      textInputLabelMax: 45,
      textInputPlaceholderMax: 100,
      nonceMax: 25,
    });
  });
});

describe('Discord converter', () => {
  it('given plain text over 2,000 characters → split at line or word boundaries, nothing lost', () => {
    const long = Array.from({ length: 90 }, (_, i) => `Line ${i}: ${words(6)}`).join('\n');
    const payloads = valid({ text: long });
    expect(payloads.length).toBeGreaterThan(1);
    expect(payloads.every((p) => p.content!.length <= 2000)).toBe(true);
    expect(payloads.map((p) => p.content).join('\n')).toBe(long);
    expect(splitText('x'.repeat(4500)).map((p) => p.length)).toEqual([2000, 2000, 500]);
  });

  it('given a card → one embed with title, markdown bold converted, fields, list links and button rows', () => {
    const [p] = valid({
      text: 'fallback',
      card: card(
        'Digest',
        text('*3* new calls'),
        fields([['Deadline', '2026-12-01']]),
        list([{ title: 'Horizon', url: 'https://example.org', meta: 'EU' }]),
        actions(button('news:save', 'Save', 'c1', 'primary'), link('Open', 'https://example.org')),
      ),
    });
    expect(p!.embeds![0]).toMatchObject({ title: 'Digest', description: '**3** new calls', fields: [{ name: 'Deadline', value: '2026-12-01' }] });
    expect(p!.embeds![1]!.description).toBe('• [Horizon](https://example.org) · EU');
    expect(p!.components![0]!.components.map((c: any) => c.custom_id ?? c.url)).toEqual(['news:save|c1', 'https://example.org']);
  });

  it('given an over-long title, field name and value, button label → each clipped to its limit', () => {
    const [p] = valid({
      text: 't',
      card: card('T'.repeat(300), fields([['N'.repeat(300), 'V'.repeat(1100)]]), actions(button('a:b', 'L'.repeat(90)))),
    });
    expect(p!.embeds![0]!.title!.length).toBe(256);
    expect(p!.embeds![0]!.fields![0]).toMatchObject({ name: expect.stringMatching(/^N{255}…$/), value: expect.stringMatching(/^V{1023}…$/) });
    expect((p!.components![0]!.components[0] as any).label.length).toBe(80);
  });

  it('given a description over 4,096, 40 fields and 7,000 characters in all → more embeds and messages, each within 10 embeds and 6,000', () => {
    const many = Array.from({ length: 40 }, (_, i): [string, string] => [`Cluster ${i}`, words(30)]);
    const payloads = valid({ text: 't', card: card('Report', text(words(900)), fields(many)) });
    expect(payloads.length).toBeGreaterThan(1);
    const all = payloads.flatMap((p) => p.embeds ?? []);
    expect(all.flatMap((e) => e.fields ?? [])).toHaveLength(40);
    expect(all.every((e) => (e.description ?? '').length <= 4096 && (e.fields ?? []).length <= 25)).toBe(true);
  });

  it('given 12 embeds worth of text → no message carries more than 10', () => {
    const blocks: Block[] = Array.from({ length: 12 }, (_, i) => [fields([[`f${i}`, 'x'.repeat(30)]]), text(`t${i}`)]).flat();
    const payloads = valid({ text: 't', card: card(undefined, ...blocks) });
    expect(payloads.every((p) => (p.embeds ?? []).length <= 10)).toBe(true);
  });

  it('given 8 buttons in one block and 7 blocks of buttons → rows of 5, at most 5 rows per message, the rest in a follow-on message', () => {
    const eight = Array.from({ length: 8 }, (_, i) => button('form:answer', `Option ${i}`, String(i)));
    const more = Array.from({ length: 6 }, (_, i) => actions(button('x:y', `b${i}`, `v${i}`)));
    const payloads = valid({ text: 't', card: card('Q', text('Pick'), actions(...eight.slice(0, 5)), actions(...eight.slice(5)), ...more) });
    expect(payloads[0]!.components).toHaveLength(5);
    expect(payloads[1]!.components).toHaveLength(3);
  });

  it('given a digest of 8 items, each with its own buttons → split so each message holds the items its buttons belong to', () => {
    const items = Array.from({ length: 8 }, (_, i) => [
      text(`Call ${i}`),
      actions(button('news:follow', 'Follow', `c${i}`), link('Open', `https://example.org/${i}`)),
    ]).flat();
    const payloads = valid({ text: 't', card: card('Digest', ...items) });
    expect(payloads).toHaveLength(2);
    expect(payloads[0]!.embeds![0]!.title).toBe('Digest');
    expect(payloads[0]!.embeds![0]!.description).toContain('Call 4');
    expect(payloads[0]!.components!.at(-1)!.components.map((c: any) => c.custom_id ?? c.url)).toEqual(['news:follow|c4', 'https://example.org/4']);
    expect(payloads[1]!.embeds![0]!.description).toMatch(/^Call 5/);
    expect(payloads[1]!.components).toHaveLength(3);
  });

  it('given a select with 25 long options → options clipped to 100, placeholder to 150, alone in its row', () => {
    const options = Array.from({ length: 25 }, (_, i) => ({ label: `${'Option '.repeat(20)}${i}`, value: `v${i}`, description: 'd'.repeat(120) }));
    const [p] = valid({ text: 't', card: card('S', actions(button('a:b', 'Before'), select('survey:pick', 'P'.repeat(200), options))) });
    expect(p!.components!.map((r) => r.components.length)).toEqual([1, 1]);
    const s = p!.components![1]!.components[0] as any;
    expect(s.placeholder.length).toBe(150);
    expect(s.options.every((o: any) => o.label.length <= 100 && o.description.length <= 100)).toBe(true);
  });

  it('given custom ids → "<actionId>|<value>" round-trips, duplicates are told apart, over 100 characters is refused', () => {
    const taken = new Set<string>();
    const a = customId('survey:answer', 'yes', taken);
    const b = customId('survey:answer', 'yes', taken);
    expect([a, b]).toEqual(['survey:answer|yes', '2~survey:answer|yes']);
    expect(parseCustomId(b)).toEqual({ actionId: 'survey:answer', value: 'yes' });
    expect(parseCustomId('x:y|')).toEqual({ actionId: 'x:y' });
    expect(() => customId(`a:${'b'.repeat(100)}`, 'v')).toThrow(/100/);
  });

  it('given forms → a modal within title 45, label 45, placeholder 100 and 5 inputs; anything else is not a modal', () => {
    const form: FormSpec = {
      formId: 'x:y',
      title: 'A title that is clearly much longer than forty-five characters',
      fields: [
        { id: 'a', kind: 'text', label: 'A label that is longer than forty-five characters, surely', required: true, placeholder: 'p'.repeat(150) },
        { id: 'b', kind: 'number', label: 'Days', required: false, min: 0, max: 5 },
      ],
    };
    const modal = toDiscordModal(form, 'x:y|', { b: '2' })!;
    expect(modalProblems(modal)).toEqual([]);
    // Room left in the modal: the whole question goes in a text block above the fields.
    expect(modal.components[0]).toMatchObject({ type: 10, content: expect.stringContaining('longer than forty-five characters, surely') });
    expect((modal.components[2] as any).component).toMatchObject({ value: '2', placeholder: '0–5', required: false });
    // Five fields leave no room: the question goes in the field's description instead.
    const five = {
      ...form,
      fields: [form.fields[0]!, ...Array.from({ length: 4 }, (_, i) => ({ id: `f${i}`, kind: 'text' as const, label: 'L', required: true }))],
    };
    const full = toDiscordModal(five, 'x:y|')!;
    expect(modalProblems(full)).toEqual([]);
    expect(full.components).toHaveLength(5);
    expect((full.components[0] as any).description).toContain('longer than forty-five characters, surely');
    const six = { ...form, fields: Array.from({ length: 6 }, (_, i) => ({ id: `f${i}`, kind: 'text' as const, label: 'L', required: true })) };
    expect(toDiscordModal(six, 'x:y|')).toBeNull();
    expect(
      toDiscordModal({ ...form, fields: [{ id: 'c', kind: 'choice', label: 'C', required: true, options: [{ label: 'a', value: 'a' }] }] }, 'x:y|'),
    ).toBeNull();
  });

  it('given an outbox key → a nonce of at most 25 characters, stable, different per message part', () => {
    const key = '3f2a9c1e-8b7d-4e6f-a5b4-c3d2e1f0a9b8';
    expect(nonceFor(key, 0).length).toBeLessThanOrEqual(25);
    expect(nonceFor(key, 0)).toBe(nonceFor(key, 0));
    expect(nonceFor(key, 0)).not.toBe(nonceFor(key, 1));
  });
});
