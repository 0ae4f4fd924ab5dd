// Survey files as documents: YAML (the `yaml` library) or JSON for filiera's own definitions, XML
// for LimeSurvey exports. Syntax errors come back as issues with a line number; nothing throws.
import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import { fileIssue, type SurveyDocument } from '../../features/surveys/survey-sources.ts';
import type { SurveyIssue } from '../../features/surveys/survey-definition.ts';
import { readLimeSurveyXml } from './limesurvey-xml.ts';

export type DocumentParse = { ok: true; document: SurveyDocument } | { ok: false; errors: SurveyIssue[] };

/** 1-based line and column of a character offset. */
export function lineAt(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, col: (lines.at(-1)?.length ?? 0) + 1 };
}

type Format = 'json' | 'yaml' | 'xml';

function formatOf(text: string, sourceName: string): Format {
  const ext = extname(sourceName).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.lss' || ext === '.xml') return 'xml';
  const start = text.trimStart();
  if (start.startsWith('<')) return 'xml';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  return /^[{[]/.test(start) ? 'json' : 'yaml';
}

const syntax = (line: number, reason: string) => fileIssue('syntax', `line ${line}: ${reason}`, { line });

function parseJson(text: string): DocumentParse {
  try {
    return { ok: true, document: { format: 'definition', value: JSON.parse(text) as unknown } };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const position = /position (\d+)/.exec(message);
    const explicit = /line (\d+) column (\d+)/.exec(message);
    const reason = message.replace(/\s*(in JSON )?at position \d+.*$/s, '');
    let line: number;
    if (explicit) line = Number(explicit[1]);
    else if (position) line = lineAt(text, Number(position[1])).line;
    else line = text.split('\n').length; // "Unexpected end of JSON input"
    return { ok: false, errors: [syntax(line, reason)] };
  }
}

function parseYaml(text: string): DocumentParse {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => {
        const { line, col } = lineAt(text, e.pos[0]);
        return fileIssue('syntax', `line ${line}, column ${col}: ${e.message}`, { line });
      }),
    };
  }
  try {
    return { ok: true, document: { format: 'definition', value: doc.toJS({ maxAliasCount: 100 }) as unknown } };
  } catch (e) {
    return { ok: false, errors: [syntax(1, e instanceof Error ? e.message : String(e))] };
  }
}

const notASurvey = () => fileIssue('not_a_survey', 'the file is not a survey definition');

/**
 * Parses survey text. `sourceName` is a file name or URL path: `.json` is JSON, `.lss`/`.xml` or
 * text starting with `<` is XML (a LimeSurvey export), anything else YAML.
 */
export function parseSurveyText(raw: string, sourceName: string): DocumentParse {
  const text = raw.replace(/^\uFEFF/, '');
  if (text.trim() === '') return { ok: false, errors: [fileIssue('file_empty', 'the file is empty')] };
  const format = formatOf(text, sourceName);
  if (format === 'xml') return readLimeSurveyXml(text);
  const parsed = format === 'json' ? parseJson(text) : parseYaml(text);
  if (!parsed.ok) return parsed;
  // A plain sentence, a list or a number parses as YAML too; none of them is a survey.
  const value = parsed.document.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, errors: [notASurvey()] };
  return parsed;
}
