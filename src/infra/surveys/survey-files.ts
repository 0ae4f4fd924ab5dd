// The surveys folder and http(s) downloads as SurveySources: files are read only from the folder
// (a bare name, never a path), downloads have a timeout and a size cap. Every failure is an issue
// with an i18n key, never a throw.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { fileIssue, type SourceRead, type SurveySources } from '../../features/surveys/survey-sources.ts';
import { parseSurveyText } from './survey-text.ts';

export const SURVEY_FILE_EXTENSIONS: readonly string[] = ['.yaml', '.yml', '.json', '.lss'];
const isSurveyFile = (name: string) => SURVEY_FILE_EXTENSIONS.includes(extname(name).toLowerCase());

/** LimeSurvey exports carry e-mail templates in every language: a big survey is a few megabytes. */
export const MAX_BYTES = 5_000_000;
const MB = MAX_BYTES / 1_000_000;

export interface SurveySourceOptions {
  dir: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const tooLarge = (source: string): SourceRead => ({ ok: false, source, errors: [fileIssue('too_large', `larger than ${MB} MB`, { mb: MB })] });

function fromText(source: string, text: string, name: string): SourceRead {
  const parsed = parseSurveyText(text, name);
  return parsed.ok ? { ok: true, source, document: parsed.document } : { ok: false, source, errors: parsed.errors };
}

async function readOne(dir: string, name: string): Promise<SourceRead | 'missing'> {
  const path = join(dir, name);
  const source = `file:${name}`;
  try {
    if ((await stat(path)).size > MAX_BYTES) return tooLarge(source);
    return fromText(source, await readFile(path, 'utf8'), name);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    return { ok: false, source, errors: [fileIssue('file_unreadable', `cannot read ${name}: ${code ?? String(e)}`, { name })] };
  }
}

export function createSurveySources(options: SurveySourceOptions): SurveySources {
  const { dir } = options;
  const fetchImpl = options.fetch ?? fetch;
  return {
    async file(name) {
      const bare = basename(name);
      if (bare !== name || name.startsWith('.') || name.includes('\\')) {
        return { ok: false, source: name, errors: [fileIssue('bad_name', 'give a file name from the surveys folder, or an http(s) URL')] };
      }
      const candidates = extname(name) && isSurveyFile(name) ? [name] : SURVEY_FILE_EXTENSIONS.map((ext) => name + ext);
      for (const candidate of candidates) {
        const read = await readOne(dir, candidate);
        if (read !== 'missing') return read;
      }
      return { ok: false, source: `file:${name}`, errors: [fileIssue('file_not_found', `file not found: ${name}`, { name })] };
    },

    async folder() {
      let names: string[];
      try {
        const entries = await readdir(dir, { withFileTypes: true });
        names = entries
          .filter((e) => e.isFile() && isSurveyFile(e.name))
          .map((e) => e.name)
          .sort();
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? 'error';
        return [{ ok: false, source: basename(dir), errors: [fileIssue('folder_unreadable', `cannot read the surveys folder: ${code}`)] }];
      }
      const reads = await Promise.all(names.map((name) => readOne(dir, name)));
      return reads.filter((r): r is SourceRead => r !== 'missing');
    },

    async download(url) {
      let response: Response;
      try {
        response = await fetchImpl(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 10_000), redirect: 'follow' });
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e);
        return { ok: false, source: url, errors: [fileIssue('download_failed', `cannot download it: ${reason}`)] };
      }
      if (!response.ok) {
        return {
          ok: false,
          source: url,
          errors: [fileIssue('download_status', `cannot download it: the server answered ${response.status}`, { status: response.status })],
        };
      }
      const declared = Number(response.headers.get('content-length') ?? 0);
      if (declared > MAX_BYTES) return tooLarge(url);
      const text = await response.text();
      if (text.length > MAX_BYTES) return tooLarge(url);
      return fromText(url, text, new URL(url).pathname);
    },
  };
}
