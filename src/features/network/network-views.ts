// What /network shows: a member's profile line, the member list, and the profile form.
import { card, fields, type FormSpec, type Member, type OutboundMessage, type Translator } from '../../core/index.ts';

export const PROFILE_FORM = 'network:profile';

export function profileForm(member: Member, languages: readonly string[], t: Translator): FormSpec {
  return {
    formId: PROFILE_FORM,
    title: t('network.profile_title'),
    fields: [
      {
        id: 'language',
        kind: 'choice',
        label: t('network.field_language'),
        required: true,
        options: languages.map((l) => ({ value: l, label: t(`language.${l}`) })),
      },
      { id: 'timeZone', kind: 'text', label: t('network.field_timezone'), required: true, maxLength: 60, placeholder: member.timeZone ?? 'Europe/Rome' },
      { id: 'country', kind: 'text', label: t('network.field_country'), required: false, maxLength: 60 },
      { id: 'cluster', kind: 'text', label: t('network.field_cluster'), required: false, maxLength: 120 },
    ],
  };
}

/** The member's stored values, as the form's current answers. */
export const profileValues = (member: Member): Record<string, string> =>
  Object.fromEntries(
    Object.entries({ language: member.language, timeZone: member.timeZone, country: member.country, cluster: member.cluster }).filter(
      (e): e is [string, string] => Boolean(e[1]),
    ),
  );

export const profileLine = (m: Member, t: Translator, language: string): string =>
  t('network.me_text', { name: m.displayName, role: t(`role.${m.role}`), language, timeZone: m.timeZone ?? '—' }) +
  (m.cluster ? ` · ${m.cluster}` : '') +
  (m.country ? ` (${m.country})` : '');

export function membersMessage(all: Member[], t: Translator): OutboundMessage {
  const rows = all.map((m): [string, string] => [
    m.displayName,
    `${t(`role.${m.role}`)}${m.cluster ? ` · ${m.cluster}` : ''}${m.country ? ` · ${m.country}` : ''}`,
  ]);
  const title = t('network.members_title', { count: all.length });
  if (rows.length === 0) return { text: title };
  return { text: `${title}\n${rows.map(([a, b]) => `${a}: ${b}`).join('\n')}`, card: card(title, fields(rows)) };
}
