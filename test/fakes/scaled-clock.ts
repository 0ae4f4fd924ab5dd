// A clock that runs faster than the machine's (ten times by default): for tests where the bot and a
// fake platform both keep time while real requests are in flight, so a schedule of seconds on the
// clock passes in a fraction of a second, without the instant jumps of FixedClock that would let the
// bot start requests faster than they can travel. Starts at a fixed date, never today's.
import type { Clock } from '../../src/core/index.ts';

export class ScaledClock implements Clock {
  readonly #origin = performance.now();

  constructor(
    private readonly from: Date,
    private readonly factor = 10,
  ) {}

  now(): Date {
    return new Date(this.from.getTime() + (performance.now() - this.#origin) * this.factor);
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms) / this.factor));
  }
}
