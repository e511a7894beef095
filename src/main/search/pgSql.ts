// Compiles a search tree to a WHERE clause over a PostgreSQL layout's expressions (alias `e`), with
// every value bound as a parameter (never spliced: hostile text stays data). Exact against
// evaluate.ts, or it says why not (PgUnsupported) and the caller runs the generic scan instead:
// - free text / contains: strpos(lower(x), folded needle). lower() and JS toLowerCase agree on ASCII
//   and on caseless scripts (CJK, kana, hangul, emoji); a needle with other letters is unsupported.
//   toLowerCase folds U+0130 İ and U+212A K into ASCII, lower() may not: `oddRows` reports rows
//   holding them and needles with i / k then fall back.
// - paths: `->` one key at a time (a key never indexes an array, as in evaluate.ts), EXISTS over
//   jsonb_array_elements for `[]`, numbers compared as float8 (what JS parses them to). A text match
//   that could hit a number's text needs the number's JS spelling: float8 text agrees with it for
//   0 and 1e-4 <= |x| < 1e15; other numbers make the term uncertain (checked before the query).
// - actor / correlation / causation: the metadata JSON's keys, as the generic path reads them.
import type { JsonPath, SearchNode, SearchTerm, TextMatch } from '../../shared/search.ts';
import type { PgLayout, SqlExpr } from '../adapters/postgres/layout.ts';
import { SqlParams } from '../adapters/postgres/pgFilters.ts';
import { fold } from './evaluate.ts';

/** The query cannot be run exactly in SQL; `reason` says why in words (shown in the plan). */
export class PgUnsupported extends Error {}

/** jsonb expressions of an event's data and metadata, or null when the layout's text may not be JSON. */
export interface PgJsonExprs {
  data: SqlExpr | null;
  metadata: SqlExpr | null;
}

const CASELESS = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]|\p{Extended_Pictographic}/u;
/** Characters lower() folds exactly as toLowerCase in any UTF-8 locale: ASCII and caseless ones. */
const foldSafe = (needle: string) => [...needle].every((c) => c.codePointAt(0)! < 128 || CASELESS.test(c));
/** A value a JSON number's text could match (digits, sign, point, exponent). */
const NUMBER_CHARS = /^[0-9.eE+-]*$/;

/** A jsonb value as float8 when it is a number, else NULL (PostgreSQL's AND does not guard a cast). */
const numberOf = (ref: SqlExpr) => `(CASE WHEN jsonb_typeof(${ref}) = 'number' THEN (${ref})::float8 END)`;

/** Our glob (`*` any text, `\*` a literal star) as a LIKE pattern with backslash escapes. */
export function globLike(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\' && glob[i + 1] === '*') {
      out += '*';
      i++;
    } else if (c === '*') out += '%';
    else out += c === '%' || c === '_' || c === '\\' ? `\\${c}` : c;
  }
  return out;
}

/** The literal characters of a glob (what a value must consist of besides the `*` parts). */
const globLiterals = (glob: string) => glob.replace(/\\\*/g, '*').replace(/(?<!\\)\*/g, '');

export interface CompiledPgWhere {
  sql: string;
  /** Rows where the SQL might disagree with evaluate.ts (none must exist for the SQL to be exact). */
  uncertain: string[];
  /** Whether a free-text term folds 'i' or 'k' (rows with U+0130 / U+212A would be uncertain). */
  foldsIK: boolean;
}

export class PgSearchCompiler {
  readonly uncertain: string[] = [];
  foldsIK = false;
  private j = 0;
  readonly params: SqlParams;
  private readonly layout: PgLayout;
  private readonly json: PgJsonExprs;
  constructor(layout: PgLayout, json: PgJsonExprs, params: SqlParams) {
    this.layout = layout;
    this.json = json;
    this.params = params;
  }

  private p(value: unknown, cast = '::text'): string {
    return `${this.params.add(value)}${cast}`;
  }

  /** Case-insensitive substring of a (nullable) text expression; never NULL. */
  private contains(expr: SqlExpr, text: string): string {
    const needle = fold(text);
    // PostgreSQL text holds no NUL: such a needle finds nothing (nor does it in the stored text).
    if (needle.includes('\u0000')) return 'false';
    if (!foldSafe(needle)) throw new PgUnsupported(`the term "${text}" holds letters PostgreSQL's lower() may fold differently`);
    if (/[ik]/.test(needle)) this.foldsIK = true;
    return `coalesce(strpos(lower(${expr}), ${this.p(needle)}) > 0, false)`;
  }

  textMatch(expr: SqlExpr, match: TextMatch): string {
    if (match.kind === 'contains') return this.contains(expr, match.text);
    const text = match.kind === 'exact' ? match.text : match.glob;
    if (text.includes('\u0000')) return 'false';
    if (match.kind === 'exact') return `coalesce(${expr} = ${this.p(match.text)}, false)`;
    return `coalesce(${expr} LIKE ${this.p(globLike(match.glob))}, false)`;
  }

  /** The metadata field evaluate.ts reads (first non-null of `keys`), as text. */
  private metadataField(keys: string[]): SqlExpr {
    const m = this.json.metadata;
    if (!m) throw new PgUnsupported('the metadata of this layout may not be JSON');
    return `coalesce(${keys.map((k) => `(${m}) ->> ${this.p(k)}`).join(', ')})`;
  }

  actorExpr(): SqlExpr {
    return this.metadataField(['actor']);
  }

  term(term: SearchTerm): string {
    const c = this.layout.columns;
    switch (term.kind) {
      case 'text': {
        const parts = [c.dataText, c.metadataText, c.streamId, c.type].map((x) => this.contains(x, term.text));
        return `(${parts.join(' OR ')})`;
      }
      case 'type':
        return this.textMatch(c.type, term.match);
      case 'stream':
        return this.textMatch(c.streamId, term.match);
      case 'category':
        return this.textMatch(`(CASE WHEN strpos(${c.streamId}, '-') > 1 THEN substr(${c.streamId}, 1, strpos(${c.streamId}, '-') - 1) ELSE '' END)`, term.match);
      case 'actor':
        return this.textMatch(this.actorExpr(), term.match);
      case 'correlation':
        return this.textMatch(this.metadataField(['correlationId', '$correlationId', 'correlation_id']), term.match);
      case 'causation':
        return this.textMatch(this.metadataField(['causationId', '$causationId', 'causation_id']), term.match);
      case 'id':
        return this.textMatch(c.eventId, term.match);
      case 'position':
      case 'version': {
        // Whole numbers in the store: rounding the bounds inward keeps the comparison exact and indexable.
        const column = term.kind === 'position' ? c.position : c.version;
        const parts: string[] = [];
        if (term.range.from !== undefined) parts.push(`${column} >= ${this.p(Math.ceil(term.range.from), '::bigint')}`);
        if (term.range.to !== undefined) parts.push(`${column} <= ${this.p(Math.floor(term.range.to), '::bigint')}`);
        return parts.length ? `(${parts.join(' AND ')})` : 'true';
      }
      case 'time': {
        const parts: string[] = [];
        if (term.fromMs !== undefined) parts.push(`${c.recordedAtMs} >= ${this.p(term.fromMs, '::float8')}`);
        if (term.toMs !== undefined) parts.push(`${c.recordedAtMs} ${term.toExclusive ? '<' : '<='} ${this.p(term.toMs, '::float8')}`);
        return parts.length ? `(${parts.join(' AND ')})` : 'true';
      }
      case 'has':
      case 'path': {
        const doc = term.path.root === 'data' ? this.json.data : this.json.metadata;
        if (!doc) throw new PgUnsupported(`the ${term.path.root} of this layout may not be JSON`);
        return this.walk(`(${doc})`, term.path.steps, 0, (ref) => this.terminal(term, ref));
      }
    }
  }

  private terminal(term: SearchTerm & { kind: 'has' | 'path' }, ref: SqlExpr): string {
    if (term.kind === 'has') return `(${ref} IS NOT NULL)`;
    if (term.value.kind === 'number') {
      return `coalesce(${numberOf(ref)} ${term.op} ${this.p(term.value.value, '::float8')}, false)`;
    }
    if (term.op !== '=') return 'false';
    const match = term.value.match;
    const literal = match.kind === 'pattern' ? globLiterals(match.glob) : match.kind === 'contains' ? fold(match.text) : match.text;
    let numberText = 'NULL';
    if (NUMBER_CHARS.test(literal)) {
      // JS spells these numbers as float8 text does; others would be uncertain.
      const f = numberOf(ref);
      numberText = `(CASE WHEN ${f} = 0 THEN '0' WHEN abs(${f}) >= 1e-4 AND abs(${f}) < 1e15 THEN ${f}::text END)`;
      this.uncertainRef = true;
    }
    const text = `(CASE jsonb_typeof(${ref}) WHEN 'string' THEN ${ref} #>> '{}' WHEN 'boolean' THEN ${ref} #>> '{}' WHEN 'null' THEN 'null' WHEN 'number' THEN ${numberText} END)`;
    const sql = this.textMatch(text, match);
    if (this.uncertainRef) {
      this.uncertainRef = false;
      const f = numberOf(ref);
      this.pendingUncertain.push(`coalesce(${f} <> 0 AND (abs(${f}) < 1e-4 OR abs(${f}) >= 1e15), false)`);
    }
    return sql;
  }

  private uncertainRef = false;
  /** Uncertainty conditions of the terminal now being walked, wrapped in its walk's EXISTS. */
  private pendingUncertain: string[] = [];

  /** SQL true when some value reached by steps[from..] from `doc` satisfies `terminal`. */
  private walk(doc: SqlExpr, steps: JsonPath['steps'], from: number, terminal: (ref: SqlExpr) => string): string {
    let i = from;
    let ref = doc;
    while (i < steps.length && steps[i].kind === 'key') {
      ref = `(${ref} -> ${this.p((steps[i] as { key: string }).key)})`;
      i++;
    }
    if (i === steps.length) {
      const sql = terminal(ref);
      const pending = this.pendingUncertain.splice(0);
      if (pending.length > 0) this.walkUncertain.push(...pending);
      return sql;
    }
    const alias = `j${++this.j}`;
    const before = this.walkUncertain.length;
    const inner = this.walk(`${alias}.v`, steps, i + 1, terminal);
    const exists = (cond: string) => `(jsonb_typeof(${ref}) = 'array' AND EXISTS (SELECT 1 FROM jsonb_array_elements(${ref}) AS ${alias}(v) WHERE ${cond}))`;
    // Uncertainty found inside this array's elements is asked of some element, too.
    const found = this.walkUncertain.splice(before);
    if (found.length > 0) this.walkUncertain.push(exists(found.join(' OR ')));
    return exists(inner);
  }

  private walkUncertain: string[] = [];

  node(node: SearchNode): string {
    switch (node.kind) {
      case 'term': {
        const sql = this.term(node.term);
        this.uncertain.push(...this.walkUncertain.splice(0));
        return sql;
      }
      case 'and':
        return node.nodes.length === 0 ? 'true' : `(${node.nodes.map((n) => this.node(n)).join(' AND ')})`;
      case 'or':
        return node.nodes.length === 0 ? 'false' : `(${node.nodes.map((n) => this.node(n)).join(' OR ')})`;
      case 'not':
        return `(NOT ${this.node(node.node)})`;
    }
  }
}

export function compilePgWhere(layout: PgLayout, json: PgJsonExprs, node: SearchNode | null, params: SqlParams): CompiledPgWhere {
  const compiler = new PgSearchCompiler(layout, json, params);
  const sql = node ? compiler.node(node) : 'true';
  return { sql, uncertain: compiler.uncertain, foldsIK: compiler.foldsIK };
}
