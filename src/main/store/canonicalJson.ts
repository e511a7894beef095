// Canonical JSON text: object keys sorted by UTF-16 code units (as RFC 8785 / JCS), no whitespace,
// JS numbers in ECMAScript shortest form, and numbers parsed from text that a JS number would alter
// (ExactNumber, see exactJson.ts: -0, 1e-400, 1.0, 12345678901234567890) as their source text.
// The store keeps data and metadata in this form so the exact stored bytes are what the hash chain
// covers, and an export → import round trip is byte-identical.
import { words, type ErrorWords } from '../../shared/errorWords/index.ts';
import { LedgerError } from '../errors.ts';
import { isExactNumber } from './exactJson.ts';
import { jsonQuote } from './jsonQuote.ts';

/** Deeper documents are refused with a clear error instead of overflowing the stack. */
export const MAX_JSON_DEPTH = 1000;

// The callers' names for what they encode, said in the reader's language; another stays as written.
const NAMED: Record<string, () => ErrorWords> = {
  value: () => words('errorWords.json.what.value', {}),
  data: () => words('errorWords.json.what.data', {}),
  metadata: () => words('errorWords.json.what.metadata', {}),
  'activity entry': () => words('errorWords.json.what.activityEntry', {}),
  'masked value': () => words('errorWords.json.what.maskedValue', {}),
};

/** What is encoded: a caller's name for it, its words, or a function making them (the append path names each event only when one is refused). */
export type JsonWhat = string | ErrorWords | (() => ErrorWords);

export function canonicalJson(value: unknown, what: JsonWhat = 'value'): string {
  return encode(value, 0, what);
}

/** What cannot be JSON, in words; only built when a value is refused. */
function refused(what: JsonWhat, said: (named: string | ErrorWords) => ErrorWords): LedgerError {
  const named = typeof what === 'function' ? what() : typeof what === 'string' && Object.hasOwn(NAMED, what) ? NAMED[what]!() : what;
  return new LedgerError('INVALID_INPUT', said(named));
}

function encode(value: unknown, depth: number, what: JsonWhat): string {
  switch (typeof value) {
    case 'string':
      return jsonQuote(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw refused(what, (named) => words('errorWords.json.nonFinite', { what: named, value: String(value) }));
      return String(value); // JSON.stringify of a finite number is its ToString
    case 'object': {
      if (value === null) return 'null';
      if (isExactNumber(value)) return value.rawJSON;
      if (depth >= MAX_JSON_DEPTH) {
        throw refused(what, (named) => words('errorWords.json.tooDeep', { what: named, depth: MAX_JSON_DEPTH }));
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
      throw refused(what, (named) => words('errorWords.json.bigint', { what: named }));
    default:
      throw refused(what, (named) => words('errorWords.json.notJson', { what: named, kind: typeof value }));
  }
}
