// Canonical JSON text: object keys sorted by UTF-16 code units (as RFC 8785 / JCS), no whitespace,
// JS numbers in ECMAScript shortest form, and numbers parsed from text that a JS number would alter
// (ExactNumber, see exactJson.ts: -0, 1e-400, 1.0, 12345678901234567890) as their source text.
// The store keeps data and metadata in this form so the exact stored bytes are what the hash chain
// covers, and an export → import round trip is byte-identical.
import { LedgerError } from '../errors.ts';
import { isExactNumber } from './exactJson.ts';
import { jsonQuote } from './jsonQuote.ts';

/** Deeper documents are refused with a clear error instead of overflowing the stack. */
export const MAX_JSON_DEPTH = 1000;

export function canonicalJson(value: unknown, what = 'value'): string {
  return encode(value, 0, what);
}

function encode(value: unknown, depth: number, what: string): string {
  switch (typeof value) {
    case 'string':
      return jsonQuote(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new LedgerError('INVALID_INPUT', `The ${what} contains a non-finite number (${value}), which JSON cannot represent.`);
      return String(value); // JSON.stringify of a finite number is its ToString
    case 'object': {
      if (value === null) return 'null';
      if (isExactNumber(value)) return value.rawJSON;
      if (depth >= MAX_JSON_DEPTH) {
        throw new LedgerError('INVALID_INPUT', `The ${what} is nested deeper than ${MAX_JSON_DEPTH} levels.`);
      }
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          const item = value[i];
          out += item === undefined || typeof item === 'function' ? 'null' : encode(item, depth + 1, what);
        }
        return out + ']';
      }
      if (value instanceof Date) return jsonQuote(value.toISOString());
      const keys = Object.keys(value).sort();
      let out = '{';
      let first = true;
      for (const key of keys) {
        const item = (value as Record<string, unknown>)[key];
        if (item === undefined || typeof item === 'function') continue; // as JSON.stringify does
        if (!first) out += ',';
        first = false;
        out += jsonQuote(key) + ':' + encode(item, depth + 1, what);
      }
      return out + '}';
    }
    case 'bigint':
      throw new LedgerError('INVALID_INPUT', `The ${what} contains a BigInt, which JSON cannot represent; store it as a string.`);
    default:
      throw new LedgerError('INVALID_INPUT', `The ${what} contains a ${typeof value}, which is not JSON.`);
  }
}
