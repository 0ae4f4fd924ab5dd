// The checks that span a whole survey definition: translations complete, codes unique, labels
// short enough for chat platforms, skip rules that point forward and never overlap. Each problem is
// reported with its path, an English message and an i18n key (`surveys.issue.<key>`).
import type { LocalizedText, SurveyQuestion, SurveyShapeValue } from './survey-definition.ts';

/** Slack option texts hold 75 characters, Discord 100: the smaller wins. */
export const OPTION_LABEL_MAX = 75;

type Path = (string | number)[];
export type Report = (path: Path, message: string, key: string, params?: Record<string, string | number>) => void;

export function checkSurvey(s: SurveyShapeValue, report: Report): void {
  const texts: [Path, LocalizedText | undefined][] = [
    [['title'], s.title],
    [['description'], s.description],
  ];
  const firstSeen = (label: string) => {
    const seen = new Map<string, string>();
    return (key: string, path: Path) => {
      const before = seen.get(key);
      if (before === undefined) seen.set(key, path.join('.'));
      else report(path, `duplicate ${label} "${key}" (already used at ${before})`, `duplicate_${label.replace(' ', '_')}`, { key, before });
    };
  };
  const language = firstSeen('language');
  s.languages.forEach((l, i) => language(l, ['languages', i]));
  const reminder = firstSeen('reminder');
  s.reminders.forEach((r, i) => reminder(String(r.daysBeforeClose), ['reminders', i, 'daysBeforeClose']));

  const sectionCode = firstSeen('section code');
  const questionCode = firstSeen('question code');
  const order = new Map<string, number>();
  const all: [Path, SurveyQuestion][] = [];
  s.sections.forEach((section, si) => {
    sectionCode(section.code, ['sections', si, 'code']);
    texts.push([['sections', si, 'title'], section.title]);
    section.questions.forEach((q, qi) => {
      const at: Path = ['sections', si, 'questions', qi];
      questionCode(q.code, [...at, 'code']);
      if (!order.has(q.code)) order.set(q.code, all.length);
      all.push([at, q]);
      texts.push([[...at, 'text'], q.text], [[...at, 'help'], q.help]);
      if (q.segment && q.type !== 'single' && q.type !== 'multiple') {
        report([...at, 'segment'], 'only single and multiple questions can be segments', 'segment_type');
      }
      if (q.type === 'single' || q.type === 'multiple') {
        const optionCode = firstSeen('option code');
        q.options.forEach((o, oi) => {
          optionCode(o.code, [...at, 'options', oi, 'code']);
          texts.push([[...at, 'options', oi, 'label'], o.label]);
          for (const [lang, label] of Object.entries(o.label)) {
            if (label.length > OPTION_LABEL_MAX) {
              const where = [...at, 'options', oi, 'label', lang];
              report(where, `at most ${OPTION_LABEL_MAX} characters`, 'label_long', { max: OPTION_LABEL_MAX });
            }
          }
        });
      }
      if (q.type === 'multiple' && q.maxChoices !== undefined) {
        const available = q.options.length + (q.other ? 1 : 0);
        if (q.maxChoices > available) {
          report([...at, 'maxChoices'], `is ${q.maxChoices} but only ${available} answers exist`, 'max_choices', { value: q.maxChoices, available });
        }
      }
      if (q.type === 'scale') {
        if (q.min >= q.max) report([...at, 'max'], `must be greater than min (${q.min})`, 'scale_range', { min: q.min });
        texts.push([[...at, 'minLabel'], q.minLabel], [[...at, 'maxLabel'], q.maxLabel]);
      }
      if (q.type === 'number' && q.min !== undefined && q.max !== undefined && q.min > q.max) {
        report([...at, 'max'], `must not be less than min (${q.min})`, 'number_range', { min: q.min });
      }
    });
  });

  // Skip logic, once every code and its position is known.
  all.forEach(([at, q], index) => {
    if (q.type !== 'single' || !q.skipTo) return;
    const codes = new Set(q.options.map((o) => o.code));
    q.skipTo.ifAnswer.forEach((code, i) => {
      if (!codes.has(code)) {
        report([...at, 'skipTo', 'ifAnswer', i], `"${code}" is not an option of ${q.code}`, 'skip_option', { option: code, code: q.code });
      }
    });
    const target = order.get(q.skipTo.goTo);
    const goTo: Path = [...at, 'skipTo', 'goTo'];
    if (target === undefined) report(goTo, `question "${q.skipTo.goTo}" does not exist`, 'skip_missing', { goTo: q.skipTo.goTo });
    else if (target <= index) {
      report(goTo, `must jump forward: "${q.skipTo.goTo}" is not after ${q.code}`, 'skip_backward', { goTo: q.skipTo.goTo, code: q.code });
    }
  });

  // One condition per question: a question may be jumped over by at most one rule.
  const jumpedBy = new Map<string, string>();
  all.forEach(([at, q], index) => {
    if (q.type !== 'single' || !q.skipTo) return;
    const target = order.get(q.skipTo.goTo);
    if (target === undefined || target <= index) return;
    for (let i = index + 1; i < target; i++) {
      const [, over] = all[i]!;
      const earlier = jumpedBy.get(over.code);
      if (earlier !== undefined) {
        report([...at, 'skipTo', 'goTo'], `jumps over ${over.code}, which ${earlier} already jumps over; skip rules may not overlap`, 'skip_overlap', {
          over: over.code,
          earlier,
        });
        return;
      }
      jumpedBy.set(over.code, q.code);
    }
  });

  for (const [path, text] of texts) {
    if (!text) continue;
    for (const lang of s.languages) {
      if (text[lang] === undefined) {
        const all = s.languages.join(', ');
        report([...path, lang], `missing the "${lang}" translation (languages: ${all})`, 'missing_translation', { language: lang, languages: all });
      }
    }
  }
}
