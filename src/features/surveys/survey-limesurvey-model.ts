// LimeSurvey's tables as one model, whichever version wrote them: LimeSurvey 3 repeats each
// question, group and answer row once per language with its text inside; LimeSurvey 4 to 6 keep
// one row and put the texts in *_l10ns tables. Texts keyed by LimeSurvey's language code.
import type { LimeSurveyDocument } from './survey-sources.ts';

export type Texts = Map<string, string>;
type Row = Record<string, string>;

export interface LsQuestion {
  qid: string;
  gid: string;
  /** LimeSurvey's one-character type: L list, M multiple choice, A array… */
  type: string;
  title: string;
  other: boolean;
  /** Y, N, or S (soft: LimeSurvey asks once, then lets it go). */
  mandatory: string;
  order: number;
  scaleId: string;
  relevance: string;
  question: Texts;
  help: Texts;
}
export interface LsAnswer {
  code: string;
  order: number;
  scaleId: string;
  label: Texts;
}
export interface LsGroup {
  gid: string;
  order: number;
  relevance: string;
  name: Texts;
}
export interface LsModel {
  sid: string;
  /** Base language first, as LimeSurvey declares them. */
  languages: string[];
  anonymized: boolean;
  title: Texts;
  description: Texts;
  groups: LsGroup[];
  /** Top-level questions, each group's in their order, groups in theirs. */
  questions: LsQuestion[];
  subquestions: Map<string, LsQuestion[]>;
  answers: Map<string, LsAnswer[]>;
  /** Language-independent attributes per question (min_num_value_n, maximum_chars…). */
  attributes: Map<string, Map<string, string>>;
  conditions: Row[];
  /** Tables that hold something filiera does not import (quotas, assessments). */
  extras: string[];
}

const num = (s: string | undefined): number => Number(s ?? 0) || 0;

function addText(map: Texts, language: string | undefined, value: string | undefined): void {
  if (!language || value === undefined || value === '') return;
  if (!map.has(language)) map.set(language, value);
}

function grouped<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Rows keyed by id; LimeSurvey 3 repeats a row per language, so texts are collected from each. */
function questionsFrom(rows: Row[], l10n: Map<string, Row[]>): LsQuestion[] {
  const byId = new Map<string, LsQuestion>();
  for (const r of rows) {
    const qid = r.qid ?? '';
    let q = byId.get(qid);
    if (!q) {
      q = {
        qid,
        gid: r.gid ?? '',
        type: r.type ?? '',
        title: r.title ?? '',
        other: r.other === 'Y',
        mandatory: r.mandatory ?? 'N',
        order: num(r.question_order),
        scaleId: r.scale_id ?? '0',
        relevance: (r.relevance ?? '').trim(),
        question: new Map(),
        help: new Map(),
      };
      byId.set(qid, q);
    }
    addText(q.question, r.language, r.question);
    addText(q.help, r.language, r.help);
  }
  for (const q of byId.values()) {
    for (const t of l10n.get(q.qid) ?? []) {
      addText(q.question, t.language, t.question);
      addText(q.help, t.language, t.help);
    }
  }
  return [...byId.values()];
}

function answersFrom(doc: LimeSurveyDocument): Map<string, LsAnswer[]> {
  const rows = doc.tables.answers ?? [];
  const l10n = doc.tables.answer_l10ns ?? [];
  const byAid = grouped(l10n, (r) => r.aid ?? '');
  const byCode = grouped(l10n, (r) => `${r.qid ?? ''}|${r.code ?? ''}`);
  const seen = new Map<string, LsAnswer>();
  for (const r of rows) {
    const key = `${r.qid}|${r.scale_id ?? '0'}|${r.code}`;
    let a = seen.get(key);
    if (!a) {
      a = { code: r.code ?? '', order: num(r.sortorder), scaleId: r.scale_id ?? '0', label: new Map() };
      seen.set(key, a);
    }
    addText(a.label, r.language, r.answer);
    const texts = (r.aid ? byAid.get(r.aid) : undefined) ?? byCode.get(`${r.qid}|${r.code}`) ?? [];
    for (const t of texts) addText(a.label, t.language, t.answer);
  }
  const byQuestion = new Map<string, LsAnswer[]>();
  for (const [key, a] of seen) {
    const qid = key.split('|')[0]!;
    byQuestion.set(qid, [...(byQuestion.get(qid) ?? []), a]);
  }
  for (const list of byQuestion.values()) list.sort((x, y) => x.order - y.order);
  return byQuestion;
}

export function limeSurveyModel(doc: LimeSurveyDocument): LsModel {
  const t = doc.tables;
  const survey = t.surveys?.[0] ?? {};
  const declared = [survey.language, ...(survey.additional_languages ?? '').split(/\s+/)].filter((l): l is string => !!l);
  const languages = [...new Set(declared.length ? declared : doc.languages)];

  const title: Texts = new Map();
  const description: Texts = new Map();
  for (const r of t.surveys_languagesettings ?? []) {
    addText(title, r.surveyls_language, r.surveyls_title);
    addText(description, r.surveyls_language, r.surveyls_description);
  }

  const groupTexts = grouped(t.group_l10ns ?? [], (r) => r.gid ?? '');
  const groups = new Map<string, LsGroup>();
  for (const r of t.groups ?? []) {
    const g = groups.get(r.gid ?? '') ?? { gid: r.gid ?? '', order: num(r.group_order), relevance: (r.grelevance ?? '').trim(), name: new Map() };
    addText(g.name, r.language, r.group_name);
    groups.set(g.gid, g);
  }
  for (const g of groups.values()) for (const r of groupTexts.get(g.gid) ?? []) addText(g.name, r.language, r.group_name);
  const groupList = [...groups.values()].sort((a, b) => a.order - b.order);
  const groupOrder = new Map(groupList.map((g, i) => [g.gid, i]));

  const l10n = grouped(t.question_l10ns ?? [], (r) => r.qid ?? '');
  const all = questionsFrom([...(t.questions ?? []), ...(t.subquestions ?? [])], l10n);
  const parentOf = new Map([...(t.questions ?? []), ...(t.subquestions ?? [])].map((r) => [r.qid ?? '', r.parent_qid ?? '0']));
  const top = all.filter((q) => (parentOf.get(q.qid) ?? '0') === '0');
  top.sort((a, b) => (groupOrder.get(a.gid) ?? 0) - (groupOrder.get(b.gid) ?? 0) || a.order - b.order);
  const subquestions = grouped(
    all.filter((q) => (parentOf.get(q.qid) ?? '0') !== '0'),
    (q) => parentOf.get(q.qid)!,
  );
  for (const list of subquestions.values()) list.sort((a, b) => a.order - b.order);

  const attributes = new Map<string, Map<string, string>>();
  for (const r of t.question_attributes ?? []) {
    if (r.language) continue;
    const m = attributes.get(r.qid ?? '') ?? new Map<string, string>();
    m.set(r.attribute ?? '', r.value ?? '');
    attributes.set(r.qid ?? '', m);
  }

  return {
    sid: survey.sid ?? '',
    languages,
    anonymized: survey.anonymized === 'Y',
    title,
    description,
    groups: groupList,
    questions: top,
    subquestions,
    answers: answersFrom(doc),
    attributes,
    conditions: t.conditions ?? [],
    extras: ['quota', 'assessments'].filter((name) => (t[name]?.length ?? 0) > 0),
  };
}
