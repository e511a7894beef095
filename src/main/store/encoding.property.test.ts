// Property-based tests (fast-check) for canonical encoding, the row decoders, the nesting guard and
// page cursors: what the hash chain and every read depend on, over inputs nobody would write by hand.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LedgerError } from '../errors.ts';
import { MAX_JSON_DEPTH, canonicalJson } from './canonicalJson.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { decodeEventRow, nestedDeeperThan, parseJsonText, type EventRow } from './decode.ts';
import { parseJsonExactly } from './exactJson.ts';

/** JSON values including unicode text, lone surrogates' neighbours, huge and tiny numbers. */
const json = fc.jsonValue({ maxDepth: 6 });
const text = fc.string({ unit: 'grapheme', maxLength: 40 });

/** Reference: JSON.stringify with keys sorted by UTF-16 code units at every level. */
function sortedStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${sortedStringify((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function nest(depth: number, inner = '0'): string {
  return '['.repeat(depth) + inner + ']'.repeat(depth);
}

describe('canonicalJson (properties)', () => {
  it('round-trips: parsing the canonical text gives the value back (as JSON sees it)', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('is idempotent and equals sorted-key JSON.stringify', () => {
    fc.assert(
      fc.property(json, (value) => {
        const once = canonicalJson(value);
        expect(canonicalJson(JSON.parse(once))).toBe(once);
        expect(once).toBe(sortedStringify(JSON.parse(JSON.stringify(value))));
      }),
    );
  });

  it('does not depend on key insertion order', () => {
    fc.assert(
      fc.property(fc.dictionary(text, json, { maxKeys: 8 }), fc.nat(), (object, seed) => {
        const keys = Object.keys(object);
        const order = keys.map((k, i) => [k, (i * 7919 + seed) % 101] as const).sort((a, b) => a[1] - b[1]);
        // fromEntries defines own properties, so keys such as __proto__ or toString stay plain keys.
        const shuffled = Object.fromEntries(order.map(([k]) => [k, object[k]]));
        expect(canonicalJson(shuffled)).toBe(canonicalJson(object));
      }),
    );
  });

  it('never contains a raw newline (the hash chain encoding separates fields with one)', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(canonicalJson(value)).not.toMatch(/\n/);
      }),
    );
  });

  it('refuses non-JSON values and over-deep documents with INVALID_INPUT, never another error', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant(NaN), fc.constant(Infinity), fc.bigInt(), fc.constant(Symbol('s'))), fc.nat(3), (bad, depth) => {
        let wrapped: unknown = bad;
        for (let i = 0; i < depth; i++) wrapped = { x: [wrapped] };
        expect(() => canonicalJson(wrapped)).toThrow(LedgerError);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: MAX_JSON_DEPTH + 1, max: MAX_JSON_DEPTH + 50 }), (depth) => {
        expect(() => canonicalJson(JSON.parse(nest(depth)))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
      }),
      { numRuns: 10 },
    );
  });
});

describe('row decoders (properties)', () => {
  it('parseJsonText never throws and agrees with JSON.parse on any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), json.map((v) => JSON.stringify(v)), text), (input) => {
        const parsed = parseJsonText(input);
        let expected: { ok: true; value: unknown } | { ok: false };
        try {
          expected = { ok: true, value: JSON.parse(input) };
        } catch {
          expected = { ok: false };
        }
        expect(parsed.ok).toBe(expected.ok);
        if (parsed.ok && expected.ok) expect(parsed.value).toEqual(expected.value);
      }),
    );
  });

  it('parseJsonText refuses exactly the documents deeper than the limit, whatever sits in strings', () => {
    fc.assert(
      fc.property(fc.integer({ min: MAX_JSON_DEPTH - 3, max: MAX_JSON_DEPTH + 3 }), fc.string({ maxLength: 10 }), (depth, inner) => {
        const doc = nest(depth, JSON.stringify('[{' + inner + '"\\'));
        const parsed = parseJsonText(doc);
        expect(parsed.ok).toBe(depth <= MAX_JSON_DEPTH);
        expect(nestedDeeperThan(doc, MAX_JSON_DEPTH)).toBe(depth > MAX_JSON_DEPTH);
      }),
      { numRuns: 30 },
    );
  });

  it('decodeEventRow decodes stored canonical text exactly, and never throws on arbitrary cells', () => {
    const cell = fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.double(), fc.constant(null), fc.uint8Array({ maxLength: 8 }).map((b) => Buffer.from(b)));
    fc.assert(
      fc.property(json, fc.dictionary(text, json, { maxKeys: 4 }), fc.nat(), (data, metadata, position) => {
        const row: EventRow = [position, 'id', 'stream-1', 1, 'Type', canonicalJson(data), canonicalJson(metadata), 1_767_225_600_000, Buffer.alloc(32)];
        const event = decodeEventRow(row);
        expect(event.decodeError).toBeUndefined();
        expect(event.data).toEqual(JSON.parse(JSON.stringify(data)));
        expect(event.metadata).toEqual(JSON.parse(JSON.stringify(metadata)));
      }),
    );
    fc.assert(
      fc.property(fc.array(cell, { minLength: 9, maxLength: 9 }), (cells) => {
        const event = decodeEventRow(cells as unknown as EventRow);
        expect(typeof event.recordedAt).toBe('string');
        expect(event.metadata).toBeTypeOf('object');
        JSON.stringify(event); // always serialisable for IPC
      }),
    );
  });
});

describe('page cursors (properties)', () => {
  it('round-trip their keys, and any other text is INVALID_INPUT', () => {
    fc.assert(
      fc.property(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), (id, key) => {
        expect(decodeCursor(encodeCursor([key, id]), ['number', 'string'])).toEqual([JSON.parse(JSON.stringify(key)), id]);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (garbage) => {
        try {
          decodeCursor(garbage, ['number', 'string']);
        } catch (error) {
          expect(error).toMatchObject({ code: 'INVALID_INPUT' });
        }
      }),
    );
  });
});

describe('exact numbers (properties)', () => {
  /** Any JSON number token: sign, integer part, fraction, exponent, with as many digits as it likes. */
  const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
  const numberToken = fc
    .tuple(fc.boolean(), fc.oneof(fc.constant('0'), fc.tuple(fc.constantFrom(...'123456789'), digits(0, 25)).map(([a, b]) => a + b)), fc.option(digits(1, 25)), fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), digits(1, 4))))
    .map(([neg, int, frac, exp]) => `${neg ? '-' : ''}${int}${frac === null ? '' : `.${frac}`}${exp === null ? '' : exp.join('')}`);

  it('canonical text with any number tokens comes back byte for byte (import → store)', () => {
    fc.assert(
      fc.property(fc.array(numberToken, { minLength: 1, maxLength: 8 }), (tokens) => {
        const text = `{"a":[${tokens.join(',')}],"b":{"c":${tokens[0]}},"s":"${tokens[0]}"}`;
        expect(canonicalJson(parseJsonExactly(text))).toBe(text);
      }),
    );
  });

  it('values whose numbers survive JSON.parse take the fast path unchanged', () => {
    fc.assert(
      fc.property(json, (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(parseJsonExactly(text))).toBe(text);
      }),
    );
  });
});
