// Evaluates a search tree against one event in JavaScript: the generic path for every reader
// (PostgreSQL, Emmett, …) and the fallback the SQLite path calls for the rare terms SQL cannot
// express exactly (NUL characters, keys SQLite's path syntax cannot quote).
// Semantics (the oracle test states them again, independently):
// - text: the folded (toLowerCase) term is a substring of the folded data text, metadata text,
//   stream id or type, as stored;
// - TextMatch: contains = substring ignoring case; exact = equal; pattern = `*` any text, `\*` a
//   literal star, everything else literal and case-sensitive (like the actor filter);
// - actor / correlation / causation come from the metadata fields the native store indexes;
// - paths walk keys of objects and elements of arrays; a text match sees strings as they are and
//   numbers, booleans and null as their JSON text; comparisons only match numbers; data or metadata
//   that is not valid JSON matches no path term.
import type { JsonPath, SearchNode, SearchTerm, TextMatch } from '../../shared/search.ts';
import { canonicalJson } from '../store/canonicalJson.ts';
import { categoryOf, isPlainObject, parseJsonText } from '../store/decode.ts';

/** One event as search sees it: stored text plus the indexed columns. */
export interface SearchRow {
  position: number;
  eventId: string;
  streamId: string;
  version: number;
  type: string;
  recordedAtMs: number;
  dataText: string;
  metadataText: string;
}

/** Lazily parsed JSON of a row (parsed once, only when a path or a metadata field needs it). */
export class RowView {
  private dataParsed: { ok: boolean; value: unknown } | null = null;
  private metadataParsed: { ok: boolean; value: unknown } | null = null;
  readonly row: SearchRow;
  constructor(row: SearchRow) {
    this.row = row;
  }

  data(): { ok: boolean; value: unknown } {
    if (!this.dataParsed) {
      const parsed = parseJsonText(this.row.dataText);
      this.dataParsed = parsed.ok ? { ok: true, value: parsed.value } : { ok: false, value: undefined };
    }
    return this.dataParsed;
  }

  metadata(): { ok: boolean; value: unknown } {
    if (!this.metadataParsed) {
      const parsed = parseJsonText(this.row.metadataText);
      this.metadataParsed = parsed.ok ? { ok: true, value: parsed.value } : { ok: false, value: undefined };
    }
    return this.metadataParsed;
  }

  /** A metadata field as the native store's append path copies it into its indexed column. */
  metadataField(...keys: string[]): string | null {
    const m = this.metadata();
    if (!m.ok || !isPlainObject(m.value)) return null;
    for (const key of keys) {
      const value = m.value[key];
      if (value !== undefined && value !== null) return fieldText(value);
    }
    return null;
  }

  actor(): string | null {
    return this.metadataField('actor');
  }
}

function fieldText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return canonicalJson(value);
  } catch {
    return JSON.stringify(value);
  }
}

export const fold = (text: string): string => text.toLowerCase();

const globCache = new Map<string, RegExp>();

/** `*` any text (newlines included), `\*` a literal star; case-sensitive, by UTF-16 code unit. */
export function globRegExp(glob: string): RegExp {
  let re = globCache.get(glob);
  if (!re) {
    let source = '';
    for (let i = 0; i < glob.length; i++) {
      const c = glob[i];
      if (c === '\\' && glob[i + 1] === '*') {
        source += '\\*';
        i++;
      } else if (c === '*') source += '[\\s\\S]*';
      else source += c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    }
    re = new RegExp(`^${source}$`);
    if (globCache.size > 1000) globCache.clear();
    globCache.set(glob, re);
  }
  return re;
}

export function matchText(match: TextMatch, value: string | null): boolean {
  if (value === null) return false;
  if (match.kind === 'exact') return value === match.text;
  if (match.kind === 'contains') return fold(value).includes(fold(match.text));
  return globRegExp(match.glob).test(value);
}

/** The values a path reaches (keys of objects, every element at `[]`). */
export function pathValues(root: unknown, path: JsonPath): unknown[] {
  let current: unknown[] = [root];
  for (const step of path.steps) {
    const next: unknown[] = [];
    for (const value of current) {
      if (step.kind === 'key') {
        if (isPlainObject(value) && Object.hasOwn(value, step.key)) next.push(value[step.key]);
      } else if (Array.isArray(value)) next.push(...value);
    }
    current = next;
    if (current.length === 0) break;
  }
  return current;
}

/** A JSON value as a path's text match sees it; null for objects and arrays. */
export function valueText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return JSON.stringify(value);
  return null;
}

function compare(a: number, op: string, b: number): boolean {
  switch (op) {
    case '=':
      return a === b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
  }
  return false;
}

function inRange(value: number, range: { from?: number; to?: number }): boolean {
  return (range.from === undefined || value >= range.from) && (range.to === undefined || value <= range.to);
}

export function matchesTerm(term: SearchTerm, view: RowView): boolean {
  const row = view.row;
  switch (term.kind) {
    case 'text': {
      const needle = fold(term.text);
      return fold(row.dataText).includes(needle) || fold(row.metadataText).includes(needle) || fold(row.streamId).includes(needle) || fold(row.type).includes(needle);
    }
    case 'type':
      return matchText(term.match, row.type);
    case 'stream':
      return matchText(term.match, row.streamId);
    case 'category':
      return matchText(term.match, categoryOf(row.streamId));
    case 'actor':
      return matchText(term.match, view.actor());
    case 'correlation':
      return matchText(term.match, view.metadataField('correlationId', '$correlationId', 'correlation_id'));
    case 'causation':
      return matchText(term.match, view.metadataField('causationId', '$causationId', 'causation_id'));
    case 'id':
      return matchText(term.match, row.eventId);
    case 'position':
      return inRange(row.position, term.range);
    case 'version':
      return inRange(row.version, term.range);
    case 'time':
      if (term.fromMs !== undefined && !(row.recordedAtMs >= term.fromMs)) return false;
      if (term.toMs !== undefined && !(term.toExclusive ? row.recordedAtMs < term.toMs : row.recordedAtMs <= term.toMs)) return false;
      return true;
    case 'has': {
      const doc = term.path.root === 'data' ? view.data() : view.metadata();
      return doc.ok && pathValues(doc.value, term.path).length > 0;
    }
    case 'path': {
      const doc = term.path.root === 'data' ? view.data() : view.metadata();
      if (!doc.ok) return false;
      const { op, value } = term;
      for (const found of pathValues(doc.value, term.path)) {
        if (value.kind === 'number') {
          if (typeof found === 'number' && compare(found, op, value.value)) return true;
        } else if (op === '=' && matchText(value.match, valueText(found))) return true;
      }
      return false;
    }
  }
  return false;
}

export function matchesNode(node: SearchNode, view: RowView): boolean {
  switch (node.kind) {
    case 'term':
      return matchesTerm(node.term, view);
    case 'and':
      return node.nodes.every((n) => matchesNode(n, view));
    case 'or':
      return node.nodes.some((n) => matchesNode(n, view));
    case 'not':
      return !matchesNode(node.node, view);
  }
}

/** Free-text terms every match must contain (under AND only): what an index can narrow by. */
export function requiredTexts(node: SearchNode | null): string[] {
  if (!node) return [];
  if (node.kind === 'term') return node.term.kind === 'text' ? [node.term.text] : [];
  if (node.kind === 'and') return node.nodes.flatMap(requiredTexts);
  if (node.kind === 'or' && node.nodes.length === 1) return requiredTexts(node.nodes[0]);
  return [];
}
