import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { embeddableJson, isCompactJson } from './embeddableJson.ts';

/** What the fast recogniser must agree with: JSON.parse. */
const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('embeddableJson', () => {
  it('passes canonical event documents through unchanged', () => {
    for (const text of ['{}', '[]', '{"a":1}', '{"sku":"SKU-0001","quantity":3,"unitPrice":1.5e3,"ok":true,"gone":null}', '{"a":{"b":[1,{"c":"\\u00e9\\n"}]}}', '[1,-0.5,"x"]']) {
      expect(embeddableJson(text)).toEqual({ ok: true, text });
    }
  });

  it('refuses what JSON.parse refuses, with its message', () => {
    for (const text of ['{broken', '', '{"a":01}', '{"a":"\u0001"}', '{"a":1,}', '{"a":"\\x"}', "{'a':1}", '{"a":1}x', 'NaN']) {
      const result = embeddableJson(text);
      expect(result.ok, text).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/JSON|token|Unexpected|position/i);
    }
  });

  it('keeps deeper or spaced valid JSON, removing raw line breaks so a line stays a line', () => {
    expect(embeddableJson('{"a":{"b":{"c":{"d":1}}}}')).toEqual({ ok: true, text: '{"a":{"b":{"c":{"d":1}}}}' });
    expect(embeddableJson('{ "a": 1 }')).toEqual({ ok: true, text: '{ "a": 1 }' });
    expect(embeddableJson('{\r\n  "a": [1,\n 2]\n}')).toEqual({ ok: true, text: '{  "a": [1, 2]}' });
  });

  it('agrees with JSON.parse on any JSON value and on mangled text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), fc.string({ maxLength: 3 }), (value, cut, noise) => {
        const text = JSON.stringify(value);
        const result = embeddableJson(text);
        expect(result).toEqual({ ok: true, text });
        const mangled = text.slice(0, cut % (text.length + 1)) + noise + text.slice(cut % (text.length + 1));
        const mangledResult = embeddableJson(mangled);
        expect(mangledResult.ok).toBe(parses(mangled));
        if (mangledResult.ok) expect(JSON.parse(mangledResult.text)).toEqual(JSON.parse(mangled));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('isCompactJson', () => {
  it('answers for multi-megabyte documents without overflowing the regex engine (they are left to the full parse)', () => {
    const big = JSON.stringify({ payload: 'x'.repeat(10 * 1024 * 1024), list: Array.from({ length: 100_000 }, (_, i) => i) });
    expect(isCompactJson(big)).toBe(false);
    expect(embeddableJson(big)).toEqual({ ok: true, text: big });
    expect(isCompactJson('{"a":[1,{"b":"c"}]}')).toBe(true);
  });
});
