// Coded errors. Only a UserFacingError's message (an i18n key) ever reaches a user; anything else is
// logged with a short reference and the user sees a generic apology carrying that reference.
import type { TranslationVars, Translator } from './i18n.ts';

/** An expected failure, as a value: what to tell the person (an i18n key and its values). */
export interface Problem {
  key: string;
  vars?: TranslationVars;
}

export const problemMessage = (t: Translator, problem: Problem): { text: string } => ({ text: t(problem.key, problem.vars) });

export type ErrorCode = 'user_facing' | 'delivery_rate_limited' | 'delivery_permanent' | 'delivery_transient' | 'not_supported' | 'config_invalid' | 'internal';

export class BotError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BotError';
  }
}

/** A failure written for the user: `key` is an i18n key, `vars` its interpolation values. */
export class UserFacingError extends BotError {
  constructor(
    readonly key: string,
    readonly vars: Record<string, string | number> = {},
  ) {
    super('user_facing', key);
    this.name = 'UserFacingError';
  }
}

/**
 * Thrown by an adapter's send when delivery failed. The outbox decides what happens next:
 * `rate_limited` waits `retryAfterMs`, `transient` backs off and retries, `permanent` stops with the reason.
 * A rate limit's `scope` says what must wait: the whole platform (a workspace or global limit, the
 * safe reading when the platform does not say), or only the one conversation (Discord's per-channel buckets).
 */
export class DeliveryError extends BotError {
  constructor(
    readonly kind: 'rate_limited' | 'transient' | 'permanent',
    readonly reason: string,
    readonly retryAfterMs = 0,
    readonly scope: 'platform' | 'conversation' = 'platform',
  ) {
    super(`delivery_${kind}`, reason);
    this.name = 'DeliveryError';
  }
}

/** A short, unguessable reference users can quote to an admin; the log carries the same one. */
export function errorReference(random: () => number = Math.random): string {
  return Math.floor(random() * 36 ** 6)
    .toString(36)
    .toUpperCase()
    .padStart(6, '0');
}
