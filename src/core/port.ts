// The port every platform adapter implements, with an explicit statement of what it can do.
import type { InboundHandler } from './events.ts';
import type { ConversationRef, MessageRef, Platform, UserRef } from './refs.ts';
import type { FormField, OutboundMessage } from './ui.ts';

export interface AdapterCapabilities {
  /** false: the core posts message.text only. */
  cards: boolean;
  /** What a modal can hold; null: every form runs as a questionnaire in a direct conversation. */
  forms: { maxFields: number; kinds: Array<FormField['kind']>; conditional: boolean } | null;
  /** Whether a reply can be shown to one person inside a shared conversation; false: the core sends it as a DM. */
  ephemeral: boolean;
  /** How threads are opened; 'none': features fall back to direct messages. */
  threads: 'native' | 'rooms' | 'none';
  /**
   * Where attachments (chart PNG, CSV) can go: 'any' message, only messages that are not ephemeral
   * (Slack cannot attach a file to an ephemeral reply: the core sends private files by DM), or 'none'
   * (the core turns them into text or a note).
   */
  files: 'any' | 'not-ephemeral' | 'none';
  /**
   * Requests per second the outbox may spend through this adapter (the operator's budget for the
   * platform, split between replicas); 0 means no pacing.
   */
  sendRatePerSecond: number;
  /** The least time between two outbox messages into one conversation (Slack and Discord: 1 s); none when absent. */
  conversationGapMs?: number;
}

export interface SendOptions {
  /** Stable per outbox row: platforms that support it use it to drop a duplicate send. */
  idempotencyKey?: string;
}

export interface ChatAdapter {
  readonly platform: Platform;
  readonly capabilities: AdapterCapabilities;
  /** Start receiving. The adapter acknowledges platform deadlines itself, then calls `handle`. */
  start(handle: InboundHandler): Promise<void>;
  stop(): Promise<void>;
  /** Throws DeliveryError on failure so the outbox can decide to wait, retry or give up. */
  post(to: ConversationRef, message: OutboundMessage, options?: SendOptions): Promise<MessageRef>;
  update(message: MessageRef, next: OutboundMessage): Promise<void>;
  openDirect(user: UserRef): Promise<ConversationRef>;
  /**
   * How many requests of the send budget opening this person's direct conversation costs now: 0 when
   * the adapter remembers it or the platform limits opens separately (absent: 0).
   */
  directOpenCost?(user: UserRef): number;
  /** A channel as typed in a command ("#general", "#C0123", "<#C0123|general>"); null if it cannot be one. */
  resolveChannel(mention: string): ConversationRef | null;
  /** Slack: a thread in the channel; Discord: a thread; shell: a named room. */
  startThread(where: ConversationRef, opening: OutboundMessage, options?: { title?: string; invite?: UserRef[] }): Promise<ConversationRef>;
}
