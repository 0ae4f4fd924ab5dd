// Pure views of exchange profiles: the profile form (whole, or one group of fields), each field
// showing what is stored now in words (the shell renders the card, so it is in the card too), the
// stored profile as form values, and the profile card.
import { card, fields, text, type FormField, type FormSpec, type FormValues, type Member, type OutboundMessage, type Translator } from '../../core/index.ts';
import { CLUSTER_TYPES, PROFILE_LANGUAGES, TOPICS, type Profile } from './exchange.ts';
import { countryName } from './exchange-countries.ts';
import { PROFILE_GROUPS, type ProfileGroup } from './exchange-profile.ts';
import { languageList, localDate, topicLabel, topicList } from './exchange-views.ts';

export const PROFILE_FORM = 'exchange:profile';

/** The stored value of a field in words, or null when nothing is stored. */
function shown(field: string, profile: Profile, t: Translator): string | null {
  const value = ((): string => {
    switch (field) {
      case 'clusterType':
        return t(`exchange.type.${profile.clusterType}`);
      case 'country':
        return countryName(profile.country, t('exchange.locale'));
      case 'firms':
        return profile.firms === null ? '' : String(profile.firms);
      case 'languages':
        return languageList(t, profile.languages);
      case 'canHelp':
        return topicList(t, profile.canHelp);
      case 'needsHelp':
        return topicList(t, profile.needsHelp);
      case 'tags':
        return profile.tags.join(', ');
      default:
        return String(profile[field as 'clusterName' | 'sector' | 'region' | 'experience'] ?? '');
    }
  })();
  return value ? value : null;
}

/** The profile form; with a group, only its fields. Each field says what is stored and how to keep or clear it. */
export function profileForm(t: Translator, current: Profile | null = null, group?: ProfileGroup): FormSpec {
  const topics = TOPICS.map((value) => ({ value, label: topicLabel(t, value) }));
  const all: FormField[] = [
    { id: 'clusterName', kind: 'text', label: t('exchange.field_cluster'), required: true, maxLength: 120 },
    { id: 'sector', kind: 'text', label: t('exchange.field_sector'), required: true, maxLength: 80 },
    {
      id: 'clusterType',
      kind: 'choice',
      label: t('exchange.field_type'),
      required: true,
      options: CLUSTER_TYPES.map((value) => ({ value, label: t(`exchange.type.${value}`) })),
    },
    { id: 'country', kind: 'text', label: t('exchange.field_country'), help: t('exchange.field_country_help'), required: true, maxLength: 60 },
    { id: 'region', kind: 'text', label: t('exchange.field_region'), required: false, maxLength: 60 },
    { id: 'firms', kind: 'number', label: t('exchange.field_firms'), required: false, min: 0, max: 100000, integer: true },
    {
      id: 'languages',
      kind: 'choice',
      label: t('exchange.field_languages'),
      required: true,
      multiple: true,
      options: PROFILE_LANGUAGES.map((value) => ({ value, label: t(`exchange.language.${value}`) })),
    },
    { id: 'canHelp', kind: 'choice', label: t('exchange.field_can_help'), required: false, multiple: true, options: topics },
    { id: 'needsHelp', kind: 'choice', label: t('exchange.field_needs_help'), required: false, multiple: true, options: topics },
    { id: 'tags', kind: 'text', label: t('exchange.field_tags'), help: t('exchange.field_tags_help'), required: false, maxLength: 200 },
    {
      id: 'experience',
      kind: 'text',
      label: t('exchange.field_experience'),
      help: t('exchange.field_experience_help'),
      required: false,
      multiline: true,
      maxLength: 500,
    },
  ];
  const wanted = group ? PROFILE_GROUPS[group] : null;
  const chosen = wanted ? all.filter((f) => (wanted as readonly string[]).includes(f.id)) : all;
  return {
    formId: PROFILE_FORM,
    title: group ? t('exchange.profile_edit_title', { field: t(`exchange.group.${group}`) }) : t('exchange.profile_title'),
    ...(group ? { context: group } : {}),
    fields: chosen.map((field) => {
      const now = current ? shown(field.id, current, t) : null;
      if (!now) return field;
      // Once a profile exists, nothing is required again: leaving a field out keeps what is stored.
      const keep = t(field.required ? 'exchange.field_now_keep' : 'exchange.field_now_keep_or_clear', { value: now });
      return { ...field, required: false, help: [field.help, keep].filter(Boolean).join(' ') };
    }),
  };
}

/** The stored profile as form answers, so editing starts from what is there. */
export function profilePrefill(profile: Profile | null, member: Member): FormValues {
  if (!profile)
    return Object.fromEntries(
      Object.entries({ clusterName: member.cluster, country: member.country, languages: member.language ? [member.language] : null }).filter(([, v]) => v),
    ) as FormValues;
  const values: FormValues = {
    clusterName: profile.clusterName,
    sector: profile.sector,
    clusterType: profile.clusterType,
    country: profile.country,
    languages: profile.languages,
    canHelp: profile.canHelp,
    needsHelp: profile.needsHelp,
  };
  if (profile.region) values.region = profile.region;
  if (profile.firms !== null) values.firms = String(profile.firms);
  if (profile.tags.length) values.tags = profile.tags.join(', ');
  if (profile.experience) values.experience = profile.experience;
  return values;
}

export function availabilityText(profile: Profile, t: Translator, timeZone: string): string {
  if (profile.optedOut) return t('exchange.availability_out');
  const every = t(`exchange.frequency.${profile.frequency}`);
  return profile.snoozedUntil
    ? t('exchange.availability_snoozed', { every, date: localDate(profile.snoozedUntil, timeZone) })
    : t('exchange.availability_on', { every });
}

export function profileMessage(profile: Profile, member: Member, t: Translator, timeZone: string, heading?: string): OutboundMessage {
  const rows: Array<[string, string]> = [
    [t('exchange.field_cluster'), profile.clusterName],
    [t('exchange.field_sector'), `${profile.sector} · ${t(`exchange.type.${profile.clusterType}`)}`],
    [t('exchange.field_country'), [countryName(profile.country, t('exchange.locale')), profile.region].filter(Boolean).join(', ')],
    [t('exchange.field_firms'), profile.firms === null ? '—' : String(profile.firms)],
    [t('exchange.field_languages'), languageList(t, profile.languages) || '—'],
    [t('exchange.field_can_help'), topicList(t, profile.canHelp) || '—'],
    [t('exchange.field_needs_help'), topicList(t, profile.needsHelp) || '—'],
    [t('exchange.field_tags'), profile.tags.join(', ') || '—'],
    [t('exchange.field_experience'), profile.experience || '—'],
    [t('exchange.availability'), availabilityText(profile, t, timeZone)],
  ];
  const title = t('exchange.profile_of', { name: member.displayName });
  const lines = [title, ...rows.map(([k, v]) => `${k}: ${v}`), t('exchange.profile_edit_hint')];
  const hint = text(t('exchange.profile_edit_hint'), true);
  return heading
    ? { text: [heading, ...lines].join('\n'), card: card(title, text(heading), fields(rows), hint) }
    : { text: lines.join('\n'), card: card(title, fields(rows), hint) };
}
