// Delivers outbox rows through the adapters, concurrently across conversations and one at a time
// within each (the claim never hands out two rows of one conversation), with at least the adapter's
// gap between two messages into one conversation, inside each platform's budget times this replica's
// share. A 429 pauses the platform for Retry-After and slows it down; it recovers while quiet.
// Every wait goes through the injected Clock, and all waits happen in the one dispatch loop, so a
// test clock that jumps on sleep replays the schedule exactly. Each row is marked right after its
// send, so a crash can repeat at most the messages in flight.
import type { Clock } from './clock.ts';
import { DeliveryError } from './errors.ts';
import type { Logger } from './logger.ts';
import type { OutboxTarget } from './outbox.ts';
import type { ChatAdapter } from './port.ts';
import type { Platform } from './refs.ts';
import { sharedRate, soleReplica, type BudgetShare } from './replicas.ts';
import { SendBudget } from './send-pacing.ts';
import type { OutboundMessage } from './ui.ts';

export interface OutboxRow {
  id: string;
  platform: Platform;
  kind: string;
  target: OutboxTarget;
  /** The conversation (or person) the row goes to, as stored: one lane per key. */
  targetKey?: string;
  /** When this conversation last got an outbox message (any replica), for its gap. */
  lastSentAt?: Date | null;
  message: OutboundMessage;
  attempts: number;
}

/** Storage the sender needs; the Prisma implementation lives in src/infra. */
export interface OutboxStore {
  /** Marks up to `limit` due rows of these platforms as being sent, at most one per conversation, and returns them. */
  claimDue(now: Date, limit: number, platforms: Platform[]): Promise<OutboxRow[]>;
  markSent(id: string, platformRef: string, now: Date): Promise<void>;
  retryAt(id: string, at: Date, reason: string, countAttempt: boolean): Promise<void>;
  markFailed(id: string, reason: string): Promise<void>;
  /** Rows a previous process left "sending" go back to pending. */
  releaseInFlight(): Promise<number>;
}

export interface DrainReport {
  sent: number;
  failed: number;
  deferred: number;
}

const MAX_ATTEMPTS = 8;
/** Rows claimed and not finished, per sender: enough to keep a 50/s budget busy over slow answers. */
const MAX_HELD = 64;
/**
 * Sends in flight at once per platform. Concurrency is there to spend a platform's budget while
 * requests travel; a platform without a budget (the shell prints locally) gains nothing from it, and
 * one send at a time there keeps what a crash can repeat to the one message in flight.
 */
const MAX_IN_FLIGHT = 32;
const CLAIM_EVERY_MS = 250;
const CLAIM_AHEAD_S = 3;
const backoffMs = (attempts: number): number => Math.min(2 ** attempts * 1000, 15 * 60_000);
const keyOf = (row: OutboxRow): string =>
  row.targetKey ?? (row.target.kind === 'user' ? `user:${row.target.user.platform}:${row.target.user.id}` : row.target.conversation);

interface DrainState {
  adapters: Map<Platform, ChatAdapter>;
  report: DrainReport;
  queue: OutboxRow[];
  inflight: Set<Promise<void>>;
  inflightBy: Map<Platform, number>;
  /** Something finished since the last claim: rows of its conversation may be claimable now. */
  changed: boolean;
}

export class OutboxSender {
  readonly #budgets = new Map<Platform, SendBudget>();
  /** When each conversation last got a message from this sender (ms on the clock). */
  readonly #lastSent = new Map<string, number>();
  /** The earliest retry this sender scheduled, so the background loop wakes for it. */
  #nextRetryAt = Number.POSITIVE_INFINITY;
  #wake: (() => void) | null = null;
  #running: Promise<void> | null = null;
  #stopped = false;

  constructor(
    private readonly deps: {
      store: OutboxStore;
      adapters: () => ChatAdapter[];
      clock: Clock;
      logger: Logger;
      /** This replica's share of each platform budget (replicas.ts); the whole budget when alone. */
      budget?: BudgetShare;
    },
  ) {}

  /** Sends everything due now (waiting out pacing), then returns. Rows deferred by rate limits stay for later. */
  async drain(): Promise<DrainReport> {
    const s: DrainState = {
      adapters: new Map(this.deps.adapters().map((a) => [a.platform, a])),
      report: { sent: 0, failed: 0, deferred: 0 },
      queue: [],
      inflight: new Set(),
      inflightBy: new Map(),
      changed: true,
    };
    let claimedAt = Number.NEGATIVE_INFINITY;
    for (;;) {
      const now = this.#now();
      // Claims again after sends finished (their conversations' next rows may be due), but while
      // rows are still queued at most every CLAIM_EVERY_MS: a claim is a database round trip.
      const wanted = s.queue.length === 0 || now - claimedAt >= CLAIM_EVERY_MS;
      if (s.changed && wanted && s.queue.length + s.inflight.size < MAX_HELD) {
        s.changed = false;
        claimedAt = now;
        const platforms = [...s.adapters.keys()].filter((p) => this.#budget(s, p).pausedUntil() <= now);
        const limit = Math.min(MAX_HELD - s.queue.length - s.inflight.size, this.#claimSize(s, platforms, now));
        if (platforms.length) s.queue.push(...(await this.deps.store.claimDue(this.deps.clock.now(), limit, platforms)));
      }
      await this.#releasePaused(s);
      if (s.queue.length === 0) {
        if (s.inflight.size === 0) break;
        await Promise.race(s.inflight);
        continue;
      }
      const startable = new Set(s.queue.filter((row) => (s.inflightBy.get(row.platform) ?? 0) < this.#maxInFlight(s, row.platform)));
      if (startable.size === 0) {
        await Promise.race(s.inflight);
        continue;
      }
      // The row that may start first: its platform's budget and its conversation's gap both allow it.
      // Among those, a conversation that is getting several messages goes first: it is the long pole
      // (one a second), while single messages fill the rest of the budget.
      const at = this.#now();
      let best = 0;
      let bestWait = Number.POSITIVE_INFINITY;
      let bestContinues = false;
      for (const [i, row] of s.queue.entries()) {
        if (!startable.has(row)) continue;
        const wait = this.#waitMs(s, row, at);
        const continues = this.#lastSentTo(row) > 0;
        if (wait < bestWait || (wait === bestWait && continues && !bestContinues)) [best, bestWait, bestContinues] = [i, wait, continues];
        if (wait === 0 && continues) break;
      }
      // A 429 that arrived meanwhile: its rows go back to the table rather than being waited for here.
      if (s.queue.some((row) => this.#budget(s, row.platform).pausedUntil() > at)) continue;
      if (bestWait > 0) {
        await this.deps.clock.sleep(bestWait);
        continue;
      }
      const [row] = s.queue.splice(best, 1);
      this.#start(s, row!);
    }
    this.#forgetOldGaps();
    return s.report;
  }

  /** Keeps draining in the background; `notify()` wakes it when new rows were written. */
  start(pollMs = 1000): void {
    this.#stopped = false;
    const loop = async (): Promise<void> => {
      while (!this.#stopped) {
        this.#nextRetryAt = Number.POSITIVE_INFINITY;
        await this.drain().catch((error: unknown) => this.deps.logger.error({ err: error }, 'outbox drain failed'));
        if (this.#stopped) break;
        // How long to stay idle is not a time the product keeps: it only decides when to look at the
        // table again (sooner when a retry falls due). A real timer, so a test clock that jumps on
        // sleep never turns an idle sender into a busy loop that moves the test's time.
        const idleMs = Math.max(0, Math.min(pollMs, this.#nextRetryAt - this.#now()));
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, idleMs);
          timer.unref();
          this.#wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.#wake = null;
      }
    };
    this.#running = loop();
  }

  notify(): void {
    this.#wake?.();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    await this.#running;
  }

  #now(): number {
    return this.deps.clock.now().getTime();
  }

  #budget(s: DrainState, platform: Platform): SendBudget {
    let budget = this.#budgets.get(platform);
    if (!budget) {
      const share = this.deps.budget ?? soleReplica;
      budget = new SendBudget(() => {
        const adapter = s.adapters.get(platform) ?? this.deps.adapters().find((a) => a.platform === platform);
        return sharedRate(adapter?.capabilities.sendRatePerSecond ?? 0, share, platform);
      }, this.#now());
      this.#budgets.set(platform, budget);
    }
    return budget;
  }

  /**
   * Rows to claim at once: about three seconds of the budgets, so a replica holds no more than it will
   * send soon (the rest stays for the others, and for this one after a restart).
   */
  #claimSize(s: DrainState, platforms: Platform[], now: number): number {
    const budgets = platforms.map((p) => this.#budget(s, p));
    if (budgets.some((b) => !b.paced)) return MAX_HELD;
    return Math.ceil(budgets.reduce((sum, b) => sum + b.currentRate(now), 0) * CLAIM_AHEAD_S) + 2;
  }

  #maxInFlight(s: DrainState, platform: Platform): number {
    return this.#budget(s, platform).paced ? MAX_IN_FLIGHT : 1;
  }

  /** Requests this row spends: the message, and opening the person's DM when the adapter counts that. */
  #cost(s: DrainState, row: OutboxRow): number {
    const adapter = s.adapters.get(row.platform);
    return 1 + (row.target.kind === 'user' ? (adapter?.directOpenCost?.(row.target.user) ?? 0) : 0);
  }

  #waitMs(s: DrainState, row: OutboxRow, now: number): number {
    const gap = s.adapters.get(row.platform)?.capabilities.conversationGapMs ?? 0;
    const last = this.#lastSentTo(row);
    const gapWait = gap > 0 && last > 0 ? Math.max(0, last + gap - now) : 0;
    return Math.max(gapWait, this.#budget(s, row.platform).waitMs(now, this.#cost(s, row)));
  }

  #lastSentTo(row: OutboxRow): number {
    return Math.max(this.#lastSent.get(keyOf(row)) ?? 0, row.lastSentAt?.getTime() ?? 0);
  }

  /** Rows of a platform that asked to wait go back to the table until then, for whichever replica is free. */
  async #releasePaused(s: DrainState): Promise<void> {
    const now = this.#now();
    for (let i = 0; i < s.queue.length;) {
      const row = s.queue[i]!;
      const until = this.#budget(s, row.platform).pausedUntil();
      if (until <= now) {
        i++;
        continue;
      }
      s.queue.splice(i, 1);
      await this.deps.store.retryAt(row.id, new Date(until), 'waiting for the platform rate limit', false);
      this.#retryScheduled(until);
      s.report.deferred++;
    }
  }

  #start(s: DrainState, row: OutboxRow): void {
    const adapter = s.adapters.get(row.platform)!;
    this.#budget(s, row.platform).take(this.#now(), this.#cost(s, row));
    s.inflightBy.set(row.platform, (s.inflightBy.get(row.platform) ?? 0) + 1);
    const task: Promise<void> = this.#deliver(s, adapter, row).finally(() => {
      s.inflightBy.set(row.platform, (s.inflightBy.get(row.platform) ?? 1) - 1);
      s.inflight.delete(task);
      s.changed = true;
    });
    s.inflight.add(task);
  }

  async #deliver(s: DrainState, adapter: ChatAdapter, row: OutboxRow): Promise<void> {
    const { store, clock, logger } = this.deps;
    try {
      const to = row.target.kind === 'user' ? await adapter.openDirect(row.target.user) : row.target.conversation;
      const sent = await adapter.post(to, row.message, { idempotencyKey: row.id });
      const at = clock.now();
      this.#lastSent.set(keyOf(row), at.getTime());
      await store.markSent(row.id, sent.id, at);
      s.report.sent++;
    } catch (error) {
      const failure = error instanceof DeliveryError ? error : new DeliveryError('transient', String((error as Error)?.message ?? error));
      const log = logger.child({ outboxId: row.id, kind: row.kind, platform: row.platform });
      if (failure.kind === 'permanent' || (failure.kind === 'transient' && row.attempts + 1 >= MAX_ATTEMPTS)) {
        await store.markFailed(row.id, failure.reason);
        log.warn({ reason: failure.reason }, 'outbox message failed for good');
        s.report.failed++;
        return;
      }
      const now = clock.now().getTime();
      const delay = failure.kind === 'rate_limited' ? failure.retryAfterMs : backoffMs(row.attempts);
      // A platform-wide limit stops every send of the platform; a conversation's own limit only its row.
      if (failure.kind === 'rate_limited' && failure.scope === 'platform') this.#budget(s, row.platform).slowDown(now, now + delay);
      await store.retryAt(row.id, new Date(now + delay), failure.reason, failure.kind === 'transient');
      this.#retryScheduled(now + delay);
      log.info({ reason: failure.reason, delayMs: delay }, 'outbox message will be retried');
      s.report.deferred++;
    }
  }

  #retryScheduled(at: number): void {
    this.#nextRetryAt = Math.min(this.#nextRetryAt, at);
  }

  /** Gaps are seconds long: older entries are of no use, and a long-running process must not keep them all. */
  #forgetOldGaps(): void {
    const horizon = this.#now() - 60_000;
    for (const [key, at] of this.#lastSent) if (at < horizon) this.#lastSent.delete(key);
  }
}
