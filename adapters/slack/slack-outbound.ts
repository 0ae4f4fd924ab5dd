// Everything the Slack adapter sends through the Web API: paged messages with their files, updates,
// ephemeral messages, direct conversations (opened once, remembered), people's profiles (cached),
// modals and the App Home. Every failure leaves here as a DeliveryError.
import type { webApi } from '@slack/bolt';
import type { Logger, OutboundMessage } from '../../src/core/index.ts';
import { messagePages, singlePage, type SlackBlock, type SlackMessagePage } from './slack-blocks.ts';
import { toDeliveryError } from './slack-errors.ts';
import type { SlackPlace } from './slack-refs.ts';

type WebClient = webApi.WebClient;

export interface SlackProfile {
  displayName?: string;
  locale?: string;
  timeZone?: string;
}

const PROFILE_TTL_MS = 6 * 60 * 60_000;

/** Calls the Web API and turns any failure into a DeliveryError. */
async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toDeliveryError(error);
  }
}

export class SlackOutbound {
  readonly #dms = new Map<string, string>();
  readonly #profiles = new Map<string, { at: number; profile: SlackProfile }>();

  constructor(
    private readonly client: WebClient,
    private readonly logger: Logger,
  ) {}

  /** Posts a message (split over several when long) and its files; returns the first message's ts. */
  async post(place: SlackPlace, message: OutboundMessage, idempotencyKey?: string): Promise<string> {
    let first: string | undefined;
    for (const page of messagePages(message)) {
      const ts = await this.postPage(place, page, idempotencyKey);
      first ??= ts;
    }
    if (message.attachments?.length) await this.upload(place, message);
    return first ?? '';
  }

  async postPage(place: SlackPlace, page: SlackMessagePage, idempotencyKey?: string): Promise<string> {
    const result = await call(() =>
      this.client.chat.postMessage({
        channel: place.channel,
        text: page.text,
        ...(page.blocks ? { blocks: page.blocks as never } : {}),
        ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
        unfurl_links: false,
        // Slack has no idempotency key; the outbox id in metadata makes a rare duplicate traceable.
        ...(idempotencyKey ? { metadata: { event_type: 'filiera_outbox', event_payload: { outbox_id: idempotencyKey } } } : {}),
      }),
    );
    return String(result.ts ?? '');
  }

  async upload(place: SlackPlace, message: OutboundMessage): Promise<void> {
    const files = message.attachments ?? [];
    await call(() =>
      this.client.files.uploadV2({
        channel_id: place.channel,
        ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
        file_uploads: files.map((f) => ({ file: Buffer.from(f.base64, 'base64'), filename: f.filename, title: f.filename })),
      } as never),
    );
  }

  async update(channel: string, ts: string, message: OutboundMessage): Promise<void> {
    const page = singlePage(message);
    await call(() => this.client.chat.update({ channel, ts, text: page.text, ...(page.blocks ? { blocks: page.blocks as never } : { blocks: [] }) }));
  }

  async ephemeral(place: SlackPlace, user: string, message: OutboundMessage): Promise<void> {
    const page = singlePage(message);
    await call(() =>
      this.client.chat.postEphemeral({
        channel: place.channel,
        user,
        text: page.text,
        ...(page.blocks ? { blocks: page.blocks as never } : {}),
        ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
      }),
    );
  }

  /** The bot's direct conversation with a person: conversations.open once, then remembered. */
  async openDirect(user: string): Promise<string> {
    const known = this.#dms.get(user);
    if (known) return known;
    const result = await call(() => this.client.conversations.open({ users: user }));
    const id = result.channel?.id;
    if (!id) throw toDeliveryError(new Error('conversations.open returned no channel'));
    this.#dms.set(user, id);
    return id;
  }

  rememberDirect(user: string, channel: string): void {
    this.#dms.set(user, channel);
  }

  /** Whether a D… channel is the bot's own conversation with this person (not a DM between people). */
  async isBotDirect(user: string, channel: string): Promise<boolean> {
    if (!channel.startsWith('D')) return false;
    return (await this.openDirect(user).catch(() => undefined)) === channel;
  }

  /** Name, language and time zone from users.info, cached; nothing when Slack will not say. */
  async profile(user: string): Promise<SlackProfile> {
    const cached = this.#profiles.get(user);
    if (cached && Date.now() - cached.at < PROFILE_TTL_MS) return cached.profile;
    try {
      const result = await this.client.users.info({ user, include_locale: true });
      const u = result.user;
      const displayName = u?.profile?.display_name || u?.real_name || u?.name || undefined;
      const profile: SlackProfile = {
        ...(displayName ? { displayName } : {}),
        ...(u?.locale ? { locale: u.locale } : {}),
        ...(u?.tz ? { timeZone: u.tz } : {}),
      };
      this.#profiles.set(user, { at: Date.now(), profile });
      return profile;
    } catch (error) {
      this.logger.warn({ reason: toDeliveryError(error).reason }, 'slack profile unavailable');
      return {};
    }
  }

  async openModal(triggerId: string, view: SlackBlock): Promise<void> {
    await call(() => this.client.views.open({ trigger_id: triggerId, view: view as never }));
  }

  async publishHome(user: string, view: SlackBlock): Promise<void> {
    await call(() => this.client.views.publish({ user_id: user, view: view as never }));
  }
}
