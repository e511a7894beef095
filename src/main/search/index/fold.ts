// What the index stores per event and how a term becomes an FTS5 query. The trigram tokenizer
// folds case for ASCII only, so the text is folded here instead (String.prototype.toLowerCase on
// both sides): whenever fold(term) is a substring of fold(text), every trigram of fold(term) is a
// trigram of the indexed text, so AND-ing the trigrams never misses a match (it may over-match;
// the engine checks every candidate). The engine's text match must be `fold(hay).includes(fold(term))`
// or coarser per whole string; `searchFold` is exported so both sides use one definition.
import type { RawEvent } from '../../store/eventStore.ts';

export function searchFold(text: string): string {
  // Final sigma (ς) depends on what follows it; one σ keeps the fold per character, so a term
  // found inside a longer word folds the same way as there.
  return text.toLowerCase().replaceAll('ς', 'σ');
}

/** The engine's free-text test, case-insensitive in any script: the index is exact for it. */
export function foldedIncludes(haystack: string, term: string): boolean {
  return searchFold(haystack).includes(searchFold(term));
}

/** True when a string has a UTF-16 surrogate without its partner (SQLite would store U+FFFD). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function hasLoneSurrogate(text: string): boolean {
  LONE_SURROGATE.lastIndex = 0;
  return LONE_SURROGATE.test(text);
}

/**
 * searchFold plus what SQLite cannot carry: NUL (it ends an FTS5 query string) and lone surrogates
 * become U+FFFD, on both the indexed and the query side. A per-character map applied to both sides
 * keeps every substring a substring, so it only ever adds candidates.
 */
function indexFold(text: string): string {
  return searchFold(text).replace(LONE_SURROGATE, '\uFFFD').replaceAll('\0', '\uFFFD');
}

/** Strings inside a JSON text, decoded: a stored `"Jos\u00e9"` must be found by `José`. */
function decodedStrings(json: string, out: string[]): void {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return;
  }
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, inner] of Object.entries(v)) {
        out.push(k);
        walk(inner);
      }
    }
  };
  walk(value);
}

/**
 * The text one event is indexed by: data and metadata as stored, stream id and type, one line
 * each; with a backslash in the JSON (escapes), its decoded strings too, so a search of either
 * the stored text or the values finds it.
 */
export function indexText(event: Pick<RawEvent, 'dataText' | 'metadataText' | 'streamId' | 'type'>): string {
  const parts = [event.dataText, event.metadataText, event.streamId, event.type];
  if (event.dataText.includes('\\')) decodedStrings(event.dataText, parts);
  if (event.metadataText.includes('\\')) decodedStrings(event.metadataText, parts);
  // A lone surrogate would reach SQLite as U+FFFD anyway; the query side refuses such terms (null),
  // since in JavaScript half a pair is found inside a whole one.
  return parts.map(indexFold).join('\n');
}

/** Trigrams per query kept at most: a subset of a term's trigrams still never misses a match. */
const MAX_TRIGRAMS_PER_TERM = 24;

/**
 * The FTS5 MATCH expression for terms that must all occur, or null when the index cannot narrow
 * them (a term under 3 characters, counted in code points as the tokenizer does, or one that
 * holds a lone surrogate). Each trigram is a quoted string with quotes doubled, so FTS5 syntax in
 * a term (`NEAR(`, `*`, `OR`, `"`) is literal text. detail=none cannot run phrase queries, hence
 * trigrams AND-ed rather than the term as a phrase.
 */
export function matchExpression(texts: string[]): string | null {
  if (texts.length === 0) return null;
  const trigrams = new Set<string>();
  for (const text of texts) {
    if (hasLoneSurrogate(text)) return null;
    const chars = [...indexFold(text)];
    if (chars.length < 3) return null;
    const all: string[] = [];
    for (let i = 0; i + 3 <= chars.length; i++) all.push(chars[i] + chars[i + 1] + chars[i + 2]);
    // Evenly spread over a long term, so its start, middle and end all narrow the candidates.
    const step = Math.max(1, all.length / MAX_TRIGRAMS_PER_TERM);
    for (let i = 0; i < all.length; i += step) trigrams.add(all[Math.floor(i)]);
    trigrams.add(all[all.length - 1]);
  }
  return [...trigrams].map((t) => `"${t.replaceAll('"', '""')}"`).join(' AND ');
}
