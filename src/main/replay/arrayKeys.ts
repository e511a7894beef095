// Arrays of records are matched by an identity field rather than by index, so removing one cart
// line reads as one removal instead of a cascade of "changed" entries for every line after it.
import { isPlainObject } from '../store/decode.ts';

/** Identity fields tried in order; the first one present, primitive and unique in every element wins. */
export const KEY_FIELDS = ['id', '_id', 'key', 'sku', 'uuid', 'code', 'productId', 'itemId', 'lineId', 'accountId'] as const;

function keyedBy(items: readonly unknown[], field: string): boolean {
  const seen = new Set<unknown>();
  for (const item of items) {
    if (!isPlainObject(item)) return false;
    const value = item[field];
    if ((typeof value !== 'string' && typeof value !== 'number') || seen.has(value)) return false;
    seen.add(value);
  }
  return true;
}

/** States are immutable, so an array's key field never changes: computed once per array. */
const keyFieldCache = new WeakMap<readonly unknown[], string | null>();

/** Records a key field proven by the caller (e.g. an array derived from a keyed one by one step). */
export function rememberKeyField(array: readonly unknown[], field: string | null): void {
  keyFieldCache.set(array, field);
}

export function isValidKey(item: unknown, field: string): boolean {
  if (!isPlainObject(item)) return false;
  const value = item[field];
  return typeof value === 'string' || typeof value === 'number';
}

/** The identity field of one array's elements, or null when its elements are not keyed records. */
export function keyFieldOf(array: readonly unknown[]): string | null {
  let field = keyFieldCache.get(array);
  if (field !== undefined) return field;
  field = null;
  const sample = array[0];
  if (isPlainObject(sample)) {
    for (const candidate of KEY_FIELDS) {
      if (candidate in sample && keyedBy(array, candidate)) {
        field = candidate;
        break;
      }
    }
  }
  keyFieldCache.set(array, field);
  return field;
}

/** The key field shared by both arrays (an empty array fits any), or null to match by index. */
export function arrayKeyField(a: readonly unknown[], b: readonly unknown[] = a): string | null {
  if (a.length === 0) return b.length === 0 ? null : keyFieldOf(b);
  const field = keyFieldOf(a);
  if (field === null || b === a || b.length === 0) return field;
  return keyFieldOf(b) === field ? field : null;
}
