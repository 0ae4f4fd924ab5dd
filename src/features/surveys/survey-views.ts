// Messages about surveys themselves: the list, one survey's outline, the Answer card for a channel,
// invitations and reminders by direct message, import reports. Pure functions to neutral messages.
import { DateTime } from 'luxon';
import { actions, button, card, divider, fields, text, type Block, type OutboundMessage, type Translator } from '../../core/index.ts';
import { localize, surveyQuestions, type SurveyLanguage } from './survey-definition.ts';
import { surveyLanguage } from './survey-form.ts';
import { chunks, outlineSections } from './survey-outline-views.ts';
import type { SurveyRecord, Wave } from './survey.ts';

export const ANSWER_ACTION = 'survey:answer';

export const titleOf = (wave: Pick<Wave, 'definition'>, language: string): string => {
  const lang = surveyLanguage(wave.definition, language);
  return localize(wave.definition.title, lang, wave.definition.languages[0] as SurveyLanguage);
};

export const formatDate = (date: Date, language: string, timeZone: string): string =>
  DateTime.fromJSDate(date, { zone: timeZone }).setLocale(language).toLocaleString(DateTime.DATE_FULL);

/**
 * The number of questions the questionnaire will announce: the survey's, plus the closing "send now
 * or keep as a draft" choice organisation surveys ask (see SurveyService.formFor).
 */
export const announcedQuestions = (wave: Pick<Wave, 'definition' | 'anonymous'>): number =>
  surveyQuestions(wave.definition).length + (!wave.anonymous && wave.definition.responseUnit === 'organisation' ? 1 : 0);

function details(wave: Wave, language: string, t: Translator, timeZone: string, minSlice: number): string[] {
  const def = wave.definition;
  const lang = surveyLanguage(def, language);
  const description = def.description ? localize(def.description, lang, def.languages[0] as SurveyLanguage) : undefined;
  return [
    description,
    t('surveys.question_count', { count: announcedQuestions(wave) }),
    wave.closesAt ? t('surveys.closes_on', { date: formatDate(wave.closesAt, language, timeZone) }) : undefined,
    wave.anonymous ? t('surveys.anonymous_note', { min: minSlice }) : undefined,
    def.responseUnit === 'organisation' ? t('surveys.per_organisation') : undefined,
  ].filter((l): l is string => Boolean(l));
}

function answerCard(wave: Wave, heading: string, language: string, t: Translator, timeZone: string, minSlice: number): OutboundMessage {
  const lines = details(wave, language, t, timeZone, minSlice);
  const how = t('surveys.how_to_answer', { id: wave.surveyId });
  return {
    text: [heading, ...lines, how].join('\n'),
    card: card(heading, ...lines.map((l) => text(l)), actions(button(ANSWER_ACTION, t('surveys.answer_button'), wave.surveyId, 'primary')), text(how, true)),
  };
}

export const surveyCardMessage = (wave: Wave, language: string, t: Translator, timeZone: string, minSlice: number): OutboundMessage =>
  answerCard(wave, t('surveys.card_title_open', { title: titleOf(wave, language) }), language, t, timeZone, minSlice);

export const invitationMessage = (wave: Wave, language: string, t: Translator, timeZone: string, minSlice: number): OutboundMessage =>
  answerCard(wave, t('surveys.invite_title', { title: titleOf(wave, language) }), language, t, timeZone, minSlice);

export function reminderMessage(wave: Wave, language: string, t: Translator, timeZone: string): OutboundMessage {
  const heading = t('surveys.reminder_title', { title: titleOf(wave, language) });
  const when = wave.closesAt ? t('surveys.closes_on', { date: formatDate(wave.closesAt, language, timeZone) }) : '';
  const how = t('surveys.how_to_answer', { id: wave.surveyId });
  return {
    text: [heading, when, how].filter(Boolean).join('\n'),
    card: card(heading, ...(when ? [text(when)] : []), actions(button(ANSWER_ACTION, t('surveys.answer_button'), wave.surveyId, 'primary')), text(how, true)),
  };
}

export function listMessage(rows: Array<{ survey: SurveyRecord; wave: Wave | null; mine: string }>, language: string, t: Translator): OutboundMessage {
  const title = t('surveys.list_title', { count: rows.length });
  if (rows.length === 0) return { text: t('surveys.list_empty') };
  const pairs = rows.map(({ survey, wave, mine }): [string, string] => [
    `${survey.id} · ${titleOf(survey, language)}`,
    [t(`surveys.status_${wave?.status ?? 'draft'}`), wave ? t('surveys.wave', { wave: wave.wave }) : '', wave?.anonymous ? t('surveys.anonymous') : '', mine]
      .filter(Boolean)
      .join(' · '),
  ]);
  return { text: `${title}\n${pairs.map(([a, b]) => `${a}: ${b}`).join('\n')}`, card: card(title, fields(pairs)) };
}

export function showMessage(survey: SurveyRecord, wave: Wave, language: string, t: Translator, timeZone: string, minSlice: number): OutboundMessage {
  const def = wave.definition;
  const heading = `${titleOf(wave, language)} (${survey.id}, v${wave.version}, ${t('surveys.wave', { wave: wave.wave })})`;
  const status = t(`surveys.status_${wave.status}`);
  const info = [status, ...details(wave, language, t, timeZone, minSlice), t('surveys.languages', { languages: def.languages.join(', ') })];
  const sections = outlineSections(def, language, t);
  const blocks: Block[] = [...info.map((l) => text(l)), divider(), ...sections.flatMap((s) => chunks(s).map((c) => text(c)))];
  if (wave.status === 'open') blocks.push(actions(button(ANSWER_ACTION, t('surveys.answer_button'), survey.id, 'primary')));
  return { text: [heading, ...info, '', sections.join('\n\n')].join('\n'), card: card(heading, ...blocks) };
}

export { importMessage } from './survey-import-views.ts';

/** The surveys part of a person's home: open surveys still waiting for their answers. */
export function homeBlocks(waiting: Wave[], language: string, t: Translator): Block[] {
  if (waiting.length === 0) return [];
  return [
    text(`*${t('surveys.home_title', { count: waiting.length })}*`),
    ...waiting.map((w) => actions(button(ANSWER_ACTION, `${t('surveys.answer_button')}: ${titleOf(w, language)}`.slice(0, 75), w.surveyId, 'primary'))),
  ];
}
