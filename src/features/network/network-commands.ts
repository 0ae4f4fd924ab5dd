// /network: a member's own profile and, for staff and admins, the member list and role grants.
// Time zones are suggested as they are typed where the platform can (Discord autocomplete).
import { arg, problemMessage, ROLES, subcommand, type Feature, type FeatureContext, type FormOutcome, type OutboundMessage } from '../../core/index.ts';
import { NetworkService } from './network-service.ts';
import { membersMessage, PROFILE_FORM, profileForm, profileLine, profileValues } from './network-views.ts';

const TIME_ZONE_SUGGESTIONS = 25;

export function registerNetwork(ctx: FeatureContext, _deps: { defaultTimeZone: string }): Feature {
  const languages = ctx.languages.list;
  const service = new NetworkService({ members: ctx.members, languages });

  ctx.commands.add({
    name: 'network',
    description: 'network.description',
    subcommands: [
      subcommand({
        name: 'me',
        description: 'network.me',
        role: 'member',
        args: {},
        run: async ({ member, t, language }) => ({ text: profileLine(member, t, language) }),
      }),
      subcommand({
        name: 'profile',
        description: 'network.profile',
        role: 'member',
        args: {},
        run: async ({ member, t, responder, event }) => {
          const how = await ctx.questionnaires.ask(event.user, profileForm(member, languages, t), t, { responder, current: profileValues(member) });
          return how === 'questionnaire' && !event.isDirect ? { text: t('core.sent_by_dm') } : undefined;
        },
      }),
      subcommand({
        name: 'set',
        description: 'network.set',
        role: 'member',
        args: {
          language: arg.choice(languages as [string, ...string[]], { description: 'network.field_language' }).named(),
          timezone: arg.string({ description: 'network.field_timezone', suggest: 'timezone', example: 'Europe/Rome' }).named(),
        },
        run: async ({ member, args, language, t }) => {
          const updated = await service.updateProfile(member, { language: args.language, timeZone: args.timezone });
          if (!updated.ok) return problemMessage(t, updated.error);
          const lang = updated.value.language ?? language;
          return { text: ctx.languages.translator(lang)('network.set_done', { language: lang, timeZone: updated.value.timeZone ?? '—' }) };
        },
      }),
      subcommand({
        name: 'members',
        description: 'network.members',
        role: 'staff',
        args: {},
        run: async ({ t, event }) => membersMessage(await service.members(event.platform), t),
      }),
      subcommand({
        name: 'role',
        description: 'network.role',
        role: 'admin',
        args: {
          member: arg.string({ description: 'network.arg_member', suggest: 'member', example: '@giulia' }).required(),
          role: arg.choice(ROLES, { description: 'network.arg_role' }).required(),
        },
        run: async ({ t, args, event }) => {
          const granted = await service.grantRole(event.platform, args.member, args.role);
          if (!granted.ok) return problemMessage(t, granted.error);
          return { text: t('network.role_done', { name: granted.value.displayName, role: t(`role.${granted.value.role}`) }) };
        },
      }),
    ],
  });

  ctx.onForm(PROFILE_FORM, async ({ event, member, t: asked }): Promise<FormOutcome | OutboundMessage> => {
    const value = (id: string) => (typeof event.values[id] === 'string' ? (event.values[id] as string) : undefined);
    const language = value('language');
    const t = language && languages.includes(language) ? ctx.languages.translator(language) : asked;
    const updated = await service.updateProfile(member, {
      language,
      timeZone: value('timeZone'),
      country: value('country') ?? null,
      cluster: value('cluster') ?? null,
    });
    if (!updated.ok)
      return { ok: false, fieldErrors: { [updated.error.key === 'network.bad_timezone' ? 'timeZone' : 'language']: t(updated.error.key, updated.error.vars) } };
    return { text: `${t('network.profile_saved')}\n${profileLine(updated.value, t, updated.value.language ?? language ?? '')}` };
  });

  ctx.onSuggest('timezone', async ({ query }) => {
    const needle = query.toLowerCase().replace(/\s+/g, '_');
    return Intl.supportedValuesOf('timeZone')
      .filter((zone) => zone.toLowerCase().includes(needle))
      .slice(0, TIME_ZONE_SUGGESTIONS)
      .map((zone) => ({ label: zone, value: zone }));
  });
  ctx.onSuggest('member', async ({ member, query }) => {
    const needle = query.toLowerCase();
    return (await service.members(member.platform))
      .filter((m) => m.displayName.toLowerCase().includes(needle))
      .slice(0, 25)
      .map((m) => ({ label: m.displayName, value: m.platformId }));
  });

  return { name: 'network', jobs: [] };
}
