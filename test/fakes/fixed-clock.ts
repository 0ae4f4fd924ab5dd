// A clock a test sets and moves by hand.
import type { Clock } from '../../src/core/index.ts';

export class FixedClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  /** A wait on this clock moves it on at once, so paced or backed-off work runs without real delays. */
  async sleep(ms: number): Promise<void> {
    this.advance(Math.max(0, ms));
  }
}
