// The replay tests' own, deliberately naive reading of a state: an oracle independent of the
// engine's path code (jsonPath.ts, pathHistory), shared by the engine's and the history's tests.
import type { PathSegment } from '../../shared/replay.ts';

/** The value at a path, resolving keyed segments by searching the array; undefined = no such path. */
export function valueAt(state: unknown, segments: readonly PathSegment[]): unknown {
  let node: any = state;
  for (const segment of segments) {
    if (node === undefined || node === null) return undefined;
    if (typeof segment === 'object') node = Array.isArray(node) ? node.find((item) => item?.[segment.key] === segment.value) : undefined;
    else node = node[segment];
  }
  return node;
}

export const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
