// A working in-memory ChatAdapter for tests: records what was posted where (updates replace the
// message, as on a platform), what each event's responder was asked to reply and to whom alone,
// lets a test inject inbound events, and can be told to fail the next sends the way a platform
// would. The adapter contract (test/adapters/contract) holds it to the same behaviour as the real ones.
import {
  conversationRef,
  DeliveryError,
  type AdapterCapabilities,
  type ChatAdapter,
  type ConversationRef,
  type InboundEvent,
  type InboundHandler,
  type MessageRef,
  type OutboundMessage,
  type Platform,
  type Responder,
  type UserRef,
} from '../../src/core/index.ts';

export interface Posted {
  to: ConversationRef;
  message: OutboundMessage;
  id: string;
  idempotencyKey?: string;
}

/** A reply an event's responder gave: `ephemeral` ones are seen by `user` alone. */
export interface Replied {
  to: ConversationRef;
  message: OutboundMessage;
  id: string;
  ephemeral: boolean;
  user: string;
}

export class MemoryAdapter implements ChatAdapter {
  readonly posted: Posted[] = [];
  readonly replies: Replied[] = [];
  readonly failures: DeliveryError[] = [];
  /** Threads opened, with who was invited to each. */
  readonly threads: Array<{ room: ConversationRef; title?: string; invited: string[] }> = [];
  #handler: InboundHandler | null = null;
  #counter = 0;

  constructor(
    readonly capabilities: AdapterCapabilities = { cards: true, forms: null, ephemeral: true, threads: 'rooms', files: 'any', sendRatePerSecond: 0 },
    /** A second one on another platform stands in for a person's account there (linking tests). */
    readonly platform: Platform = 'shell',
  ) {}

  async start(handle: InboundHandler): Promise<void> {
    this.#handler = handle;
  }
  async stop(): Promise<void> {
    this.#handler = null;
  }
  async post(to: ConversationRef, message: OutboundMessage, options: { idempotencyKey?: string } = {}): Promise<MessageRef> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    const id = String(++this.#counter);
    this.posted.push({ to, message, id, ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}) });
    return { conversation: to, id };
  }
  /** Replaces the posted message (or reply) in place, as platforms edit a message. */
  async update(ref: MessageRef, next: OutboundMessage): Promise<void> {
    const found = [...this.posted, ...this.replies].find((p) => p.id === ref.id && p.to === ref.conversation);
    if (found) found.message = next;
  }
  async openDirect(user: UserRef): Promise<ConversationRef> {
    return conversationRef(this.platform, 'dm', user.id);
  }
  resolveChannel(mention: string): ConversationRef | null {
    const name = mention.replace(/^#/, '');
    return name ? conversationRef(this.platform, 'room', name) : null;
  }
  async startThread(_where: ConversationRef, opening: OutboundMessage, options: { title?: string; invite?: UserRef[] } = {}): Promise<ConversationRef> {
    const room = conversationRef(this.platform, 'room', options.title ?? `thread-${this.#counter + 1}`);
    this.threads.push({ room, ...(options.title ? { title: options.title } : {}), invited: (options.invite ?? []).map((u) => u.id) });
    await this.post(room, opening);
    return room;
  }

  /** Delivers an event as the platform would; returns the replies the responder got. */
  async inject(event: InboundEvent): Promise<OutboundMessage[]> {
    if (!this.#handler) throw new Error('adapter not started');
    const replies: OutboundMessage[] = [];
    const source = event.kind === 'action' ? event.source : undefined;
    const responder: Responder = {
      reply: async (message, options) => {
        replies.push(message);
        const id = `reply-${++this.#counter}`;
        this.replies.push({ to: event.conversation, message, id, ephemeral: options?.ephemeral === true, user: event.user.id });
        return { conversation: event.conversation, id };
      },
      ...(source ? { updateSource: (message: OutboundMessage) => this.update(source, message) } : {}),
    };
    await this.#handler(event, responder);
    return replies;
  }

  textsTo(to: ConversationRef): string[] {
    return this.posted.filter((p) => p.to === to).map((p) => p.message.text);
  }
}

export const shellUser = (id: string): UserRef => ({ platform: 'shell', id });

/** The usual shape of an event from a person in a room or their DM. */
export function from(id: string, where: 'dm' | string = 'general') {
  const conversation = where === 'dm' ? conversationRef('shell', 'dm', id) : conversationRef('shell', 'room', where);
  const base = { platform: 'shell' as const, user: shellUser(id), conversation, isDirect: where === 'dm' };
  return {
    command: (name: string, text = ''): InboundEvent => ({ ...base, kind: 'command', name, text }),
    message: (text: string): InboundEvent => ({ ...base, kind: 'message', text }),
    action: (actionId: string, value?: string): InboundEvent => ({ ...base, kind: 'action', actionId, ...(value !== undefined ? { value } : {}) }),
  };
}
