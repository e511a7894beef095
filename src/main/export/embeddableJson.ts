// Deciding whether stored JSON text can be embedded verbatim in an exported line. Our append path
// stores canonical JSON, so almost every row is valid and compact; proving that with JSON.parse cost
// ~1 µs per row, as much as reading the row. A regular expression recognises compact JSON objects
// nested up to three levels (what events look like) in one linear pass without building values;
// anything it does not recognise — deeper documents, whitespace, damaged text — gets the full parse.

// Strings as runs of plain characters between escapes ("unrolled loop"): ~40% faster than an
// alternation per character.
const STRING = String.raw`"[^"\\\u0000-\u001f]*(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\u0000-\u001f]*)*"`;
const NUMBER = String.raw`-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?`;
const SCALAR = `(?:${STRING}|${NUMBER}|true|false|null)`;
const container = (value: string) => `\\{(?:${STRING}:${value}(?:,${STRING}:${value})*)?\\}|\\[(?:${value}(?:,${value})*)?\\]`;
const LEVEL_1 = `(?:${SCALAR}|${container(SCALAR)})`;
const LEVEL_2 = `(?:${SCALAR}|${container(LEVEL_1)})`;
/** Compact JSON (no whitespace at all) whose top level is an object or array, nested at most three deep. */
const COMPACT_JSON = new RegExp(`^(?:${container(LEVEL_2)})$`);

/** Longer texts are checked with JSON.parse (events are small; this covers nearly all of them). */
const MAX_REGEX_LENGTH = 16 * 1024;

/** Valid compact JSON that embeds as is: the allocation-free check for the common case. */
export function isCompactJson(text: string): boolean {
  return text.length <= MAX_REGEX_LENGTH && COMPACT_JSON.test(text);
}

export type EmbeddableJson = { ok: true; text: string } | { ok: false; error: string };

/**
 * `text` as it can stand inside one line of JSON output: itself when it is valid compact JSON; with
 * raw line breaks removed when it is valid JSON spread over lines (outside strings a raw CR or LF can
 * only be whitespace, so the value is unchanged and an NDJSON line stays one line); else the reason.
 */
export function embeddableJson(text: string): EmbeddableJson {
  // V8's regex engine recurses per repetition: a multi-megabyte payload would overflow the stack
  // (seen with the hostile corpus' 10 MB event), so large texts take the parse path.
  if (text.length <= MAX_REGEX_LENGTH && COMPACT_JSON.test(text)) return { ok: true, text };
  try {
    JSON.parse(text);
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  return { ok: true, text: /[\r\n]/.test(text) ? text.replace(/[\r\n]/g, '') : text };
}
