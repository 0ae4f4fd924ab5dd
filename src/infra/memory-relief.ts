// A full garbage collection on request, for long batch work (the EU bulk import) that must keep the
// process small. V8 otherwise lets the old generation grow to well over 100 MB of dead batch data
// before its first full collection; collecting between batches keeps an 11,000-record import flat.
// `gc` is exposed once, at runtime, instead of asking every deployment for --expose-gc.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export function createMemoryRelief(): () => void {
  let gc: (() => void) | null = null;
  try {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  } catch {
    gc = null;
  }
  return () => gc?.();
}
