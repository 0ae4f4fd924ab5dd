// A LimeSurvey survey export as a filiera definition: groups become sections, the survey's
// languages (it, en, de) one definition with translations, HTML texts plain text. Everything the
// file holds that filiera cannot ask is listed as a note for the import report; nothing is dropped
// without one.
import { SURVEY_LANGUAGES, type LocalizedText, type SurveyIssue, type SurveyLanguage } from './survey-definition.ts';
import { mapConditions } from './survey-limesurvey-logic.ts';
import { limeSurveyModel, type Texts } from './survey-limesurvey-model.ts';
import { mapQuestion, optionCode, type ImportNote, type MapContext, type MappedQuestion } from './survey-limesurvey-questions.ts';
import { fileIssue, type LimeSurveyDocument } from './survey-sources.ts';

export type { ImportNote } from './survey-limesurvey-questions.ts';
export type LimeSurveyMapping = { ok: true; raw: Record<string, unknown>; notes: ImportNote[] } | { ok: false; errors: SurveyIssue[] };

/** The named entities LimeSurvey's editor writes for Italian, English and German text. */
const ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  euro: '€',
  deg: '°',
  middot: '·',
  copy: '©',
  reg: '®',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  agrave: 'à',
  aacute: 'á',
  egrave: 'è',
  eacute: 'é',
  igrave: 'ì',
  iacute: 'í',
  ograve: 'ò',
  oacute: 'ó',
  ugrave: 'ù',
  uacute: 'ú',
  Agrave: 'À',
  Egrave: 'È',
  Eacute: 'É',
  Igrave: 'Ì',
  Ograve: 'Ò',
  Ugrave: 'Ù',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  Auml: 'Ä',
  Ouml: 'Ö',
  Uuml: 'Ü',
  szlig: 'ß',
  ccedil: 'ç',
  ntilde: 'ñ',
};

/** LimeSurvey stores HTML; chat shows plain text. Line breaks stay, tags go, entities decode. */
export function plainText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6])>/gi, '\n')
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
      if (e[0] === '#') return String.fromCodePoint(e[1]?.toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
      return ENTITIES[e] ?? ENTITIES[e.toLowerCase()] ?? all;
    })
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 41)
    .replace(/-+$/, '');
}

const questionCode = (title: string): string => {
  const code = title.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
  return (/^[A-Z]/.test(code) ? code : `Q${code}`).slice(0, 31);
};

/** filiera languages the file has, mapped to LimeSurvey's codes (de-informal counts as de). */
function languagesOf(languages: string[], note: MapContext['note']): Array<[SurveyLanguage, string]> {
  const chosen = new Map<SurveyLanguage, string>();
  for (const ls of languages) {
    const ours = ls.toLowerCase().split(/[-_]/)[0] as SurveyLanguage;
    if (!(SURVEY_LANGUAGES as readonly string[]).includes(ours) || chosen.has(ours)) note('lss_language_skipped', { language: ls });
    else chosen.set(ours, ls);
  }
  return [...chosen];
}

export function fromLimeSurvey(doc: LimeSurveyDocument): LimeSurveyMapping {
  if (doc.docType !== 'Survey') {
    const kind = doc.docType.toLowerCase();
    return { ok: false, errors: [fileIssue('lss_partial', `a LimeSurvey ${kind} export, not a whole survey`, { kind })] };
  }
  const model = limeSurveyModel(doc);
  const notes: ImportNote[] = [];
  const note = (key: string, params: Record<string, string | number> = {}) => {
    if (!notes.some((n) => n.key === key && JSON.stringify(n.params) === JSON.stringify(params))) notes.push({ key, params });
  };
  const languages = languagesOf(model.languages, note);
  if (languages.length === 0) {
    const list = model.languages.join(', ');
    return { ok: false, errors: [fileIssue('lss_no_language', `none of its languages (${list}) is it, en or de`, { languages: list })] };
  }

  const missing = new Map<string, number>();
  const localize = (texts: Texts, fallback?: string): LocalizedText | undefined => {
    const plain = new Map(languages.map(([lang, ls]) => [lang, plainText(texts.get(ls) ?? '')]));
    const any = [...plain.values()].find((v) => v !== '') ?? (fallback ? plainText(fallback) : '');
    if (any === '') return undefined;
    return Object.fromEntries(
      [...plain].map(([lang, v]) => {
        if (v === '' && [...plain.values()].some((x) => x !== '')) missing.set(lang, (missing.get(lang) ?? 0) + 1);
        return [lang, v || any];
      }),
    ) as LocalizedText;
  };
  const used = new Set<string>();
  const uniqueCode = (wanted: string) => {
    const base = questionCode(wanted);
    let code = base;
    for (let i = 2; used.has(code); i++) code = `${base.slice(0, 28)}_${i}`;
    used.add(code);
    return code;
  };
  const ctx: MapContext = { model, languages, localize, note, uniqueCode };

  const sections: Array<{ code: string; title: LocalizedText; questions: MappedQuestion[] }> = [];
  const sectionCodes = new Set<string>();
  for (const group of model.groups) {
    const title = localize(group.name) ?? localize(new Map(), `${sections.length + 1}`)!;
    const wanted = optionCode(slug(Object.values(title)[0] ?? '') || `g${group.gid}`).replace(/^_+/, '') || `g${group.gid}`;
    let code = wanted;
    for (let i = 2; sectionCodes.has(code); i++) code = `${wanted.slice(0, 27)}_${i}`;
    if (group.relevance !== '' && group.relevance !== '1') note('lss_group_condition', { group: Object.values(title)[0] ?? group.gid });
    const questions = model.questions.filter((q) => q.gid === group.gid).flatMap((q) => mapQuestion(ctx, q));
    if (questions.length === 0) {
      note('lss_group_empty', { group: Object.values(title)[0] ?? group.gid });
      continue;
    }
    sectionCodes.add(code);
    sections.push({ code, title, questions });
  }
  const all = sections.flatMap((s) => s.questions);
  if (all.length === 0) return { ok: false, errors: [fileIssue('lss_no_questions', 'no question filiera can ask')] };
  for (const code of mapConditions(model, all)) note('lss_condition_unmapped', { code });
  for (const q of all) {
    const texts = [q.raw.text, q.raw.help].flatMap((t) => Object.values((t as Record<string, string> | undefined) ?? {}));
    if (texts.some((t) => /\{[^}\s]+\}/.test(t))) note('lss_expression_kept', { code: q.code });
  }
  for (const [lang, count] of missing) note('lss_translation_missing', { language: lang, count });
  for (const extra of model.extras) note(`lss_${extra}_skipped`);

  const title = localize(model.title) ?? localize(new Map(), `LimeSurvey ${model.sid}`)!;
  const description = localize(model.description);
  const id = slug(Object.values(title)[0] ?? '');
  return {
    ok: true,
    notes,
    raw: {
      id: id.length >= 2 ? id : `limesurvey-${model.sid}`,
      version: 1,
      title,
      ...(description ? { description } : {}),
      languages: languages.map(([lang]) => lang),
      responseUnit: 'person',
      anonymousAllowed: model.anonymized,
      sections: sections.map((s) => ({ code: s.code, title: s.title, questions: s.questions.map((q) => q.raw) })),
    },
  };
}
