// The Discord adapter: the real discord.js Client on the gateway for interactions and DMs, its REST
// client for everything the bot sends. Intents are only Guilds and DirectMessages: interactions need
// no intent, and DM text arrives without the privileged MessageContent intent. Only `readThreads`
// (exchange answers written in server threads) adds GuildMessages + MessageContent, by the operator's choice.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { ChannelType, Client, Events, GatewayIntentBits, Partials, Routes, type RESTPostAPIChannelMessageResult, type RawFile } from 'discord.js';
import {
  conversationRef,
  DeliveryError,
  refParts,
  type AdapterCapabilities,
  type ChatAdapter,
  type CommandRegistry,
  type ConversationRef,
  type InboundHandler,
  type Leadership,
  type Logger,
  type MessageRef,
  type OutboundMessage,
  type SendOptions,
  type Translator,
  type UserRef,
  soleReplica,
} from '../../src/core/index.ts';
import { toDiscordPayloads, type DiscordPayload } from './discord-components.ts';
import { toDeliveryError } from './discord-errors.ts';
import { DiscordInbound } from './discord-inbound.ts';
import { clip, DISCORD_LIMITS as L } from './discord-limits.ts';

export interface DiscordAdapterOptions {
  token: string;
  applicationId: string;
  guildId?: string;
  /** A Discord-compatible REST base (discord.js `rest.api`); the gateway address then comes from its /gateway/bot. */
  apiUrl?: string;
  registry: CommandRegistry;
  /** Translations for the adapter's own few strings, by Discord locale ("it", "en-US"…). */
  translator(locale?: string): Translator;
  logger: Logger;
  /** The outbox's budget of requests per second (messages and DM opens, default 40) inside Discord's global 50/s. */
  sendRatePerSecond?: number;
  /** When the adapter defers an interaction it has not answered yet (Discord allows 3 s). */
  deferAfterMs?: number;
  /** Read messages in server threads too (needs the privileged Message Content intent in the developer portal). */
  readThreads?: boolean;
  /** With several replicas, only the holder of the "discord-gateway" duty connects to the gateway; every replica sends. */
  leadership?: Leadership;
}

const ARCHIVE_AFTER_MINUTES = 10080;

export function discordCapabilities(sendRatePerSecond = 40): AdapterCapabilities {
  return {
    cards: true,
    // A modal holds at most five text inputs; choices and scales go to the questionnaire in a DM.
    forms: { maxFields: L.modalComponentsMax, kinds: ['text', 'number'], conditional: false },
    ephemeral: true,
    threads: 'native',
    files: 'any',
    sendRatePerSecond,
    // Five messages per five seconds per channel: one a second keeps every DM inside its bucket.
    conversationGapMs: 1000,
  };
}

/** A nonce ≤ 25 characters derived from the outbox key, one per message part. */
export function nonceFor(idempotencyKey: string, part: number): string {
  return `${createHash('sha256').update(idempotencyKey).digest('base64url').slice(0, 20)}.${part}`.slice(0, L.nonceMax);
}

export class DiscordAdapter implements ChatAdapter {
  readonly platform = 'discord' as const;
  readonly capabilities: AdapterCapabilities;
  readonly client: Client;
  readonly #inbound: DiscordInbound;
  readonly #dmChannels = new Map<string, string>();
  readonly #inflight = new Set<Promise<unknown>>();

  constructor(private readonly options: DiscordAdapterOptions) {
    this.capabilities = discordCapabilities(options.sendRatePerSecond);
    this.client = new Client({
      intents: [
        GatewayIntentBits.Guilds,
        GatewayIntentBits.DirectMessages,
        ...(options.readThreads ? [GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent] : []),
      ],
      // DM channels are not cached before their first message arrives.
      partials: [Partials.Channel],
      rest: {
        ...(options.apiUrl ? { api: options.apiUrl } : {}),
        // The outbox owns waiting and retrying: a 429 on a send throws at once, and no silent resend after a 5xx.
        rejectOnRateLimit: (data) => data.route.startsWith('/channels') || data.route.startsWith('/users'),
        retries: 0,
        timeout: 10_000,
      },
    });
    this.#inbound = new DiscordInbound({
      registry: options.registry,
      translator: options.translator,
      logger: options.logger,
      cards: this.capabilities.cards,
      deferAfterMs: options.deferAfterMs ?? 2000,
      readThreads: options.readThreads ?? false,
    });
  }

  async start(handle: InboundHandler): Promise<void> {
    const { logger } = this.options;
    this.client.on(Events.InteractionCreate, (i) => this.#track(this.#inbound.interaction(i, handle)));
    this.client.on(Events.MessageCreate, (m) => this.#track(this.#inbound.message(m, handle, (to, message) => this.post(to, message))));
    this.client.on(Events.Error, (error) => logger.error({ name: error.name }, 'discord client error'));
    // Sends go through REST, which needs only the token: every replica sends from the outbox.
    this.client.rest.setToken(this.options.token);
    await (this.options.leadership ?? soleReplica).contend('discord-gateway', async () => {
      await this.#connectGateway();
      return () => this.#disconnectGateway();
    });
  }

  async #connectGateway(): Promise<void> {
    const ready = once(this.client, Events.ClientReady);
    await this.client.login(this.options.token);
    await ready;
    this.options.logger.info({ user: this.client.user?.username, guild: this.options.guildId ?? null }, 'discord connected');
  }

  /** Another replica takes the gateway over; this one keeps sending through REST. */
  async #disconnectGateway(): Promise<void> {
    await this.idle();
    await this.client.destroy();
    this.client.rest.setToken(this.options.token);
    this.options.logger.info({}, 'discord gateway handed over');
  }

  async stop(): Promise<void> {
    await this.idle();
    await this.client.destroy();
  }

  /** Resolves when every inbound event received so far has been handled (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#inflight.size) await Promise.allSettled([...this.#inflight]);
  }

  async post(to: ConversationRef, message: OutboundMessage, options: SendOptions = {}): Promise<MessageRef> {
    const channel = this.#channelId(to);
    const payloads = toDiscordPayloads(message, { cards: this.capabilities.cards });
    const files: RawFile[] = (message.attachments ?? []).map((a) => ({ name: a.filename, data: Buffer.from(a.base64, 'base64'), contentType: a.mediaType }));
    const ids: string[] = [];
    try {
      for (const [part, payload] of payloads.entries()) {
        const last = part === payloads.length - 1;
        const body = { ...payload, ...(options.idempotencyKey ? { nonce: nonceFor(options.idempotencyKey, part), enforce_nonce: true } : {}) };
        const sent = (await this.client.rest.post(Routes.channelMessages(channel), {
          body,
          ...(last && files.length ? { files } : {}),
        })) as RESTPostAPIChannelMessageResult;
        ids.push(sent.id);
      }
    } catch (error) {
      throw toDeliveryError(error);
    }
    return { conversation: to, id: ids.join(',') };
  }

  async update(message: MessageRef, next: OutboundMessage): Promise<void> {
    const channel = this.#channelId(message.conversation);
    const ids = message.id.split(',');
    const payloads = toDiscordPayloads(next, { cards: this.capabilities.cards });
    try {
      for (const [n, id] of ids.entries()) {
        const p: DiscordPayload | undefined = payloads[n];
        if (!p) break;
        await this.client.rest.patch(Routes.channelMessage(channel, id), {
          body: { content: p.content ?? '', embeds: p.embeds ?? [], components: p.components ?? [] },
        });
      }
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  async openDirect(user: UserRef): Promise<ConversationRef> {
    let channel = this.#dmChannels.get(user.id);
    if (!channel) {
      try {
        const dm = (await this.client.rest.post(Routes.userChannels(), { body: { recipient_id: user.id } })) as { id: string };
        channel = dm.id;
      } catch (error) {
        throw toDeliveryError(error);
      }
      this.#dmChannels.set(user.id, channel);
    }
    return conversationRef('discord', channel);
  }

  /** Opening a DM is a REST request inside the global limit, unless the channel is remembered. */
  directOpenCost(user: UserRef): number {
    return this.#dmChannels.has(user.id) ? 0 : 1;
  }

  /** "<#123>", "#123" or "123": threads are channels too. */
  resolveChannel(mention: string): ConversationRef | null {
    const id = /^(?:<#(\d+)>|#?(\d+))$/.exec(mention.trim());
    const channel = id?.[1] ?? id?.[2];
    return channel ? conversationRef('discord', channel) : null;
  }

  /** A private thread where the server allows it, else a public one; invited people are added to it. */
  async startThread(where: ConversationRef, opening: OutboundMessage, options: { title?: string; invite?: UserRef[] } = {}): Promise<ConversationRef> {
    const parent = this.#channelId(where);
    const name = clip(options.title ?? opening.text.split('\n')[0] ?? 'filiera', L.threadNameMax);
    const create = (type: ChannelType) =>
      this.client.rest.post(Routes.threads(parent), {
        body: { name, type, auto_archive_duration: ARCHIVE_AFTER_MINUTES, ...(type === ChannelType.PrivateThread ? { invitable: false } : {}) },
      }) as Promise<{ id: string }>;
    let thread: { id: string };
    try {
      thread = await create(ChannelType.PrivateThread).catch((error: unknown) => {
        const delivery = toDeliveryError(error);
        if (delivery.kind !== 'permanent') throw delivery;
        this.options.logger.info({ reason: delivery.reason }, 'discord: private thread refused, opening a public one');
        return create(ChannelType.PublicThread);
      });
      for (const user of options.invite ?? []) await this.client.rest.put(Routes.threadMembers(thread.id, user.id));
    } catch (error) {
      throw toDeliveryError(error);
    }
    const ref = conversationRef('discord', thread.id);
    await this.post(ref, opening);
    return ref;
  }

  #channelId(ref: ConversationRef): string {
    const [id] = refParts(ref);
    if (!id || !/^\d+$/.test(id)) throw new DeliveryError('permanent', `not a Discord conversation: ${ref}`);
    return id;
  }

  #track(work: Promise<unknown>): void {
    const tracked = work.catch((error: unknown) =>
      this.options.logger.error({ name: (error as Error)?.name, code: (error as { code?: unknown })?.code }, 'discord: inbound event failed'),
    );
    this.#inflight.add(tracked);
    void tracked.finally(() => this.#inflight.delete(tracked));
  }
}

export function createDiscordAdapter(options: DiscordAdapterOptions): DiscordAdapter {
  return new DiscordAdapter(options);
}
