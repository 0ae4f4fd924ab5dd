// Benchmark quartiles kept as values come and go: the same figures as sorting every value and
// reading the quartiles from the array, across chunk splits and removals.
import { describe, expect, it } from 'vitest';
import { SortedValues } from '../../../src/features/surveys/sorted-values.ts';
import { quartiles } from '../../../src/features/surveys/survey-stats.ts';

/** A fixed pseudo-random sequence (no Math.random: the test must be the same every run). */
function* numbers(seed: number, count: number): Generator<number> {
  let x = seed;
  for (let i = 0; i < count; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    yield x % 7 === 0 ? x % 5 : (x % 100_000) / 10;
  }
}

describe('SortedValues', () => {
  it('given 5,000 values added and 2,000 of them removed → the same order and quartiles as a sorted array', () => {
    const sorted = new SortedValues();
    const all = [...numbers(42, 5000)];
    for (const v of all) sorted.add(v);
    expect(sorted.values).toEqual([...all].sort((a, b) => a - b));
    expect(sorted.quartiles()).toEqual(quartiles(all));

    const removed = all.filter((_, i) => i % 5 < 2);
    const kept = all.filter((_, i) => i % 5 >= 2);
    for (const v of removed) sorted.remove(v);
    expect(sorted.size).toBe(kept.length);
    expect(sorted.values).toEqual([...kept].sort((a, b) => a - b));
    expect(sorted.quartiles()).toEqual(quartiles(kept));
  });

  it('given 3,000 values read at once, then more added one by one and at once → the same as sorting them all', () => {
    const sorted = new SortedValues();
    const [first, second, third] = [[...numbers(1, 3000)], [...numbers(2, 700)], [...numbers(3, 500)]];
    sorted.addMany(first);
    for (const v of second) sorted.add(v);
    sorted.addMany(third);
    for (const v of first.slice(0, 400)) sorted.remove(v);
    const kept = [...first.slice(400), ...second, ...third];
    expect(sorted.values).toEqual([...kept].sort((a, b) => a - b));
    expect(sorted.quartiles()).toEqual(quartiles(kept));
  });

  it('given values coming and going one at a time → the quartiles agree with a sorted array at every size', () => {
    const sorted = new SortedValues();
    const kept: number[] = [];
    for (const v of numbers(7, 1200)) {
      sorted.add(v);
      kept.push(v);
      if (kept.length % 3 === 0) sorted.remove(kept.shift()!);
      expect(sorted.quartiles()).toEqual(quartiles(kept));
    }
  });

  it('given answers to a scale (a few values, repeated), then many different ones → the same quartiles throughout', () => {
    const sorted = new SortedValues();
    const kept: number[] = [];
    const scale = [...numbers(11, 800)].map((v) => Math.round(v) % 5);
    sorted.addMany(scale.slice(0, 300));
    kept.push(...scale.slice(0, 300));
    for (const v of [...scale.slice(300), ...numbers(12, 400)]) {
      sorted.add(v);
      kept.push(v);
      if (kept.length % 4 === 0) sorted.remove(kept.splice(kept.length >> 1, 1)[0]!);
      expect(sorted.quartiles()).toEqual(quartiles(kept));
    }
    expect(sorted.values).toEqual([...kept].sort((a, b) => a - b));
  });

  it('given a value that is not there → removing it changes nothing', () => {
    const sorted = new SortedValues();
    for (const v of [3, 1, 2]) sorted.add(v);
    sorted.remove(2.5);
    sorted.remove(99);
    expect(sorted.values).toEqual([1, 2, 3]);
    for (const v of [1, 2, 3]) sorted.remove(v);
    expect(sorted.quartiles()).toBeNull();
    sorted.add(7);
    expect(sorted.quartiles()).toEqual({ n: 1, q1: 7, median: 7, q3: 7 });
  });
});
