// The handlers features register for the events the Bot routes: actions (buttons, selects), form
// submissions (modals and finished questionnaires), messages, and home-view sections.
import type { ActionEvent, FormOutcome, FormSubmitEvent, InboundEvent, MessageEvent, Responder } from './events.ts';
import type { Translator } from './i18n.ts';
import type { Member } from './members.ts';
import type { Block, OutboundMessage } from './ui.ts';

export interface HandlerContext<E extends InboundEvent = InboundEvent> {
  event: E;
  responder: Responder;
  member: Member;
  language: string;
  t: Translator;
}

/** A reply to the person who pressed; shown to them alone. */
export type ActionHandler = (ctx: HandlerContext<ActionEvent>) => Promise<OutboundMessage | void>;
export type FormHandler = (ctx: HandlerContext<FormSubmitEvent>) => Promise<FormOutcome | OutboundMessage | void>;
/** Returns true when it handled the message. */
export type MessageHandler = (ctx: HandlerContext<MessageEvent>) => Promise<boolean>;
/** One feature's part of a person's home view (Slack App Home, the shell's /help home…). */
export type HomeSection = (ctx: { member: Member; language: string; t: Translator }) => Promise<Block[]>;
