// Numbers kept in ascending order as they come and go, for benchmark quartiles. They are held in
// chunks of bounded length: adding or removing one moves the values of one chunk, not of the whole
// list (one flat sorted array made every insertion move, on average, half of the wave's values), and
// a Fenwick tree over the chunks' lengths finds the chunk holding a rank without walking them all.
// Answers to scales and small counts repeat a few values: until more than FEW_MAX distinct values
// come, they are kept as each distinct value with how often it occurs, which is smaller and quicker
// still. So a response costs about the same in a wave of 100 and in one of 100,000.
import type { Quartiles } from './survey-stats.ts';

/** A chunk is split in two when it grows past this; small enough to move quickly, large enough to be few. */
const MAX_CHUNK = 256;
/** Distinct values kept with their counts; past this many, values go into chunks for good. */
const FEW_MAX = 64;

export class SortedValues {
  /** The distinct values so far, ascending, and how often each came; null once there were too many. */
  #few: { values: number[]; counts: number[] } | null = { values: [], counts: [] };
  readonly #chunks: number[][] = [];
  #size = 0;
  /** Fenwick tree (1-based) over the chunks' lengths, and the highest power of two not above their count. */
  #tree: number[] = [0];
  #top = 0;

  get size(): number {
    return this.#size;
  }

  /** Every value in order (a copy). */
  get values(): number[] {
    if (!this.#few) return this.#chunks.flat();
    const { values, counts } = this.#few;
    return values.flatMap((v, i) => Array<number>(counts[i]!).fill(v));
  }

  add(v: number): void {
    const few = this.#few;
    if (few) {
      const i = lowerBound(few.values, v);
      if (few.values[i] === v) few.counts[i]! += 1;
      else if (few.values.length < FEW_MAX) {
        few.values.splice(i, 0, v);
        few.counts.splice(i, 0, 1);
      } else {
        this.#toChunks();
        return this.add(v);
      }
      this.#size += 1;
      return;
    }
    this.#size += 1;
    if (this.#chunks.length === 0) {
      this.#chunks.push([v]);
      return this.#index();
    }
    const c = Math.min(this.#chunkFor(v), this.#chunks.length - 1);
    const chunk = this.#chunks[c]!;
    chunk.splice(lowerBound(chunk, v), 0, v);
    if (chunk.length <= MAX_CHUNK) return this.#grow(c, 1);
    this.#chunks.splice(c + 1, 0, chunk.splice(chunk.length >> 1));
    this.#index();
  }

  /** Many values at once (a wave read from storage): one sort, then chunks half full, instead of one insertion each. */
  addMany(values: readonly number[]): void {
    let i = 0;
    while (this.#few && i < values.length) this.add(values[i++]!);
    if (i === values.length) return;
    const rest = i === 0 ? values : values.slice(i);
    const all = Float64Array.from(this.#size ? [...this.values, ...rest] : rest).sort();
    this.#chunks.length = 0;
    for (let i = 0; i < all.length; i += MAX_CHUNK / 2) this.#chunks.push(Array.from(all.subarray(i, i + MAX_CHUNK / 2)));
    this.#size = all.length;
    this.#index();
  }

  /** Removes one occurrence of `v`, if there is one. */
  remove(v: number): void {
    const few = this.#few;
    if (few) {
      const i = lowerBound(few.values, v);
      if (few.values[i] !== v) return;
      this.#size -= 1;
      if ((few.counts[i]! -= 1) > 0) return;
      few.values.splice(i, 1);
      few.counts.splice(i, 1);
      return;
    }
    const c = this.#chunkFor(v);
    const chunk = this.#chunks[c];
    if (!chunk) return;
    const i = lowerBound(chunk, v);
    if (chunk[i] !== v) return;
    chunk.splice(i, 1);
    this.#size -= 1;
    if (chunk.length > 0) return this.#grow(c, -1);
    this.#chunks.splice(c, 1);
    this.#index();
  }

  /** Quartiles by linear interpolation between closest ranks, as quantile() in survey-stats.ts. */
  quartiles(): Quartiles | null {
    const n = this.#size;
    if (n === 0) return null;
    return { n, q1: this.#quantile((n - 1) * 0.25), median: this.#quantile((n - 1) * 0.5), q3: this.#quantile((n - 1) * 0.75) };
  }

  #quantile(pos: number): number {
    if (this.#few) return this.#fewQuantile(pos);
    const lo = Math.floor(pos);
    const low = this.#at(lo);
    return pos === lo ? low : low + (this.#at(lo + 1) - low) * (pos - lo);
  }

  #fewQuantile(pos: number): number {
    const { values, counts } = this.#few!;
    const lo = Math.floor(pos);
    // Ranks before the distinct value at i, walking up: a few steps, there are at most FEW_MAX.
    let i = 0;
    let before = 0;
    while (before + counts[i]! <= lo) before += counts[i++]!;
    const low = values[i]!;
    if (pos === lo) return low;
    const high = lo + 1 < before + counts[i]! ? low : values[i + 1]!;
    return low + (high - low) * (pos - lo);
  }

  /** The values so far into chunks: there are too many distinct ones to count each. */
  #toChunks(): void {
    const all = this.values;
    this.#few = null;
    for (let i = 0; i < all.length; i += MAX_CHUNK / 2) this.#chunks.push(all.slice(i, i + MAX_CHUNK / 2));
    this.#index();
  }

  /** The value of rank k (0-based): down the tree to the chunk that holds it. */
  #at(k: number): number {
    let chunk = 0;
    let rest = k;
    for (let step = this.#top; step > 0; step >>= 1) {
      const next = chunk + step;
      if (next < this.#tree.length && this.#tree[next]! <= rest) {
        chunk = next;
        rest -= this.#tree[next]!;
      }
    }
    return this.#chunks[chunk]![rest]!;
  }

  /** Chunk c got longer or shorter by `delta`. */
  #grow(c: number, delta: number): void {
    for (let i = c + 1; i < this.#tree.length; i += i & -i) this.#tree[i]! += delta;
  }

  /** The tree built again after chunks came or went (a split every MAX_CHUNK / 2 insertions at most). */
  #index(): void {
    const count = this.#chunks.length;
    const tree = new Array<number>(count + 1).fill(0);
    for (let i = 1; i <= count; i++) {
      tree[i]! += this.#chunks[i - 1]!.length;
      const parent = i + (i & -i);
      if (parent <= count) tree[parent]! += tree[i]!;
    }
    this.#tree = tree;
    this.#top = count === 0 ? 0 : 2 ** Math.floor(Math.log2(count));
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
