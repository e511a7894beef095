// The state tree rebuilt from blame entries keeps order, keyed array elements and empty containers.
import { describe, expect, it } from 'vitest';
import type { BlameEntry } from '../../../../shared/replay.ts';
import { buildBlameTree } from './blameTree.ts';

const ev = (version: number) => ({ position: version, version, type: `T${version}`, recordedAt: '2026-01-01T00:00:00.000Z', actor: null });
const entry = (segments: BlameEntry['segments'], value: unknown, version: number | null): BlameEntry => ({ path: '', segments, value, event: version === null ? null : ev(version) });

describe('buildBlameTree', () => {
  it('nests leaves under objects and keyed arrays, newest event per container', () => {
    const root = buildBlameTree([
      entry(['status'], 'open', 1),
      entry(['items', { key: 'sku', value: 'A' }, 'qty'], 2, 3),
      entry(['items', { key: 'sku', value: 'A' }, 'sku'], 'A', 2),
      entry(['items', { key: 'sku', value: 'B' }, 'qty'], 1, 4),
      entry(['tags'], [], null),
    ]);
    expect(root.children.map((c) => c.segment)).toEqual(['status', 'items', 'tags']);
    const items = root.children[1];
    expect(items.kind).toBe('array');
    expect(items.children).toHaveLength(2);
    expect(items.latest?.version).toBe(4);
    expect(items.children[0].latest?.version).toBe(3);
    expect(root.children[2].kind).toBe('leaf');
    expect(root.children[2].entry?.event).toBeNull();
  });

  it('treats a state that is one value as a single leaf', () => {
    const root = buildBlameTree([entry([], 42, 7)]);
    expect(root.kind).toBe('leaf');
    expect(root.entry?.value).toBe(42);
  });
});
