// Numbers kept in ascending order as they come and go, for benchmark quartiles. They are held in
// chunks of bounded length: adding or removing one moves the values of one chunk, not of the whole
// list, so a response costs about the same in a wave of 100 and in one of 100,000 (one flat sorted
// array made every insertion move, on average, half of the wave's values).
import type { Quartiles } from './survey-stats.ts';

/** A chunk is split in two when it grows past this; small enough to move quickly, large enough to be few. */
const MAX_CHUNK = 256;

export class SortedValues {
  readonly #chunks: number[][] = [];
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** Every value in order (a copy). */
  get values(): number[] {
    return this.#chunks.flat();
  }

  add(v: number): void {
    this.#size += 1;
    if (this.#chunks.length === 0) {
      this.#chunks.push([v]);
      return;
    }
    const c = Math.min(this.#chunkFor(v), this.#chunks.length - 1);
    const chunk = this.#chunks[c]!;
    chunk.splice(lowerBound(chunk, v), 0, v);
    if (chunk.length > MAX_CHUNK) this.#chunks.splice(c + 1, 0, chunk.splice(chunk.length >> 1));
  }

  /** Many values at once (a wave read from storage): one sort, then chunks half full, instead of one insertion each. */
  addMany(values: readonly number[]): void {
    if (values.length === 0) return;
    const all = Float64Array.from(this.#size ? [...this.values, ...values] : values).sort();
    this.#chunks.length = 0;
    for (let i = 0; i < all.length; i += MAX_CHUNK / 2) this.#chunks.push(Array.from(all.subarray(i, i + MAX_CHUNK / 2)));
    this.#size = all.length;
  }

  /** Removes one occurrence of `v`, if there is one. */
  remove(v: number): void {
    const c = this.#chunkFor(v);
    const chunk = this.#chunks[c];
    if (!chunk) return;
    const i = lowerBound(chunk, v);
    if (chunk[i] !== v) return;
    chunk.splice(i, 1);
    this.#size -= 1;
    if (chunk.length === 0) this.#chunks.splice(c, 1);
  }

  /** Quartiles by linear interpolation between closest ranks, as quantile() in survey-stats.ts; one walk over the chunks. */
  quartiles(): Quartiles | null {
    const n = this.#size;
    if (n === 0) return null;
    // The six ranks read, ascending: each quartile's lower and upper neighbour.
    const p1 = (n - 1) * 0.25;
    const p2 = (n - 1) * 0.5;
    const p3 = (n - 1) * 0.75;
    const ranks = [Math.floor(p1), Math.ceil(p1), Math.floor(p2), Math.ceil(p2), Math.floor(p3), Math.ceil(p3)];
    const found = [0, 0, 0, 0, 0, 0];
    let next = 0;
    let first = 0;
    for (let c = 0; c < this.#chunks.length && next < 6; c++) {
      const chunk = this.#chunks[c]!;
      while (next < 6 && ranks[next]! < first + chunk.length) {
        found[next] = chunk[ranks[next]! - first]!;
        next++;
      }
      first += chunk.length;
    }
    return { n, q1: between(p1, ranks, found, 0), median: between(p2, ranks, found, 2), q3: between(p3, ranks, found, 4) };
  }

  /** The first chunk whose last value is not below `v` (the chunk count when every value is below). */
  #chunkFor(v: number): number {
    let lo = 0;
    let hi = this.#chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = this.#chunks[mid]!;
      if (chunk[chunk.length - 1]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** The value at `pos`, between the values found at ranks i (its floor) and i + 1 (its ceiling). */
function between(pos: number, ranks: number[], found: number[], i: number): number {
  const low = found[i]!;
  return pos === ranks[i] ? low : low + (found[i + 1]! - low) * (pos - ranks[i]!);
}

/** The first index whose value is not below `v`. */
function lowerBound(values: number[], v: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
