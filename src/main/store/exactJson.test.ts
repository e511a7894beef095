import { describe, expect, it } from 'vitest';
import { ALTERED_NUMBERS, corpusData } from '../testing/numberCorpus.ts';
import { canonicalJson } from './canonicalJson.ts';
import { DuplicateKeyError, isExactNumber, parseJsonExactly } from './exactJson.ts';

const oldPath = (text: string): string => {
  try {
    return canonicalJson(JSON.parse(text));
  } catch (error) {
    return (error as Error).message;
  }
};

describe('parseJsonExactly', () => {
  it('keeps every number JSON.parse would alter as its source text, and canonicalJson writes it back verbatim', () => {
    for (const n of ALTERED_NUMBERS) {
      const text = `{"a":[${n},{"b":${n}}],"n":${n}}`;
      expect(oldPath(text)).not.toBe(text); // the old path changed it (or, for 1E+400, refused it as Infinity)
      expect(canonicalJson(parseJsonExactly(text))).toBe(text);
      const top = parseJsonExactly(n);
      expect(isExactNumber(top) ? top.rawJSON : top).toBe(n);
    }
    expect(canonicalJson(parseJsonExactly(corpusData(0)))).toBe(corpusData(0));
  });

  it('returns plain JS values when nothing would be altered (numbers in strings do not count)', () => {
    const text = '{"a":[1,2.5,-3,0,-0.5,123456789012345],"s":"-0 1e-400 1.0 12345678901234567890","t":"2024-01-05"}';
    expect(parseJsonExactly(text)).toEqual(JSON.parse(text));
    expect(canonicalJson(parseJsonExactly(text))).toBe(text);
  });

  it('refuses duplicate keys, naming the key and the object, also when both values are equal', () => {
    const cases: [string, string, string][] = [
      ['{"a":1,"a":2}', 'a', ''],
      ['{"a":1,"b":{"c":[0,{"d":1,"e":"x","d":1}]}}', 'd', 'b.c[1]'],
      ['{"k\\u0065y":1,"key":2}', 'key', ''],
      ['{"x":1.0,"x":1.0}', 'x', ''],
    ];
    for (const [text, key, path] of cases) {
      let thrown: unknown;
      try {
        parseJsonExactly(text);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(DuplicateKeyError);
      expect(thrown).toMatchObject({ key, path });
    }
    // The same key in sibling objects is not a duplicate.
    expect(parseJsonExactly('[{"a":1},{"a":2},{"b":{"a":3},"a":4}]')).toEqual([{ a: 1 }, { a: 2 }, { b: { a: 3 }, a: 4 }]);
  });

  it('throws SyntaxError for invalid JSON, as JSON.parse does', () => {
    expect(() => parseJsonExactly('{"a":')).toThrow(SyntaxError);
  });
});
