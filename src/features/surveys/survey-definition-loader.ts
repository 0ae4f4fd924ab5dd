// Reading survey definition files: YAML or JSON text, one file, or every file in a directory.
// User mistakes (syntax errors, unreadable files, invalid definitions, duplicate ids) come back as
// errors with a path and a readable reason; nothing here throws for them.
import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { parseDocument } from 'yaml';
import { parseSurveyDefinition, type SurveyDefinition, type SurveyIssue, type SurveyParseResult } from './survey-definition.ts';

export const SURVEY_FILE_EXTENSIONS: readonly string[] = ['.yaml', '.yml', '.json'];
const isSurveyFile = (name: string) => SURVEY_FILE_EXTENSIONS.includes(extname(name).toLowerCase());

const FILE = '(file)';
const fileError = (message: string): SurveyParseResult => ({
  ok: false,
  errors: [{ path: FILE, message }],
});

/** 1-based line and column of a character offset. */
function lineAt(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, col: (lines.at(-1)?.length ?? 0) + 1 };
}

function looksLikeJson(text: string, sourceName: string): boolean {
  const ext = extname(sourceName).toLowerCase();
  if (ext === '.json') return true;
  if (ext === '.yaml' || ext === '.yml') return false;
  return /^\s*[{[]/.test(text.replace(/^\uFEFF/, ''));
}

type Raw = { ok: true; value: unknown } | { ok: false; errors: SurveyIssue[] };

function parseJson(text: string): Raw {
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const position = /position (\d+)/.exec(message);
    const explicit = /line (\d+) column (\d+)/.exec(message);
    const reason = message.replace(/\s*(in JSON )?at position \d+.*$/s, '');
    let line: number;
    if (explicit) line = Number(explicit[1]);
    else if (position) line = lineAt(text, Number(position[1])).line;
    else line = text.split('\n').length; // "Unexpected end of JSON input"
    return { ok: false, errors: [{ path: FILE, message: `line ${line}: ${reason}` }] };
  }
}

function parseYaml(text: string): Raw {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => {
        const { line, col } = lineAt(text, e.pos[0]);
        return { path: FILE, message: `line ${line}, column ${col}: ${e.message}` };
      }),
    };
  }
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) as unknown };
  } catch (e) {
    return {
      ok: false,
      errors: [{ path: FILE, message: `line 1: ${e instanceof Error ? e.message : String(e)}` }],
    };
  }
}

/**
 * Parses survey definition text. `sourceName` is a file name or label; a `.json` name (or text that
 * starts with `{`) is read as JSON, anything else as YAML.
 */
export function parseSurveyText(text: string, sourceName: string): SurveyParseResult {
  if (text.trim() === '') return fileError('the file is empty');
  const raw = looksLikeJson(text, sourceName) ? parseJson(text) : parseYaml(text);
  if (!raw.ok) return raw;
  if (raw.value === null || raw.value === undefined) return fileError('the file holds no survey');
  return parseSurveyDefinition(raw.value);
}

/** Reads and parses one survey file; an unreadable file is an error, not an exception. */
export async function loadSurveyFile(path: string): Promise<SurveyParseResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fileError(code === 'ENOENT' ? `file not found: ${path}` : `cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return parseSurveyText(text, basename(path));
}

export interface SurveyFileErrors {
  /** The file's path (or the directory's, when it cannot be read). */
  file: string;
  errors: SurveyIssue[];
}
export interface SurveyDirectory {
  /** Valid definitions, in file-name order; a survey id appears at most once. */
  definitions: SurveyDefinition[];
  /** Files that were refused, with why. */
  errors: SurveyFileErrors[];
}

/**
 * Loads every `.yaml`, `.yml` and `.json` file directly in `dir`. Invalid files are reported and
 * skipped; a second file with an id already loaded is refused.
 */
export async function loadSurveyDirectory(dir: string): Promise<SurveyDirectory> {
  let names: string[];
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    names = entries
      .filter((e) => e.isFile() && isSurveyFile(e.name))
      .map((e) => e.name)
      .sort();
  } catch (e) {
    const message = `cannot read directory: ${e instanceof Error ? e.message : String(e)}`;
    return { definitions: [], errors: [{ file: dir, errors: [{ path: FILE, message }] }] };
  }

  const definitions: SurveyDefinition[] = [];
  const errors: SurveyFileErrors[] = [];
  const idFrom = new Map<string, string>();
  for (const name of names) {
    const file = join(dir, name);
    const result = await loadSurveyFile(file);
    if (!result.ok) {
      errors.push({ file, errors: result.errors });
      continue;
    }
    const earlier = idFrom.get(result.value.id);
    if (earlier !== undefined) {
      const message = `survey id "${result.value.id}" is already defined in ${earlier}`;
      errors.push({ file, errors: [{ path: 'id', message }] });
      continue;
    }
    idFrom.set(result.value.id, file);
    definitions.push(result.value);
  }
  return { definitions, errors };
}
