// The fields where a stored read model differs from the replayed state, each with the event that
// last set it in the replay: the event whose handler should have written the read model.
//
// Values are matched the way the replay's own diff matches them (structuralDiff): object keys in any
// order, arrays of keyed records by their key field, other arrays by index. A number and a string
// holding the same digits are different values (a read model that stores 5 as "5" has drifted in
// kind), and the field says so in words.
import type { BlameEntry, EventRef, PathSegment } from '../../shared/replay.ts';
import type { DriftField, DriftKind } from '../../shared/whatIf.ts';
import { isPlainObject } from '../store/decode.ts';
import { pathText, segmentText } from './jsonPath.ts';
import { structuralDiff } from './structuralDiff.ts';

export interface DriftFields {
  fields: DriftField[];
  totalFields: number;
}

const hasOwn = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/**
 * One column: its value against the whole state. Several: {column: value} against the state's
 * fields of those names (paths then start at the column, as in the state).
 */
export function comparedValues(state: unknown, row: Record<string, unknown>, columns: readonly string[]): { replayed: unknown; stored: unknown } {
  if (columns.length === 1) return { replayed: state, stored: row[columns[0]] };
  const replayed: Record<string, unknown> = {};
  const stored: Record<string, unknown> = {};
  for (const column of columns) {
    const inState = isPlainObject(state) && hasOwn(state, column);
    if (inState) replayed[column] = state[column];
    // SQL has no "absent": a NULL column for a field the state does not have is no drift.
    if (inState || (row[column] !== null && row[column] !== undefined)) stored[column] = row[column];
  }
  return { replayed, stored };
}

/** Which leaves of the replay a drift field covers (the state's part of the columns compared). */
export function comparedLeaves(entries: readonly BlameEntry[], columns: readonly string[]): BlameEntry[] {
  if (columns.length === 1) return entries.slice();
  const wanted = new Set(columns);
  return entries.filter((entry) => typeof entry.segments[0] === 'string' && wanted.has(entry.segments[0]));
}

export function driftFields(replayed: unknown, stored: unknown, entries: readonly BlameEntry[], max: number): DriftFields {
  const setBy = latestEvents(entries);
  const fields: DriftField[] = [];
  let totalFields = 0;
  structuralDiff(replayed, stored, (change) => {
    totalFields++;
    if (fields.length >= max) return;
    const kind: DriftKind = change.kind === 'changed' ? 'different' : change.kind === 'removed' ? 'missing-in-read-model' : 'only-in-read-model';
    // A value only the read model has was set by no event of the replay.
    const field: DriftField = { path: pathText(change.segments), segments: change.segments, kind, event: kind === 'only-in-read-model' ? null : setBy(change.segments) };
    if (kind !== 'only-in-read-model') field.replayed = change.before;
    if (kind !== 'missing-in-read-model') field.stored = change.after;
    const note = kind === 'different' ? kindNote(change.before, change.after) : null;
    if (note) field.note = note;
    fields.push(field);
  });
  return { fields, totalFields };
}

/** Every replayed leaf as missing: the table has no row with the key. */
export function missingRow(entries: readonly BlameEntry[], max: number): DriftFields {
  const fields = entries.slice(0, max).map((entry): DriftField => ({ path: entry.path, segments: entry.segments, kind: 'missing-in-read-model', replayed: entry.value, event: entry.event }));
  return { fields, totalFields: entries.length };
}

interface EventNode {
  latest: EventRef | null;
  kids: Map<string, EventNode>;
}

const later = (x: EventRef | null, y: EventRef | null) => (y === null ? x : x === null || y.version > x.version ? y : x);

/**
 * A lookup from a path to the latest event that set a leaf at or under it. A path the leaves name
 * differently (an array matched by index on one side, by key on the other) falls back to the
 * nearest ancestor both name alike.
 */
function latestEvents(entries: readonly BlameEntry[]): (segments: readonly PathSegment[]) => EventRef | null {
  const root: EventNode = { latest: null, kids: new Map() };
  for (const entry of entries) {
    let node = root;
    node.latest = later(node.latest, entry.event);
    for (const segment of entry.segments) {
      const key = segmentText(segment);
      let child = node.kids.get(key);
      if (!child) node.kids.set(key, (child = { latest: null, kids: new Map() }));
      child.latest = later(child.latest, entry.event);
      node = child;
    }
  }
  return (segments) => {
    let node = root;
    for (const segment of segments) {
      const child = node.kids.get(segmentText(segment));
      if (!child) break;
      node = child;
    }
    return node.latest;
  };
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'boolean') return 'a boolean';
  return typeof value;
}

/** Values of different kinds, in words; null when they are of the same kind (just different). */
function kindNote(replayed: unknown, stored: unknown): string | null {
  const a = kindOf(replayed);
  const b = kindOf(stored);
  if (a === b) return null;
  if (typeof replayed === 'number' && typeof stored === 'string' && stored.trim() !== '' && Number(stored) === replayed) {
    return 'the same number, but the read model holds it as text';
  }
  if (typeof replayed === 'string' && typeof stored === 'number' && replayed.trim() !== '' && Number(replayed) === stored) {
    return 'the same number, but the replayed state holds it as text';
  }
  if (typeof replayed === 'boolean' && (stored === 0 || stored === 1) && Number(replayed) === stored) {
    return 'the same truth value, but the read model holds it as a number (SQLite has no booleans)';
  }
  return `${a} in the replayed state, ${b} in the read model`;
}
