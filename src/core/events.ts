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

/** Someone is typing an argument a platform can suggest values for (Discord autocomplete). */
export type SuggestEvent = EventBase & {
  kind: 'suggest';
  /** The command and subcommand being typed, and the argument. */
  name: string;
  sub: string;
  arg: string;
  /** What the person typed so far. */
  query: string;
};

export type InboundEvent = CommandEvent | MessageEvent | ActionEvent | FormSubmitEvent | SuggestEvent;

/** A suggested value: what the person sees, and what the command receives. */
export interface Suggestion {
  label: string;
  value: string;
}

export interface ReplyOptions {
  /** Only the person who acted sees it, where the platform can; otherwise a direct message. */
  ephemeral?: boolean;
}

/** Built by the adapter for one inbound event; it privately holds trigger ids and interaction tokens. */
export interface Responder {
  reply(message: OutboundMessage, options?: ReplyOptions): Promise<MessageRef | null>;
  /** Replaces the message that carried the clicked control (e.g. disable an answered invitation). */
  updateSource?(message: OutboundMessage): Promise<void>;
  /** Present only while a modal can still be opened for this event; `current` values fill its fields. */
  openForm?(form: FormSpec, current?: FormValues): Promise<void>;
  /** Present for suggest events: shows the values to pick from. */
  suggest?(suggestions: Suggestion[]): Promise<void>;
}

export type FormOutcome = { ok: true } | { ok: false; fieldErrors: Record<string, string> };

export type InboundHandler = (event: InboundEvent, responder: Responder) => Promise<FormOutcome | void>;
