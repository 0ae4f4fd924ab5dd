// Numbers kept in ascending order as they come and go, for benchmark quartiles. They are held in
// chunks of bounded length: adding or removing one moves the values of one chunk, not of the whole
// list, so a response costs about the same in a wave of 100 and in one of 100,000 (one flat sorted
// array made every insertion move, on average, half of the wave's values).
import type { Quartiles } from './survey-stats.ts';

/** A chunk is split in two when it grows past this; small enough to move quickly, large enough to be few. */
const MAX_CHUNK = 1024;

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

  /** The k-th smallest value (0-based). */
  at(k: number): number {
    for (const chunk of this.#chunks) {
      if (k < chunk.length) return chunk[k]!;
      k -= chunk.length;
    }
    throw new RangeError(`no value at ${k}`);
  }

  quartiles(): Quartiles | null {
    if (this.#size === 0) return null;
    return { n: this.#size, q1: this.#quantile(0.25), median: this.#quantile(0.5), q3: this.#quantile(0.75) };
  }

  /** Linear interpolation between closest ranks, as quantile() in survey-stats.ts does on an array. */
  #quantile(q: number): number {
    const pos = (this.#size - 1) * q;
    const lo = Math.floor(pos);
    const low = this.at(lo);
    return pos === lo ? low : low + (this.at(lo + 1) - low) * (pos - lo);
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
