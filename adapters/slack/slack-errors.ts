// Slack Web API failures as the outbox's DeliveryError, and the bridge from Bolt's logger to ours
// with tokens, secrets and response URLs scrubbed from anything Bolt or the Web API client says.
import { LogLevel, webApi, type Logger as BoltLogger } from '@slack/bolt';
import { DeliveryError, type Logger } from '../../src/core/index.ts';

/** Errors that will fail the same way every time: give up and store the reason. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'user_not_found',
  'users_not_found',
  'messages_tab_disabled',
  'is_archived',
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'msg_blocks_too_long',
  'no_text',
  'cant_update_message',
  'message_not_found',
  'edit_window_closed',
  'user_disabled',
  'cannot_dm_bot',
  'restricted_action',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'missing_scope',
  'not_allowed_token_type',
]);
const TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'team_added_to_org', 'ekm_access_denied']);
const RATE_LIMITED = new Set(['ratelimited', 'rate_limited']);
const DEFAULT_RETRY_AFTER_MS = 30_000;

interface SlackishError {
  code?: string;
  data?: { error?: string; response_metadata?: unknown };
  retryAfter?: number;
  statusCode?: number;
  original?: { code?: string; message?: string };
}

/** Maps any error from the Web API client to what the outbox should do next. */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const e = (error ?? {}) as SlackishError;
  switch (e.code) {
    case webApi.ErrorCode.RateLimitedError:
      return new DeliveryError('rate_limited', 'rate_limited', Math.max(1, e.retryAfter ?? 30) * 1000);
    case webApi.ErrorCode.PlatformError: {
      const reason = e.data?.error ?? 'unknown_error';
      if (RATE_LIMITED.has(reason)) return new DeliveryError('rate_limited', reason, DEFAULT_RETRY_AFTER_MS);
      if (TRANSIENT.has(reason)) return new DeliveryError('transient', reason);
      if (PERMANENT.has(reason)) return new DeliveryError('permanent', reason);
      return new DeliveryError('permanent', reason);
    }
    case webApi.ErrorCode.HTTPError: {
      const status = e.statusCode ?? 0;
      // A 429 without a readable Retry-After: the client could not say how long, so wait a little.
      if (status === 429) return new DeliveryError('rate_limited', 'http_429', 1000);
      return new DeliveryError(status >= 500 || status === 408 || status === 0 ? 'transient' : 'permanent', `http_${status}`);
    }
    case webApi.ErrorCode.RequestError:
      return new DeliveryError('transient', `request_failed: ${e.original?.code ?? 'network'}`);
    default:
      return new DeliveryError('transient', redact(String((error as Error)?.message ?? error)).slice(0, 200));
  }
}

/** The Slack error name, when it is one ("not_in_channel"), for choosing a fallback. */
export function slackErrorName(error: unknown): string | undefined {
  const e = (error ?? {}) as SlackishError;
  return e.code === webApi.ErrorCode.PlatformError ? e.data?.error : undefined;
}

const SECRETS = [
  /xox[abposr]-[A-Za-z0-9-]+/g,
  /xapp-[A-Za-z0-9-]+/g,
  /https?:\/\/[^\s"']*(hooks\.slack\.com|response_url|\/commands\/|\/actions\/)[^\s"']*/g,
  /"response_url"\s*:\s*"[^"]*"/g,
  /response_url=[^&\s"]*/g,
  /ticket=[^&\s"]*/g,
  /Bearer\s+[A-Za-z0-9._-]+/g,
];

export function redact(text: string): string {
  return SECRETS.reduce((s, re) => s.replace(re, '[redacted]'), text);
}

/**
 * Bolt and the Socket Mode client log whole payloads at debug level: who sent what, response URLs,
 * answers. Everything from the first JSON brace on is dropped, then secrets are scrubbed.
 */
const describe = (parts: unknown[]): string =>
  redact(
    parts
      .map((p) => {
        if (typeof p === 'string') return p;
        if (p instanceof Error) return `${p.name}: ${p.message}`;
        try {
          return JSON.stringify(p);
        } catch {
          return String(p);
        }
      })
      .join(' ')
      .replace(/[{[][\s\S]*$/, '…'),
  ).slice(0, 500);

/** Bolt's Logger interface on our Logger; Bolt's chatty info goes to debug. */
export function boltLogger(logger: Logger): BoltLogger {
  let level: LogLevel = LogLevel.INFO;
  const log = logger.child({ component: 'slack' });
  return {
    debug: (...msg: unknown[]) => log.debug({}, describe(msg)),
    info: (...msg: unknown[]) => log.debug({}, describe(msg)),
    warn: (...msg: unknown[]) => log.warn({}, describe(msg)),
    error: (...msg: unknown[]) => log.error({}, describe(msg)),
    setLevel: (next: LogLevel) => void (level = next),
    getLevel: () => level,
    setName: () => undefined,
  };
}
