// The pure parts: a definition as a form (skip rules as conditions, sections, languages), small-cell
// suppression and quartiles, and results that aggregate answers given in different languages.
import { describe, expect, it } from 'vitest';
import { isVisible, type FormValues } from '../../../src/core/index.ts';
import { benchmark, standing, WaveStats } from '../../../src/features/surveys/survey-benchmark.ts';
import { parseSurveyDefinition, SurveyDefinitionSchema, type SurveyDefinitionInput } from '../../../src/features/surveys/survey-definition.ts';
import { surveyForm } from '../../../src/features/surveys/survey-form.ts';
import { computeResults } from '../../../src/features/surveys/survey-results.ts';
import { WaveStatsCache } from '../../../src/features/surveys/survey-stats-cache.ts';
import { quartiles, suppressed } from '../../../src/features/surveys/survey-stats.ts';
import type { AnswerRow, Wave } from '../../../src/features/surveys/survey.ts';

const t = (key: string, vars?: Record<string, string | number>) => `${key}${vars ? JSON.stringify(vars) : ''}`;
const tx = (en: string, it: string) => ({ en, it });
const yesNo = [
  { code: 'yes', label: tx('Yes', 'Sì') },
  { code: 'no', label: tx('No', 'No') },
];

const raw = (): SurveyDefinitionInput => ({
  id: 'unit',
  version: 1,
  languages: ['it', 'en'],
  responseUnit: 'person',
  title: tx('Unit', 'Unità'),
  sections: [
    {
      code: 'a',
      title: tx('First', 'Prima'),
      questions: [
        { code: 'COOP', type: 'single', segment: true, text: tx('Cooperation?', 'Cooperazione?'), options: yesNo, skipTo: { ifAnswer: ['no'], goTo: 'SCORE' } },
        { code: 'WHO', type: 'text', text: tx('With whom?', 'Con chi?') },
        { code: 'WHY', type: 'single', text: tx('Why?', 'Perché?'), options: yesNo },
      ],
    },
    {
      code: 'b',
      title: tx('Second', 'Seconda'),
      questions: [{ code: 'SCORE', type: 'scale', minLabel: tx('low', 'basso'), maxLabel: tx('high', 'alto'), text: tx('Score', 'Punteggio') }],
    },
  ],
});

const def = () => {
  const parsed = parseSurveyDefinition(raw());
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
};

describe('a definition as a form', () => {
  it('given a skip rule → the questions it jumps over show only when the answer is not a jump', () => {
    const form = surveyForm(def(), 'w1', 'it', t, { anonymous: false, draftChoice: false, minSlice: 5 });
    expect(form.fields.map((f) => [f.id, f.section])).toEqual([
      ['COOP', 'Prima'],
      ['WHO', 'Prima'],
      ['WHY', 'Prima'],
      ['SCORE', 'Seconda'],
    ]);
    expect(form.fields[0]).toMatchObject({
      kind: 'choice',
      label: 'Cooperazione?',
      options: [
        { value: 'yes', label: 'Sì' },
        { value: 'no', label: 'No' },
      ],
    });
    const who = form.fields[1]!;
    expect(isVisible(who, { COOP: 'no' })).toBe(false);
    expect(isVisible(who, { COOP: 'yes' })).toBe(true);
    expect(isVisible(form.fields[3]!, { COOP: 'no' })).toBe(true);
    expect(form.fields[3]).toMatchObject({ kind: 'scale', min: 1, max: 5, minLabel: 'basso', maxLabel: 'alto' });
  });

  it('given a language the survey lacks → its first language', () => {
    expect(surveyForm(def(), 'w1', 'de', t, { anonymous: false, draftChoice: false, minSlice: 5 }).fields[0]?.label).toBe('Cooperazione?');
  });

  it('given two skip rules jumping over the same question → refused at the second rule', () => {
    const bad = raw();
    const first = bad.sections[0]!.questions;
    (first[2] as { skipTo?: unknown }).skipTo = undefined;
    bad.sections[0]!.questions = [
      first[0]!,
      { code: 'INNER', type: 'single', text: tx('Inner', 'Interno'), options: yesNo, skipTo: { ifAnswer: ['no'], goTo: 'WHY' } },
      first[1]!,
      first[2]!,
    ];
    const parsed = parseSurveyDefinition(bad);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.errors).toContainEqual(
        expect.objectContaining({ path: 'sections.0.questions.1.skipTo.goTo', message: expect.stringContaining('may not overlap'), key: 'skip_overlap' }),
      );
  });
});

describe('small-cell suppression and quartiles', () => {
  it('given one group under the minimum → it and the next smallest are hidden', () => {
    expect(
      suppressed(
        [
          { key: 'it', n: 8 },
          { key: 'en', n: 6 },
          { key: 'de', n: 2 },
        ],
        5,
      ),
    ).toEqual(new Set(['de', 'en']));
  });
  it('given two small groups → only they are hidden', () => {
    expect(
      suppressed(
        [
          { key: 'it', n: 8 },
          { key: 'en', n: 3 },
          { key: 'de', n: 2 },
        ],
        5,
      ),
    ).toEqual(new Set(['en', 'de']));
  });
  it('given no small group → nothing hidden', () => {
    expect(
      suppressed(
        [
          { key: 'it', n: 8 },
          { key: 'en', n: 5 },
        ],
        5,
      ).size,
    ).toBe(0);
  });
  it('given values → linear quartiles', () => {
    expect(quartiles([1, 2, 3, 4, 5])).toEqual({ n: 5, q1: 2, median: 3, q3: 4 });
  });
});

describe('results', () => {
  it('given Italian and English answers → one count per option code, one scale mean', () => {
    const rows: AnswerRow[] = [
      { language: 'it', when: 'd', answers: { COOP: 'yes', WHO: 'Distretto veneto', WHY: 'yes', SCORE: '5' } },
      { language: 'en', when: 'd', answers: { COOP: 'yes', WHO: 'Styrian cluster', WHY: 'no', SCORE: '3' } },
      { language: 'en', when: 'd', answers: { COOP: 'no', SCORE: '4' } },
    ];
    const results = computeResults(def(), rows, {
      language: 'en',
      minSlice: 2,
      anonymous: false,
      invited: 4,
      invitedAnswered: 3,
      openToAll: false,
      labels: { language: 'language', noAnswer: '-', languageName: (c) => c },
    });
    expect(results.responseRate).toBe(75);
    expect(results.questions.find((q) => q.code === 'COOP')?.options).toEqual([
      { code: 'yes', label: 'Yes', count: 2, pct: 66.7 },
      { code: 'no', label: 'No', count: 1, pct: 33.3 },
    ]);
    expect(results.questions.find((q) => q.code === 'SCORE')?.scale).toMatchObject({ mean: 4, distribution: [0, 0, 1, 1, 1] });
    expect(results.questions.find((q) => q.code === 'WHO')?.texts).toEqual(['Distretto veneto', 'Styrian cluster']);
    const language = results.slices.find((s) => s.code === 'LANGUAGE')!;
    expect(language.groups.map((g) => [g.key, g.n, g.hidden])).toEqual([
      ['en', 2, true],
      ['it', 1, true],
    ]);
  });

  it('given an anonymous survey → small options of a segment question are hidden, with one more', () => {
    const rows: AnswerRow[] = [...Array(6)].map((_, i) => ({ language: 'it', when: 'w', answers: { COOP: i < 5 ? 'yes' : 'no', SCORE: '3' } }));
    const results = computeResults(def(), rows, {
      language: 'en',
      minSlice: 3,
      anonymous: true,
      invited: 0,
      invitedAnswered: 0,
      openToAll: false,
      labels: { language: 'language', noAnswer: '-', languageName: (c) => c },
    });
    expect(results.responseRate).toBeNull();
    expect(results.questions.find((q) => q.code === 'COOP')?.options?.map((o) => o.count)).toEqual([null, null]);
    expect(results.questions.find((q) => q.code === 'WHY')?.options?.map((o) => o.count)).toEqual([0, 0]);
  });

  it('given an anonymous survey → free text shows only once at least k people wrote (guard)', () => {
    const options = (anonymous: boolean) => ({
      language: 'en',
      minSlice: 5,
      anonymous,
      invited: 0,
      invitedAnswered: 0,
      openToAll: false,
      labels: { language: 'language', noAnswer: '-', languageName: (c: string) => c },
    });
    const rows = (writers: number): AnswerRow[] =>
      [...Array(8)].map((_, i) => ({ language: 'it', when: 'w', answers: { COOP: 'yes', SCORE: '3', ...(i < writers ? { WHO: `cluster ${i}` } : {}) } }));
    const texts = (writers: number) => computeResults(def(), rows(writers), options(true)).questions.find((q) => q.code === 'WHO')?.texts;
    expect(texts(4)).toBeNull();
    expect(texts(5)).toHaveLength(5);
    // Blank answers do not count as writing.
    const blanks = rows(4).map((r, i) => (i === 6 ? { ...r, answers: { ...r.answers, WHO: '  ' } } : r));
    expect(computeResults(def(), blanks, options(true)).questions.find((q) => q.code === 'WHO')?.texts).toBeNull();
  });

  it('given invited people and answers from others → the rate counts only the invited who finished', () => {
    const rows: AnswerRow[] = [...Array(2)].map(() => ({ language: 'en', when: 'd', answers: { COOP: 'yes' } }));
    const results = computeResults(def(), rows, {
      language: 'en',
      minSlice: 1,
      anonymous: false,
      invited: 2,
      invitedAnswered: 1,
      openToAll: true,
      labels: { language: 'language', noAnswer: '-', languageName: (c) => c },
    });
    expect(results.responseRate).toBe(50);
    expect(results.openToAll).toBe(true);
  });
});

describe('benchmark', () => {
  const options = (q: string) => ({ code: q, label: { en: q } });
  const bdef = SurveyDefinitionSchema.parse({
    id: 'bench-test',
    version: 1,
    languages: ['en'],
    responseUnit: 'person',
    title: { en: 'B' },
    sections: [
      {
        code: 's',
        title: { en: 'S' },
        questions: [
          { code: 'COUNTRY', type: 'single', segment: true, text: { en: 'Country' }, options: ['it', 'de'].map(options) },
          { code: 'FIRMS', type: 'number', text: { en: 'Firms' } },
          { code: 'CHANNELS', type: 'multiple', text: { en: 'Channels' }, options: ['web', 'mail'].map(options) },
        ],
      },
    ],
  });
  const stats = (rows: FormValues[]) => {
    const s = new WaveStats(bdef);
    for (const r of rows) s.add(r);
    return s;
  };
  const italians = (n: number) => [...Array(n)].map((_, i) => ({ COUNTRY: 'it', FIRMS: String(10 + i), CHANNELS: i % 2 ? ['web'] : ['web', 'mail'] }));
  const germans = (n: number) => [...Array(n)].map((_, i) => ({ COUNTRY: 'de', FIRMS: String(100 + i), CHANNELS: ['mail'] }));
  const own = { COUNTRY: 'de', FIRMS: '104', CHANNELS: ['mail'] };

  it('given numbers and choices → medians, quartiles, standing and shares for the network and peers', () => {
    const lines = benchmark(stats([...italians(6), ...germans(5)]), own, 'en', 5);
    const firms = lines.find((l) => l.code === 'FIRMS')!;
    expect(firms).toMatchObject({ kind: 'numeric', own: 104, network: { standing: 'top_quarter', stats: { n: 11, median: 15 } } });
    expect(firms.peers).toEqual([{ group: 'de', stats: { n: 5, q1: 101, median: 102, q3: 103 }, standing: 'top_quarter' }]);
    const channels = lines.find((l) => l.code === 'CHANNELS')!;
    expect(channels).toMatchObject({ kind: 'choice', own: ['mail'], network: { n: 11, same: [{ label: 'mail', pct: 72.7 }] } });
    expect(lines.find((l) => l.code === 'COUNTRY')).toMatchObject({ network: { same: [{ label: 'de', pct: 45.5 }] }, peers: [] });
  });

  it('given a peer group below k → it is not shown, and neither is the network below k (guard)', () => {
    const small = benchmark(stats([...italians(6), ...germans(4)]), own, 'en', 5);
    for (const line of small) expect(line.peers).toEqual([]);
    expect(small.find((l) => l.code === 'FIRMS')?.network).toMatchObject({ stats: { n: 10 } });
    const tiny = benchmark(stats(germans(4)), own, 'en', 5);
    for (const line of tiny) expect(line.network).toBeNull();
  });

  it('given a response changed → the running aggregates match a fresh count', () => {
    const s = stats([...italians(6), ...germans(5)]);
    s.remove(germans(5)[4]!);
    s.add({ ...germans(5)[4]!, FIRMS: '1' });
    const fresh = stats([...italians(6), ...germans(4), { ...germans(5)[4]!, FIRMS: '1' }]);
    expect(benchmark(s, own, 'en', 5)).toEqual(benchmark(fresh, own, 'en', 5));
  });

  it('given a standing → plain words relative to the quartiles', () => {
    const q = { n: 8, q1: 2, median: 4, q3: 6 };
    expect([7, 5, 4, 3, 1].map((v) => standing(v, q))).toEqual(['top_quarter', 'above_median', 'at_median', 'below_median', 'bottom_quarter']);
  });
});

describe('benchmark aggregates by wave', () => {
  it('given a minute passed → the stale aggregates answer at once while a refresh reads the wave in the background', async () => {
    const def = SurveyDefinitionSchema.parse({
      id: 'cache-test',
      version: 1,
      languages: ['en'],
      responseUnit: 'person',
      title: { en: 'C' },
      sections: [{ code: 's', title: { en: 'S' }, questions: [{ code: 'N', type: 'number', text: { en: 'N' } }] }],
    });
    const wave = { id: 'w', definition: def, anonymous: false } as unknown as Wave;
    let stored: AnswerRow[] = [{ language: 'en', when: 'd', unitKey: 'member:a', answers: { N: '1' } }];
    let reads = 0;
    const clock = { at: new Date('2026-11-23T08:00:00Z') };
    const cache = new WaveStatsCache(
      { answers: async () => (reads++, stored) },
      () => clock.at,
      () => undefined,
      60_000,
    );
    const n = async () => (await cache.get(wave)).numbers('', 'N')?.values.length;

    expect(await n()).toBe(1);
    cache.record(wave, 'member:b', 'final', { N: '2' });
    cache.record(wave, 'member:a', 'final', { N: '3' }); // a changed answer replaces the earlier one
    expect((await cache.get(wave)).numbers('', 'N')?.values).toEqual([2, 3]);
    expect(reads).toBe(1);

    // Another replica stored two more; a minute later the first call still answers from memory.
    stored = [
      ...stored,
      { language: 'en', when: 'd', unitKey: 'member:c', answers: { N: '5' } },
      { language: 'en', when: 'd', unitKey: 'member:d', answers: { N: '6' } },
    ];
    clock.at = new Date('2026-11-23T08:01:01Z');
    expect(await n()).toBe(2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(reads).toBe(2);
    expect(await n()).toBe(3);

    // The sole process storing responses (SQLite) never reads a wave twice: no stall every minute.
    const alone = new WaveStatsCache(
      { answers: async () => (reads++, stored) },
      () => clock.at,
      () => undefined,
      null,
    );
    const before = reads;
    await alone.get(wave);
    alone.record(wave, 'member:e', 'final', { N: '7' });
    clock.at = new Date('2026-11-24T08:00:00Z');
    await new Promise((resolve) => setImmediate(resolve));
    expect((await alone.get(wave)).numbers('', 'N')?.values.length).toBe(4);
    expect(reads).toBe(before + 1);
  });

  it('given answers stored while the wave is read at start → each counts once, whether or not the read saw it', async () => {
    const def = SurveyDefinitionSchema.parse({
      id: 'warm-test',
      version: 1,
      languages: ['en'],
      responseUnit: 'person',
      title: { en: 'W' },
      sections: [{ code: 's', title: { en: 'S' }, questions: [{ code: 'N', type: 'number', text: { en: 'N' } }] }],
    });
    const wave = { id: 'w', definition: def, anonymous: false } as unknown as Wave;
    const row = (unitKey: string, n: string): AnswerRow => ({ language: 'en', when: 'd', unitKey, answers: { N: n } });
    let reads = 0;
    let release: (rows: AnswerRow[]) => void = () => undefined;
    const cache = new WaveStatsCache(
      { answers: () => (reads++, new Promise<AnswerRow[]>((resolve) => (release = resolve))) },
      () => new Date('2026-11-23T08:00:00Z'),
      () => undefined,
      60_000,
    );

    const warming = cache.warm(wave);
    const submission = cache.get(wave); // the first submission waits for the same read
    cache.record(wave, 'member:b', 'final', { N: '2' }); // stored before the read ran: the read sees it
    cache.record(wave, 'member:c', 'final', { N: '4' }); // stored after: the read misses it
    release([row('member:a', '1'), row('member:b', '2')]);
    await warming;

    expect((await submission).numbers('', 'N')?.values).toEqual([1, 2, 4]);
    expect(reads).toBe(1);
  });
});
