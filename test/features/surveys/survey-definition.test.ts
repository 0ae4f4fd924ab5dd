// Survey definition files: the built-in questionnaires parse and are complete; broken files are
// refused with the path of the bad field and a readable reason.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localize, parseSurveyDefinition, surveyQuestions, type SurveyDefinition, type SurveyIssue } from '../../../src/features/surveys/survey-definition.ts';
import { definitionFrom } from '../../../src/features/surveys/survey-import.ts';
import { createSurveySources } from '../../../src/infra/surveys/survey-files.ts';

const SURVEYS = join(import.meta.dirname, '../../../surveys');
const t = (s: string) => ({ it: `${s} (it)`, en: `${s} (en)` });

/** A small valid definition in it/en, cloned by each test before breaking it. */
function minimal() {
  return {
    id: 'mini',
    version: 1,
    title: t('Mini'),
    languages: ['it', 'en'],
    responseUnit: 'person',
    sections: [
      {
        code: 'one',
        title: t('One'),
        questions: [
          {
            code: 'COOPERATION',
            type: 'single',
            text: t('Cooperation?'),
            options: [
              { code: 'yes', label: t('Yes') },
              { code: 'no', label: t('No') },
            ],
            skipTo: { ifAnswer: ['no'], goTo: 'BARRIERS' },
          },
          { code: 'REASONS', type: 'text', text: t('Why?') },
        ],
      },
      {
        code: 'two',
        title: t('Two'),
        questions: [{ code: 'BARRIERS', type: 'longtext', text: t('Barriers?') }],
      },
    ],
  };
}

async function load(file: string): Promise<SurveyDefinition> {
  const result = definitionFrom(await createSurveySources({ dir: SURVEYS }).file(file));
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
  return result.definition;
}

function refused(raw: unknown): SurveyIssue[] {
  const result = parseSurveyDefinition(raw);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
}

/** Every localized text in a definition, found by shape: an object with an `it` string. */
function localizedTexts(value: unknown, path = ''): [string, Record<string, unknown>][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => localizedTexts(v, `${path}.${i}`));
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  if (typeof record.it === 'string') return [[path, record]];
  return Object.entries(record).flatMap(([k, v]) => localizedTexts(v, `${path}.${k}`));
}

describe('built-in survey files', () => {
  it('given cluster-managers.yaml → it parses as the CNCB questionnaire', async () => {
    const def = await load('cluster-managers.yaml');
    expect(def.id).toBe('cluster-managers');
    expect(def.languages).toEqual(['it', 'en', 'de']);
    expect(def.responseUnit).toBe('organisation');
    expect(def.anonymousAllowed).toBe(true);
    expect(def.reminders.map((r) => r.daysBeforeClose)).toEqual([3, 0]);
    const byCode = new Map(surveyQuestions(def).map(({ question }) => [question.code, question]));
    expect(byCode.get('CLUSTER_TYPE')?.segment).toBe(true);
    expect(byCode.get('COUNTRY')?.segment).toBe(true);
    expect(byCode.get('MEMBER_FIRMS')).toMatchObject({ type: 'number', min: 0, max: 100000 });
    expect(byCode.get('YEARS_IN_ROLE')?.required).toBe(false);
    expect(byCode.get('COMMENTS')).toMatchObject({ type: 'longtext', required: false });
    expect(byCode.get('COOPERATION')).toMatchObject({
      skipTo: { ifAnswer: ['no'], goTo: 'INT_BARRIERS' },
    });
    const training = [...byCode.values()].filter((q) => q.code.startsWith('TRAINING_'));
    expect(training.filter((q) => q.type === 'scale')).toHaveLength(9);
    expect(byCode.get('TRAINING_FORMS')).toMatchObject({ type: 'multiple', other: true });
  });

  it("given the Italian labels → they use the seeds' wording", async () => {
    const def = await load('cluster-managers.yaml');
    const labels = surveyQuestions(def).flatMap(({ question }) => ('options' in question ? question.options.map((o) => localize(o.label, 'it', 'it')) : []));
    expect(labels).toEqual(
      expect.arrayContaining([
        'Cluster industriale',
        'Casi studio e buone pratiche',
        'Strumenti di match making',
        'Accesso facilitato ai mercati',
        'Difficoltà a trovare/inserirsi in network',
      ]),
    );
  });

  it('given demo.yaml → it parses with a single choice and an optional text', async () => {
    const def = await load('demo.yaml');
    const questions = surveyQuestions(def).map(({ question }) => question);
    expect(def.id).toBe('demo');
    expect(questions).toHaveLength(2);
    expect(questions[0]).toMatchObject({ type: 'single', required: true });
    expect(localize(questions[0]!.text, 'it', 'it')).toBe('Quale canale informativo preferisci?');
    expect(questions[1]).toMatchObject({ type: 'text', required: false });
  });

  for (const file of ['cluster-managers.yaml', 'demo.yaml']) {
    it(`given ${file} → question codes and option codes are unique`, async () => {
      const questions = surveyQuestions(await load(file)).map(({ question }) => question);
      const codes = questions.map((q) => q.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const q of questions) {
        if (!('options' in q)) continue;
        expect(new Set(q.options.map((o) => o.code)).size).toBe(q.options.length);
      }
    });

    it(`given ${file} → every text is complete in it, en and de`, async () => {
      const def = await load(file);
      const texts = localizedTexts(def);
      expect(texts.length).toBeGreaterThan(5);
      for (const [path, text] of texts) {
        for (const lang of def.languages) {
          expect(typeof text[lang] === 'string' && text[lang] !== '', `${path}.${lang}`).toBe(true);
        }
      }
    });
  }

  it('given the surveys directory → both definitions load with no errors', async () => {
    const reads = (await createSurveySources({ dir: SURVEYS }).folder()).map(definitionFrom);
    expect(reads.filter((r) => !r.ok)).toEqual([]);
    expect(reads.map((r) => (r.ok ? r.definition.id : '')).sort()).toEqual(['cluster-managers', 'demo']);
  });
});

describe('parseSurveyDefinition', () => {
  it('given a minimal definition → defaults are filled in', () => {
    const result = parseSurveyDefinition(minimal());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [first, second, third] = surveyQuestions(result.value).map(({ question }) => question);
    expect(first).toMatchObject({ required: true, segment: false });
    expect(second).toMatchObject({ type: 'text', maxLength: 200 });
    expect(third).toMatchObject({ type: 'longtext', maxLength: 2000 });
    expect(result.value.anonymousAllowed).toBe(false);
    expect(result.value.reminders).toEqual([]);
  });

  it('given a missing translation → refused at that text, naming the language', () => {
    const raw = minimal();
    raw.sections[0]!.questions[1]!.text = { it: 'Perché?' } as never;
    const errors = refused(raw);
    expect(errors).toContainEqual(
      expect.objectContaining({
        path: 'sections.0.questions.1.text.en',
        message: expect.stringContaining('"en"'),
        key: 'missing_translation',
        params: { language: 'en', languages: 'it, en' },
      }),
    );
  });

  it('given a duplicate question code → refused at the second code', () => {
    const raw = minimal();
    raw.sections[1]!.questions[0]!.code = 'REASONS';
    const errors = refused(raw);
    expect(errors.map((e) => e.path)).toContain('sections.1.questions.0.code');
    expect(errors.find((e) => e.path === 'sections.1.questions.0.code')?.message).toMatch(/duplicate question code "REASONS".*sections\.0\.questions\.1\.code/);
  });

  it('given a duplicate option code → refused at the second option', () => {
    const raw = minimal();
    raw.sections[0]!.questions[0]!.options![1]!.code = 'yes';
    expect(refused(raw).map((e) => e.path)).toContain('sections.0.questions.0.options.1.code');
  });

  it('given a skipTo pointing backwards → refused at skipTo.goTo', () => {
    const raw = minimal();
    raw.sections[0]!.questions[0]!.skipTo!.goTo = 'COOPERATION';
    expect(refused(raw)).toContainEqual(
      expect.objectContaining({ path: 'sections.0.questions.0.skipTo.goTo', message: expect.stringMatching(/forward/), key: 'skip_backward' }),
    );
  });

  it('given a skipTo to an unknown question or option → refused with both paths', () => {
    const raw = minimal();
    raw.sections[0]!.questions[0]!.skipTo = { ifAnswer: ['maybe'], goTo: 'NOWHERE' };
    const paths = refused(raw).map((e) => e.path);
    expect(paths).toContain('sections.0.questions.0.skipTo.goTo');
    expect(paths).toContain('sections.0.questions.0.skipTo.ifAnswer.0');
  });

  it('given a bad question type → refused at type, listing the valid types', () => {
    const raw = minimal();
    raw.sections[1]!.questions[0]!.type = 'essay';
    expect(refused(raw)).toContainEqual(
      expect.objectContaining({ path: 'sections.1.questions.0.type', message: expect.stringMatching(/"essay".*single, multiple, scale/), key: 'type_unknown' }),
    );
  });

  it('given a bad option code and a misspelt field → both refused at their paths', () => {
    const raw = minimal() as Record<string, unknown> & ReturnType<typeof minimal>;
    raw.sections[0]!.questions[0]!.options![0]!.code = 'Yes!';
    (raw.sections[0]!.questions[1] as Record<string, unknown>).requried = false;
    const paths = refused(raw).map((e) => e.path);
    expect(paths).toContain('sections.0.questions.0.options.0.code');
    expect(paths).toContain('sections.0.questions.1.requried');
  });

  it('given segment on a text question → refused at segment', () => {
    const raw = minimal();
    (raw.sections[0]!.questions[1] as Record<string, unknown>).segment = true;
    expect(refused(raw).map((e) => e.path)).toContain('sections.0.questions.1.segment');
  });

  it('given a scale with min not below max → refused at max', () => {
    const raw = minimal();
    raw.sections[1]!.questions[0] = {
      code: 'BARRIERS',
      type: 'scale',
      text: t('Importance'),
      min: 1,
      max: 1,
      minLabel: t('low'),
      maxLabel: t('high'),
    } as never;
    expect(refused(raw).map((e) => e.path)).toContain('sections.1.questions.0.max');
  });

  it('given things that are not surveys → errors, never a throw', () => {
    for (const raw of [null, undefined, 42, 'survey', [], {}]) {
      const result = parseSurveyDefinition(raw);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.length).toBeGreaterThan(0);
    }
    expect(refused({}).find((e) => e.path === 'version')?.message).toMatch(/required/);
  });
});

describe('localize', () => {
  it('given a language the text lacks → the fallback language, then any', () => {
    expect(localize({ it: 'Sì', en: 'Yes' }, 'de', 'en')).toBe('Yes');
    expect(localize({ it: 'Sì', en: 'Yes', de: 'Ja' }, 'de', 'it')).toBe('Ja');
    expect(localize({ it: 'Sì' }, 'fr', 'en')).toBe('Sì');
  });
});
