// Parsing JSON text without changing what it says. JSON.parse turns -0, 1e-400, 1.0 and integers
// past 2^53 into other numbers, and keeps only the last of duplicate keys; a store that hashed the
// result would certify values its source never held. parseJsonExactly keeps every number whose text
// a JS number cannot reproduce as a raw-JSON value holding that text (JSON.rawJSON, which
// JSON.stringify and canonicalJson write back verbatim) and refuses duplicate keys.
//
// Speed: JSON.parse plus one scan of the text decides; only text that has such a number or a
// duplicate key takes the slow path (a reviver with source text access, and a key-tracking scan).
// The platform's own source-text access is used instead of a lossless-JSON package: same result,
// no dependency, and the common case stays native JSON.parse.

/** A number kept as its source text (a frozen, null-prototype JSON.rawJSON object). */
export interface ExactNumber {
  readonly rawJSON: string;
}

interface RawJsonApi {
  rawJSON(text: string): ExactNumber;
  isRawJSON(value: unknown): boolean;
}
const json = JSON as unknown as RawJsonApi;
type Reviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;

export function isExactNumber(value: unknown): value is ExactNumber {
  return typeof value === 'object' && value !== null && json.isRawJSON(value);
}

/** A JS number for computing with (replay, versions, times); the text stays the record. */
export function numericValue(value: ExactNumber): number {
  return Number(value.rawJSON);
}

/** A duplicate key: JSON itself allows it, but every reader keeps one value and loses the other. */
export class DuplicateKeyError extends Error {
  readonly key: string;
  readonly path: string;
  constructor(key: string, path: string) {
    super(`the key ${JSON.stringify(key)} appears twice in the ${path === '' ? 'top-level object' : `object at ${path}`}, and JSON readers keep only one of the two values`);
    this.key = key;
    this.path = path;
  }
}

/** Would JSON.parse followed by String(number) give back other text than this number token? */
const alteredByJsNumber = (token: string): boolean => String(Number(token)) !== token;

interface Scan {
  /** Object members (colons outside strings). */
  members: number;
  altered: boolean;
}

/** Index of the quote that closes the string opening at `start` (the text is valid JSON). */
function stringEnd(text: string, start: number): number {
  let j = start + 1;
  for (;;) {
    j = text.indexOf('"', j);
    let backslashes = 0;
    for (let k = j - 1; text.charCodeAt(k) === 92; k--) backslashes++;
    if (backslashes % 2 === 0) return j;
    j++;
  }
}

/** One pass over valid JSON text: counts members and looks for numbers a JS number would alter. */
function scan(text: string): Scan {
  let members = 0;
  let altered = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) i = stringEnd(text, i);
    else if (c === 58) members++;
    else if (c === 45 || (c >= 48 && c <= 57)) {
      let j = i + 1;
      let plain = true;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (d >= 48 && d <= 57) continue;
        if (d === 46 || d === 101 || d === 69 || d === 43 || d === 45) plain = false; // . e E + -
        else break;
      }
      // Short plain integers (other than -0) always survive; everything else is checked exactly.
      if (!altered && (!plain || j - i > 15 || (c === 45 && text.charCodeAt(i + 1) === 48))) altered = alteredByJsNumber(text.slice(i, j));
      i = j - 1;
    }
  }
  return { members, altered };
}

/** Keys of every object in a parsed value (iterative: JSON.parse accepts 10,000 levels). */
function countKeys(value: unknown): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (const item of v) if (typeof item === 'object' && item !== null) stack.push(item);
      continue;
    }
    for (const key in v) {
      count++;
      const item = (v as Record<string, unknown>)[key];
      if (typeof item === 'object' && item !== null) stack.push(item);
    }
  }
  return count;
}

/** The first duplicate key of valid JSON text, with where it is (a.b[2]), or null. */
export function findDuplicateKey(text: string): DuplicateKeyError | null {
  type Frame = { keys: Set<string> | null; label: string; index: number };
  const stack: Frame[] = [];
  // Where the innermost object sits: each enclosing frame's current key or index.
  const path = () =>
    stack
      .slice(0, -1)
      .map((f, i) => (f.keys ? (i === 0 ? f.label : `.${f.label}`) : `[${f.index}]`))
      .join('');
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const end = stringEnd(text, i);
      if (expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        const top = stack[stack.length - 1];
        if (top.keys?.has(key)) return new DuplicateKeyError(key, path());
        top.keys?.add(key);
        top.label = key;
        expectKey = false;
      }
      i = end;
    } else if (c === 123 || c === 91) {
      stack.push({ keys: c === 123 ? new Set() : null, label: '', index: 0 });
      expectKey = c === 123;
    } else if (c === 125 || c === 93) stack.pop();
    else if (c === 44) {
      const top = stack[stack.length - 1];
      if (top.keys) expectKey = true;
      else top.index++;
    }
  }
  return null;
}

const keepNumberText: Reviver = (_key, value, context) =>
  typeof value === 'number' && context?.source !== undefined && alteredByJsNumber(context.source) ? json.rawJSON(context.source) : value;

/**
 * The value of JSON text, exactly: numbers a JS number would alter come back as ExactNumber.
 * Throws SyntaxError for invalid JSON (as JSON.parse) and DuplicateKeyError for a repeated key.
 */
export function parseJsonExactly(text: string): unknown {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null) {
    return typeof value === 'number' && alteredByJsNumber(text.trim()) ? json.rawJSON(text.trim()) : value;
  }
  const { members, altered } = scan(text);
  // Fewer keys than members in the text: some key repeated and JSON.parse dropped a value.
  if (members !== countKeys(value)) throw findDuplicateKey(text) ?? new Error('JSON members were lost in parsing');
  return altered ? JSON.parse(text, keepNumberText as (this: unknown, key: string, value: unknown) => unknown) : value;
}

/** What is wrong with text parseJsonExactly refused, in words for an import report. */
export function jsonProblem(error: unknown): string {
  return error instanceof DuplicateKeyError ? error.message : `not valid JSON (${(error as Error).message})`;
}

const pointerPart = (key: string | number): string => String(key).replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Each number of valid JSON text that a JS number would show differently, by JSON Pointer
 * ("/items/0/amount" → "12345678901234567890"), or null when there is none (nearly always: one
 * scan). Viewers show the parsed value with these texts in place of the altered numbers.
 */
export function numbersAsWritten(stored: unknown): Record<string, string> | null {
  // A damaged or foreign row may hold a blob or a number where JSON text belongs.
  const text = typeof stored === 'string' ? stored : Buffer.isBuffer(stored) ? stored.toString('utf8') : null;
  if (text === null || !scan(text).altered) return null;
  let value: unknown;
  try {
    value = parseJsonExactly(text);
  } catch {
    return null; // duplicate keys (a foreign store): shown as JSON.parse reads them
  }
  const found: Record<string, string> = {};
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [v, pointer] = stack.pop() as [unknown, string];
    if (isExactNumber(v)) found[pointer] = v.rawJSON;
    else if (Array.isArray(v)) v.forEach((item, i) => stack.push([item, `${pointer}/${i}`]));
    else if (typeof v === 'object' && v !== null) for (const key of Object.keys(v)) stack.push([(v as Record<string, unknown>)[key], `${pointer}/${pointerPart(key)}`]);
  }
  return found;
}

