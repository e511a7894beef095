// Path histories: for chosen paths, every event in a span that changed the value at that path —
// through a parent (a line removed), at the path itself, or inside it — with the value at the path
// before and after. A diff's end values alone hide changes that were undone or overwritten later.
//
// The walk folds only the span's events, diffing consecutive states (cheap: states share unchanged
// parts). Each raw change finds the paths it may affect through a trie of the wanted paths; every
// candidate is then confirmed by comparing the values at the path, so the result is exact.
import type { ChangeKind, PathHistoryEntry, PathSegment } from '../../shared/replay.ts';
import type { ReplayEvent } from '../store/eventStore.ts';
import { toIsoTime } from '../store/time.ts';
import type { Interruption } from '../../shared/projections.ts';
import { applyChunk } from './applyEvent.ts';
import { segmentText } from './jsonPath.ts';
import type { Projection } from './projection.ts';
import { structuralDiff } from './structuralDiff.ts';
import { currenciesAt, currencyPlan, type CurrencyPlan } from '../units/historyCurrencies.ts';

/** Entries kept per path; `count` still counts every event. */
export const HISTORY_CAP = 1000;

export interface PathHistory {
  entries: PathHistoryEntry[];
  count: number;
}

type Lookup = { present: true; value: unknown } | { present: false };

const hasOwn = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);
const array = (value: unknown): value is readonly unknown[] => Array.isArray(value);

// States are immutable (projections return new values), so an array's key index can be kept with it:
// a history walk looks up many paths in the same arrays, and a linear search each time would make a
// 10,000-line cart quadratic.
const keyIndexes = new WeakMap<readonly unknown[], Map<string, Map<unknown, unknown>>>();
const searches = new WeakMap<readonly unknown[], number>();

function elementByKey(array: readonly unknown[], key: string, value: unknown): unknown {
  // Search until an array has been searched often: most states change per event, and an index of an
  // array looked up twice would cost more than it saves.
  let byField = keyIndexes.get(array);
  if (!byField && array.length > 64) {
    const searched = (searches.get(array) ?? 0) + 1;
    searches.set(array, searched);
    if (searched > 8) keyIndexes.set(array, (byField = new Map()));
  }
  if (!byField) return array.find((item) => typeof item === 'object' && item !== null && (item as Record<string, unknown>)[key] === value);
  let index = byField.get(key);
  if (!index) {
    index = new Map();
    for (const item of array) {
      if (typeof item !== 'object' || item === null) continue;
      const k = (item as Record<string, unknown>)[key];
      if (!index.has(k)) index.set(k, item); // the first match, as a linear search would find
    }
    byField.set(key, index);
  }
  return index.get(value);
}

/** The value at `segments` (keyed segments find the array element by its key field). */
export function valueAtPath(state: unknown, segments: readonly PathSegment[]): Lookup {
  let node: unknown = state;
  for (const segment of segments) {
    if (typeof segment === 'object') {
      if (!Array.isArray(node)) return { present: false };
      const found = array(node) ? elementByKey(node, segment.key, segment.value) : undefined;
      if (found === undefined) return { present: false };
      node = found;
    } else if (typeof segment === 'number') {
      if (!Array.isArray(node) || segment < 0 || segment >= node.length) return { present: false };
      node = node[segment];
    } else {
      if (typeof node !== 'object' || node === null || Array.isArray(node) || !hasOwn(node, segment)) return { present: false };
      node = (node as Record<string, unknown>)[segment];
    }
  }
  return { present: true, value: node };
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => deepEqual(item, other[i]));
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => hasOwn(b, key) && deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** The currency texts for the value at a plan's path in `state` (historyCurrencies.ts). */
export function currenciesOfPath(plan: CurrencyPlan, state: unknown): Record<string, string> | undefined {
  const parent = plan.beside ? valueAtPath(state, plan.beside.parent) : undefined;
  return currenciesAt(plan, state, parent?.present ? parent.value : undefined);
}

export const sameLookup = (x: Lookup, y: Lookup) => x.present === y.present && (!x.present || deepEqual(x.value, (y as { value: unknown }).value));

type SegmentKind = 'name' | 'index' | 'key';
const kindOf = (segment: PathSegment): SegmentKind => (typeof segment === 'string' ? 'name' : typeof segment === 'number' ? 'index' : 'key');

interface TrieNode {
  kids: Map<string, TrieNode>;
  /** Kinds of the children's segments: a raw change naming an array element differently (by index
   * where the wanted path has a key) must not slip past its targets. */
  kinds: Set<SegmentKind>;
  /** Indices of wanted paths ending here. */
  here: number[];
  /** Indices of wanted paths at or under this node (computed once, on first use). */
  under: number[] | null;
}

const newNode = (): TrieNode => ({ kids: new Map(), kinds: new Set(), here: [], under: null });

function buildTrie(paths: readonly (readonly PathSegment[])[]): TrieNode {
  const root = newNode();
  paths.forEach((segments, index) => {
    let node = root;
    for (const segment of segments) {
      node.kinds.add(kindOf(segment));
      const key = segmentText(segment);
      let child = node.kids.get(key);
      if (!child) node.kids.set(key, (child = newNode()));
      node = child;
    }
    node.here.push(index);
  });
  return root;
}

function under(node: TrieNode): number[] {
  if (node.under) return node.under;
  const out = node.here.slice();
  for (const child of node.kids.values()) out.push(...under(child));
  return (node.under = out);
}

/** Wanted paths one event's changes may affect; each subtree is added once per event, so an event
 * with thousands of changes under one array costs O(changes + wanted paths), not their product. */
class Candidates {
  readonly paths = new Set<number>();
  private readonly subtrees = new Set<TrieNode>();
  clear(): void {
    this.paths.clear();
    this.subtrees.clear();
  }
  addSubtree(node: TrieNode): void {
    if (this.subtrees.has(node)) return;
    this.subtrees.add(node);
    for (const index of under(node)) this.paths.add(index);
  }
  /** Ancestors of the change, itself, and descendants. */
  addChange(root: TrieNode, segments: readonly PathSegment[]): void {
    let node = root;
    for (const segment of segments) {
      if (this.subtrees.has(node)) return;
      for (const index of node.here) this.paths.add(index);
      const child = node.kids.get(segmentText(segment));
      if (!child) {
        // Same parent, element named another way: confirm every wanted path under the parent.
        if (node.kinds.size > 1 || (node.kinds.size === 1 && !node.kinds.has(kindOf(segment)))) this.addSubtree(node);
        return;
      }
      node = child;
    }
    this.addSubtree(node);
  }
}

function kindFor(before: Lookup, after: Lookup): ChangeKind {
  if (!before.present) return 'added';
  if (!after.present) return 'removed';
  return 'changed';
}

export interface HistoryWalk {
  projection: Projection;
  streamId: string;
  includeSkipped?: boolean;
  /** The state before the first event of the span. */
  start: unknown;
  /** Chunks of events, as a reader's replayChunks gives them (a plain array of chunks works too). */
  events: Iterable<ReplayEvent[]> | AsyncIterable<ReplayEvent[]>;
  paths: readonly (readonly PathSegment[])[];
  /** Called with every raw change (for callers that also need what was touched). */
  onChange?(segments: PathSegment[], version: number): void;
}

/** Folds the span once and returns one history per wanted path, oldest event first. */
export async function walkHistories(
  walk: HistoryWalk,
): Promise<{ histories: PathHistory[]; end: unknown; interrupted?: Omit<Interruption, 'projection'> }> {
  const { projection, paths, onChange } = walk;
  const histories: PathHistory[] = paths.map(() => ({ entries: [], count: 0 }));
  const trie = buildTrie(paths);
  // Money in a currency kept in the state: each entry names the currency of its own before and after.
  const plans = paths.map((segments) => currencyPlan(projection.units, segments));
  let state = walk.start;
  let interrupted: Omit<Interruption, 'projection'> | undefined;
  const candidates = new Candidates();
  for await (const chunk of walk.events) {
    const outcome = await applyChunk(projection, state, chunk, { streamId: walk.streamId, keepStates: true, includeSkipped: walk.includeSkipped });
    const states = outcome.states as unknown[];
    for (let i = 0; i < outcome.applied; i++) {
      const event = chunk[i];
      const previous = state;
      state = states[i];
      if (state === previous) continue;
      candidates.clear();
      structuralDiff(previous, state, (change) => {
        if (paths.length > 0) candidates.addChange(trie, change.segments);
        onChange?.(change.segments, event.version);
      });
      for (const index of candidates.paths) {
        const before = valueAtPath(previous, paths[index]);
        const after = valueAtPath(state, paths[index]);
        if (sameLookup(before, after)) continue;
        const history = histories[index];
        history.count++;
        if (history.entries.length >= HISTORY_CAP) continue;
        const entry: PathHistoryEntry = {
          event: { position: event.position, version: event.version, type: event.type, recordedAt: toIsoTime(event.recordedAtMs), actor: event.actor },
          kind: kindFor(before, after),
        };
        if (before.present) entry.before = before.value;
        if (after.present) entry.after = after.value;
        const plan = plans[index];
        if (plan) {
          const currencies: NonNullable<PathHistoryEntry['currencies']> = {};
          const then = before.present ? currenciesOfPath(plan, previous) : undefined;
          const now = after.present ? currenciesOfPath(plan, state) : undefined;
          if (then) currencies.before = then;
          if (now) currencies.after = now;
          if (then || now) entry.currencies = currencies;
        }
        history.entries.push(entry);
      }
    }
    if (outcome.failure) {
      const event = chunk[outcome.applied];
      interrupted = { version: event.version, position: event.position, type: event.type, recordedAt: toIsoTime(event.recordedAtMs), failure: outcome.failure };
      break;
    }
  }
  for (const history of histories) history.entries.sort((x, y) => x.event.version - y.event.version);
  return interrupted ? { histories, end: state, interrupted } : { histories, end: state };
}

/** Records every path a walk touched, to find the ones that changed and changed back. */
export function createTouchedPaths() {
  interface Touched {
    kids: Map<string, { segment: PathSegment; node: Touched }>;
    touched: boolean;
  }
  const root: Touched = { kids: new Map(), touched: false };
  return {
    add(segments: readonly PathSegment[]): void {
      let node = root;
      for (const segment of segments) {
        const key = segmentText(segment);
        let child = node.kids.get(key);
        if (!child) node.kids.set(key, (child = { segment, node: { kids: new Map(), touched: false } }));
        node = child.node;
      }
      node.touched = true;
    },
    /**
     * The top-most touched paths that are neither at, inside nor above any of `covered` (paths whose
     * histories are already reported): what changed in the span and came back to its start value.
     */
    uncovered(covered: readonly (readonly PathSegment[])[], max: number): PathSegment[][] {
      const coveredTrie = buildTrie(covered);
      const out: PathSegment[][] = [];
      const walk = (node: Touched, cover: TrieNode | null, path: PathSegment[]) => {
        if (out.length >= max) return;
        if (cover && cover.here.length > 0) return; // at or inside a reported path
        if (node.touched && (!cover || under(cover).length === 0)) {
          out.push(path.slice());
          return;
        }
        for (const [key, { segment, node: child }] of node.kids) {
          path.push(segment);
          walk(child, cover?.kids.get(key) ?? null, path);
          path.pop();
        }
      };
      walk(root, coveredTrie, []);
      return out;
    },
  };
}
