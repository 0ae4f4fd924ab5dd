// The send budget's arithmetic, with plain times: a rate is kept over any second, a 429 stops
// everything until Retry-After and halves the rate, quiet seconds bring it back, a share re-read on
// every call takes effect at once.
import { describe, expect, it } from 'vitest';
import { SendBudget } from '../../src/core/send-pacing.ts';

/** Starts `n` sends as early as the budget allows, from `from`; returns their start times. */
function schedule(budget: SendBudget, n: number, from = 0): number[] {
  const times: number[] = [];
  let now = from;
  for (let i = 0; i < n; i++) {
    now += budget.waitMs(now);
    budget.take(now);
    times.push(now);
  }
  return times;
}

describe('send budget', () => {
  it('given 10/s → after a short burst one send every 100 ms, 10 in any second plus the burst', () => {
    const times = schedule(new SendBudget(() => 10, 0), 50);
    expect(times.slice(0, 2)).toEqual([0, 0]);
    expect(times.slice(2, 6)).toEqual([100, 200, 300, 400]);
    const inFirstSecond = times.filter((t) => t < 1000).length;
    expect(inFirstSecond).toBeLessThanOrEqual(12);
    expect(times.at(-1)).toBe(4800);
  });

  it('given no budget → never waits', () => {
    const budget = new SendBudget(() => 0, 0);
    expect(budget.paced).toBe(false);
    expect(schedule(budget, 100).at(-1)).toBe(0);
  });

  it('given a 429 → nothing until Retry-After, then half the rate, back to the whole rate after about five quiet seconds', () => {
    const budget = new SendBudget(() => 10, 0);
    schedule(budget, 20);
    budget.slowDown(2000, 5000);
    expect(budget.waitMs(2000)).toBe(3000);
    expect(budget.factor(5000)).toBe(0.5);
    const after = schedule(budget, 200, 5000);
    expect(after[0]!).toBeGreaterThanOrEqual(5000);
    const count = (from: number) => after.filter((t) => t >= from && t < from + 1000).length;
    expect(count(5000)).toBeLessThanOrEqual(7);
    expect(count(11_000)).toBeGreaterThanOrEqual(10);
    expect(budget.factor(20_000)).toBe(1);
  });

  it('given 429s one after another → the rate keeps halving, down to an eighth', () => {
    const budget = new SendBudget(() => 16, 0);
    for (let i = 0; i < 5; i++) budget.slowDown(i, i + 1);
    expect(budget.factor(5)).toBe(0.125);
  });

  it('given a replica share that drops (another replica joined) → the rate follows at once', () => {
    let rate = 10;
    const budget = new SendBudget(() => rate, 0);
    schedule(budget, 10);
    rate = 5;
    const times = schedule(budget, 10, 1000);
    expect(times.at(-1)! - times[1]!).toBeGreaterThanOrEqual(1600);
  });
});
