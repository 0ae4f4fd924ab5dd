// The exchange's matching on a weighted graph of allowed pairs: as many pairs as the graph allows
// (a maximum-cardinality matching, Edmonds' blossom algorithm), then as heavy as local exchanges can
// make it without losing a pair. Why not an exact maximum-weight library: the only one on npm
// (edmonds-blossom, a 2016 port of van Rantwijk's O(n³) code, unmaintained) took 14.6 s for 2,000
// members (5.4 s even with each person's edges cut to their best 8), against a 1 s budget per round.
// The tests and the benchmark use it as an independent oracle on small and mid-sized networks.

/**
 * Allowed pairs as parallel arrays (a round has up to a few hundred thousand; objects would cost more
 * in allocation than the matching itself): edge i joins a[i] and b[i], heavier is better, and `tie`
 * orders edges of equal weight, lower first (seeded, so equal pairs are not always won by the same people).
 */
export interface WeightedGraph {
  n: number;
  /** The heaviest edge's weight. */
  top: number;
  a: Int32Array;
  b: Int32Array;
  weight: Float64Array;
  tie: Float64Array;
}

/** Bits of an edge index and of its tie rank inside the sort key (see heaviestFirst). */
const INDEX_BITS = 2 ** 20;
const TIE_STEPS = 2 ** 10;

/**
 * Edge indexes, heaviest first, then lowest tie, then lowest index. Sorting one packed number per edge
 * with the native numeric sort is several times faster than a comparator over a few hundred
 * thousand edges; weights are whole numbers and ties lie in [0, 2), so the key is exact.
 */
function heaviestFirst(graph: WeightedGraph): number[] {
  const { a, weight, tie } = graph;
  if (a.length >= INDEX_BITS) {
    return Array.from(a.keys()).sort((x, y) => (weight[y] as number) - (weight[x] as number) || (tie[x] as number) - (tie[y] as number) || x - y);
  }
  const top = graph.top;
  const keys = new Float64Array(a.length);
  for (let e = 0; e < a.length; e++) {
    const rank = Math.min(Math.floor(((tie[e] as number) / 2) * TIE_STEPS), TIE_STEPS - 1);
    keys[e] = ((top - (weight[e] as number)) * TIE_STEPS + rank) * INDEX_BITS + e;
  }
  keys.sort();
  return Array.from(keys, (k) => k % INDEX_BITS);
}

/** Most improvement passes; each pass is linear in the edges and only runs while it finds something. */
const MAX_PASSES = 25;

/**
 * A matching of maximum cardinality on `graph`, seeded greedily by weight, grown with augmenting paths
 * from the free vertices in `priority` order, then improved by weight-raising swaps that keep every
 * pair count. Returns mate[v] (-1 when v is left out). Same input, same output.
 */
export function maximumMatching(graph: WeightedGraph, priority: readonly number[]): Int32Array {
  const { n, a, b, weight } = graph;
  const order = heaviestFirst(graph);
  // Neighbours of each vertex in one array (CSR), heaviest edge first, so searches try good pairs first.
  const start = new Int32Array(n + 1);
  for (let e = 0; e < a.length; e++) {
    start[(a[e] as number) + 1] = (start[(a[e] as number) + 1] as number) + 1;
    start[(b[e] as number) + 1] = (start[(b[e] as number) + 1] as number) + 1;
  }
  for (let v = 0; v < n; v++) start[v + 1] = (start[v + 1] as number) + (start[v] as number);
  const fill = start.slice(0, n);
  const neighbours = new Int32Array(2 * a.length);
  const weights = new Map<number, number>();
  for (const e of order) {
    const x = a[e] as number;
    const y = b[e] as number;
    neighbours[fill[x] as number] = y;
    neighbours[fill[y] as number] = x;
    fill[x] = (fill[x] as number) + 1;
    fill[y] = (fill[y] as number) + 1;
    weights.set(Math.min(x, y) * n + Math.max(x, y), weight[e] as number);
  }
  const mate = new Int32Array(n).fill(-1);
  for (const e of order) {
    const x = a[e] as number;
    const y = b[e] as number;
    if (mate[x] === -1 && mate[y] === -1) {
      mate[x] = y;
      mate[y] = x;
    }
  }
  // A vertex with no augmenting path now never gets one later (a classic property of augmenting
  // paths), so each free vertex is searched once.
  const search = new AugmentingSearch(n, start, neighbours, mate);
  for (const root of priority) if (mate[root] === -1) search.from(root);
  improve(graph, order, (x, y) => weights.get(Math.min(x, y) * n + Math.max(x, y)) ?? Number.NEGATIVE_INFINITY, mate);
  return mate;
}

/** Edmonds' search for an augmenting path from a free vertex, contracting odd cycles (blossoms) as it meets them. */
class AugmentingSearch {
  readonly #parent: Int32Array;
  readonly #base: Int32Array;
  readonly #inTree: Uint8Array;
  readonly #inBlossom: Uint8Array;
  readonly #seen: Uint8Array;

  constructor(
    private readonly n: number,
    private readonly start: Int32Array,
    private readonly neighbours: Int32Array,
    private readonly mate: Int32Array,
  ) {
    this.#parent = new Int32Array(n);
    this.#base = new Int32Array(n);
    this.#inTree = new Uint8Array(n);
    this.#inBlossom = new Uint8Array(n);
    this.#seen = new Uint8Array(n);
  }

  /** Augments the matching along a path from `root` when there is one. */
  from(root: number): boolean {
    const { n, start, neighbours, mate } = this;
    const parent = this.#parent.fill(-1);
    const base = this.#base;
    for (let i = 0; i < n; i++) base[i] = i;
    const inTree = this.#inTree.fill(0);
    const queue: number[] = [root];
    inTree[root] = 1;
    for (let head = 0; head < queue.length; head++) {
      const v = queue[head] as number;
      for (let k = start[v] as number; k < (start[v + 1] as number); k++) {
        const to = neighbours[k] as number;
        if (base[v] === base[to] || mate[v] === to) continue;
        if (to === root || (mate[to] !== -1 && parent[mate[to] as number] !== -1)) {
          const top = this.#commonBase(v, to);
          const inBlossom = this.#inBlossom.fill(0);
          this.#markPath(v, top, to);
          this.#markPath(to, top, v);
          for (let i = 0; i < n; i++) {
            if (!inBlossom[base[i] as number]) continue;
            base[i] = top;
            if (!inTree[i]) {
              inTree[i] = 1;
              queue.push(i);
            }
          }
        } else if (parent[to] === -1) {
          parent[to] = v;
          if (mate[to] === -1) {
            for (let w = to; w !== -1;) {
              const p = parent[w] as number;
              const next = mate[p] as number;
              mate[w] = p;
              mate[p] = w;
              w = next;
            }
            return true;
          }
          inTree[mate[to] as number] = 1;
          queue.push(mate[to] as number);
        }
      }
    }
    return false;
  }

  #commonBase(x: number, y: number): number {
    const { mate } = this;
    const base = this.#base;
    const parent = this.#parent;
    const seen = this.#seen.fill(0);
    for (let v = x; ;) {
      v = base[v] as number;
      seen[v] = 1;
      if (mate[v] === -1) break;
      v = parent[mate[v] as number] as number;
    }
    let w = base[y] as number;
    while (!seen[w]) w = base[parent[mate[w] as number] as number] as number;
    return w;
  }

  #markPath(startAt: number, top: number, child: number): void {
    const { mate } = this;
    const base = this.#base;
    for (let v = startAt; base[v] !== top;) {
      this.#inBlossom[base[v] as number] = 1;
      this.#inBlossom[base[mate[v] as number] as number] = 1;
      this.#parent[v] = child;
      child = mate[v] as number;
      v = this.#parent[mate[v] as number] as number;
    }
  }
}

/**
 * Raises the weight without losing a pair: a left-out person takes a partner whose current pair is
 * lighter, or two pairs swap partners when the crossed pairs weigh more. Each change strictly raises
 * the total, so it ends; the pass cap bounds the time on adversarial inputs.
 */
function improve(graph: WeightedGraph, order: readonly number[], weightOf: (x: number, y: number) => number, mate: Int32Array): void {
  const held = new Float64Array(graph.n);
  for (let v = 0; v < graph.n; v++) if (mate[v] !== -1) held[v] = weightOf(v, mate[v] as number);
  const pair = (x: number, y: number, w: number): void => {
    mate[x] = y;
    mate[y] = x;
    held[x] = held[y] = w;
  };
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let changed = false;
    for (const e of order) {
      const a = graph.a[e] as number;
      const b = graph.b[e] as number;
      const w = graph.weight[e] as number;
      const ma = mate[a] as number;
      const mb = mate[b] as number;
      if (ma === b) continue;
      if (ma === -1 && mb !== -1) {
        if (w <= (held[b] as number)) continue;
        mate[mb] = -1;
        pair(a, b, w);
      } else if (mb === -1 && ma !== -1) {
        if (w <= (held[a] as number)) continue;
        mate[ma] = -1;
        pair(a, b, w);
      } else if (ma !== -1 && mb !== -1 && ma !== mb) {
        // Cheap bound first: the crossed pair can weigh at most as much as the heaviest edge.
        const now = (held[a] as number) + (held[b] as number);
        if (w + graph.top <= now) continue;
        const cross = weightOf(ma, mb);
        if (w + cross <= now) continue;
        pair(a, b, w);
        pair(ma, mb, cross);
      } else continue;
      changed = true;
    }
    if (!changed) return;
  }
}
