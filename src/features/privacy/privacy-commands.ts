// /privacy: the notice, the export and the erasure (a member erases themselves; an admin erases a
// member on request), the notice at first contact, and the daily retention pass.
import {
  arg,
  hasRole,
  problemMessage,
  subcommand,
  type Feature,
  type FeatureContext,
  type Member,
  type OutboundMessage,
  type Translator,
} from '../../core/index.ts';
import type { PrivacyStore } from './privacy-repository.ts';
import { PrivacyService } from './privacy-service.ts';
import { confirmMessage, ERASE_ACTION, exportMessage, noticeMessage, readConfirmation } from './privacy-views.ts';

const CONFIRM_MS = 10 * 60_000;

export interface PrivacyDeps {
  store: PrivacyStore;
  retentionDays: number;
}

export function registerPrivacy(ctx: FeatureContext, deps: PrivacyDeps): Feature {
  const service = new PrivacyService({
    members: ctx.members,
    providers: () => ctx.personalData.all(),
    store: deps.store,
    clock: ctx.clock,
    retentionDays: deps.retentionDays,
  });

  /** Erases `target` once `actor` may: themselves, or anyone for an admin. */
  async function erase(actor: Member, target: Member, t: Translator): Promise<OutboundMessage> {
    if (target.id !== actor.id && !hasRole(actor, 'admin')) return { text: t('privacy.delete_only_self') };
    const erased = await service.erase(target.id);
    if (!erased.ok) return problemMessage(t, erased.error);
    return { text: target.id === actor.id ? t('privacy.delete_done_self') : t('privacy.delete_done_admin', { name: erased.value.name }) };
  }

  ctx.commands.add({
    name: 'privacy',
    description: 'privacy.description',
    subcommands: [
      subcommand({
        name: '',
        description: 'privacy.cmd_show',
        role: 'member',
        args: {},
        run: async ({ t }) => noticeMessage(t, deps.retentionDays),
      }),
      subcommand({
        name: 'export',
        description: 'privacy.cmd_export',
        role: 'member',
        args: {},
        run: async ({ member, t }) => {
          const data = await service.exportFor(member);
          return exportMessage(data, t, `filiera-${data.generatedAt.slice(0, 10)}-${member.platformId.replace(/[^\w-]/g, '')}.json`);
        },
      }),
      subcommand({
        name: 'delete',
        description: 'privacy.cmd_delete',
        role: 'member',
        args: {
          member: arg.string({ description: 'privacy.arg_member', suggest: 'member', example: '@marco' }),
          confirm: arg.flag({ description: 'privacy.arg_confirm' }),
        },
        run: async ({ member, args, t, event }) => {
          let target = member;
          if (args.member) {
            if (!hasRole(member, 'admin')) return { text: t('privacy.delete_only_self') };
            const found = await ctx.members.find(event.platform, args.member.replace(/^<@!?|>$/g, ''));
            if (!found) return { text: t('privacy.no_member_named', { name: args.member }) };
            target = found;
          }
          if (args.confirm) return erase(member, target, t);
          const command = `/privacy delete${args.member ? ` ${args.member}` : ''} confirm`;
          return confirmMessage(t, { name: target.displayName, memberId: target.id, expiresAt: new Date(ctx.clock.now().getTime() + CONFIRM_MS), command });
        },
      }),
    ],
  });

  ctx.onAction(ERASE_ACTION, async ({ event, member, t, responder }) => {
    const confirmation = readConfirmation(event.value);
    if (!confirmation || confirmation.expiresAt < ctx.clock.now().getTime()) return { text: t('privacy.delete_expired') };
    const target = await ctx.members.get(confirmation.memberId);
    if (!target) return { text: t('privacy.no_member') };
    const done = await erase(member, target, t);
    // The confirmation card becomes the outcome, so its button cannot be pressed twice.
    if (!responder.updateSource) return done;
    await responder.updateSource(done);
  });

  ctx.onFirstContact(async ({ t }) => noticeMessage(t, deps.retentionDays, t('privacy.welcome')));

  return {
    name: 'privacy',
    jobs: [
      {
        name: 'privacy-retention',
        description: 'Empties sent messages, delivery ids and finished work older than the retention period',
        cron: '20 3 * * *',
        run: async ({ now }) => {
          const pruned = await service.prune(now);
          return `privacy retention: ${pruned.messages} messages emptied, ${pruned.deliveries} delivery ids and ${pruned.work} work rows removed`;
        },
      },
    ],
  };
}
