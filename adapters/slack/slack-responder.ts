// The Responder for one Slack interaction: replies in the conversation (or privately), updates the
// message whose button was pressed, and opens a modal while the trigger id is still fresh.
import type { RespondFn } from '@slack/bolt';
import type { FormSpec, MessageRef, OutboundMessage, ReplyOptions, Responder, Translator } from '../../src/core/index.ts';
import { formToModal, messagePages, singlePage } from './slack-blocks.ts';
import { slackErrorName } from './slack-errors.ts';
import type { SlackOutbound } from './slack-outbound.ts';
import { slackRef, type SlackPlace } from './slack-refs.ts';

/** Slack's trigger ids live 3 s; past this a modal is no longer attempted and the core asks by DM. */
export const TRIGGER_WINDOW_MS = 2500;
const NOT_POSTABLE = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

export interface InteractionContext {
  outbound: SlackOutbound;
  user: string;
  /** Where the person acted; absent for the App Home and modals opened from it. */
  place?: SlackPlace;
  isDirect: boolean;
  respond?: RespondFn;
  triggerId?: string;
  receivedAt: number;
  triggerWindowMs?: number;
  /** The message whose control was pressed. */
  source?: { channel: string; ts: string; ephemeral: boolean };
  translator(language?: string): Translator;
  language?: string;
}

export function slackResponder(ctx: InteractionContext): Responder {
  const { outbound } = ctx;
  const direct = async (): Promise<SlackPlace> => ({ channel: await outbound.openDirect(ctx.user) });
  const postTo = async (place: SlackPlace, message: OutboundMessage): Promise<MessageRef> => {
    const ts = await outbound.post(place, message);
    return { conversation: slackRef(place.channel, place.threadTs), id: ts };
  };
  const respondWith = async (message: OutboundMessage, type: 'ephemeral' | 'in_channel'): Promise<void> => {
    for (const page of messagePages(message)) {
      await ctx.respond!({ response_type: type, replace_original: false, text: page.text, ...(page.blocks ? { blocks: page.blocks as never } : {}) });
    }
  };

  const responder: Responder = {
    async reply(message: OutboundMessage, options: ReplyOptions = {}): Promise<MessageRef | null> {
      const place = ctx.place;
      if (!place || ctx.isDirect) return postTo(place ?? (await direct()), message);
      if (options.ephemeral) {
        if (ctx.respond) {
          await respondWith(message, 'ephemeral');
          return null;
        }
        try {
          await outbound.ephemeral(place, ctx.user, message);
          return null;
        } catch {
          return postTo(await direct(), message);
        }
      }
      try {
        return await postTo(place, message);
      } catch (error) {
        if (!NOT_POSTABLE.has(slackErrorName(error) ?? (error as { reason?: string }).reason ?? '')) throw error;
        if (ctx.respond) {
          await respondWith(message, 'in_channel');
          return null;
        }
        return postTo(await direct(), message);
      }
    },
  };

  if (ctx.source) {
    const source = ctx.source;
    responder.updateSource = async (message: OutboundMessage) => {
      if (source.ephemeral && ctx.respond) {
        const page = singlePage(message);
        await ctx.respond({ replace_original: true, text: page.text, ...(page.blocks ? { blocks: page.blocks as never } : {}) });
        return;
      }
      await outbound.update(source.channel, source.ts, message);
    };
  }

  if (ctx.triggerId) {
    const triggerId = ctx.triggerId;
    const openForm = async (form: FormSpec): Promise<void> => {
      const t = ctx.translator(form.language ?? ctx.language);
      const conversation = ctx.place ? slackRef(ctx.place.channel, ctx.place.threadTs) : undefined;
      const view = formToModal(form, t, {
        ...(conversation ? { conversation } : {}),
        ...(form.context !== undefined ? { context: form.context } : {}),
        ...(ctx.language ? { language: ctx.language } : {}),
      });
      await outbound.openModal(triggerId, view);
    };
    Object.defineProperty(responder, 'openForm', {
      enumerable: true,
      get: () => (Date.now() - ctx.receivedAt < (ctx.triggerWindowMs ?? TRIGGER_WINDOW_MS) ? openForm : undefined),
    });
  }
  return responder;
}
