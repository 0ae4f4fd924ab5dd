// The Slack adapter: the real Bolt app in Socket Mode (app token) or over HTTP with request signing
// (signing secret), implementing the core's ChatAdapter. The Web API client never retries by itself:
// the outbox alone decides what happens after a 429 or a failure.
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver } from '@slack/bolt';
import {
  type AdapterCapabilities,
  type ChatAdapter,
  type ConversationRef,
  type InboundHandler,
  type Logger,
  type MessageRef,
  type OutboundMessage,
  type SendOptions,
  type Translator,
  type UserRef,
} from '../../src/core/index.ts';
import { MODAL_FIELD_KINDS, MODAL_MAX_FIELDS } from './slack-blocks.ts';
import { boltLogger, redact } from './slack-errors.ts';
import { RECEIVED_AT, registerInbound } from './slack-inbound.ts';
import { SlackOutbound } from './slack-outbound.ts';
import { decodeRef, resolveChannelMention, slackRef } from './slack-refs.ts';

export interface SlackAdapterOptions {
  botToken: string;
  /** Socket Mode when set (no public address needed). */
  appToken?: string;
  /** HTTP receiver with request signing when set (and no app token). */
  signingSecret?: string;
  /** HTTP port; 0 picks a free one (see `port` after start). */
  port?: number;
  /** A Slack-compatible Web API base URL: a proxy, or the tests' fake. */
  apiUrl?: string;
  logger: Logger;
  translator(language?: string): Translator;
  /** The person's App Home (the core's bot.home). */
  home?: (user: UserRef, locale?: string) => Promise<OutboundMessage>;
  /** The outbox's budget for the workspace (messages per second, default 8); each channel gets at most one a second. */
  sendRatePerSecond?: number;
  /**
   * Slack's 3-second deadlines, with margin; tests shorten them to reach the late paths. `boltAckMs`
   * is when Bolt itself answers an unacknowledged request with 404 (its default is 3,001 ms).
   */
  deadlines?: { viewAckMs?: number; triggerMs?: number; boltAckMs?: number };
}

export class SlackAdapter implements ChatAdapter {
  readonly platform = 'slack' as const;
  readonly capabilities: AdapterCapabilities;
  readonly mode: 'socket' | 'http';
  readonly #app: App;
  readonly #outbound: SlackOutbound;
  #handler: InboundHandler | null = null;
  #port: number | null = null;
  readonly #inflight = new Set<Promise<unknown>>();

  constructor(private readonly options: SlackAdapterOptions) {
    if (!options.appToken && !options.signingSecret) throw new Error('Slack needs an app token (Socket Mode) or a signing secret (HTTP)');
    this.mode = options.appToken ? 'socket' : 'http';
    this.capabilities = {
      cards: true,
      forms: { maxFields: MODAL_MAX_FIELDS, kinds: [...MODAL_FIELD_KINDS], conditional: false },
      ephemeral: true,
      threads: 'native',
      files: 'not-ephemeral',
      sendRatePerSecond: options.sendRatePerSecond ?? 8,
      // chat.postMessage allows about one message per second into one channel.
      conversationGapMs: 1000,
    };
    const clientOptions = {
      ...(options.apiUrl ? { slackApiUrl: options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/` } : {}),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: 10_000,
    };
    const logger = boltLogger(options.logger);
    this.#app =
      this.mode === 'socket'
        ? new App({ token: options.botToken, appToken: options.appToken!, socketMode: true, clientOptions, logger, deferInitialization: true })
        : new App({
            token: options.botToken,
            // Built here rather than by Bolt to stamp each request's arrival: modal deadlines count from it.
            receiver: new HTTPReceiver({
              signingSecret: options.signingSecret!,
              endpoints: '/slack/events',
              logger,
              customPropertiesExtractor: () => ({ [RECEIVED_AT]: Date.now() }),
              ...(options.deadlines?.boltAckMs !== undefined ? { unhandledRequestTimeoutMillis: options.deadlines.boltAckMs } : {}),
            }),
            clientOptions,
            logger,
            deferInitialization: true,
          });
    this.#outbound = new SlackOutbound(this.#app.client, options.logger);
    this.#app.error(async (error) => {
      options.logger.error({ reason: redact(String((error as Error)?.message ?? error)) }, 'slack listener failed');
    });
    registerInbound(this.#app, {
      outbound: this.#outbound,
      logger: options.logger,
      handler: () => this.#handler,
      translator: options.translator,
      ...(options.home ? { home: options.home } : {}),
      ...(options.deadlines?.viewAckMs !== undefined ? { viewAckDeadlineMs: options.deadlines.viewAckMs } : {}),
      ...(options.deadlines?.triggerMs !== undefined ? { triggerWindowMs: options.deadlines.triggerMs } : {}),
      track: (work) => {
        const settled = work.catch(() => undefined);
        this.#inflight.add(settled);
        void settled.finally(() => this.#inflight.delete(settled));
      },
    });
  }

  /** Resolves when every request received so far has been handled, replies included (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#inflight.size) await Promise.allSettled([...this.#inflight]);
  }

  /** The HTTP port once started (HTTP mode). */
  get port(): number | null {
    return this.#port;
  }

  async start(handle: InboundHandler): Promise<void> {
    this.#handler = handle;
    await this.#app.init();
    if (this.mode === 'socket') {
      await this.#app.start();
      this.options.logger.info({ mode: 'socket' }, 'slack connected');
      return;
    }
    const server = (await this.#app.start(this.options.port ?? 3000)) as { address(): AddressInfo | string | null };
    const address = server.address();
    this.#port = typeof address === 'object' && address ? address.port : (this.options.port ?? null);
    this.options.logger.info({ mode: 'http', port: this.#port, path: '/slack/events' }, 'slack listening');
  }

  async stop(): Promise<void> {
    this.#handler = null;
    await this.#app.stop().catch(() => undefined);
  }

  async post(to: ConversationRef, message: OutboundMessage, options: SendOptions = {}): Promise<MessageRef> {
    const ts = await this.#outbound.post(decodeRef(to), message, options.idempotencyKey);
    return { conversation: to, id: ts };
  }

  async update(message: MessageRef, next: OutboundMessage): Promise<void> {
    await this.#outbound.update(decodeRef(message.conversation).channel, message.id, next);
  }

  async openDirect(user: UserRef): Promise<ConversationRef> {
    return slackRef(await this.#outbound.openDirect(user.id));
  }

  resolveChannel(mention: string): ConversationRef | null {
    return resolveChannelMention(mention);
  }

  /** A thread under an opening message in the channel; invited people are mentioned in it. */
  async startThread(where: ConversationRef, opening: OutboundMessage, options: { title?: string; invite?: UserRef[] } = {}): Promise<ConversationRef> {
    const place = decodeRef(where);
    const titled: OutboundMessage = options.title
      ? { ...opening, card: { ...(opening.card ?? { blocks: [{ type: 'text', markdown: opening.text }] }), title: opening.card?.title ?? options.title } }
      : opening;
    const ts = await this.#outbound.post({ channel: place.channel }, titled);
    const thread = { channel: place.channel, threadTs: ts };
    const invited = (options.invite ?? []).filter((u) => u.platform === 'slack').map((u) => `<@${u.id}>`);
    if (invited.length) await this.#outbound.postPage(thread, { text: invited.join(' ') });
    return slackRef(place.channel, ts);
  }
}

export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  return new SlackAdapter(options);
}
