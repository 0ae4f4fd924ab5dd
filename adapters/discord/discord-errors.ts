// Turns what the discord.js REST client throws into the core's DeliveryError, so the outbox decides:
// a 429 waits for Retry-After, closed DMs (50007) and refused payloads are final, the rest retries.
// Reasons never carry URLs: interaction and webhook URLs hold bearer tokens.
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { DeliveryError } from '../../src/core/index.ts';

/** Discord JSON error codes the adapter acts on. */
export const DISCORD_CODES = {
  unknownChannel: 10003,
  unknownInteraction: 10062,
  cannotMessageUser: 50007,
  missingAccess: 50001,
  missingPermissions: 50013,
  invalidFormBody: 50035,
  alreadyAcknowledged: 40060,
} as const;

export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof RateLimitError) {
    const wait = Math.max(error.retryAfter, error.timeToReset, 0);
    // A channel's own bucket (5 messages per 5 s) holds back only that conversation; the global
    // limit and route-wide buckets (DM opens) hold back every send.
    const conversation = !error.global && error.majorParameter !== 'global' && error.route.startsWith('/channels/');
    return new DeliveryError('rate_limited', `discord 429 on ${error.route}`, Math.max(1, Math.ceil(wait)), conversation ? 'conversation' : 'platform');
  }
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : Number(error.code);
    const reason = `discord ${error.status} ${code}: ${error.message.split('\n')[0] ?? ''}`;
    if (code === DISCORD_CODES.cannotMessageUser) return new DeliveryError('permanent', reason);
    if (error.status >= 500) return new DeliveryError('transient', reason);
    if (error.status === 429) return new DeliveryError('rate_limited', reason, 1000);
    return new DeliveryError('permanent', reason);
  }
  if (error instanceof HTTPError) {
    return new DeliveryError(error.status >= 500 || error.status === 408 ? 'transient' : 'permanent', `discord http ${error.status}`);
  }
  return new DeliveryError('transient', `discord request failed: ${(error as Error)?.name ?? 'error'}`);
}
