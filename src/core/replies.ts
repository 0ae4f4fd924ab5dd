// How a reply reaches the person, whatever the platform can do: a private reply becomes a direct
// message where there are no ephemeral messages; a private file goes by direct message where
// ephemeral replies cannot carry files; files become text or a note where there are no files; a
// public file the platform refused in the channel still reaches the requester privately. Every
// reply is a delivery: rate limits and transient failures are waited out and retried.
import type { AdapterConversations } from './conversations.ts';
import { deliverNow } from './conversations.ts';
import type { Clock } from './clock.ts';
import { DeliveryError } from './errors.ts';
import type { InboundEvent, Responder } from './events.ts';
import type { Translator } from './i18n.ts';
import type { Logger } from './logger.ts';
import type { MessageRef } from './refs.ts';
import type { Attachment, OutboundMessage } from './ui.ts';

/** Text files up to this size are shown inline where a platform has no files. */
const INLINE_TEXT_MAX = 2500;

const isText = (a: Attachment) => /^text\/|json|csv/.test(a.mediaType);

/** The message with its attachments turned into text: small text files inline, the rest named. */
export function withoutFiles(message: OutboundMessage, t: Translator): OutboundMessage {
  if (!message.attachments?.length) return message;
  const parts = message.attachments.map((a) => {
    const content = isText(a) ? Buffer.from(a.base64, 'base64').toString('utf8') : null;
    return content !== null && content.length <= INLINE_TEXT_MAX
      ? `${a.filename}:\n\`\`\`\n${content}\n\`\`\``
      : t('core.file_not_attached', { file: a.filename });
  });
  const { attachments: _dropped, ...rest } = message;
  return { ...rest, text: [message.text, ...parts].join('\n\n') };
}

export interface ReplyDeps {
  conversations: AdapterConversations;
  clock: Clock;
  logger: Logger;
}

/** Wraps an adapter's responder for one event with the rules above. */
export function deliveringResponder(deps: ReplyDeps, event: InboundEvent, raw: Responder, t: Translator): Responder {
  const { conversations, clock, logger } = deps;
  const caps = conversations.capabilities(event.platform);
  const send = (message: OutboundMessage, ephemeral: boolean) => deliverNow(clock, () => raw.reply(message, { ephemeral }), logger);
  const toDirect = async (message: OutboundMessage): Promise<MessageRef> => conversations.post(await conversations.openDirect(event.user), message);
  const names = (message: OutboundMessage) => (message.attachments ?? []).map((a) => a.filename).join(', ');

  // Adapters' responders may be class instances or carry getters (a modal can be opened only while
  // the platform's trigger is fresh): delegate at call time rather than copying.
  return {
    get updateSource() {
      return raw.updateSource?.bind(raw);
    },
    get openForm() {
      return raw.openForm?.bind(raw);
    },
    get suggest() {
      return raw.suggest?.bind(raw);
    },
    async reply(message, options = {}) {
      const privately = options.ephemeral === true && !event.isDirect;
      let outgoing = caps.files === 'none' ? withoutFiles(message, t) : message;
      const hasFiles = Boolean(outgoing.attachments?.length);
      if (privately && (!caps.ephemeral || (hasFiles && caps.files === 'not-ephemeral'))) {
        const sent = await toDirect(outgoing);
        if (hasFiles && caps.ephemeral) await send({ text: t('core.files_sent_dm', { files: names(outgoing) }) }, true);
        return sent;
      }
      try {
        return await send(outgoing, options.ephemeral === true);
      } catch (error) {
        if (!(hasFiles && !privately && error instanceof DeliveryError && error.kind === 'permanent')) throw error;
        // The channel refused the upload (the bot is not in it, say): the requester still gets the file.
        logger.warn({ reason: error.reason }, 'file could not be posted in the channel; sent privately');
        outgoing = { ...outgoing, text: `${outgoing.text}\n\n${t('core.files_channel_refused', { files: names(outgoing) })}` };
        return toDirect(outgoing);
      }
    },
  };
}
