import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonQuote } from './jsonQuote.ts';

describe('jsonQuote', () => {
  it('is JSON.stringify for any string', () => {
    for (const text of ['', 'plain', 'a"b', 'back\\slash', '\u0000\u001f\u007f', '\u2028\u2029', '\ud800', '\udc00x', '😀', 'é']) expect(jsonQuote(text)).toBe(JSON.stringify(text));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (text) => {
        expect(jsonQuote(text)).toBe(JSON.stringify(text));
      }),
      { numRuns: 5000 },
    );
  });
});
