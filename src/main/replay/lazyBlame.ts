// Attribution of a diff's changes without a blame tree over the whole range. A blame-tracked fold
// costs a structural diff and tree update per event (~2.6 µs); a diff only needs the events behind
// the few paths it reports. This finds, for each changed path, the last event whose own change (the
// structural diff of the states around it) lies at that path or above it — exactly what the blame
// tree's `born` / tombstone would hold — by refolding only the spans between snapshots that can hold
// such an event, newest first, and stopping once every path is found.
//
// A span is passed over for a path when the path's container is the very same object at both ends:
// states are immutable and share what they do not change, so nothing at or above the path changed
// in between. Anything this cannot decide the way the blame tree would (a path the tree would not
// name this way, a projection that failed on a refold, a refold that does not reproduce the state,
// a change found in a span passed over) gives null, and the caller falls back to the blame tree.
import type { PathSegment } from '../../shared/replay.ts';
import type { ReplayEvent } from '../store/eventStore.ts';
import { applyChunk } from './applyEvent.ts';
import { childrenOf, type Ref } from './blameTree.ts';
import { segmentText } from './jsonPath.ts';
import type { Projection } from './projection.ts';
import { structuralDiff, type RawChange } from './structuralDiff.ts';
import { isPlainObject } from '../store/decode.ts';

/** The state at a version: the span ends (the diff's two ends and the snapshots between). */
export interface SpanEnd {
  version: number;
  state: unknown;
}

export interface LazyBlameInput {
  projection: Projection;
  streamId: string;
  includeSkipped: boolean;
  /** Ascending; the first is the diff's `from`, the last its `to`. */
  ends: readonly SpanEnd[];
  /** The events (from, to] of one span, in version order. */
  readSpan(from: number, to: number): AsyncIterable<ReplayEvent[]> | ReplayEvent[][];
  /** The diff's changes (from `ends[0].state` to the last end's state) to attribute. */
  changes: readonly Pick<RawChange, 'segments' | 'kind'>[];
}

interface TrieNode {
  kids: Map<string, TrieNode> | null;
  /** Indexes of the changes at exactly this path. */
  here: number[];
}

const MISSING = Symbol('missing');
/** Thrown out of a structural diff to stop it early. */
const DIFFERENT = Symbol('different');

/**
 * For each change, the event responsible for it (as the blame tree would say), or null when that
 * cannot be decided here and the blame tree must be asked.
 */
export async function attributeLazily(input: LazyBlameInput): Promise<Ref[] | null> {
  const { changes, ends } = input;
  const found: (Ref | null)[] = new Array(changes.length).fill(null);
  if (changes.length === 0) return [];
  const root: TrieNode = { kids: null, here: [] };
  for (let i = 0; i < changes.length; i++) {
    let node = root;
    for (const segment of changes[i].segments) {
      const text = segmentText(segment);
      let child = node.kids?.get(text);
      if (!child) {
        child = { kids: null, here: [] };
        (node.kids ??= new Map()).set(text, child);
      }
      node = child;
    }
    node.here.push(i);
  }
  let unresolved = changes.length;
  const resolved = new Uint8Array(changes.length);
  const relevant = new Uint8Array(changes.length);
  let failed = false;

  /** Pins every unresolved change at or below `change`'s path on `ref`; marks the whole answer failed when one is not decided this way. */
  const hit = (change: RawChange, ref: Ref): void => {
    let node: TrieNode | undefined = root;
    let parent: TrieNode | null = null;
    let lastText = '';
    for (const segment of change.segments) {
      parent = node;
      lastText = segmentText(segment);
      node = node.kids?.get(lastText);
      if (!node) return;
    }
    // Every change at or below this path is decided by this event (the newest such one).
    const stack: TrieNode[] = [node];
    while (stack.length > 0) {
      const at = stack.pop() as TrieNode;
      for (const index of at.here) {
        if (resolved[index]) continue;
        if (!relevant[index] || !decides(changes[index], change)) failed = true;
        resolved[index] = 1;
        found[index] = ref;
        unresolved--;
      }
      if (at.kids) for (const kid of at.kids.values()) stack.push(kid);
    }
    if (parent) parent.kids?.delete(lastText);
    else {
      root.kids = null;
      root.here = [];
    }
  };

  for (let span = ends.length - 2; span >= 0 && unresolved > 0 && !failed; span--) {
    const a = ends[span];
    const b = ends[span + 1];
    if (b.version <= a.version) continue;
    let any = false;
    for (let i = 0; i < changes.length; i++) {
      if (resolved[i]) continue;
      const segments = changes[i].segments;
      const open = segments.length === 0 || mayChange(a.state, b.state, segments);
      relevant[i] = open ? 1 : 0;
      if (open) any = true;
    }
    if (!any) continue;
    const refold = await refoldSpan(input, a, b);
    if (!refold) return null;
    const { events, states } = refold;
    for (let i = events.length - 1; i >= 0 && unresolved > 0 && !failed; i--) {
      const previous = i > 0 ? states[i - 1] : a.state;
      if (states[i] === previous) continue;
      const event = events[i];
      const ref: Ref = { position: event.position, version: event.version, type: event.type, recordedAtMs: event.recordedAtMs, actor: event.actor };
      structuralDiff(previous, states[i], (change) => hit(change, ref));
    }
  }
  if (failed || unresolved > 0) return null;
  return found as Ref[];
}

/**
 * Whether the newest change at or above `target`'s path (made by one event) decides the blame tree's
 * answer for `target`, as blameTree.attribute would give it: a removal's tombstone, or the node the
 * change (re)created, which must hold `target` under the names the tree gives its children.
 */
function decides(target: Pick<RawChange, 'segments' | 'kind'>, change: RawChange): boolean {
  const deeper = target.segments.length - change.segments.length;
  if (target.kind === 'removed') return deeper === 0 && change.kind === 'removed';
  if (change.kind === 'removed') return false;
  let value = change.after;
  for (let i = change.segments.length; i < target.segments.length; i++) {
    if (value === null || typeof value !== 'object') return false;
    const children = namedChildren(value);
    const text = segmentText(target.segments[i]);
    if (!children.has(text)) return false;
    value = children.get(text);
  }
  return true;
}

const childNames = new WeakMap<object, Map<string, unknown>>();

/** A container's children by the names the blame tree gives them (childrenOf), built once per container. */
function namedChildren(value: object): Map<string, unknown> {
  let names = childNames.get(value);
  if (!names) {
    names = new Map();
    for (const [segment, child] of childrenOf(value)) names.set(segmentText(segment), child);
    childNames.set(value, names);
  }
  return names;
}

/**
 * Whether the value at `segments` may have changed between two states: false only when its
 * container is the very same object at both ends (immutable states share unchanged parts).
 */
function mayChange(a: unknown, b: unknown, segments: readonly PathSegment[]): boolean {
  const atA = containerAt(a, segments);
  if (atA === MISSING) return true;
  return atA !== containerAt(b, segments);
}

/** The object or array holding the last segment of `segments`, found loosely (keys by first match). */
function containerAt(state: unknown, segments: readonly PathSegment[]): unknown {
  let node = state;
  for (let i = 0; i < segments.length - 1; i++) {
    const segment = segments[i];
    if (typeof segment === 'string') {
      if (!isPlainObject(node) || !Object.prototype.hasOwnProperty.call(node, segment)) return MISSING;
      node = node[segment];
    } else if (typeof segment === 'number') {
      if (!Array.isArray(node) || segment < 0 || segment >= node.length) return MISSING;
      node = node[segment];
    } else {
      if (!Array.isArray(node)) return MISSING;
      const item = keyedIndex(node, segment.key).get(segment.value);
      if (item === undefined) return MISSING;
      node = item;
    }
  }
  return node !== null && typeof node === 'object' ? node : MISSING;
}

const indexes = new WeakMap<readonly unknown[], Map<string, Map<unknown, unknown>>>();

/** The array's elements by the value of `field` (first occurrence), built once per array. */
function keyedIndex(array: readonly unknown[], field: string): Map<unknown, unknown> {
  let byField = indexes.get(array);
  if (!byField) indexes.set(array, (byField = new Map()));
  let index = byField.get(field);
  if (!index) {
    index = new Map();
    for (const item of array) {
      if (!isPlainObject(item)) continue;
      const value = item[field];
      if (!index.has(value)) index.set(value, item);
    }
    byField.set(field, index);
  }
  return index;
}

/** The events of (a, b] and the state after each, refolded from a's state; null when the refold does not reproduce b. */
async function refoldSpan(input: LazyBlameInput, a: SpanEnd, b: SpanEnd): Promise<{ events: ReplayEvent[]; states: unknown[] } | null> {
  const events: ReplayEvent[] = [];
  const states: unknown[] = [];
  let state = a.state;
  for await (const chunk of input.readSpan(a.version, b.version)) {
    const outcome = await applyChunk(input.projection, state, chunk, { streamId: input.streamId, keepStates: true, includeSkipped: input.includeSkipped });
    if (outcome.failure || outcome.applied !== chunk.length) return null;
    for (let i = 0; i < chunk.length; i++) {
      events.push(chunk[i]);
      states.push((outcome.states as unknown[])[i]);
    }
    state = outcome.state;
  }
  if (events.length !== b.version - a.version || events[events.length - 1]?.version !== b.version) return null;
  if (state !== b.state && !sameValue(state, b.state)) return null;
  return { events, states };
}

function sameValue(x: unknown, y: unknown): boolean {
  try {
    structuralDiff(x, y, () => {
      throw DIFFERENT;
    });
    return true;
  } catch (error) {
    if (error === DIFFERENT) return false;
    throw error;
  }
}
