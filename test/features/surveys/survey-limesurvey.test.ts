// LimeSurvey exports (.lss, LimeSurvey 3 and 6 layouts) become one filiera definition with its
// translations, types, answers, mandatory flags and skip logic; what cannot be mapped is listed.
import { describe, expect, it } from 'vitest';
import { surveyQuestions, type SurveyDefinition } from '../../../src/features/surveys/survey-definition.ts';
import { surveyForm } from '../../../src/features/surveys/survey-form.ts';
import { definitionFrom, type ImportNote } from '../../../src/features/surveys/survey-import.ts';
import { plainText } from '../../../src/features/surveys/survey-limesurvey.ts';
import { parseSurveyText } from '../../../src/infra/surveys/survey-text.ts';
import { isVisible } from '../../../src/core/index.ts';
import { limeSurvey3, limeSurvey6, lssDocument } from './lss-fixtures.ts';

function imported(xml: string): { def: SurveyDefinition; notes: ImportNote[] } {
  const parsed = parseSurveyText(xml, 'survey.lss');
  const read = definitionFrom(parsed.ok ? { ok: true, source: 'test', document: parsed.document } : { ok: false, source: 'test', errors: parsed.errors });
  if (!read.ok) throw new Error(JSON.stringify(read.errors, null, 2));
  return { def: read.definition, notes: read.notes };
}
const byCode = (def: SurveyDefinition) => new Map(surveyQuestions(def).map(({ question }) => [question.code, question]));
const t = (key: string) => key;

describe('a LimeSurvey 6 export', () => {
  it('given groups, types and three languages → one definition in it and en, types mapped', () => {
    const { def } = imported(limeSurvey6());
    expect(def).toMatchObject({
      id: 'servizi-del-cluster-2026',
      languages: ['it', 'en'],
      anonymousAllowed: true,
      title: { it: 'Servizi del cluster 2026', en: 'Cluster services 2026' },
    });
    expect(def.description).toEqual({ it: 'Un questionario breve', en: 'A short questionnaire' });
    expect(def.sections.map((s) => [s.code, s.title.en])).toEqual([
      ['profilo', 'Profile'],
      ['servizi_del_cluster', 'Cluster services'],
    ]);
    const q = byCode(def);
    expect([...q.keys()]).toEqual([
      'SECTOR',
      'COOP',
      'PARTNERS',
      'PARTNERS_N',
      'SERVICES',
      'SAT',
      'QUALITY_R1',
      'QUALITY_R2',
      'AGREE_S1',
      'FOUNDED',
      'NOTES',
      'WHY_HIGH',
      'STAFF_FT',
      'STAFF_PT',
    ]);
    expect(q.get('STAFF_PT')).toMatchObject({ type: 'number', text: { it: 'Personale: Tempo parziale', en: 'Staff: Part time' } });
    expect(q.get('SECTOR')).toMatchObject({
      type: 'single',
      required: true,
      options: [
        { code: 'a1', label: { it: 'Manifattura', en: 'Manufacturing' } },
        { code: 'a2', label: { en: 'Information services' } },
        { code: 'other', label: { it: 'Altro', en: 'Other' } },
      ],
    });
    expect(q.get('COOP')).toMatchObject({
      type: 'single',
      text: { en: 'Do you cooperate with other clusters?' },
      options: [{ code: 'y', label: { it: 'Sì', en: 'Yes' } }, { code: 'n' }],
    });
    expect(q.get('PARTNERS')).toMatchObject({ type: 'text', required: false });
    expect(q.get('PARTNERS_N')).toMatchObject({ type: 'number', min: 0, max: 50, integer: true });
    expect(q.get('SERVICES')).toMatchObject({
      type: 'multiple',
      other: true,
      required: false,
      options: [{ code: 'sq001', label: { it: 'Formazione' } }, { code: 'sq002' }],
    });
    expect(q.get('SAT')).toMatchObject({ type: 'scale', min: 1, max: 5 });
    expect(q.get('QUALITY_R1')).toMatchObject({ type: 'scale', min: 1, max: 5, text: { it: 'Valuti: Qualità', en: 'Rate: Quality' } });
    expect(q.get('AGREE_S1')).toMatchObject({
      type: 'scale',
      min: 1,
      max: 5,
      minLabel: { it: 'Per niente', en: 'Not at all' },
      maxLabel: { en: 'Completely' },
    });
    expect(q.get('FOUNDED')).toMatchObject({ type: 'date' });
    expect(q.get('NOTES')).toMatchObject({ type: 'longtext', help: { it: 'Scrivi liberamente qui & ora', en: 'Write freely here & now' } });
  });

  it('given conditions on a yes/no question → skip logic: "no" jumps over the questions shown only for "yes"', () => {
    const { def } = imported(limeSurvey6());
    expect(byCode(def).get('COOP')).toMatchObject({ skipTo: { ifAnswer: ['n'], goTo: 'SERVICES' } });
    const form = surveyForm(def, 'w', 'it', t, { anonymous: false, draftChoice: false, minSlice: 5 });
    const partners = form.fields.find((f) => f.id === 'PARTNERS')!;
    expect(isVisible(partners, { COOP: 'n' })).toBe(false);
    expect(isVisible(partners, { COOP: 'y' })).toBe(true);
    expect(form.fields.find((f) => f.id === 'FOUNDED')).toMatchObject({ kind: 'date' });
  });

  it('given what filiera cannot ask → each left-out part is listed, none silently', () => {
    const { notes } = imported(limeSurvey6());
    const listed = notes.map((n) => [n.key, n.params]);
    expect(listed).toEqual(
      expect.arrayContaining([
        ['lss_language_skipped', { language: 'fr' }],
        ['lss_other_as_option', { code: 'SECTOR' }],
        ['lss_soft_mandatory', { code: 'SERVICES' }],
        ['lss_array_split', { code: 'QUALITY', count: 2 }],
        ['lss_type_skipped', { code: 'RANKING', type: 'ranking' }],
        ['lss_type_skipped', { code: 'BYE', type: 'text_display' }],
        ['lss_group_condition', { group: 'Grazie' }],
        ['lss_group_empty', { group: 'Grazie' }],
        ['lss_condition_unmapped', { code: 'WHY_HIGH' }],
      ]),
    );
    expect(notes.find((n) => n.key === 'lss_condition_unmapped' && n.params.code === 'PARTNERS')).toBeUndefined();
  });
});

describe('a LimeSurvey 3 export', () => {
  it('given texts inside the rows and de-informal → German and English, conditions as a skip rule', () => {
    const { def, notes } = imported(limeSurvey3());
    expect(def.languages).toEqual(['de', 'en']);
    const q = byCode(def);
    expect(q.get('EVENTS')).toMatchObject({
      type: 'single',
      text: { de: 'Besuchst du Veranstaltungen?', en: 'Do you attend events?' },
      options: [{ code: 'a', label: { de: 'Ja, regelmäßig' } }, { code: 'b' }, { code: 'c', label: { de: 'Nie', en: 'Never' } }],
      skipTo: { ifAnswer: ['c'], goTo: 'STAFF' },
    });
    expect(q.get('EVENTS_WHY')).toMatchObject({ type: 'longtext', required: false });
    expect(q.get('STAFF')).toMatchObject({ type: 'number', integer: false });
    expect(notes).toEqual([]);
  });
});

describe('a list longer than chat allows', () => {
  it('given 30 answers → asked as a typed answer, and the report says why', () => {
    const answers = Array.from({ length: 30 }, (_, i) => ({ aid: i + 1, qid: 1, code: `C${i}`, sortorder: i, scale_id: 0 }));
    const xml = lssDocument(640, ['en'], {
      answers,
      answer_l10ns: answers.map((a) => ({ id: a.aid, aid: a.aid, answer: `Country ${a.aid}`, language: 'en' })),
      groups: [{ gid: 1, sid: 9, group_order: 1 }],
      group_l10ns: [{ id: 1, gid: 1, group_name: 'One', language: 'en' }],
      questions: [
        { qid: 1, parent_qid: 0, sid: 9, gid: 1, type: '!', title: 'COUNTRY', other: 'N', mandatory: 'Y', question_order: 1, scale_id: 0, relevance: '1' },
      ],
      question_l10ns: [{ id: 1, qid: 1, question: 'Country?', help: '', language: 'en' }],
      surveys: [{ sid: 9, language: 'en', additional_languages: '' }],
      surveys_languagesettings: [{ surveyls_survey_id: 9, surveyls_language: 'en', surveyls_title: 'Where' }],
    });
    const { def, notes } = imported(xml);
    expect(byCode(def).get('COUNTRY')).toMatchObject({ type: 'text', required: true });
    expect(notes).toEqual([{ key: 'lss_too_many_options', params: { code: 'COUNTRY', count: 30, max: 25 } }]);
  });
});

describe('files that are not a whole survey', () => {
  it('given a question export, no known language or no question → a clear refusal', () => {
    const refusal = (xml: string) => {
      const parsed = parseSurveyText(xml, 'x.lss');
      const read = parsed.ok ? definitionFrom({ ok: true, source: 'x', document: parsed.document }) : parsed;
      return read.ok ? [] : read.errors.map((e) => e.key);
    };
    expect(refusal(lssDocument(640, ['en'], {}, 'Question'))).toEqual(['lss_partial']);
    expect(refusal(lssDocument(640, ['fr'], { surveys: [{ sid: 1, language: 'fr' }] }))).toEqual(['lss_no_language']);
    expect(refusal(lssDocument(640, ['en'], { surveys: [{ sid: 1, language: 'en' }] }))).toEqual(['lss_no_questions']);
  });
});

describe('plainText', () => {
  it('given LimeSurvey HTML → text with line breaks, no tags, entities decoded', () => {
    expect(plainText('<p>Uno<br/>due&nbsp;&egrave; &#8364;5 &amp; <script>x()</script><b>tre</b></p>')).toBe('Uno\ndue è €5 & tre');
    expect(plainText('Gr&ouml;&szlig;e &Uuml;bersicht &ldquo;x&rdquo; &unknown;')).toBe('Größe Übersicht “x” &unknown;');
  });
});
