import { describe, expect, it } from 'vitest';
import { versionCell } from './format.ts';

describe('versionCell', () => {
  it("puts the source's own number beside ours only where it differs", () => {
    expect(versionCell({ version: 3, sourceVersion: 2 })).toBe('3 (source 2)');
    expect(versionCell({ version: 1, sourceVersion: 0 })).toBe('1 (source 0)');
    expect(versionCell({ version: 3 })).toBe('3');
    expect(versionCell({ version: 3, sourceVersion: 3 })).toBe('3');
  });
});
