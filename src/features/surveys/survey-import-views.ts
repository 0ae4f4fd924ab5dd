// The import report: what was stored, refused (with each reason in the person's language) or left
// out of a LimeSurvey file. File-level problems read as sentences; field problems keep their path.
import type { OutboundMessage, Translator } from '../../core/index.ts';
import type { SurveyIssue } from './survey-definition.ts';
import type { ImportReport } from './survey-import.ts';

const MAX_LINES = 12;
/** Everything left out of an import is listed; the cap only guards against a runaway message. */
const MAX_NOTES = 60;

function issueLine(e: SurveyIssue, t: Translator): string {
  const fileLevel = e.path === '(file)' || e.path === '(root)';
  const text = e.key ? t(`surveys.issue.${e.key}`, e.params ?? {}) : e.message.replace(/\/\S*\//g, '');
  return fileLevel ? text : `${e.path}: ${text}`;
}

function capped(lines: string[], t: Translator, max = MAX_LINES): string[] {
  const shown = lines.slice(0, max).map((l) => `  - ${l}`);
  return lines.length > max ? [...shown, `  - ${t('surveys.import_more', { count: lines.length - max })}`] : shown;
}

export function importMessage(reports: ImportReport[], t: Translator): OutboundMessage {
  if (reports.length === 0) return { text: t('surveys.import_nothing') };
  const lines = reports.map((r) => {
    if (!r.ok)
      return [
        // `file:` marks a name in the surveys folder for the code; people know it by its name.
        t('surveys.import_refused', { source: r.source.replace(/^file:/, '') }),
        ...capped(
          r.errors.map((e) => issueLine(e, t)),
          t,
        ),
      ].join('\n');
    const o = r.outcome;
    const head =
      o.kind === 'older'
        ? t('surveys.import_older', { id: r.id, version: o.current })
        : typeof o.wave === 'string'
          ? t(`surveys.import_${o.kind}`, { id: r.id, wave: o.wave })
          : t(`surveys.import_${o.kind}`, { id: r.id, wave: o.wave.wave, version: o.wave.version });
    if (r.notes.length === 0) return head;
    const notes = r.notes.map((n) => t(`surveys.lss.${n.key}`, { ...n.params, ...(n.params.type ? { type: t(`surveys.lss_kind.${n.params.type}`) } : {}) }));
    return [head, t('surveys.import_notes', { count: r.notes.length }), ...capped(notes, t, MAX_NOTES)].join('\n');
  });
  return { text: lines.join('\n') };
}
