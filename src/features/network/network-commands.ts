// /network: a member's own profile (language, time zone, country, cluster) and, for admins,
// the member list and role grants.
import { z } from 'zod';
import {
  card,
  fields,
  isTimeZone,
  UserFacingError,
  type Bot,
  type CommandSpec,
  type FormOutcome,
  type FormSpec,
  type Member,
  type OutboundMessage,
  type MemberDirectory,
  type Translator,
} from '../../core/index.ts';

const PROFILE_FORM = 'network:profile';

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

const profileView = (m: Member, t: Translator, language: string) =>
  t('network.me_text', { name: m.displayName, role: t(`role.${m.role}`), language, timeZone: m.timeZone ?? '—' }) +
  (m.cluster ? ` · ${m.cluster}` : '') +
  (m.country ? ` (${m.country})` : '');

export function registerNetwork(bot: Bot, deps: { members: MemberDirectory; languages: readonly string[]; defaultTimeZone: string }): void {
  const { members, languages } = deps;
  const spec: CommandSpec = {
    name: 'network',
    description: 'network.description',
    subcommands: [
      {
        name: 'me',
        description: 'network.me',
        role: 'member',
        args: [],
        run: async ({ member, t, language }) => ({ text: profileView(member, t, language) }),
      },
      {
        name: 'profile',
        description: 'network.profile',
        role: 'member',
        args: [],
        run: async ({ member, t, responder, event }) => {
          const prefill = Object.fromEntries(
            Object.entries({ language: member.language, timeZone: member.timeZone, country: member.country, cluster: member.cluster }).filter(([, v]) => v),
          ) as Record<string, string>;
          const how = await bot.ask(event.user, profileForm(member, languages, t), t, { responder, prefill });
          return how === 'questionnaire' && !event.isDirect ? { text: t('core.sent_by_dm') } : undefined;
        },
      },
      {
        name: 'set',
        description: 'network.set',
        role: 'member',
        args: [
          { name: 'language', kind: 'string', named: true, choices: languages, description: 'network.field_language' },
          { name: 'timezone', kind: 'string', named: true, description: 'network.field_timezone' },
        ],
        run: async ({ member, args, language }) => {
          const timeZone = args.timezone as string | undefined;
          if (timeZone && !isTimeZone(timeZone)) throw new UserFacingError('network.bad_timezone', { timeZone });
          const updated = await members.update(member.id, {
            ...(args.language ? { language: args.language as string } : {}),
            ...(timeZone ? { timeZone } : {}),
          });
          const lang = updated.language ?? language;
          return { text: bot.translator(lang)('network.set_done', { language: lang, timeZone: updated.timeZone ?? '—' }) };
        },
      },
      {
        name: 'members',
        description: 'network.members',
        role: 'staff',
        args: [],
        run: async ({ t, event }) => {
          const all = await members.list({ platform: event.platform });
          const rows = all.map((m): [string, string] => [
            m.displayName,
            `${t(`role.${m.role}`)}${m.cluster ? ` · ${m.cluster}` : ''}${m.country ? ` · ${m.country}` : ''}`,
          ]);
          const title = t('network.members_title', { count: all.length });
          return { text: `${title}\n${rows.map(([a, b]) => `${a}: ${b}`).join('\n')}`, card: card(title, fields(rows)) };
        },
      },
      {
        name: 'role',
        description: 'network.role',
        role: 'admin',
        args: [
          { name: 'member', kind: 'string', required: true, description: 'network.role', suggest: 'member' },
          { name: 'role', kind: 'string', required: true, choices: ['member', 'staff', 'admin'], description: 'network.role' },
        ],
        run: async ({ t, args, event }) => {
          const target = await members.find(event.platform, args.member as string);
          if (!target) throw new UserFacingError('network.no_member', { name: args.member as string });
          const updated = await members.setRole(target.id, args.role as Member['role']);
          return { text: t('network.role_done', { name: updated.displayName, role: t(`role.${updated.role}`) }) };
        },
      },
    ],
  };
  bot.command(spec);

  const ProfileValues = z.object({ language: z.string(), timeZone: z.string(), country: z.string().optional(), cluster: z.string().optional() });
  bot.onForm(PROFILE_FORM, async ({ event, member, t: asked }): Promise<FormOutcome | OutboundMessage> => {
    const values = ProfileValues.safeParse(event.values);
    if (!values.success) return { ok: false, fieldErrors: { language: asked('form.error.required') } };
    if (!isTimeZone(values.data.timeZone))
      return { ok: false, fieldErrors: { timeZone: bot.translator(values.data.language)('network.bad_timezone', { timeZone: values.data.timeZone }) } };
    const updated = await members.update(member.id, {
      language: values.data.language,
      timeZone: values.data.timeZone,
      country: values.data.country ?? null,
      cluster: values.data.cluster ?? null,
    });
    const t = bot.translator(values.data.language);
    return { text: `${t('network.profile_saved')}\n${profileView(updated, t, values.data.language)}` };
  });
}
