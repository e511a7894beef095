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

/** The key field shared by every element of all the given arrays, or null to match by index. */
export function arrayKeyField(...arrays: readonly (readonly unknown[])[]): string | null {
  let sample: unknown;
  for (const array of arrays) if (array.length > 0) { sample = array[0]; break; }
  if (!isPlainObject(sample)) return null;
  for (const field of KEY_FIELDS) {
    if (!(field in sample)) continue;
    if (arrays.every((array) => keyedBy(array, field))) return field;
  }
  return null;
}
