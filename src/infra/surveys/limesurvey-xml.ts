// A LimeSurvey export (.lss, LimeSurvey 3 to 6) read with fast-xml-parser into its tables. An .lss
// file is a dump of LimeSurvey's database rows (`<questions><rows><row><qid>…`); mapping them to a
// filiera definition is the feature's job (survey-limesurvey.ts). Files with a DOCTYPE are refused:
// LimeSurvey never writes one, and it is how entity-expansion attacks arrive.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { fileIssue, type LimeSurveyDocument } from '../../features/surveys/survey-sources.ts';
import type { DocumentParse } from './survey-text.ts';

const parser = (): XMLParser =>
  new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: false,
    isArray: (name, path) => name === 'row' || String(path) === 'document.languages.language',
  });

type Node = string | { [key: string]: Node | Node[] };

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

function rowsOf(table: unknown): Array<Record<string, string>> {
  if (!table || typeof table !== 'object') return [];
  const rows = (table as { rows?: { row?: unknown } }).rows?.row;
  if (!Array.isArray(rows)) return [];
  return rows
    .filter((r): r is Record<string, unknown> => !!r && typeof r === 'object')
    .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, text(v)])));
}

const notASurvey = () => ({ ok: false as const, errors: [fileIssue('not_a_survey', 'the XML file is not a LimeSurvey survey export')] });

export function readLimeSurveyXml(xml: string): DocumentParse {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml.slice(0, 4096))) return notASurvey();
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const line = valid.err.line;
    return { ok: false, errors: [fileIssue('syntax', `line ${line}: ${valid.err.msg}`, { line })] };
  }
  let root: Record<string, Node>;
  try {
    root = parser().parse(xml) as Record<string, Node>;
  } catch (e) {
    return { ok: false, errors: [fileIssue('syntax', `line 1: ${e instanceof Error ? e.message : String(e)}`, { line: 1 })] };
  }
  const doc = root.document;
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return notASurvey();
  const docType = text((doc as Record<string, unknown>).LimeSurveyDocType);
  if (!docType) return notASurvey();
  const tables: LimeSurveyDocument['tables'] = {};
  for (const [name, value] of Object.entries(doc)) {
    const rows = rowsOf(value);
    if (rows.length > 0) tables[name] = rows;
  }
  const declared = (doc as { languages?: { language?: unknown } }).languages?.language;
  const languages = Array.isArray(declared) ? declared.map(text).filter(Boolean) : [];
  const dbVersion = Number(text((doc as Record<string, unknown>).DBVersion)) || 0;
  return { ok: true, document: { format: 'limesurvey', value: { docType, dbVersion, languages, tables } } };
}
