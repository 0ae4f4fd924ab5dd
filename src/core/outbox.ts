// The outbox port: messages the bot sends on its own initiative are rows first, delivered later.
import type { ConversationRef, UserRef } from './refs.ts';
import type { OutboundMessage } from './ui.ts';

export type OutboxTarget = { kind: 'user'; user: UserRef } | { kind: 'conversation'; conversation: ConversationRef };

export interface OutboxEntry {
  /** Unique forever: the same key twice is one message (e.g. "invite:<survey>:<member>"). */
  dedupeKey: string;
  /** What it is, for logs and admins: "digest", "survey-invite", "reminder"… */
  kind: string;
  target: OutboxTarget;
  message: OutboundMessage;
}

export interface Outbox {
  /**
   * Writes the entries in one transaction. With `claimKey`, the claim of that work key and the rows are
   * written together: if the key was already claimed nothing is written and `claimed` is false.
   */
  enqueue(entries: OutboxEntry[], options?: { claimKey?: string }): Promise<{ claimed: boolean; enqueued: number }>;
}
