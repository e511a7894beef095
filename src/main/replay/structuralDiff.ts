// Path-level differences between two JSON values. Identical references are skipped without looking
// inside, which makes diffing successive immutable states (the blame fold) cost O(what changed).
import type { ChangeKind, PathSegment } from '../../shared/replay.ts';
import { isPlainObject } from '../store/decode.ts';
import { arrayKeyField } from './arrayKeys.ts';

export interface RawChange {
  segments: PathSegment[];
  kind: ChangeKind;
  before?: unknown;
  after?: unknown;
}

export type ChangeSink = (change: RawChange) => void;

const hasOwn = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/** Reports every added / removed / changed path from `before` to `after`, parents before children. */
export function structuralDiff(before: unknown, after: unknown, emit: ChangeSink): void {
  diffValues(before, after, [], emit);
}

export function collectDiff(before: unknown, after: unknown): RawChange[] {
  const changes: RawChange[] = [];
  structuralDiff(before, after, (change) => changes.push(change));
  return changes;
}

function diffValues(a: unknown, b: unknown, path: PathSegment[], emit: ChangeSink): void {
  if (a === b) return;
  if (Array.isArray(a) && Array.isArray(b)) return diffArrays(a, b, path, emit);
  if (isPlainObject(a) && isPlainObject(b)) return diffObjects(a, b, path, emit);
  emit({ segments: path.slice(), kind: 'changed', before: a, after: b });
}

function diffObjects(a: Record<string, unknown>, b: Record<string, unknown>, path: PathSegment[], emit: ChangeSink): void {
  for (const key of Object.keys(a)) {
    path.push(key);
    if (hasOwn(b, key)) diffValues(a[key], b[key], path, emit);
    else emit({ segments: path.slice(), kind: 'removed', before: a[key] });
    path.pop();
  }
  for (const key of Object.keys(b)) {
    if (hasOwn(a, key)) continue;
    path.push(key);
    emit({ segments: path.slice(), kind: 'added', after: b[key] });
    path.pop();
  }
}

function diffArrays(a: readonly unknown[], b: readonly unknown[], path: PathSegment[], emit: ChangeSink): void {
  if (a.length === b.length && a.every((item, i) => item === b[i])) return;
  const field = arrayKeyField(a, b);
  if (field === null) {
    const common = Math.min(a.length, b.length);
    for (let i = 0; i < common; i++) {
      path.push(i);
      diffValues(a[i], b[i], path, emit);
      path.pop();
    }
    for (let i = common; i < a.length; i++) emit({ segments: [...path, i], kind: 'removed', before: a[i] });
    for (let i = common; i < b.length; i++) emit({ segments: [...path, i], kind: 'added', after: b[i] });
    return;
  }
  const keyOf = (item: unknown) => (item as Record<string, string | number>)[field];
  const byKeyB = new Map<unknown, unknown>();
  for (const item of b) byKeyB.set(keyOf(item), item);
  const keysA = new Set<unknown>();
  for (const item of a) {
    const key = keyOf(item);
    keysA.add(key);
    path.push({ key: field, value: key });
    if (byKeyB.has(key)) diffValues(item, byKeyB.get(key), path, emit);
    else emit({ segments: path.slice(), kind: 'removed', before: item });
    path.pop();
  }
  for (const item of b) {
    const key = keyOf(item);
    if (!keysA.has(key)) emit({ segments: [...path, { key: field, value: key }], kind: 'added', after: item });
  }
}
