// LimeSurvey exports written for these tests, in the two layouts LimeSurvey produces: version 4 to 6
// (DBVersion 4xx-6xx, texts in *_l10ns tables) and version 3 (DBVersion 3xx, one row per language
// with its text inside). Rows are written the way LimeSurvey writes them: <fields>, then
// <rows><row> with every value in CDATA. No third-party file is used.
type Row = Record<string, string | number>;

const cdata = (v: string | number) => `<![CDATA[${String(v).replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

function table(name: string, rows: Row[]): string {
  if (rows.length === 0) return '';
  const fields = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const body = rows
    .map((r) => `   <row>\n${fields.map((f) => (r[f] === undefined || r[f] === '' ? `    <${f}/>` : `    <${f}>${cdata(r[f])}</${f}>`)).join('\n')}\n   </row>`)
    .join('\n');
  return ` <${name}>\n  <fields>\n${fields.map((f) => `   <fieldname>${f}</fieldname>`).join('\n')}\n  </fields>\n  <rows>\n${body}\n  </rows>\n </${name}>\n`;
}

export function lssDocument(dbVersion: number, languages: string[], tables: Record<string, Row[]>, docType = 'Survey'): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<document>',
    ` <LimeSurveyDocType>${docType}</LimeSurveyDocType>`,
    ` <DBVersion>${dbVersion}</DBVersion>`,
    ` <languages>\n${languages.map((l) => `  <language>${l}</language>`).join('\n')}\n </languages>`,
    ...Object.entries(tables).map(([name, rows]) => table(name, rows)),
    '</document>',
    '',
  ].join('\n');
}

const SID = 461723;
type Texts = Record<string, string>;
interface Q {
  qid: number;
  gid: number;
  type: string;
  title: string;
  text: Texts;
  help?: Texts;
  mandatory?: 'Y' | 'N' | 'S';
  other?: 'Y' | 'N';
  relevance?: string;
  parent?: number;
  order: number;
}

/** A LimeSurvey 6 survey in Italian (base), English and French, with every common type. */
export function limeSurvey6(): string {
  const langs = ['it', 'en', 'fr'];
  const t = (it: string, en: string, fr = ''): Texts => ({ it, en, ...(fr ? { fr } : {}) });
  const groups = [
    { gid: 10, name: t('Profilo', 'Profile', 'Profil'), relevance: '' },
    { gid: 11, name: t('Servizi del cluster', 'Cluster services', 'Services'), relevance: '' },
    { gid: 12, name: t('Grazie', 'Thanks', 'Merci'), relevance: 'SECTOR.NAOK == "A1"' },
  ];
  const q: Q[] = [
    { qid: 100, gid: 10, type: 'L', title: 'SECTOR', text: t('Settore principale?', 'Main sector?', 'Secteur?'), mandatory: 'Y', other: 'Y', order: 1 },
    {
      qid: 101,
      gid: 10,
      type: 'Y',
      title: 'COOP',
      text: t('<p>Collaborate con altri cluster?</p>', '<p>Do you cooperate with other clusters?</p>'),
      mandatory: 'Y',
      order: 2,
    },
    { qid: 102, gid: 10, type: 'S', title: 'PARTNERS', text: t('Con quali?', 'Which ones?'), relevance: '((COOP.NAOK == "Y"))', order: 3 },
    {
      qid: 103,
      gid: 10,
      type: 'N',
      title: 'PARTNERS_N',
      text: t('Quanti partner?', 'How many partners?'),
      relevance: `((${SID}X10X101.NAOK == "Y"))`,
      order: 4,
    },
    { qid: 104, gid: 11, type: 'M', title: 'SERVICES', text: t('Quali servizi usate?', 'Which services do you use?'), mandatory: 'S', other: 'Y', order: 1 },
    { qid: 105, gid: 11, type: '5', title: 'SAT', text: t('Soddisfazione complessiva', 'Overall satisfaction'), mandatory: 'Y', order: 2 },
    { qid: 106, gid: 11, type: 'A', title: 'QUALITY', text: t('Valuti', 'Rate'), order: 3 },
    { qid: 107, gid: 11, type: 'F', title: 'AGREE', text: t('Quanto è d’accordo?', 'How much do you agree?'), order: 4 },
    { qid: 108, gid: 11, type: 'D', title: 'FOUNDED', text: t('Data di fondazione', 'Founding date'), order: 5 },
    {
      qid: 109,
      gid: 11,
      type: 'T',
      title: 'NOTES',
      text: t('Note', 'Notes'),
      help: t('<p>Scrivi <b>liberamente</b>&nbsp;qui &amp; ora</p>', '<p>Write <b>freely</b>&nbsp;here &amp; now</p>'),
      order: 6,
    },
    { qid: 110, gid: 11, type: 'R', title: 'RANKING', text: t('Ordini', 'Rank these'), order: 7 },
    { qid: 111, gid: 11, type: 'S', title: 'WHY_HIGH', text: t('Perché così alta?', 'Why so high?'), relevance: '((SAT.NAOK > 3))', order: 8 },
    { qid: 112, gid: 12, type: 'X', title: 'BYE', text: t('Grazie!', 'Thank you!'), order: 1 },
    { qid: 113, gid: 11, type: 'K', title: 'STAFF', text: t('Personale', 'Staff'), order: 9 },
  ];
  const subs: Q[] = [
    { qid: 200, parent: 104, gid: 11, type: 'T', title: 'SQ001', text: t('Formazione', 'Training'), order: 1 },
    { qid: 201, parent: 104, gid: 11, type: 'T', title: 'SQ002', text: t('Eventi', 'Events'), order: 2 },
    { qid: 202, parent: 106, gid: 11, type: 'T', title: 'R1', text: t('Qualità', 'Quality'), order: 1 },
    { qid: 203, parent: 106, gid: 11, type: 'T', title: 'R2', text: t('Tempi', 'Speed'), order: 2 },
    { qid: 204, parent: 107, gid: 11, type: 'T', title: 'S1', text: t('Il cluster mi aiuta', 'The cluster helps me'), order: 1 },
    { qid: 205, parent: 110, gid: 11, type: 'T', title: 'A', text: t('Uno', 'One'), order: 1 },
    { qid: 206, parent: 113, gid: 11, type: 'T', title: 'FT', text: t('Tempo pieno', 'Full time'), order: 1 },
    { qid: 207, parent: 113, gid: 11, type: 'T', title: 'PT', text: t('Tempo parziale', 'Part time'), order: 2 },
  ];
  const answers = [
    { aid: 1, qid: 100, code: 'A1', sortorder: 1, text: t('Manifattura', 'Manufacturing', 'Industrie') },
    {
      aid: 2,
      qid: 100,
      code: 'A2',
      sortorder: 2,
      text: t('Servizi di informazione e comunicazione per le imprese della rete', 'Information services', 'Services'),
    },
    ...[1, 2, 3, 4, 5].map((n) => ({
      aid: 10 + n,
      qid: 107,
      code: String(n),
      sortorder: n,
      text: t(['Per niente', 'Poco', 'Abbastanza', 'Molto', 'Del tutto'][n - 1]!, ['Not at all', 'A little', 'Somewhat', 'Much', 'Completely'][n - 1]!),
    })),
  ];
  const questionRow = (x: Q) => ({
    qid: x.qid,
    parent_qid: x.parent ?? 0,
    sid: SID,
    gid: x.gid,
    type: x.type,
    title: x.title,
    preg: '',
    other: x.other ?? 'N',
    mandatory: x.mandatory ?? 'N',
    encrypted: 'N',
    question_order: x.order,
    scale_id: 0,
    same_default: 0,
    relevance: x.relevance ?? '1',
    question_theme_name: '',
    modulename: '',
  });
  const l10n = (x: Q) =>
    langs
      .filter((l) => x.text[l])
      .map((l) => ({ id: x.qid * 10 + langs.indexOf(l), qid: x.qid, question: x.text[l]!, help: x.help?.[l] ?? '', script: '', language: l }));
  return lssDocument(640, langs, {
    answers: answers.map((a) => ({ aid: a.aid, qid: a.qid, code: a.code, sortorder: a.sortorder, assessment_value: 0, scale_id: 0 })),
    answer_l10ns: answers.flatMap((a) =>
      langs.filter((l) => a.text[l]).map((l) => ({ id: a.aid * 10 + langs.indexOf(l), aid: a.aid, answer: a.text[l]!, language: l })),
    ),
    conditions: [{ cid: 1, qid: 102, cqid: 101, cfieldname: `${SID}X10X101`, method: '==', value: 'Y', scenario: 1 }],
    groups: groups.map((g, i) => ({ gid: g.gid, sid: SID, group_order: i + 1, randomization_group: '', grelevance: g.relevance })),
    group_l10ns: groups.flatMap((g) =>
      langs.map((l) => ({ id: g.gid * 10 + langs.indexOf(l), gid: g.gid, group_name: g.name[l] ?? '', description: '', language: l })),
    ),
    questions: q.map(questionRow),
    subquestions: subs.map(questionRow),
    question_l10ns: [...q, ...subs].flatMap(l10n),
    question_attributes: [
      { qid: 103, attribute: 'min_num_value_n', value: '0', language: '' },
      { qid: 103, attribute: 'max_num_value_n', value: '50', language: '' },
      { qid: 103, attribute: 'num_value_int_only', value: '1', language: '' },
    ],
    surveys: [{ sid: SID, gsid: 1, admin: 'inherit', anonymized: 'Y', format: 'G', language: 'it', additional_languages: 'en fr' }],
    surveys_languagesettings: langs.map((l) => ({
      surveyls_survey_id: SID,
      surveyls_language: l,
      surveyls_title: { it: 'Servizi del cluster 2026', en: 'Cluster services 2026', fr: 'Services 2026' }[l]!,
      surveyls_description: l === 'fr' ? '' : `<p>${l === 'it' ? 'Un questionario breve' : 'A short questionnaire'}</p>`,
      surveyls_email_invite: 'Dear {FIRSTNAME}',
    })),
  });
}

/** A LimeSurvey 3 survey in German (informal) and English: texts inside the rows, one per language. */
export function limeSurvey3(): string {
  const langs = ['de-informal', 'en'];
  const both = <T extends Row>(de: T, en: T) => [
    { ...de, language: 'de-informal' },
    { ...en, language: 'en' },
  ];
  const question = (qid: number, type: string, title: string, de: string, en: string, extra: Row = {}) =>
    both(
      {
        qid,
        parent_qid: 0,
        sid: 3,
        gid: 1,
        type,
        title,
        question: de,
        help: '',
        other: 'N',
        mandatory: 'Y',
        question_order: qid,
        scale_id: 0,
        relevance: '1',
        ...extra,
      },
      {
        qid,
        parent_qid: 0,
        sid: 3,
        gid: 1,
        type,
        title,
        question: en,
        help: '',
        other: 'N',
        mandatory: 'Y',
        question_order: qid,
        scale_id: 0,
        relevance: '1',
        ...extra,
      },
    );
  const answer = (qid: number, code: string, sortorder: number, de: string, en: string) =>
    both({ qid, code, answer: de, sortorder, assessment_value: 0, scale_id: 0 }, { qid, code, answer: en, sortorder, assessment_value: 0, scale_id: 0 });
  return lssDocument(366, langs, {
    answers: [...answer(1, 'a', 1, 'Ja, regelmäßig', 'Yes, regularly'), ...answer(1, 'b', 2, 'Selten', 'Rarely'), ...answer(1, 'c', 3, 'Nie', 'Never')],
    conditions: [
      { cid: 1, qid: 2, scenario: 1, cqid: 1, cfieldname: '3X1X1', method: '==', value: 'a' },
      { cid: 2, qid: 2, scenario: 1, cqid: 1, cfieldname: '3X1X1', method: '==', value: 'b' },
    ],
    groups: both(
      { gid: 1, sid: 3, group_name: 'Allgemein', group_order: 0, description: '', grelevance: '' },
      { gid: 1, sid: 3, group_name: 'General', group_order: 0, description: '', grelevance: '' },
    ),
    questions: [
      ...question(1, 'L', 'EVENTS', 'Besuchst du Veranstaltungen?', 'Do you attend events?'),
      ...question(2, 'T', 'EVENTS_WHY', 'Warum?', 'Why?', { mandatory: 'N' }),
      ...question(3, 'N', 'STAFF', 'Wie viele Mitarbeitende?', 'How many staff?'),
    ],
    surveys: [{ sid: 3, admin: 'x', anonymized: 'N', language: 'de-informal', additional_languages: 'en' }],
    surveys_languagesettings: [
      { surveyls_survey_id: 3, surveyls_language: 'de-informal', surveyls_title: 'Veranstaltungen', surveyls_description: '' },
      { surveyls_survey_id: 3, surveyls_language: 'en', surveyls_title: 'Events', surveyls_description: '' },
    ],
  });
}
