// Slack's limits on chat.postMessage, as the fake enforces them: about one message per second into
// one channel, and a workspace-wide budget (a token bucket). Beyond either, 429 with Retry-After in
// whole seconds, as Slack answers. Time comes from `now` (real milliseconds by default; a test clock
// in tests), so tests can cross the limits without sleeping.
export interface SlackLimitOptions {
  /** Least time between two messages into one channel. */
  perChannelMs?: number;
  /** Workspace budget: messages per second, and how many may go out back to back. */
  workspacePerSecond?: number;
  workspaceBurst?: number;
  now?: () => number;
}

export interface SlackLimitStats {
  accepted: number;
  limited: number;
  limitedByChannel: number;
  limitedByWorkspace: number;
}

const LIMITED_METHODS = new Set(['chat.postMessage']);

export class SlackRateLimits {
  readonly stats: SlackLimitStats = { accepted: 0, limited: 0, limitedByChannel: 0, limitedByWorkspace: 0 };
  readonly #lastInChannel = new Map<string, number>();
  readonly #perChannelMs: number;
  readonly #rate: number;
  readonly #burst: number;
  readonly #now: () => number;
  #tokens: number;
  #at: number;

  constructor(options: SlackLimitOptions = {}) {
    this.#perChannelMs = options.perChannelMs ?? 1000;
    this.#rate = options.workspacePerSecond ?? 20;
    this.#burst = options.workspaceBurst ?? this.#rate;
    this.#now = options.now ?? (() => performance.now());
    this.#tokens = this.#burst;
    this.#at = this.#now();
  }

  /** Null when the call may go through (and is counted), else the seconds to tell the client to wait. */
  check(method: string, args: Record<string, unknown>): { retryAfter: number } | null {
    if (!LIMITED_METHODS.has(method)) return null;
    const now = this.#now();
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#at) / 1000) * this.#rate);
    this.#at = now;
    const channel = String(args.channel ?? '');
    const last = this.#lastInChannel.get(channel);
    if (last !== undefined && now - last < this.#perChannelMs) {
      this.stats.limited++;
      this.stats.limitedByChannel++;
      return { retryAfter: Math.max(1, Math.ceil((last + this.#perChannelMs - now) / 1000)) };
    }
    if (this.#tokens < 1) {
      this.stats.limited++;
      this.stats.limitedByWorkspace++;
      return { retryAfter: Math.max(1, Math.ceil((1 - this.#tokens) / this.#rate)) };
    }
    this.#tokens -= 1;
    this.#lastInChannel.set(channel, now);
    this.stats.accepted++;
    return null;
  }
}
