// Blame: a tree mirroring the state's shape where every node records the event that last changed
// something at or under it, and parents keep tombstones for removed children. It is mutated during a
// fold (cheap: O(depth) per change) and cloned when a snapshot keeps it.
import type { PathSegment } from '../../shared/replay.ts';
import { isPlainObject } from '../store/decode.ts';
import { keyFieldOf } from './arrayKeys.ts';
import { segmentText } from './jsonPath.ts';
import type { RawChange } from './structuralDiff.ts';

/** Internal event reference; time kept as epoch ms until it leaves the engine. */
export interface Ref {
  position: number;
  version: number;
  type: string;
  recordedAtMs: number;
  actor: string | null;
}

export interface BlameNode {
  /** Last event that changed this node or anything under it; null = initial state. */
  at: Ref | null;
  /** The event that last (re)created this node: what an "added" or "changed" diff entry points to. */
  born: Ref | null;
  kids: Map<string, BlameNode> | null;
  /** Removed children: segment text → the event that removed it. */
  gone: Map<string, Ref> | null;
}

/** Children of a JSON container with their path segments (keyed arrays by identity field). */
export function childrenOf(value: unknown): Array<[PathSegment, unknown]> {
  if (Array.isArray(value)) {
    const field = keyFieldOf(value);
    return value.map((item, i): [PathSegment, unknown] => [field ? { key: field, value: (item as Record<string, string | number>)[field] } : i, item]);
  }
  if (isPlainObject(value)) return Object.entries(value);
  return [];
}

/** A blame subtree for a freshly set value: every node attributed to `at`. */
export function blameTreeFor(value: unknown, at: Ref | null): BlameNode {
  const children = childrenOf(value);
  if (children.length === 0) return { at, born: at, kids: null, gone: null };
  const kids = new Map<string, BlameNode>();
  for (const [segment, child] of children) kids.set(segmentText(segment), blameTreeFor(child, at));
  return { at, born: at, kids, gone: null };
}

/** Records one change (from diffing consecutive states) as made by `ref`. */
export function applyChange(root: BlameNode, change: RawChange, ref: Ref): void {
  const { segments } = change;
  root.at = ref;
  if (segments.length === 0) {
    const fresh = blameTreeFor(change.after, ref);
    root.kids = fresh.kids;
    root.born = ref;
    root.gone = null;
    return;
  }
  let node = root;
  for (let i = 0; i < segments.length - 1; i++) {
    const key = segmentText(segments[i]);
    let child = node.kids?.get(key);
    if (!child) {
      child = { at: ref, born: ref, kids: null, gone: null };
      (node.kids ??= new Map()).set(key, child);
    }
    child.at = ref;
    node = child;
  }
  const last = segmentText(segments[segments.length - 1]);
  if (change.kind === 'removed') {
    node.kids?.delete(last);
    (node.gone ??= new Map()).set(last, ref);
  } else {
    (node.kids ??= new Map()).set(last, blameTreeFor(change.after, ref));
    node.gone?.delete(last);
  }
}

export function cloneBlame(node: BlameNode): BlameNode {
  let kids: Map<string, BlameNode> | null = null;
  if (node.kids) {
    kids = new Map();
    for (const [key, child] of node.kids) kids.set(key, cloneBlame(child));
  }
  return { at: node.at, born: node.born, kids, gone: node.gone ? new Map(node.gone) : null };
}

export function countNodes(node: BlameNode): number {
  let count = 1;
  if (node.kids) for (const child of node.kids.values()) count += countNodes(child);
  return count;
}

/**
 * The event responsible for a diff entry at `segments`: for a removal, the parent's tombstone; else
 * the event that (re)created the node. Falls back to the nearest ancestor's last change when the
 * tree has no exact node (an array whose matching switched between by-key and by-index).
 */
export function attribute(root: BlameNode, segments: readonly PathSegment[], removed: boolean): Ref | null {
  let node: BlameNode = root;
  const parentDepth = segments.length - 1;
  for (let i = 0; i < segments.length; i++) {
    const key = segmentText(segments[i]);
    if (removed && i === parentDepth) return node.gone?.get(key) ?? node.at;
    const child = node.kids?.get(key);
    if (!child) return node.at;
    node = child;
  }
  return node.born;
}

export interface BlameLeaf {
  segments: PathSegment[];
  value: unknown;
  at: Ref | null;
}

/** Every leaf of `state` with the event that last set it (empty containers count as leaves). */
export function blameLeaves(state: unknown, root: BlameNode): BlameLeaf[] {
  const out: BlameLeaf[] = [];
  const walk = (value: unknown, node: BlameNode | undefined, inherited: Ref | null, path: PathSegment[]) => {
    const at = node ? node.at : inherited;
    const children = childrenOf(value);
    if (children.length === 0) {
      out.push({ segments: path.slice(), value, at });
      return;
    }
    for (const [segment, child] of children) {
      path.push(segment);
      walk(child, node?.kids?.get(segmentText(segment)), at, path);
      path.pop();
    }
  };
  walk(state, root, root.at, []);
  return out;
}

/**
 * Whether nothing at, above or inside `segments` changed after version `after`, judged from a blame
 * tree: the nearest node on the path records the last event that changed it or anything under it,
 * and removals update every node above. Lets a history walk skip whole snapshot spans.
 */
export function untouchedSince(root: BlameNode, segments: readonly PathSegment[], after: number): boolean {
  let node: BlameNode = root;
  for (const segment of segments) {
    // An array whose elements were named both by index and by key (its matching switched) may keep a
    // stale child under the other name: trust only the array's own record then.
    if (typeof segment !== 'string' && namedBothWays(node)) break;
    const child = node.kids?.get(segmentText(segment));
    if (!child) break;
    node = child;
  }
  return node.at === null || node.at.version <= after;
}

const isIndexText = (text: string) => /^\[-?\d/.test(text);
const isKeyText = (text: string) => text.startsWith('[') && !text.startsWith('["') && !isIndexText(text);

function namedBothWays(node: BlameNode): boolean {
  let index = false;
  let keyed = false;
  for (const names of [node.kids?.keys(), node.gone?.keys()]) {
    if (!names) continue;
    for (const name of names) {
      if (isIndexText(name)) index = true;
      else if (isKeyText(name)) keyed = true;
      if (index && keyed) return true;
    }
  }
  return false;
}
