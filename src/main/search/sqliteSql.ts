// Compiles a search tree to a WHERE clause over our native SQLite schema (events / streams /
// event_types). Exact by construction against evaluate.ts:
// - free text: ASCII terms use LIKE (which folds ASCII only) and call the JS fold only for rows
//   holding non-ASCII text (length <> octet_length), where LIKE could miss a Unicode case match;
//   other terms call the JS fold on non-ASCII rows alone. Stream ids and types match in JS against
//   the small streams / event_types tables and become IN lists (indexed).
// - paths: json_extract / json_type / `->` (numbers as written) behind json_valid, json_each for `[]`.
// - what SQL cannot say exactly (NUL in a pattern, a key SQLite's path syntax cannot quote) calls
//   the JS evaluator for that term.
// Every parameter is bound (named), never spliced: hostile text stays data.
import type Database from 'better-sqlite3';
import type { JsonPath, SearchNode, SearchTerm, TextMatch } from '../../shared/search.ts';
import { categoryOf } from '../store/decode.ts';
import { fold, globRegExp, matchesTerm, matchText, RowView, type SearchRow } from './evaluate.ts';

export interface CompiledWhere {
  sql: string;
  params: Record<string, unknown>;
  /** Terms evaluated in JS through ledger_search_term (by index). */
  jsTerms: SearchTerm[];
}

const registered = new WeakSet<Database.Database>();
/** The terms of the statements now running, by compile id (ledger_search_term looks them up). */
const activeTerms = new Map<number, SearchTerm[]>();
let nextCompileId = 1;

/** Registers the JS helpers on a connection (read-only functions; nothing is written). */
export function registerSearchFunctions(db: Database.Database): void {
  if (registered.has(db)) return;
  registered.add(db);
  db.function('ledger_search_has', { deterministic: true }, (text: unknown, needle: unknown) =>
    typeof text === 'string' && typeof needle === 'string' && text.toLowerCase().includes(needle) ? 1 : 0,
  );
  db.function('ledger_search_glob', { deterministic: true }, (text: unknown, glob: unknown) =>
    typeof text === 'string' && typeof glob === 'string' && globRegExp(glob).test(text) ? 1 : 0,
  );
  db.function('ledger_search_term', { deterministic: true }, (compileId: unknown, index: unknown, data: unknown, metadata: unknown) => {
    const term = activeTerms.get(Number(compileId))?.[Number(index)];
    if (!term) return 0;
    const row: SearchRow = { position: 0, eventId: '', streamId: '', version: 0, type: '', recordedAtMs: 0, dataText: String(data), metadataText: String(metadata) };
    return matchesTerm(term, new RowView(row)) ? 1 : 0;
  });
}

/** Keeps a compile's JS terms reachable while its statements run; call the returned release after. */
export function activate(compiled: CompiledWhere & { id: number }): () => void {
  if (compiled.jsTerms.length > 0) activeTerms.set(compiled.id, compiled.jsTerms);
  return () => activeTerms.delete(compiled.id);
}

/** Longer patterns are matched in JS (SQLite's LIKE / GLOB limit is 50,000 bytes; 4 bytes a character at most). */
const LONG_PATTERN = 12_000;
const CASELESS = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]|\p{Extended_Pictographic}/u;

/** The longest run of characters no other character folds into (checked over all of Unicode). */
export function caselessRun(needle: string): string {
  let best = '';
  let run = '';
  for (const c of needle) {
    if (CASELESS.test(c) && c.toLowerCase() === c) run += c;
    else run = '';
    if (run.length > best.length) best = run;
  }
  return best;
}

const isAscii = (text: string) => /^[\x01-\x7f]*$/.test(text);
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => '\\' + c);
/** A key SQLite's `$."key"` syntax reads back exactly. */
const safeKey = (key: string) => /^[\p{L}\p{N}_$@ :-]+$/u.test(key);

class Compiler {
  readonly params: Record<string, unknown> = {};
  readonly jsTerms: SearchTerm[] = [];
  private n = 0;
  private j = 0;
  readonly id = nextCompileId++;
  private types: string[] | null = null;
  private streams: string[] | null = null;

  private readonly db: Database.Database;
  private readonly oddRows: number[];
  private oddName: string | null = null;
  constructor(db: Database.Database, oddRows: number[]) {
    this.db = db;
    this.oddRows = oddRows;
  }

  private oddParam(): string {
    this.oddName ??= this.param(JSON.stringify(this.oddRows));
    return this.oddName;
  }

  param(value: unknown): string {
    const name = `p${++this.n}`;
    this.params[name] = value;
    return '@' + name;
  }

  private allTypes(): string[] {
    this.types ??= (this.db.prepare('SELECT type FROM event_types').raw(true).all() as [string][]).map((r) => r[0]);
    return this.types;
  }

  private allStreams(): string[] {
    this.streams ??= (this.db.prepare('SELECT stream_id FROM streams').raw(true).all() as [string][]).map((r) => r[0]);
    return this.streams;
  }

  private inList(column: string, values: string[]): string {
    if (values.length === 0) return '0';
    return `${column} IN (SELECT value FROM json_each(${this.param(JSON.stringify(values))}))`;
  }

  /**
   * Case-insensitive substring of a text expression (`needle` already folded); never NULL.
   * toLowerCase folds exactly two non-ASCII characters into ASCII (U+0130 İ → "i̇", U+212A K → "k"),
   * so for an ASCII needle LIKE (ASCII folding) is exact except on rows holding one of those or a
   * NUL (where LIKE stops reading): the store's few such rows (`oddRows`) go to JS.
   */
  contains(expr: string, needle: string): string {
    const js = `ledger_search_has(${expr}, ${this.param(needle)})`;
    // SQLite refuses LIKE patterns over 50,000 bytes; a NUL would end the pattern early.
    if (needle.includes('\u0000') || needle.length > LONG_PATTERN) return js;
    if (isAscii(needle)) {
      const like = `${expr} LIKE ${this.param('%' + escapeLike(needle) + '%')} ESCAPE '\\'`;
      if (expr === 'data' || expr === 'metadata') {
        if (this.oddRows.length === 0) return `ifnull(${like}, 0)`;
        return `ifnull(${like} OR (position IN (SELECT value FROM json_each(${this.oddParam()})) AND ${js}), 0)`;
      }
      // A decoded value (a JSON path's, an indexed column) is checked for the odd characters itself.
      const odd = [`instr(${expr}, char(0)) > 0`];
      if (needle.includes('i')) odd.push(`instr(${expr}, '\u0130') > 0`);
      if (needle.includes('k')) odd.push(`instr(${expr}, '\u212a') > 0`);
      return `ifnull(${like} OR ((${odd.join(' OR ')}) AND ${js}), 0)`;
    }
    // A needle with caseless characters (CJK, kana, hangul, emoji) holds them unchanged in any match.
    const run = caselessRun(needle);
    if (run) return `(CASE WHEN instr(${expr}, ${this.param(run)}) > 0 THEN ifnull(${js}, 0) ELSE 0 END)`;
    // Otherwise only rows with non-ASCII text can fold to a non-ASCII needle (length stops at a NUL, too).
    return `(CASE WHEN length(${expr}) <> octet_length(${expr}) THEN ifnull(${js}, 0) ELSE 0 END)`;
  }

  /** A TextMatch on a nullable text expression; never NULL. */
  textMatch(expr: string, match: TextMatch): string {
    if (match.kind === 'exact') return `ifnull(${expr} = ${this.param(match.text)}, 0)`;
    if (match.kind === 'contains') return this.contains(expr, fold(match.text));
    if (match.glob.includes('\u0000') || match.glob.length > LONG_PATTERN) return `ledger_search_glob(${expr}, ${this.param(match.glob)})`;
    // GLOB stops at a NUL inside the value: rows whose text is not plain ASCII are matched in JS.
    const js = `ledger_search_glob(${expr}, ${this.param(match.glob)})`;
    return `ifnull(CASE WHEN length(${expr}) <> octet_length(${expr}) THEN ${js} ELSE ${expr} GLOB ${this.param(sqliteGlob(match.glob))} END, 0)`;
  }

  private jsTerm(term: SearchTerm): string {
    this.jsTerms.push(term);
    return `ledger_search_term(${this.id}, ${this.jsTerms.length - 1}, data, metadata)`;
  }

  term(term: SearchTerm): string {
    switch (term.kind) {
      case 'text': {
        const needle = fold(term.text);
        // The indexed IN lists first: OR stops at the first true part.
        const parts: string[] = [];
        const streams = this.allStreams().filter((s) => fold(s).includes(needle));
        const types = this.allTypes().filter((t) => fold(t).includes(needle));
        // Unary + keeps the planner off the stream / type indexes: an OR with LIKE scans the table
        // anyway, and reading a broad IN list by index then sorting by position is far slower.
        if (streams.length > 0) parts.push(this.inList('+stream_id', streams));
        if (types.length > 0) parts.push(this.inList('+type', types));
        parts.push(this.contains('data', needle), this.contains('metadata', needle));
        return `(${parts.join(' OR ')})`;
      }
      case 'type':
        return this.inList('type', this.allTypes().filter((t) => matchText(term.match, t)));
      case 'stream':
        return this.inList('stream_id', this.allStreams().filter((s) => matchText(term.match, s)));
      case 'category':
        return this.inList('stream_id', this.allStreams().filter((s) => matchText(term.match, categoryOf(s))));
      case 'actor':
        return this.textMatch('actor', term.match);
      case 'correlation':
        return this.textMatch('correlation_id', term.match);
      case 'causation':
        return this.textMatch('causation_id', term.match);
      case 'id':
        return this.textMatch('event_id', term.match);
      case 'position':
      case 'version': {
        const parts: string[] = [];
        if (term.range.from !== undefined) parts.push(`${term.kind} >= ${this.param(term.range.from)}`);
        if (term.range.to !== undefined) parts.push(`${term.kind} <= ${this.param(term.range.to)}`);
        return parts.length ? `(${parts.join(' AND ')})` : '1';
      }
      case 'time': {
        const parts: string[] = [];
        if (term.fromMs !== undefined) parts.push(`recorded_at >= ${this.param(term.fromMs)}`);
        if (term.toMs !== undefined) parts.push(`recorded_at ${term.toExclusive ? '<' : '<='} ${this.param(term.toMs)}`);
        return parts.length ? `(${parts.join(' AND ')})` : '1';
      }
      case 'has':
      case 'path': {
        if (!term.path.steps.every((s) => s.kind === 'anyElement' || safeKey(s.key))) return this.jsTerm(term);
        const doc = term.path.root;
        const body = this.walk(doc, term.path, 0, (ref) => this.terminal(term, ref));
        return `(CASE WHEN json_valid(${doc}) THEN ${body} ELSE 0 END)`;
      }
    }
  }

  private terminal(term: SearchTerm & { kind: 'has' | 'path' }, ref: ValueRef): string {
    if (term.kind === 'has') return `(${ref.type} IS NOT NULL)`;
    if (term.value.kind === 'number') {
      return `(CASE WHEN ${ref.type} IN ('integer', 'real') THEN ${ref.value} ${term.op} ${this.param(term.value.value)} ELSE 0 END)`;
    }
    if (term.op !== '=') return '0';
    const text = `(CASE ${ref.type} WHEN 'text' THEN ${ref.value} WHEN 'integer' THEN ${ref.json} WHEN 'real' THEN ${ref.json} WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'null' THEN 'null' END)`;
    return this.textMatch(text, term.value.match);
  }

  /** SQL that is true when some value reached by path.steps[from..] from `doc` satisfies `terminal`. */
  private walk(doc: string, path: JsonPath, from: number, terminal: (ref: ValueRef) => string): string {
    let i = from;
    let jsonPath = '$';
    while (i < path.steps.length && path.steps[i].kind === 'key') {
      jsonPath += `."${(path.steps[i] as { key: string }).key}"`;
      i++;
    }
    const p = this.param(jsonPath);
    if (i === path.steps.length) return terminal({ type: `json_type(${doc}, ${p})`, value: `json_extract(${doc}, ${p})`, json: `(${doc} -> ${p})` });
    // steps[i] is `[]`: every element of the array there.
    const alias = `j${++this.j}`;
    const rest = i + 1;
    let inner: string;
    if (rest === path.steps.length) {
      inner = terminal({ type: `${alias}.type`, value: `${alias}.value`, json: `(${doc} -> ${alias}.fullkey)` });
    } else {
      const needs = path.steps[rest].kind === 'key' ? 'object' : 'array';
      inner = `(CASE WHEN ${alias}.type = '${needs}' THEN ${this.walk(`${alias}.value`, path, rest, terminal)} ELSE 0 END)`;
    }
    return `(CASE WHEN json_type(${doc}, ${p}) = 'array' THEN EXISTS (SELECT 1 FROM json_each(${doc}, ${p}) AS ${alias} WHERE ${inner}) ELSE 0 END)`;
  }

  node(node: SearchNode): string {
    switch (node.kind) {
      case 'term':
        return this.term(node.term);
      case 'and':
        return node.nodes.length === 0 ? '1' : `(${node.nodes.map((n) => this.node(n)).join(' AND ')})`;
      case 'or':
        return node.nodes.length === 0 ? '0' : `(${node.nodes.map((n) => this.node(n)).join(' OR ')})`;
      case 'not':
        return `(NOT ${this.node(node.node)})`;
    }
  }
}

interface ValueRef {
  /** json_type of the value (NULL when absent). */
  type: string;
  /** Its SQL value (text for strings). */
  value: string;
  /** Its JSON text as stored (numbers as written). */
  json: string;
}

/** Our glob (`*` any text, `\*` a literal star) as SQLite GLOB, with ? and [ made literal. */
export function sqliteGlob(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\' && glob[i + 1] === '*') {
      out += '[*]';
      i++;
    } else if (c === '*') out += '*';
    else if (c === '?' || c === '[') out += `[${c}]`;
    else out += c;
  }
  return out;
}

/**
 * `oddRows`: positions of events whose data or metadata holds a NUL, U+0130 or U+212A, where LIKE
 * is not exact for ASCII terms (see Compiler.contains).
 */
export function compileWhere(db: Database.Database, node: SearchNode | null, oddRows: number[] = []): CompiledWhere & { id: number } {
  registerSearchFunctions(db);
  const compiler = new Compiler(db, oddRows);
  const sql = node ? compiler.node(node) : '1';
  return { sql, params: compiler.params, jsTerms: compiler.jsTerms, id: compiler.id };
}
