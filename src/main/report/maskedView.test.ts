import { describe, expect, it } from 'vitest';
import type { EventMasker } from '../evidence/services.ts';
import { maskKeySegments } from './maskedView.ts';

/** Masks only data.items[].sku, as a path rule would: proves key values are masked as the field they came from. */
const skuOnly: EventMasker = {
  maskEvent: (e) => e,
  maskValue: (value) => {
    const copy = structuredClone(value) as { items?: { sku?: unknown }[] };
    for (const item of copy?.items ?? []) if (item && typeof item === 'object' && 'sku' in item) item.sku = `masked:${String(item.sku).length}`;
    return copy;
  },
  summary: () => ({ rules: [{ kind: 'path', path: 'data.items[].sku' }], scheme: 'test', maskedValues: 0 }),
};

describe('maskKeySegments', () => {
  it('masks a key value inside a path as the field it came from, and leaves other keys alone', () => {
    expect(maskKeySegments(['items', { key: 'sku', value: 'A-1' }, 'quantity'], skuOnly)).toEqual(['items', { key: 'sku', value: 'masked:3' }, 'quantity']);
    // A key of another array, or the same key name elsewhere, is not what the rule names.
    expect(maskKeySegments(['lines', { key: 'sku', value: 'A-1' }], skuOnly)).toEqual(['lines', { key: 'sku', value: 'A-1' }]);
    expect(maskKeySegments(['items', { key: 'id', value: 7 }], skuOnly)).toEqual(['items', { key: 'id', value: 7 }]);
  });
});
