// Discord's rate limits, as the fake enforces them: the global 50 requests per second per bot (a
// sliding second; interaction callbacks are exempt) and per-route buckets keyed by route and major
// parameter, announced on every answer with X-RateLimit-* headers. Beyond a limit: 429 with
// Retry-After, `retry_after`, and X-RateLimit-Global / -Scope. Time comes from `now` (real by default).
export interface DiscordLimitOptions {
  globalPerSecond?: number;
  now?: () => number;
}

export interface DiscordLimitStats {
  accepted: number;
  limitedGlobal: number;
  limitedRoute: number;
}

interface Bucket {
  limit: number;
  windowMs: number;
  resetAt: number;
  remaining: number;
}

/** Buckets the fake knows: messages into one channel (5 per 5 s), opening DMs (route-wide). */
const ROUTES: Array<{ method: string; pattern: RegExp; name: string; limit: number; windowMs: number }> = [
  { method: 'POST', pattern: /^\/channels\/(\d+)\/messages$/, name: 'channel-messages', limit: 5, windowMs: 5000 },
  { method: 'POST', pattern: /^\/users\/@me\/channels$/, name: 'dm-open', limit: 50, windowMs: 1000 },
];

export type Admission =
  { ok: true; headers: Record<string, string> } | { ok: false; status: 429; headers: Record<string, string>; body: Record<string, unknown> };

export class DiscordRateLimits {
  readonly stats: DiscordLimitStats = { accepted: 0, limitedGlobal: 0, limitedRoute: 0 };
  readonly #recent: number[] = [];
  readonly #buckets = new Map<string, Bucket>();
  readonly #global: number;
  readonly #now: () => number;

  constructor(options: DiscordLimitOptions = {}) {
    this.#global = options.globalPerSecond ?? 50;
    this.#now = options.now ?? (() => performance.now());
  }

  admit(method: string, path: string): Admission {
    if (path.startsWith('/interactions/')) return { ok: true, headers: {} };
    const now = this.#now();
    while (this.#recent.length && this.#recent[0]! <= now - 1000) this.#recent.shift();
    if (this.#recent.length >= this.#global) {
      this.stats.limitedGlobal++;
      const after = (this.#recent[0]! + 1000 - now) / 1000;
      return this.#limited(after, { 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' }, true);
    }
    const route = ROUTES.find((r) => r.method === method && r.pattern.test(path));
    let headers: Record<string, string> = {};
    if (route) {
      const major = route.pattern.exec(path)?.[1] ?? 'global';
      const key = `${route.name}:${major}`;
      let bucket = this.#buckets.get(key);
      if (!bucket || bucket.resetAt <= now) {
        bucket = { limit: route.limit, windowMs: route.windowMs, resetAt: now + route.windowMs, remaining: route.limit };
        this.#buckets.set(key, bucket);
      }
      const resetAfter = (bucket.resetAt - now) / 1000;
      if (bucket.remaining <= 0) {
        this.stats.limitedRoute++;
        return this.#limited(resetAfter, { ...bucketHeaders(route.name, bucket, resetAfter), 'x-ratelimit-scope': 'user' }, false);
      }
      bucket.remaining--;
      headers = bucketHeaders(route.name, bucket, resetAfter);
    }
    this.#recent.push(now);
    this.stats.accepted++;
    return { ok: true, headers };
  }

  #limited(afterSeconds: number, headers: Record<string, string>, global: boolean): Admission {
    const retryAfter = Math.max(0.001, Math.round(afterSeconds * 1000) / 1000);
    return {
      ok: false,
      status: 429,
      headers: { ...headers, 'retry-after': String(Math.max(1, Math.ceil(retryAfter))) },
      body: { message: 'You are being rate limited.', retry_after: retryAfter, global },
    };
  }
}

function bucketHeaders(name: string, bucket: Bucket, resetAfter: number): Record<string, string> {
  return {
    'x-ratelimit-bucket': name,
    'x-ratelimit-limit': String(bucket.limit),
    'x-ratelimit-remaining': String(bucket.remaining),
    'x-ratelimit-reset-after': resetAfter.toFixed(3),
    // Seconds since the epoch in the fake's own timeline; discord.js reads Reset-After.
    'x-ratelimit-reset': ((Date.now() + resetAfter * 1000) / 1000).toFixed(3),
  };
}
