// Pacing for one platform's sends: a token bucket at the operator's budget (times this replica's
// share), slowed down after a 429 and brought back after. Pure arithmetic on times the caller passes
// in (from the injected Clock), so it is tested with plain numbers and never reads the machine's clock.

/** After a 429 the rate is multiplied by this, never going below MIN_FACTOR of the budget. */
const SLOWDOWN = 0.5;
const MIN_FACTOR = 0.125;
/** Each quiet second after a pause gives back this much of the budget (additive increase). */
const RECOVERY_PER_SECOND = 0.1;

export class SendBudget {
  #tokens: number;
  #at: number;
  /** The rate's factor right after the last slowdown, and when that slowdown's pause ended. */
  #factorAfterSlowdown = 1;
  #recoveringFrom = 0;
  #pausedUntil = 0;

  /**
   * @param rate messages (requests) per second this sender may spend now; read on every call because a
   *   replica's share changes as replicas come and go. 0 or less: no pacing at all.
   * @param burstSeconds how many seconds of budget may go out back to back (the bucket's depth).
   */
  constructor(
    private readonly rate: () => number,
    now: number,
    private readonly burstSeconds = 0.2,
  ) {
    this.#at = now;
    this.#tokens = this.#capacity(1);
  }

  get paced(): boolean {
    return this.rate() > 0;
  }

  /** The rate in force at `now`, slowed by recent 429s. */
  currentRate(now: number): number {
    return this.rate() * this.factor(now);
  }

  factor(now: number): number {
    if (now < this.#pausedUntil) return this.#factorAfterSlowdown;
    const quiet = Math.max(0, now - this.#recoveringFrom) / 1000;
    return Math.min(1, this.#factorAfterSlowdown + quiet * RECOVERY_PER_SECOND);
  }

  pausedUntil(): number {
    return this.#pausedUntil;
  }

  /** Milliseconds until `cost` requests may start (0: now). */
  waitMs(now: number, cost = 1): number {
    const paused = Math.max(0, this.#pausedUntil - now);
    if (!this.paced) return paused;
    this.#refill(now);
    const missing = Math.min(cost, this.#capacity(this.factor(now))) - this.#tokens;
    const rate = this.currentRate(now);
    return Math.max(paused, missing <= 0 ? 0 : Math.ceil((missing / rate) * 1000));
  }

  /** Spends `cost` requests now (the caller waited `waitMs` first). */
  take(now: number, cost = 1): void {
    if (!this.paced) return;
    this.#refill(now);
    this.#tokens -= cost;
  }

  /** A 429: nothing until `until`, then at a lower rate that recovers while no other 429 comes. */
  slowDown(now: number, until: number): void {
    this.#factorAfterSlowdown = Math.max(MIN_FACTOR, this.factor(now) * SLOWDOWN);
    this.#pausedUntil = Math.max(this.#pausedUntil, until);
    this.#recoveringFrom = this.#pausedUntil;
    // What was saved up before the 429 does not go out in one burst after it.
    this.#tokens = Math.min(this.#tokens, 0);
    this.#at = Math.max(now, this.#at);
  }

  #capacity(factor: number): number {
    return Math.max(1, this.rate() * factor * this.burstSeconds);
  }

  #refill(now: number): void {
    if (now <= this.#at) return;
    const from = Math.max(this.#at, Math.min(now, this.#pausedUntil));
    this.#tokens = Math.min(this.#capacity(this.factor(now)), this.#tokens + ((now - from) / 1000) * this.currentRate(now));
    this.#at = now;
  }
}
