// JSON string literals without JSON.stringify's cost where nothing needs escaping. Ids, stream
// names, types, keys and most values need none, and JSON.stringify on a short string cost ~240 ns
// here, several times per event in appends, exports and chain encodings.

/** Characters JSON.stringify escapes: quote, backslash, controls, and (lone) surrogates. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** Exactly JSON.stringify(text). */
export function jsonQuote(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}
