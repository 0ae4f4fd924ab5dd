// Small statistics for results and benchmarks: mean, quartiles, and the small-cell suppression
// that hides slices under the minimum count, plus one more when a hidden one could be subtracted.

export const mean = (values: number[]): number | null => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

/** Quantile by linear interpolation between closest ranks; `sorted` must be ascending. */
export function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export interface Quartiles {
  n: number;
  q1: number;
  median: number;
  q3: number;
}

export function quartiles(values: number[]): Quartiles | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, q1: quantile(sorted, 0.25)!, median: quantile(sorted, 0.5)!, q3: quantile(sorted, 0.75)! };
}

/**
 * Which groups to hide: every non-empty group under `min`, and, when exactly one is hidden while the
 * total is known, the smallest shown group too, so no hidden count follows by subtraction.
 */
export function suppressed(groups: Array<{ key: string; n: number }>, min: number): Set<string> {
  const hidden = new Set(groups.filter((g) => g.n > 0 && g.n < min).map((g) => g.key));
  while (hidden.size === 1) {
    const next = groups.filter((g) => g.n > 0 && !hidden.has(g.key)).sort((a, b) => a.n - b.n)[0];
    if (!next) break;
    hidden.add(next.key);
  }
  return hidden;
}

export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;
