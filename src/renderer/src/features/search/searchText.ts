// The search screen's text work, kept pure for tests: refining a query by a facet (`type:X` added
// to what was typed), the words to highlight in a result (what the query looks for, not what it
// excludes), and splitting a text around them for <mark> elements (React renders text, never HTML).
import type { SearchNode, TextMatch } from '../../../../shared/search.ts';

/** The longest query the box and the channel take (hostile input is text, up to 100 kB). */
export const SEARCH_QUERY_MAX = 100_000;

/** A value as the query language reads it back exactly: quoted when it holds spaces or syntax, `*` escaped. */
export function quoteValue(value: string): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(/\*/g, '\\*');
  return /^[\p{L}\p{N}_.:@/+-]+$/u.test(value) && !/^[-]/.test(value) ? escaped : `"${escaped.replace(/"/g, '\\"')}"`;
}

export type FacetKind = 'type' | 'category' | 'actor' | 'month';

/** The term a facet value adds: `type:X`, `category:X`, `actor:X`, or a month as `after:… before:…`. */
export function facetTerm(kind: FacetKind, value: string): string | null {
  if (value === '') return null; // "no actor" cannot be asked for by a field
  if (kind !== 'month') return `${kind}:${quoteValue(value)}`;
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const next = month === 12 ? `${year + 1}-01` : `${match[1]}-${String(month + 1).padStart(2, '0')}`;
  return `after:${value}-01 before:${next}-01`;
}

/** The query refined by `term` (AND): `(a OR b)` stays grouped, so `type:X` narrows all of it. */
export function refine(q: string, term: string, literal: boolean): string {
  const base = q.trim();
  if (!base) return term;
  // A literal search becomes a quoted phrase, so the refinement applies to the same text.
  if (literal) return `"${base.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}" ${term}`;
  if (base.split(/\s+/).includes(term)) return base;
  return /\bOR\b/.test(base) ? `(${base}) ${term}` : `${base} ${term}`;
}

function matchTexts(match: TextMatch): string[] {
  if (match.kind !== 'pattern') return [match.text];
  // The literal pieces between the stars (`\*` is a star in the text).
  return match.glob
    .split(/(?<!\\)\*/)
    .map((piece) => piece.replace(/\\\*/g, '*'))
    .filter(Boolean);
}

/** The texts a result was found by: free text and field values, not the ones under NOT. */
export function highlightTexts(node: SearchNode | null): string[] {
  const found = new Set<string>();
  const walk = (n: SearchNode) => {
    if (n.kind === 'not') return;
    if (n.kind === 'and' || n.kind === 'or') return n.nodes.forEach(walk);
    const term = n.term;
    if (term.kind === 'text') found.add(term.text);
    else if ('match' in term) matchTexts(term.match).forEach((t) => found.add(t));
    else if (term.kind === 'path') {
      const value = term.value;
      if (value.kind === 'text') matchTexts(value.match).forEach((t) => found.add(t));
      else if (term.op === '=') found.add(String(value.value));
    }
  };
  if (node) walk(node);
  return [...found].filter((t) => t.trim() !== '').sort((a, b) => b.length - a.length);
}

export interface Segment {
  text: string;
  mark: boolean;
}

/**
 * `text` cut into plain and matched pieces, ignoring case. Overlaps take the earliest, then the
 * longest match. Where lower-casing changes a text's length (a few scripts), matching is exact.
 */
export function markMatches(text: string, needles: string[], maxMarks = 2000): Segment[] {
  const wanted = needles.filter(Boolean);
  if (wanted.length === 0 || text === '') return [{ text, mark: false }];
  const lower = text.toLowerCase();
  const folded = lower.length === text.length;
  const haystack = folded ? lower : text;
  const keys = wanted.map((n) => (folded && n.toLowerCase().length === n.length ? n.toLowerCase() : n));
  const segments: Segment[] = [];
  let at = 0;
  let marks = 0;
  while (at < text.length && marks < maxMarks) {
    let best = -1;
    let bestLength = 0;
    for (const key of keys) {
      const index = haystack.indexOf(key, at);
      if (index < 0) continue;
      if (best < 0 || index < best || (index === best && key.length > bestLength)) {
        best = index;
        bestLength = key.length;
      }
    }
    if (best < 0) break;
    if (best > at) segments.push({ text: text.slice(at, best), mark: false });
    segments.push({ text: text.slice(best, best + bestLength), mark: true });
    at = best + bestLength;
    marks++;
  }
  if (at < text.length) segments.push({ text: text.slice(at), mark: false });
  return segments;
}
