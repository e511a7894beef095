// Rebuilds the state tree from blame entries. Blame lists every leaf (empty containers included)
// with its path segments and the event that last set it, so the tree needs no second fold and
// keyed array elements keep the identity the replay engine matched them by (e.g. sku).
import type { BlameEntry, EventRef, PathSegment } from '../../../../shared/replay.ts';

export interface BlameNode {
  segment: PathSegment | null;
  /** 'leaf' holds `entry`; containers hold children in state order. */
  kind: 'object' | 'array' | 'leaf';
  children: BlameNode[];
  entry: BlameEntry | null;
  /** The newest event among this node's leaves (what last touched anything inside it). */
  latest: EventRef | null;
  leafCount: number;
}

export const segmentKey = (segment: PathSegment): string => (typeof segment === 'object' ? `k:${segment.key}=${JSON.stringify(segment.value)}` : `${typeof segment}:${segment}`);

function newer(a: EventRef | null, b: EventRef | null): EventRef | null {
  if (!a) return b;
  if (!b) return a;
  return b.version > a.version ? b : a;
}

export function buildBlameTree(entries: readonly BlameEntry[]): BlameNode {
  const root: BlameNode = { segment: null, kind: 'object', children: [], entry: null, latest: null, leafCount: 0 };
  const index = new Map<BlameNode, Map<string, BlameNode>>();
  for (const entry of entries) {
    if (entry.segments.length === 0) {
      // The whole state is one value (a number, a string, or an empty container).
      return { segment: null, kind: 'leaf', children: [], entry, latest: entry.event, leafCount: 1 };
    }
    let node = root;
    entry.segments.forEach((segment, depth) => {
      const isLast = depth === entry.segments.length - 1;
      node.kind = typeof segment === 'string' ? 'object' : 'array';
      node.latest = newer(node.latest, entry.event);
      node.leafCount++;
      let children = index.get(node);
      if (!children) {
        children = new Map();
        index.set(node, children);
      }
      const key = segmentKey(segment);
      let child = children.get(key);
      if (!child) {
        child = { segment, kind: isLast ? 'leaf' : 'object', children: [], entry: null, latest: null, leafCount: 0 };
        children.set(key, child);
        node.children.push(child);
      }
      node = child;
    });
    node.kind = 'leaf';
    node.entry = entry;
    node.latest = entry.event;
    node.leafCount = 1;
  }
  return root;
}

export function segmentLabel(segment: PathSegment): string {
  if (typeof segment === 'number') return String(segment);
  if (typeof segment === 'string') return segment;
  return `${segment.key}=${JSON.stringify(segment.value)}`;
}
