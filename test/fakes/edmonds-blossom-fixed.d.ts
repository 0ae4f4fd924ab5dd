// Types for the test oracle: edmonds-blossom-fixed ships none. Edges are [a, b, weight]; the result
// is each vertex's mate, -1 when unmatched.
declare module 'edmonds-blossom-fixed' {
  export default function blossom(edges: Array<[number, number, number]>, maxCardinality?: boolean): number[];
}
