// Delivers outbox rows through the adapters: paced per platform, honouring Retry-After, retrying
// transient failures itself, storing permanent ones with the reason. Each row is marked right after
// its send, so a crash can repeat at most the one message in flight.
import type { Clock } from './clock.ts';
import { DeliveryError } from './errors.ts';
import type { Logger } from './logger.ts';
import type { OutboxTarget } from './outbox.ts';
import type { ChatAdapter } from './port.ts';
import type { Platform } from './refs.ts';
import { sharedRate, soleReplica, type BudgetShare } from './replicas.ts';
import type { OutboundMessage } from './ui.ts';

export interface OutboxRow {
  id: string;
  platform: Platform;
  kind: string;
  target: OutboxTarget;
  message: OutboundMessage;
  attempts: number;
}

/** Storage the sender needs; the Prisma implementation lives in src/infra. */
export interface OutboxStore {
  /** Marks up to `limit` due rows of these platforms as being sent, and returns them. */
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
const BATCH = 100;
const backoffMs = (attempts: number): number => Math.min(2 ** attempts * 1000, 15 * 60_000);

export class OutboxSender {
  readonly #nextSendAt = new Map<Platform, number>();
  /** Until when a platform told us to stop sending (Retry-After). */
  readonly #pausedUntil = new Map<Platform, number>();
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

  /** Sends everything due now, then returns. Rows deferred by rate limits stay for later. */
  async drain(): Promise<DrainReport> {
    const report: DrainReport = { sent: 0, failed: 0, deferred: 0 };
    const adapters = new Map(this.deps.adapters().map((a) => [a.platform, a]));
    const blocked = new Set<Platform>();
    for (;;) {
      const now = this.deps.clock.now().getTime();
      const platforms = [...adapters.keys()].filter((p) => !blocked.has(p) && (this.#pausedUntil.get(p) ?? 0) <= now);
      if (platforms.length === 0) break;
      const rows = await this.deps.store.claimDue(this.deps.clock.now(), BATCH, platforms);
      if (rows.length === 0) break;
      for (const row of rows) {
        const adapter = adapters.get(row.platform);
        const pausedUntil = this.#pausedUntil.get(row.platform) ?? 0;
        if (!adapter || pausedUntil > this.deps.clock.now().getTime()) {
          await this.deps.store.retryAt(row.id, new Date(Math.max(pausedUntil, this.deps.clock.now().getTime())), 'waiting for the platform rate limit', false);
          blocked.add(row.platform);
          report.deferred++;
          continue;
        }
        const outcome = await this.#deliver(adapter, row);
        report[outcome === 'rate_limited' ? 'deferred' : outcome]++;
        if (outcome === 'rate_limited') blocked.add(row.platform);
      }
    }
    return report;
  }

  /** Keeps draining in the background; `notify()` wakes it when new rows were written. */
  start(pollMs = 1000): void {
    this.#stopped = false;
    const loop = async (): Promise<void> => {
      while (!this.#stopped) {
        await this.drain().catch((error: unknown) => this.deps.logger.error({ err: error }, 'outbox drain failed'));
        if (this.#stopped) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
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

  async #deliver(adapter: ChatAdapter, row: OutboxRow): Promise<keyof DrainReport | 'rate_limited'> {
    const { store, clock, logger } = this.deps;
    await this.#pace(adapter);
    try {
      const to = row.target.kind === 'user' ? await adapter.openDirect(row.target.user) : row.target.conversation;
      const sent = await adapter.post(to, row.message, { idempotencyKey: row.id });
      await store.markSent(row.id, sent.id, clock.now());
      return 'sent';
    } catch (error) {
      const failure = error instanceof DeliveryError ? error : new DeliveryError('transient', String((error as Error)?.message ?? error));
      const log = logger.child({ outboxId: row.id, kind: row.kind, platform: row.platform });
      if (failure.kind === 'permanent' || (failure.kind === 'transient' && row.attempts + 1 >= MAX_ATTEMPTS)) {
        await store.markFailed(row.id, failure.reason);
        log.warn({ reason: failure.reason }, 'outbox message failed for good');
        return 'failed';
      }
      const delay = failure.kind === 'rate_limited' ? failure.retryAfterMs : backoffMs(row.attempts);
      await store.retryAt(row.id, new Date(clock.now().getTime() + delay), failure.reason, failure.kind === 'transient');
      if (failure.kind === 'rate_limited') this.#pausedUntil.set(adapter.platform, clock.now().getTime() + delay);
      log.info({ reason: failure.reason, delayMs: delay }, 'outbox message will be retried');
      return failure.kind === 'rate_limited' ? 'rate_limited' : 'deferred';
    }
  }

  async #pace(adapter: ChatAdapter): Promise<void> {
    const rate = sharedRate(adapter.capabilities.sendRatePerSecond, this.deps.budget ?? soleReplica, adapter.platform);
    if (rate <= 0) return;
    const now = this.deps.clock.now().getTime();
    const due = this.#nextSendAt.get(adapter.platform) ?? 0;
    if (due > now) await this.deps.clock.sleep(due - now);
    this.#nextSendAt.set(adapter.platform, Math.max(now, due) + 1000 / rate);
  }
}
