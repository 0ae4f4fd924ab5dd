// A survey's outline for /survey show: each question with its type, its answers and its skip rule,
// so an admin can check an import (a LimeSurvey file, say) before opening it.
import type { Translator } from '../../core/index.ts';
import { localize, type SurveyDefinition, type SurveyLanguage, type SurveyQuestion } from './survey-definition.ts';
import { surveyLanguage } from './survey-form.ts';

/** Chat platforms cap one text block (Slack: 3,000 characters); longer outlines are split by line. */
const BLOCK_MAX = 2800;

export function chunks(textValue: string, max = BLOCK_MAX): string[] {
  const out: string[] = [];
  let current = '';
  for (const line of textValue.split('\n')) {
    if (current && current.length + line.length + 1 > max) {
      out.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line.slice(0, max);
  }
  return current ? [...out, current] : out;
}

function typeLine(q: SurveyQuestion, l: (text: Parameters<typeof localize>[0]) => string, t: Translator): string {
  switch (q.type) {
    case 'scale': {
      const [minLabel, maxLabel] = [l(q.minLabel), l(q.maxLabel)];
      // Labels that only repeat the numbers ("1" … "5") add nothing.
      if (minLabel === String(q.min) && maxLabel === String(q.max)) return t('surveys.show_type.scale_plain', { min: q.min, max: q.max });
      return t('surveys.show_type.scale', { min: q.min, max: q.max, minLabel, maxLabel });
    }
    case 'number':
      if (q.min !== undefined && q.max !== undefined) return t('surveys.show_type.number_range', { min: q.min, max: q.max });
      if (q.min !== undefined) return t('surveys.show_type.number_min', { min: q.min });
      if (q.max !== undefined) return t('surveys.show_type.number_max', { max: q.max });
      return t('surveys.show_type.number');
    default:
      return t(`surveys.show_type.${q.type}`);
  }
}

function questionLines(q: SurveyQuestion, l: (text: Parameters<typeof localize>[0]) => string, t: Translator): string[] {
  const kind = [typeLine(q, l, t), q.required ? '' : t('surveys.show_optional')].filter(Boolean).join(', ');
  const lines = [`• *${q.code}* ${l(q.text)} _(${kind})_`];
  if (q.type === 'single' || q.type === 'multiple') {
    q.options.forEach((o, i) => lines.push(`    ${i + 1}. ${l(o.label)}`));
    if (q.type === 'multiple' && q.other) lines.push(`    ${q.options.length + 1}. ${t('surveys.show_other')}`);
  }
  if (q.type === 'single' && q.skipTo) {
    const labels = new Map(q.options.map((o) => [o.code, l(o.label)]));
    const answers = q.skipTo.ifAnswer.map((code) => `“${labels.get(code) ?? code}”`).join(' / ');
    lines.push(`    ↳ ${t('surveys.show_skip', { answers, goTo: q.skipTo.goTo })}`);
  }
  return lines;
}

/** One text per section: its title, then every question with type, answers and skip rule. */
export function outlineSections(def: SurveyDefinition, language: string, t: Translator): string[] {
  const lang = surveyLanguage(def, language);
  const fallback = def.languages[0] as SurveyLanguage;
  const l = (text: Parameters<typeof localize>[0]) => localize(text, lang, fallback);
  return def.sections.map((s) => [`*${l(s.title)}*`, ...s.questions.flatMap((q) => questionLines(q, l, t))].join('\n'));
}
