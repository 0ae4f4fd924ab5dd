// Inbound events an adapter hands to the core, and the per-event Responder it builds for each.
import type { ConversationRef, MessageRef, Platform, UserRef } from './refs.ts';
import type { FormSpec, FormValues, OutboundMessage } from './ui.ts';

interface EventBase {
  platform: Platform;
  user: UserRef;
  conversation: ConversationRef;
  /** True when the conversation is a direct one between the bot and this user. */
  isDirect: boolean;
  /** A platform id for this delivery (Slack event_id, Discord interaction id): replays are ignored. */
  deliveryId?: string;
  /** What the platform says about the person, when it says: BCP 47 locale and IANA time zone. */
  locale?: string;
  timeZone?: string;
}

export type CommandEvent = EventBase & { kind: 'command'; name: string; text: string };
export type MessageEvent = EventBase & { kind: 'message'; text: string; thread?: MessageRef };
export type ActionEvent = EventBase & {
  kind: 'action';
  actionId: string;
  value?: string;
  source?: MessageRef;
};
export type FormSubmitEvent = EventBase & {
  kind: 'form_submit';
  formId: string;
  values: FormValues;
  context?: string;
};

export type InboundEvent = CommandEvent | MessageEvent | ActionEvent | FormSubmitEvent;

export interface ReplyOptions {
  /** Only the person who acted sees it, where the platform can; otherwise a direct message. */
  ephemeral?: boolean;
}

/** Built by the adapter for one inbound event; it privately holds trigger ids and interaction tokens. */
export interface Responder {
  reply(message: OutboundMessage, options?: ReplyOptions): Promise<MessageRef | null>;
  /** Replaces the message that carried the clicked control (e.g. disable an answered invitation). */
  updateSource?(message: OutboundMessage): Promise<void>;
  /** Present only while a modal can still be opened for this event. */
  openForm?(form: FormSpec): Promise<void>;
}

export type FormOutcome = { ok: true } | { ok: false; fieldErrors: Record<string, string> };

export type InboundHandler = (event: InboundEvent, responder: Responder) => Promise<FormOutcome | void>;
