// What the privacy feature shows: the notice (the same at first contact and on /privacy), the export
// as a JSON file with a readable summary, and the confirmation before an erasure.
import { actions, button, card, text, type OutboundMessage, type Translator } from '../../core/index.ts';
import type { PersonalExport } from './privacy-service.ts';

export const ERASE_ACTION = 'privacy:erase';

export function noticeMessage(t: Translator, retentionDays: number, intro?: string): OutboundMessage {
  const title = t('privacy.notice_title');
  const body = t('privacy.notice', { days: retentionDays });
  const how = t('privacy.notice_how');
  return {
    text: [intro, `*${title}*`, body, how].filter(Boolean).join('\n\n'),
    card: card(title, ...(intro ? [text(intro)] : []), text(body), text(how, true)),
  };
}

export function exportMessage(data: PersonalExport, t: Translator, filename: string): OutboundMessage {
  const counts = Object.entries(data.sections).map(([name, tables]) => ({ name, count: Object.values(tables).reduce((n, rows) => n + rows.length, 0) }));
  // Section names are the providers' own (a later feature adds its own); a known one reads in the person's language.
  const label = (name: string) => t(`privacy.section_${name}`, { defaultValue: name });
  const summary = [{ name: 'member', count: 1 + data.identities.length }, ...counts]
    .map((c) => t('privacy.export_section', { name: label(c.name), count: c.count }))
    .join(', ');
  return {
    text: t('privacy.export_done', { file: filename, summary }),
    attachments: [{ filename, mediaType: 'application/json', base64: Buffer.from(JSON.stringify(data, null, 2), 'utf8').toString('base64') }],
  };
}

/** The confirmation: a button carrying who is erased and until when it may be pressed, and the typed alternative. */
export function confirmMessage(t: Translator, input: { name: string; memberId: string; expiresAt: Date; command: string }): OutboundMessage {
  const body = t('privacy.delete_confirm', { name: input.name, command: input.command });
  const value = `${input.memberId}~${input.expiresAt.getTime()}`;
  return { text: body, card: card(undefined, text(body), actions(button(ERASE_ACTION, t('privacy.delete_button'), value, 'danger'))) };
}

export function readConfirmation(value: string | undefined): { memberId: string; expiresAt: number } | null {
  const m = /^(.+)~(\d+)$/.exec(value ?? '');
  return m ? { memberId: m[1]!, expiresAt: Number(m[2]) } : null;
}
