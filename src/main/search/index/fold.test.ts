import { describe, expect, it } from 'vitest';
import { foldedIncludes, indexText, matchExpression } from './fold.ts';

describe('the index text and the match expression', () => {
  it('indexes escaped JSON both as stored and decoded', () => {
    const text = indexText({ dataText: '{"name":"Jos\\u00e9","k\\u00fcche":1}', metadataText: '{}', streamId: 'Cart-1', type: 'ItemAdded' });
    expect(text).toContain('jos\\u00e9'); // the stored text, folded
    expect(text).toContain('josé');
    expect(text).toContain('küche');
    expect(text).toContain('cart-1');
    expect(text).toContain('itemadded');
  });

  it('quotes every trigram, doubling quotes, so FTS5 syntax stays text', () => {
    expect(matchExpression(['a"b"c'])).toBe('"a""b" AND """b""" AND "b""c"');
    expect(matchExpression(['NEAR(x'])).toBe('"nea" AND "ear" AND "ar(" AND "r(x"');
    expect(matchExpression(['ABC', 'abc'])).toBe('"abc"');
  });

  it('counts characters, not UTF-16 units, and refuses what it cannot narrow', () => {
    expect(matchExpression(['😀😁'])).toBeNull();
    expect(matchExpression(['😀😁🎉'])).toBe('"😀😁🎉"');
    expect(matchExpression(['abc', 'de'])).toBeNull();
    expect(matchExpression([])).toBeNull();
    expect(matchExpression(['ab\uD800'])).toBeNull();
  });

  it('keeps a bounded number of trigrams for long terms, always the first and last', () => {
    const term = Array.from({ length: 500 }, (_, i) => String.fromCharCode(0x4e00 + i)).join('');
    const parts = matchExpression([term])!.split(' AND ');
    expect(parts.length).toBeLessThanOrEqual(26);
    expect(parts[0]).toBe(`"${term.slice(0, 3)}"`);
    expect(parts.at(-1)).toBe(`"${term.slice(-3)}"`);
  });

  it('folds final sigma like any sigma, so a word found inside a longer one matches', () => {
    expect(foldedIncludes('ΟΔΥΣΣΕΥΣ', 'ΔΥΣ')).toBe(true);
    expect(foldedIncludes('Straße', 'STRASSE')).toBe(false); // toLowerCase keeps ß: no full case folding
  });
});
