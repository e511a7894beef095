// Path-level differences between two JSON values. Identical references are skipped without looking
// inside, which makes diffing successive immutable states (the blame fold) cost O(what changed).
import type { ChangeKind, PathSegment } from '../../shared/replay.ts';
import { isPlainObject } from '../store/decode.ts';
import { arrayKeyField, isValidKey, keyFieldOf, rememberKeyField } from './arrayKeys.ts';

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
  if (a.length === b.length) {
    let same = true;
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) {
        same = false;
        break;
      }
    }
    if (same) return;
  }
  const fieldA = a.length > 0 ? keyFieldOf(a) : null;
  if (fieldA !== null && diffKeyedStep(a, b, fieldA, path, emit)) return;
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
  const byKeyB = new Map<unknown, unknown>();
  for (const item of b) byKeyB.set(keyOf(item, field), item);
  const keysA = new Set<unknown>();
  for (const item of a) {
    const key = keyOf(item, field);
    keysA.add(key);
    path.push({ key: field, value: key });
    if (byKeyB.has(key)) diffValues(item, byKeyB.get(key), path, emit);
    else emit({ segments: path.slice(), kind: 'removed', before: item });
    path.pop();
  }
  for (const item of b) {
    const key = keyOf(item, field);
    if (!keysA.has(key)) emit({ segments: [...path, { key: field, value: key }], kind: 'added', after: item });
  }
}

const keyOf = (item: unknown, field: string) => (item as Record<string, string | number>)[field];

/**
 * The common single steps from a keyed array: elements replaced in place under the same keys, one
 * element appended, or one element removed. Each proves `b` keyed by the same field without a full
 * uniqueness check (which dominated blame folds over 60-line carts). Returns false when `b` is none
 * of these, leaving the general matcher to decide.
 */
function diffKeyedStep(a: readonly unknown[], b: readonly unknown[], field: string, path: PathSegment[], emit: ChangeSink): boolean {
  if (a.length === b.length) {
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i] && (!isValidKey(b[i], field) || keyOf(a[i], field) !== keyOf(b[i], field))) return false;
    }
    rememberKeyField(b, field);
    for (let i = 0; i < a.length; i++) {
      if (a[i] === b[i]) continue;
      path.push({ key: field, value: keyOf(a[i], field) });
      diffValues(a[i], b[i], path, emit);
      path.pop();
    }
    return true;
  }
  if (b.length === a.length + 1) {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    const added = b[a.length];
    if (!isValidKey(added, field)) return false;
    const key = keyOf(added, field);
    for (let i = 0; i < a.length; i++) if (keyOf(a[i], field) === key) return false;
    rememberKeyField(b, field);
    emit({ segments: [...path, { key: field, value: key }], kind: 'added', after: added });
    return true;
  }
  if (b.length === a.length - 1) {
    let skipped = -1;
    for (let i = 0, j = 0; i < a.length; i++) {
      if (j < b.length && a[i] === b[j]) j++;
      else if (skipped === -1) skipped = i;
      else return false;
    }
    if (skipped === -1) return false;
    rememberKeyField(b, field);
    emit({ segments: [...path, { key: field, value: keyOf(a[skipped], field) }], kind: 'removed', before: a[skipped] });
    return true;
  }
  return false;
}
