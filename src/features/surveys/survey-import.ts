// Importing definitions: one file from the surveys folder, every file there, or a document fetched
// from an http(s) URL; filiera's own YAML/JSON or a LimeSurvey export. Each source ends as stored,
// unchanged or refused with reasons; what a LimeSurvey file held that filiera cannot ask is listed.
import { parseSurveyDefinition, type SurveyDefinition, type SurveyIssue } from './survey-definition.ts';
import { fromLimeSurvey, type ImportNote } from './survey-limesurvey.ts';
import type { ImportOutcome, SurveyRepository } from './survey-repository.ts';
import type { SourceRead, SurveySources } from './survey-sources.ts';

export type { ImportNote } from './survey-limesurvey.ts';

export type ImportReport =
  { source: string; ok: true; id: string; outcome: ImportOutcome; notes: ImportNote[] } | { source: string; ok: false; errors: SurveyIssue[] };

export interface ImportDeps {
  repo: SurveyRepository;
  sources: SurveySources;
  now(): Date;
}

export type DefinitionRead = { ok: true; definition: SurveyDefinition; notes: ImportNote[] } | { ok: false; errors: SurveyIssue[] };

/** A document read from any source, as a checked definition (and, for LimeSurvey, what was left out). */
export function definitionFrom(read: SourceRead): DefinitionRead {
  if (!read.ok) return read;
  const { document } = read;
  if (document.format === 'definition') {
    const parsed = parseSurveyDefinition(document.value);
    return parsed.ok ? { ok: true, definition: parsed.value, notes: [] } : parsed;
  }
  const mapped = fromLimeSurvey(document.value);
  if (!mapped.ok) return mapped;
  const parsed = parseSurveyDefinition(mapped.raw);
  return parsed.ok ? { ok: true, definition: parsed.value, notes: mapped.notes } : parsed;
}

async function store(deps: ImportDeps, source: string, read: DefinitionRead): Promise<ImportReport> {
  if (!read.ok) return { source, ok: false, errors: read.errors };
  const { definition, notes } = read;
  return { source, ok: true, id: definition.id, outcome: await deps.repo.importDefinition(definition, source, deps.now()), notes };
}

/** `source`: a file name in the surveys folder (extension optional), an http(s) URL, or nothing for all. */
export async function importSurveys(deps: ImportDeps, source?: string): Promise<ImportReport[]> {
  if (source && /^https?:\/\//i.test(source)) {
    const read = await deps.sources.download(source);
    return [await store(deps, source, definitionFrom(read))];
  }
  if (source) {
    const read = await deps.sources.file(source);
    return [await store(deps, read.source, definitionFrom(read))];
  }
  const reports: ImportReport[] = [];
  const idFrom = new Map<string, string>();
  for (const read of await deps.sources.folder()) {
    const name = read.source.replace(/^file:/, '');
    const checked = definitionFrom(read);
    if (!checked.ok) {
      reports.push({ source: name, ok: false, errors: checked.errors });
      continue;
    }
    const earlier = idFrom.get(checked.definition.id);
    if (earlier !== undefined) {
      const id = checked.definition.id;
      const issue = { path: 'id', message: `survey id "${id}" is already defined in ${earlier}`, key: 'duplicate_id', params: { id, file: earlier } };
      reports.push({ source: name, ok: false, errors: [issue] });
      continue;
    }
    idFrom.set(checked.definition.id, name);
    reports.push(await store(deps, `file:${checked.definition.id}`, checked));
  }
  return reports.map((r) => (r.ok && r.source.startsWith('file:') ? { ...r, source: r.id } : r));
}
