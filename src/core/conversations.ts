// The conversations port: the only way features reach a platform. It posts, updates, opens direct
// conversations and threads, and resolves channels as typed, over whichever adapters are running.
// Sends made now (answers in a conversation the person just spoke in) are deliveries like the
// outbox's: a rate limit or a transient failure is waited out and retried before giving up.
import type { Clock } from './clock.ts';
import { BotError, DeliveryError } from './errors.ts';
import type { Logger } from './logger.ts';
import type { AdapterCapabilities, ChatAdapter } from './port.ts';
import { platformOf, type ConversationRef, type MessageRef, type Platform, type UserRef } from './refs.ts';
import type { OutboundMessage } from './ui.ts';

export interface Conversations {
  platforms(): Platform[];
  capabilities(platform: Platform): AdapterCapabilities;
  /** A channel as typed in a command ("#general", "<#C0123|general>"); null if it cannot be one. */
  resolveChannel(platform: Platform, mention: string): ConversationRef | null;
  openDirect(user: UserRef): Promise<ConversationRef>;
  /** Posts now; waits out rate limits and retries transient failures, then throws DeliveryError. */
  post(to: ConversationRef, message: OutboundMessage): Promise<MessageRef>;
  update(message: MessageRef, next: OutboundMessage): Promise<void>;
  /** Slack: a thread in the channel; Discord: a thread with the people invited; shell: a named room. */
  openThread(where: ConversationRef, opening: OutboundMessage, options?: { title?: string; invite?: UserRef[] }): Promise<ConversationRef>;
}

/** How long an interactive send may wait for a platform before the person is told it failed. */
const MAX_ATTEMPTS = 4;
const MAX_WAIT_MS = 30_000;
const backoffMs = (attempt: number) => 500 * 2 ** attempt;

/**
 * Runs a send, waiting out `Retry-After` and backing off on transient failures, within a bounded
 * number of attempts and total wait. Permanent failures are thrown at once.
 */
export async function deliverNow<T>(clock: Clock, send: () => Promise<T>, logger?: Logger): Promise<T> {
  let waited = 0;
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof DeliveryError) || error.kind === 'permanent') throw error;
      const wait = error.kind === 'rate_limited' ? Math.max(error.retryAfterMs, 100) : backoffMs(attempt);
      if (attempt + 1 >= MAX_ATTEMPTS || waited + wait > MAX_WAIT_MS) throw error;
      logger?.info({ reason: error.reason, waitMs: wait }, 'send will be retried');
      waited += wait;
      await clock.sleep(wait);
    }
  }
}

/** The adapters the app runs, behind the Conversations port. */
export class AdapterConversations implements Conversations {
  readonly #adapters = new Map<Platform, ChatAdapter>();

  constructor(private readonly deps: { clock: Clock; logger: Logger }) {}

  attach(adapter: ChatAdapter): void {
    this.#adapters.set(adapter.platform, adapter);
  }

  /** For the core's own use (the outbox, the router); features get the port. */
  adapter(platform: Platform): ChatAdapter {
    const adapter = this.#adapters.get(platform);
    if (!adapter) throw new BotError('not_supported', `no ${platform} adapter running`);
    return adapter;
  }

  adapters(): ChatAdapter[] {
    return [...this.#adapters.values()];
  }

  platforms(): Platform[] {
    return [...this.#adapters.keys()];
  }

  capabilities(platform: Platform): AdapterCapabilities {
    return this.adapter(platform).capabilities;
  }

  resolveChannel(platform: Platform, mention: string): ConversationRef | null {
    return this.#adapters.get(platform)?.resolveChannel(mention) ?? null;
  }

  openDirect(user: UserRef): Promise<ConversationRef> {
    return deliverNow(this.deps.clock, () => this.adapter(user.platform).openDirect(user), this.deps.logger);
  }

  post(to: ConversationRef, message: OutboundMessage): Promise<MessageRef> {
    return deliverNow(this.deps.clock, () => this.adapter(platformOf(to)).post(to, message), this.deps.logger);
  }

  update(message: MessageRef, next: OutboundMessage): Promise<void> {
    return deliverNow(this.deps.clock, () => this.adapter(platformOf(message.conversation)).update(message, next), this.deps.logger);
  }

  openThread(where: ConversationRef, opening: OutboundMessage, options: { title?: string; invite?: UserRef[] } = {}): Promise<ConversationRef> {
    return deliverNow(this.deps.clock, () => this.adapter(platformOf(where)).startThread(where, opening, options), this.deps.logger);
  }
}
