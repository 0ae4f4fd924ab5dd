// Importing definitions: one file from the surveys folder (never outside it), every file there, or
// text fetched from an http(s) URL. Each source ends as stored, unchanged or refused with reasons.
import { basename, extname, join } from 'node:path';
import { loadSurveyDirectory, loadSurveyFile, parseSurveyText, SURVEY_FILE_EXTENSIONS } from './survey-definition-loader.ts';
import type { SurveyIssue } from './survey-definition.ts';
import type { ImportOutcome, SurveyRepository } from './survey-repository.ts';

export type ImportReport = { source: string; ok: true; id: string; outcome: ImportOutcome } | { source: string; ok: false; errors: SurveyIssue[] };

export interface ImportDeps {
  repo: SurveyRepository;
  dir: string;
  now(): Date;
  fetchText(url: string): Promise<string>;
}

const MAX_BYTES = 1_000_000;

/** Fetches a definition with a timeout and a size cap; failures become one readable issue. */
export async function fetchSurveyText(url: string, fetchImpl: typeof fetch = fetch): Promise<string> {
  const response = await fetchImpl(url, { signal: AbortSignal.timeout(10_000), redirect: 'follow' });
  if (!response.ok) throw new Error(`the server answered ${response.status}`);
  const text = await response.text();
  if (text.length > MAX_BYTES) throw new Error('the file is larger than 1 MB');
  return text;
}

async function store(deps: ImportDeps, source: string, parsed: Awaited<ReturnType<typeof loadSurveyFile>>): Promise<ImportReport> {
  if (!parsed.ok) return { source, ok: false, errors: parsed.errors };
  return { source, ok: true, id: parsed.value.id, outcome: await deps.repo.importDefinition(parsed.value, source, deps.now()) };
}

/** `source`: a file name in the surveys folder (extension optional), an http(s) URL, or nothing for all. */
export async function importSurveys(deps: ImportDeps, source?: string): Promise<ImportReport[]> {
  if (!source) {
    const all = await loadSurveyDirectory(deps.dir);
    const stored = await Promise.all(
      all.definitions.map(async (def) => ({
        source: def.id,
        ok: true as const,
        id: def.id,
        outcome: await deps.repo.importDefinition(def, `file:${def.id}`, deps.now()),
      })),
    );
    return [...stored, ...all.errors.map((e) => ({ source: basename(e.file), ok: false as const, errors: e.errors }))];
  }
  if (/^https?:\/\//i.test(source)) {
    let text: string;
    try {
      text = await deps.fetchText(source);
    } catch (e) {
      return [{ source, ok: false, errors: [{ path: '(file)', message: `cannot download it: ${e instanceof Error ? e.message : String(e)}` }] }];
    }
    return [await store(deps, source, parseSurveyText(text, new URL(source).pathname))];
  }
  const name = basename(source);
  if (name !== source || name.startsWith('.')) {
    return [{ source, ok: false, errors: [{ path: '(file)', message: 'give a file name from the surveys folder, or an http(s) URL' }] }];
  }
  const candidates = extname(name) ? [name] : SURVEY_FILE_EXTENSIONS.map((ext) => name + ext);
  for (const candidate of candidates) {
    const parsed = await loadSurveyFile(join(deps.dir, candidate));
    const missing = !parsed.ok && parsed.errors[0]?.message.startsWith('file not found');
    if (!missing || candidate === candidates.at(-1)) return [await store(deps, `file:${candidate}`, parsed)];
  }
  return [];
}
