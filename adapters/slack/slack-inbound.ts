// Slack payloads to neutral inbound events: slash commands, button and select presses, modal
// submissions, direct and thread messages, and the App Home. Every listener acknowledges first
// (a modal submission as soon as the core has judged it) and does slow work afterwards.
import type { App, BlockAction, RespondFn } from '@slack/bolt';
import type { InboundEvent, InboundHandler, Logger, OutboundMessage, Translator, UserRef } from '../../src/core/index.ts';
import { decodeActionId, homeView, LINK_ACTION, modalErrors, modalValues, type ModalMetadata } from './slack-blocks.ts';
import { redact } from './slack-errors.ts';
import type { SlackOutbound } from './slack-outbound.ts';
import { decodeRef, normaliseCommandText, slackRef, type SlackPlace } from './slack-refs.ts';
import { slackResponder, type InteractionContext } from './slack-responder.ts';

/** Slack closes a modal submission as failed after 3 s; past this the modal is closed and errors go by message. */
export const VIEW_ACK_DEADLINE_MS = 2500;
/** Context key holding when the request arrived (stamped by the HTTP receiver, or by the first middleware). */
export const RECEIVED_AT = 'filieraReceivedAt';

export interface InboundDeps {
  outbound: SlackOutbound;
  logger: Logger;
  handler(): InboundHandler | null;
  translator(language?: string): Translator;
  home?: (user: UserRef, locale?: string) => Promise<OutboundMessage>;
  /** How long a modal submission may take before it is acknowledged anyway (tests shorten it). */
  viewAckDeadlineMs?: number;
  /** How long after receipt a trigger id is still used to open a modal. */
  triggerWindowMs?: number;
  /** Told about every request's work, acknowledged or not (the adapter's idle()). */
  track?(work: Promise<unknown>): void;
}

type Base = Pick<InboundEvent, 'platform' | 'user' | 'conversation' | 'isDirect' | 'locale' | 'timeZone'> & { deliveryId?: string };

export function registerInbound(app: App, deps: InboundDeps): void {
  const { outbound, logger } = deps;

  async function person(userId: string): Promise<{ user: UserRef; locale?: string; timeZone?: string }> {
    const profile = await outbound.profile(userId);
    return {
      user: { platform: 'slack', id: userId, ...(profile.displayName ? { displayName: profile.displayName } : {}) },
      ...(profile.locale ? { locale: profile.locale } : {}),
      ...(profile.timeZone ? { timeZone: profile.timeZone } : {}),
    };
  }

  async function base(userId: string, place: SlackPlace | undefined, deliveryId: string | undefined): Promise<Base & { place?: SlackPlace }> {
    const who = await person(userId);
    const isDirect = place ? await outbound.isBotDirect(userId, place.channel) : true;
    const conversation = place ? slackRef(place.channel, place.threadTs) : slackRef(await outbound.openDirect(userId));
    return { platform: 'slack', ...who, conversation, isDirect, ...(deliveryId ? { deliveryId } : {}), ...(place ? { place } : {}) };
  }

  function interaction(b: Base & { place?: SlackPlace }, extra: Partial<InteractionContext>): InteractionContext {
    return {
      outbound,
      user: b.user.id,
      isDirect: b.isDirect,
      receivedAt: Date.now(),
      translator: deps.translator,
      ...(deps.triggerWindowMs !== undefined ? { triggerWindowMs: deps.triggerWindowMs } : {}),
      ...(b.place ? { place: b.place } : {}),
      ...(b.locale ? { language: b.locale } : {}),
      ...extra,
    };
  }

  const fail = (what: string) => (error: unknown) => logger.error({ what, reason: redact(String((error as Error)?.message ?? error)) }, 'slack event failed');

  app.command(/.*/, async ({ command, ack, respond }) => {
    const receivedAt = Date.now();
    await ack();
    const handle = deps.handler();
    if (!handle) return;
    const b = await base(command.user_id, { channel: command.channel_id }, command.trigger_id ? `command:${command.trigger_id}` : undefined);
    const event: InboundEvent = { ...b, kind: 'command', name: command.command.replace(/^\//, ''), text: normaliseCommandText(command.text ?? '') };
    await handle(event, slackResponder({ ...interaction(b, { respond, triggerId: command.trigger_id }), receivedAt })).catch(fail('command'));
  });

  app.action(/.*/, async ({ body, action, ack, respond }) => {
    const receivedAt = Date.now();
    await ack();
    const handle = deps.handler();
    if (!handle || body.type !== 'block_actions') return;
    const press = action as BlockAction['actions'][number];
    const actionId = decodeActionId(press.action_id);
    if (actionId === LINK_ACTION) return;
    const value =
      'value' in press && typeof press.value === 'string'
        ? press.value
        : 'selected_option' in press && press.selected_option
          ? press.selected_option.value
          : undefined;
    const b = body as BlockAction;
    const container = b.container as { type?: string; message_ts?: string; channel_id?: string; is_ephemeral?: boolean; thread_ts?: string };
    const channel = b.channel?.id ?? container.channel_id;
    const messageTs = b.message?.ts ?? container.message_ts;
    const threadTs = (b.message as { thread_ts?: string } | undefined)?.thread_ts ?? container.thread_ts;
    const place: SlackPlace | undefined = channel ? { channel, ...(threadTs && threadTs !== messageTs ? { threadTs } : {}) } : undefined;
    const bb = await base(b.user.id, place, `action:${b.trigger_id}:${press.action_ts}`);
    const source = channel && messageTs ? { channel, ts: messageTs, ephemeral: Boolean(container.is_ephemeral) } : undefined;
    const event: InboundEvent = {
      ...bb,
      kind: 'action',
      actionId,
      ...(value !== undefined ? { value } : {}),
      ...(source ? { source: { conversation: slackRef(source.channel, place?.threadTs), id: source.ts } } : {}),
    };
    const responder = slackResponder({
      ...interaction(bb, {
        triggerId: b.trigger_id,
        ...(source ? { source } : {}),
        ...(container.type === 'message' ? { respond: respond as RespondFn } : {}),
      }),
      receivedAt,
    });
    await handle(event, responder).catch(fail('action'));
  });

  app.use(async ({ context, next }) => {
    context[RECEIVED_AT] ??= Date.now();
    const work = next();
    deps.track?.(work);
    await work;
  });

  app.view(/.*/, async ({ body, view, ack, context }) => {
    // The deadline runs from the request's arrival, and everything before the verdict races it:
    // looking the person up (users.info, slow after a restart) counts against Slack's 3 seconds too.
    const arrived = typeof context[RECEIVED_AT] === 'number' ? (context[RECEIVED_AT] as number) : Date.now();
    const budget = Math.max(0, (deps.viewAckDeadlineMs ?? VIEW_ACK_DEADLINE_MS) - (Date.now() - arrived));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), budget)));
    const handle = deps.handler();
    if (!handle) return void (await ack());
    const judged = (async () => {
      const meta = parseMetadata(view.private_metadata);
      const place = meta.conversation ? safePlace(meta.conversation) : undefined;
      const trigger = (body as { trigger_id?: string }).trigger_id;
      const b = await base(body.user.id, place, `view:${trigger ?? `${view.id}:${view.hash}`}`);
      const event: InboundEvent = {
        ...b,
        kind: 'form_submit',
        formId: view.callback_id,
        values: modalValues(view.state.values as never),
        ...(meta.context !== undefined ? { context: meta.context } : {}),
      };
      const responder = slackResponder(interaction(b, {}));
      return { responder, outcome: await handle(event, responder).catch(() => undefined) };
    })();
    let acked = false;
    try {
      const first = await Promise.race([judged, late]);
      if (first === 'late') {
        // Acknowledge (closing the modal) while Slack still listens; the verdict follows by message.
        acked = true;
        await ack();
        const { responder, outcome } = await judged;
        if (outcome && !outcome.ok) await responder.reply({ text: Object.values(outcome.fieldErrors).join('\n') }, { ephemeral: true }).catch(fail('view'));
        return;
      }
      const blockIds = view.blocks.filter((x) => x.type === 'input' && x.block_id).map((x) => x.block_id as string);
      acked = true;
      if (first.outcome && !first.outcome.ok) await ack({ response_action: 'errors', errors: modalErrors(first.outcome.fieldErrors, blockIds) });
      else await ack();
    } catch (error) {
      fail('view')(error);
      if (!acked) await ack().catch(() => undefined);
    } finally {
      clearTimeout(timer);
    }
  });

  app.event('message', async ({ event, body }) => {
    const handle = deps.handler();
    const m = event as {
      subtype?: string;
      bot_id?: string;
      channel: string;
      channel_type?: string;
      user?: string;
      text?: string;
      ts: string;
      thread_ts?: string;
    };
    if (!handle || !m.user || m.bot_id || (m.subtype && m.subtype !== 'file_share' && m.subtype !== 'thread_broadcast')) return;
    const im = m.channel_type === 'im' || (m.channel_type === undefined && m.channel.startsWith('D'));
    const inThread = Boolean(m.thread_ts && m.thread_ts !== m.ts);
    if (!im && !inThread) return;
    if (im) outbound.rememberDirect(m.user, m.channel);
    const place: SlackPlace = { channel: m.channel, ...(inThread ? { threadTs: m.thread_ts! } : {}) };
    const b = await base(m.user, place, (body as { event_id?: string }).event_id);
    const inbound: InboundEvent = {
      ...b,
      kind: 'message',
      text: normaliseCommandText(m.text ?? ''),
      ...(inThread ? { thread: { conversation: slackRef(m.channel, m.thread_ts), id: m.ts } } : {}),
    };
    await handle(inbound, slackResponder(interaction(b, {}))).catch(fail('message'));
  });

  app.event('app_home_opened', async ({ event }) => {
    if (!deps.home || event.tab !== 'home') return;
    try {
      const who = await person(event.user);
      await outbound.publishHome(event.user, homeView(await deps.home(who.user, who.locale)));
    } catch (error) {
      fail('home')(error);
    }
  });
}

function parseMetadata(raw: string | undefined): ModalMetadata {
  try {
    const parsed = JSON.parse(raw || '{}') as ModalMetadata;
    return typeof parsed === 'object' && parsed ? parsed : {};
  } catch {
    return {};
  }
}

function safePlace(ref: string): SlackPlace | undefined {
  try {
    return decodeRef(ref as never);
  } catch {
    return undefined;
  }
}
