// Where survey definitions come from, as the feature sees it: already parsed documents from the
// surveys folder or an http(s) address. Reading files, downloading and parsing YAML, JSON or XML
// happen in src/infra/surveys; the feature turns documents into definitions and stores them.
import type { SurveyIssue } from './survey-definition.ts';

/** A LimeSurvey export (.lss) read as the database tables it holds: each row as field → text. */
export interface LimeSurveyDocument {
  /** `Survey` for a whole survey; `Question` or `Group` for partial exports. */
  docType: string;
  /** LimeSurvey's database version: below 400 is LimeSurvey 3 (texts inside the question rows). */
  dbVersion: number;
  /** The languages the file declares, base language first. */
  languages: string[];
  tables: Record<string, Array<Record<string, string>>>;
}

export type SurveyDocument = { format: 'definition'; value: unknown } | { format: 'limesurvey'; value: LimeSurveyDocument };

/** One source read: a parsed document, or why it could not be read (issues carry i18n keys). */
export type SourceRead = { ok: true; source: string; document: SurveyDocument } | { ok: false; source: string; errors: SurveyIssue[] };

export interface SurveySources {
  /** A file in the surveys folder by name, with or without extension; never a path outside it. */
  file(name: string): Promise<SourceRead>;
  /** Every definition file directly in the surveys folder, in name order. */
  folder(): Promise<SourceRead[]>;
  /** A definition at an http(s) address, with a timeout and a size cap. */
  download(url: string): Promise<SourceRead>;
}

/** A problem that is the file's, not a field's: shown as a sentence in the person's language. */
export const fileIssue = (key: string, message: string, params: Record<string, string | number> = {}): SurveyIssue => ({
  path: '(file)',
  message,
  key,
  params,
});
