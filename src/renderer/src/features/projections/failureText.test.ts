import { describe, expect, it } from 'vitest';
import { failureWhere, interruptionText } from './failureText.ts';

describe('projection failure text', () => {
  it('names the event, the message and the projection line', () => {
    const text = interruptionText({
      projection: 'library',
      version: 17,
      position: 4012,
      type: 'ItemAdded',
      recordedAt: '2026-01-01T00:00:00.000Z',
      failure: { kind: 'threw', message: 'evolve threw: fine must be a number', file: 'library.projection.js', line: 12 },
    });
    expect(text).toBe('Interrupted at v17 by ItemAdded: evolve threw: fine must be a number (library.projection.js:12)');
  });

  it('says only what is known of where', () => {
    expect(failureWhere({ kind: 'timeout', message: 'x' })).toBeNull();
    expect(failureWhere({ kind: 'threw', message: 'x', line: 3 })).toBe('line 3');
    expect(failureWhere({ kind: 'threw', message: 'x', file: 'a.projection.ts', line: 3, column: 9 })).toBe('a.projection.ts:3:9');
    expect(failureWhere({ kind: 'threw', message: 'x', file: 'a.projection.json' })).toBe('a.projection.json');
  });
});
