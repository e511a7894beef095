// Immutable updates at a path: a new object or list along the changed path only, everything else
// shared with the old state (the engine keeps snapshots by reference and diffs states by identity
// first). The old state is never written to. When an update changes nothing, the very same state
// comes back (===), which blame reads as "this event did not touch the state".
import { PROTOTYPE_KEYS, segmentLabel, type Segment, type StaticSegment } from './path.ts';
import { resolveReference, type EventContext } from './values.ts';

/** The leaf of an update: the value at the path now (MISSING when there is none) → the new one. */
export type Leaf = (current: unknown) => unknown;

export const MISSING: unique symbol = Symbol('missing');
/** A leaf result: remove the key or element. */
export const REMOVE: unique symbol = Symbol('remove');

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function describeValue(value: unknown): string {
  if (value === MISSING) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `a text (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
  return `a ${typeof value} (${String(value)})`;
}

/** A path part with its event references resolved. */
function resolveSegment(segment: Segment, container: unknown, context: EventContext): StaticSegment {
  if (segment.kind === 'dynamicKey') {
    const value = resolveReference(segment.ref, context);
    // Inside a list a whole number is a position; anywhere else the value names a key.
    if (Array.isArray(container) && typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return { kind: 'index', index: value };
    if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`${segment.ref.text} must be a text or a number to name a key, but is ${describeValue(value)}`);
    const key = String(value);
    if (PROTOTYPE_KEYS.has(key)) throw new Error(`${segment.ref.text} is "${key}", which is refused as a key (it would reach JavaScript's object prototype)`);
    return { kind: 'key', key };
  }
  if (segment.kind === 'dynamicMatch') {
    const value = resolveReference(segment.ref, context);
    if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`${segment.ref.text} must be a text or a number to choose an element by ${segment.field}, but is ${describeValue(value)}`);
    return { kind: 'match', field: segment.field, value };
  }
  return segment;
}

/**
 * The state with `leaf` applied at `segments`. `creates`: missing objects and lists on the way are
 * made (set, merge, increment, append); without it a missing path leaves the state as is (unset,
 * removeByKey). Throws an Error in people's words when the state's shape does not allow the path.
 */
export function updateAt(state: unknown, segments: readonly Segment[], leaf: Leaf, creates: boolean, context: EventContext): unknown {
  const result = step(state, segments, 0, leaf, creates, context, '');
  if (result === REMOVE || result === MISSING) throw new Error('the whole state cannot be removed');
  return result;
}

function step(node: unknown, segments: readonly Segment[], i: number, leaf: Leaf, creates: boolean, context: EventContext, walked: string): unknown {
  if (i === segments.length) return leaf(node);
  const segment = resolveSegment(segments[i], node, context);
  const here = walked + segmentLabel(segment);
  const where = walked === '' ? 'the state' : walked.replace(/^\./, '');
  if (node === MISSING && !creates) return MISSING;

  if (segment.kind === 'key') {
    if (node !== MISSING && !isPlainObject(node)) throw new Error(`cannot reach ${here.replace(/^\./, '')}: ${where} is ${describeValue(node)}, not an object`);
    const object = node === MISSING ? {} : node;
    const child = Object.hasOwn(object, segment.key) ? object[segment.key] : MISSING;
    const next = step(child, segments, i + 1, leaf, creates, context, here);
    if (next === child || (next === REMOVE && child === MISSING) || (next === MISSING && child === MISSING)) return node;
    if (next === REMOVE) {
      const { [segment.key]: _removed, ...rest } = object;
      return rest;
    }
    // Spread and a computed key define own properties (no setter runs, "__proto__" included).
    return { ...object, [segment.key]: next };
  }

  if (node !== MISSING && !Array.isArray(node)) throw new Error(`cannot reach ${here.replace(/^\./, '')}: ${where} is ${describeValue(node)}, not a list`);
  const list: readonly unknown[] = node === MISSING ? [] : node;
  let index: number;
  let child: unknown;
  if (segment.kind === 'index') {
    index = segment.index;
    if (index > list.length || (index === list.length && !creates)) {
      if (!creates) return node;
      throw new Error(`cannot reach ${here.replace(/^\./, '')}: ${where} has ${list.length} element${list.length === 1 ? '' : 's'}`);
    }
    child = index < list.length ? list[index] : MISSING;
  } else {
    const { field, value } = segment;
    index = list.findIndex((element) => isPlainObject(element) && Object.hasOwn(element, field) && element[field] === value);
    if (index < 0) {
      if (!creates) return node;
      // A new element chosen by its key starts as { key: value }: `items[sku="A"].qty` adds { sku: "A", qty }.
      index = list.length;
      child = { [field]: value };
    } else child = list[index];
  }
  const next = step(child, segments, i + 1, leaf, creates, context, here);
  if (index === list.length) return next === REMOVE || next === MISSING ? node : [...list, next];
  if (next === child) return node;
  if (next === REMOVE) return list.toSpliced(index, 1);
  return list.with(index, next);
}
