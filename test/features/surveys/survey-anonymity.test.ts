// The rows an anonymous export may show: nothing below k, free text only where k wrote, and the
// columns that could single someone out k-anonymous together, with complementary suppression.
import { describe, expect, it } from 'vitest';
import { SurveyDefinitionSchema, type SurveyDefinition } from '../../../src/features/surveys/survey-definition.ts';
import { protectAnonymousRows } from '../../../src/features/surveys/survey-anonymity.ts';
import type { AnswerRow } from '../../../src/features/surveys/survey.ts';

const choice = (code: string, options: string[], segment = false) => ({
  code,
  type: 'single',
  segment,
  text: { en: code },
  options: options.map((o) => ({ code: o, label: { en: o } })),
});
const def: SurveyDefinition = SurveyDefinitionSchema.parse({
  id: 'anon',
  version: 1,
  languages: ['en'],
  responseUnit: 'person',
  anonymousAllowed: true,
  title: { en: 'Anon' },
  sections: [
    {
      code: 's',
      title: { en: 'S' },
      questions: [
        choice('COUNTRY', ['it', 'de', 'at', 'si'], true),
        choice('TYPE', ['a', 'b'], true),
        { code: 'SCORE', type: 'scale', min: 1, max: 5, text: { en: 'Score' }, minLabel: { en: 'low' }, maxLabel: { en: 'high' } },
        { code: 'WHY', type: 'text', required: false, text: { en: 'Why' } },
      ],
    },
  ],
});

/** A small pseudo-random generator, so the property test is the same on every run. */
function random(seed: number): () => number {
  let x = seed;
  return () => ((x = (x * 1103515245 + 12345) % 2 ** 31), x / 2 ** 31);
}

const key = (r: AnswerRow) => JSON.stringify([r.answers.COUNTRY ?? '', r.answers.TYPE ?? '', r.language, r.when]);

describe('protectAnonymousRows', () => {
  it('given fewer than k rows → nothing', () => {
    const rows: AnswerRow[] = [...Array(4)].map(() => ({ language: 'de', when: '2026-W48', answers: { COUNTRY: 'de' } }));
    expect(protectAnonymousRows(def, rows, 5)).toBeNull();
  });

  it('given the only German speaker among nine → language emptied for them and for the smallest other group too', () => {
    const rows: AnswerRow[] = [
      ...[...Array(5)].map(() => ({ language: 'it', when: '', answers: { SCORE: '3' } })),
      ...[...Array(3)].map(() => ({ language: 'en', when: '', answers: { SCORE: '3' } })),
      { language: 'de', when: '', answers: { SCORE: '3', WHY: 'Weil es schnell ist' } },
    ];
    const out = protectAnonymousRows(def, rows, 3)!;
    expect(out.map((r) => r.language).sort()).toEqual(['', '', '', '', 'it', 'it', 'it', 'it', 'it']);
    expect(out.some((r) => r.answers.WHY)).toBe(false);
    expect(rows[8]!.answers.WHY).toBe('Weil es schnell ist'); // the input is left as it was
  });

  it('given random answers → every combination of identifying values is shared by at least k rows, and no single value is hidden alone', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const next = random(seed);
      const pick = <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)]!;
      const k = 2 + Math.floor(next() * 4);
      const rows: AnswerRow[] = [...Array(k + Math.floor(next() * 40))].map(() => ({
        language: pick(['it', 'it', 'en', 'de']),
        when: pick(['2026-W47', '2026-W48', '']),
        answers: { COUNTRY: pick(['it', 'it', 'it', 'de', 'at', 'si']), TYPE: pick(['a', 'b', 'b']), SCORE: '4' },
      }));
      const out = protectAnonymousRows(def, rows, k)!;
      const groups = new Map<string, number>();
      for (const r of out) groups.set(key(r), (groups.get(key(r)) ?? 0) + 1);
      for (const [combination, n] of groups) expect(n, `seed ${seed}, k ${k}, ${combination}`).toBeGreaterThanOrEqual(k);
      // Complementary suppression: within a column, emptied values are never a single one that differs from what was there.
      const emptiedLanguages = new Set(rows.filter((r, i) => r.language !== out[i]!.language).map((r) => r.language));
      expect(emptiedLanguages.size === 0 || emptiedLanguages.size > 1 || out.filter((r) => r.language === '').length >= k).toBe(true);
    }
  });
});
