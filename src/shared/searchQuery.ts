// The search box's query language, read into the SearchNode tree of search.ts (the README's
// "Search" section is the user-facing description). Two promises shape everything here:
// - it never throws: any text gives a tree or a problem with a position, so the UI can show
//   where reading stopped and offer a literal search instead;
// - whatever is not clearly syntax is text: unknown `name:` prefixes (URLs, times like 12:30),
//   SQL, FTS5 and regex syntax, a `"` inside a word, a `(` inside a word.
// One pass over the text (no backtracking over the whole query), so 100 kB reads in milliseconds.
//
// Values (`type:…`, `data.x:…`): `*` is any text (a 'pattern' TextMatch), `\*` a literal star,
// quotes group spaces (`type:"Item Added"`, with `\"` and `\\` inside). A pattern's `glob` uses the
// actor filter's syntax (actorFilter.ts): `*` any text, `\*` a literal star, every other character
// literal — so an engine may hand an actor glob straight to parseActorFilter.
import type { Comparison, JsonPath, NumberRange, ParsedSearch, SearchNode, SearchProblem, SearchTerm, TextMatch } from './search.ts';
import { englishError, words, type ErrorWords } from './errorWords/index.ts';
import { timeProblemWords } from './errorWords/timeProblemWords.ts';
import { parseTimeBound } from './timeRange.ts';

/** The whole text as one free-text term (the offer after a parse problem); surrounding spaces are ignored. */
export function literalSearch(q: string): SearchNode {
  const start = q.length - q.trimStart().length;
  const text = q.trim();
  return { kind: 'term', term: { kind: 'text', text }, span: [start, start + text.length] };
}

/** Reads a query; never throws. Blank text is `{ ok: true, query: null }` (no condition). */
export function parseSearch(q: string): ParsedSearch {
  try {
    const tokens = lex(typeof q === 'string' ? q : '');
    if (!Array.isArray(tokens)) return { ok: false, problem: tokens.problem, words: tokens.words };
    if (tokens.length === 0) return { ok: true, query: null };
    return { ok: true, query: new Parser(tokens).parseQuery() };
  } catch (error) {
    if (error instanceof Stop) return { ok: false, problem: error.problem, words: error.words };
    // A safety net only: nothing above is meant to throw, but a search box must never crash.
    const unreadable = words('errorWords.searchQuery.unreadable', {});
    return { ok: false, problem: { message: englishError(unreadable), at: 0 }, words: unreadable };
  }
}

// ---------------------------------------------------------------------------------------------
// Tokens

type Token =
  | { k: 'open' | 'close' | 'neg'; at: number }
  | { k: 'and' | 'or' | 'not'; at: number }
  | { k: 'term'; term: SearchTerm; span: [number, number] };

const TEXT_FIELDS = new Set(['type', 'stream', 'category', 'actor', 'correlation', 'causation', 'id']);
const FIELDS = new Set([...TEXT_FIELDS, 'position', 'version', 'after', 'before', 'has']);
const WS = /\s/;
const isLetter = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
/** Whitespace as /\s/ has it (U+3000 included), without a regex run for the common ASCII case. */
const isSpace = (c: string) => {
  const code = c.charCodeAt(0);
  return code < 128 ? code === 32 || (code >= 9 && code <= 13) : WS.test(c);
};
/** Characters that end an unquoted path key. */
const KEY_STOP = /[.[\]:<>="()\s]/;
/** A value `data.x:` compares as a number: JSON's number syntax (so `0046`, an id, stays text). */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
/** A comparison's number, a little more forgiving (leading zeros, a plus sign). */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const MAX_DEPTH = 64;
const SHOWN = 40;

class Stop extends Error {
  readonly problem: SearchProblem;
  /** The problem's message as words (errorWords.searchQuery.*), for readers in another language. */
  readonly words: ErrorWords;
  constructor(problem: SearchProblem, said: ErrorWords) {
    super(problem.message);
    this.problem = problem;
    this.words = said;
  }
}
const stop = (said: ErrorWords, at: number): never => {
  throw new Stop({ message: englishError(said), at }, said);
};
/** Long pasted text shortened for a message. */
const shown = (text: string) => (text.length > SHOWN ? `${text.slice(0, SHOWN)}…` : text);

/** A value as read: its literal text, its glob (when it has a wildcard), and whether quotes were used. */
interface Value {
  text: string;
  glob: string;
  wildcard: boolean;
  quoted: boolean;
}
const literal = (v: Value, c: string) => {
  v.text += c;
  v.glob += c;
};
const literalStar = (v: Value) => {
  v.text += '*';
  v.glob += '\\*';
};
const wildcard = (v: Value) => {
  v.text += '*';
  v.glob += '*';
  v.wildcard = true;
};

function lex(q: string): Token[] | Stop {
  const n = q.length;
  const tokens: Token[] = [];
  let depth = 0;
  let i = 0;

  const atWordEnd = (j: number) => j >= n || isSpace(q[j]) || (q[j] === ')' && depth > 0);

  /** End of an unquoted run: whitespace, or a `)` that closes a group (a word's own `(…)` stays in it). */
  const unquotedEnd = (from: number) => {
    let own = 0;
    let j = from;
    for (; j < n; j++) {
      const c = q[j];
      if (isSpace(c)) break;
      if (c === '(') own++;
      else if (c === ')') {
        if (own > 0) own--;
        else if (depth > 0) break;
      }
    }
    return j;
  };

  /** Appends q[from, to) as literal text (runs are sliced, not copied a character at a time). */
  const literalRun = (v: Value, from: number, to: number) => {
    if (to > from) literal(v, q.slice(from, to));
  };

  /** A quoted run from the `"` at `from`; null when it never closes. */
  const readQuoted = (from: number, v: Value): number | null => {
    let run = from + 1;
    for (let j = from + 1; j < n; j++) {
      const c = q[j];
      if (c !== '"' && c !== '\\' && c !== '*') continue;
      literalRun(v, run, j);
      run = j + 1;
      if (c === '"') return j + 1;
      if (c === '*') wildcard(v);
      else if (j + 1 < n && (q[j + 1] === '"' || q[j + 1] === '\\')) literal(v, q[++j]);
      else if (j + 1 < n && q[j + 1] === '*') {
        literalStar(v);
        j++;
      } else literal(v, c);
      run = j + 1;
    }
    return null;
  };

  const unclosedQuote = (at: number): never => stop(words('errorWords.searchQuery.unclosedQuote', {}), at);

  /** A value: quoted and unquoted runs up to the end of the word (`"my cart"-*` is one value). */
  const readValue = (from: number): { v: Value; end: number } => {
    const v: Value = { text: '', glob: '', wildcard: false, quoted: false };
    let j = from;
    while (j < n && q[j] === '"') {
      const end = readQuoted(j, v);
      if (end === null) return unclosedQuote(j);
      v.quoted = true;
      j = end;
      if (atWordEnd(j)) return { v, end: j };
    }
    const end = unquotedEnd(j);
    let run = j;
    for (let k = j; k < end; k++) {
      if (q[k] === '*') {
        literalRun(v, run, k);
        wildcard(v);
        run = k + 1;
      } else if (q[k] === '\\' && k + 1 < end && q[k + 1] === '*') {
        literalRun(v, run, k);
        literalStar(v);
        run = ++k + 1;
      }
    }
    literalRun(v, run, end);
    return { v, end };
  };

  /** `data.a."b c"[].d` from `from`; null when the text is not a path (then it is free text). */
  const readPath = (from: number): { path: JsonPath; end: number; badIndexAt?: number } | null => {
    let root: JsonPath['root'];
    let j: number;
    if (q.startsWith('metadata', from)) [root, j] = ['metadata', from + 8];
    else if (q.startsWith('data', from)) [root, j] = ['data', from + 4];
    else return null;
    const steps: JsonPath['steps'] = [];
    while (j < n) {
      if (q[j] === '.') {
        j++;
        if (q[j] === '"') {
          const v: Value = { text: '', glob: '', wildcard: false, quoted: true };
          const end = readQuoted(j, v);
          if (end === null) return unclosedQuote(j);
          steps.push({ kind: 'key', key: v.text });
          j = end;
          continue;
        }
        let k = j;
        while (k < n && !KEY_STOP.test(q[k])) k++;
        if (k === j) return null;
        steps.push({ kind: 'key', key: q.slice(j, k) });
        j = k;
      } else if (q[j] === '[') {
        // `[0]`: reported only when an operator follows (data.items[0].sku:x); otherwise free text.
        if (q[j + 1] !== ']') return { path: { root, steps }, end: j, badIndexAt: j };
        steps.push({ kind: 'anyElement' });
        j += 2;
      } else break;
    }
    return steps.length ? { path: { root, steps }, end: j } : null;
  };

  const needsValue = (what: string, at: number, example: string): never =>
    stop(words('errorWords.searchQuery.needsValue', { what, example }), at);

  const match = (v: Value): TextMatch => (v.wildcard ? { kind: 'pattern', glob: v.glob } : { kind: 'exact', text: v.text });

  const range = (field: string, v: Value, at: number): NumberRange => {
    const example = words('errorWords.searchQuery.rangeExamples', { field });
    const m = v.wildcard ? null : /^(\d*)(\.\.)?(\d*)$/.exec(v.text);
    if (!m || (!m[2] && m[3]) || (m[2] && !m[1] && !m[3]) || v.text === '') {
      return stop(words('errorWords.searchQuery.notRange', { field, example, text: shown(v.text) }), at);
    }
    const num = (digits: string) => {
      const value = Number(digits);
      if (!Number.isSafeInteger(value)) stop(words('errorWords.searchQuery.tooLarge', { field, digits: shown(digits) }), at);
      return value;
    };
    if (!m[2]) return { from: num(m[1]), to: num(m[1]) };
    const result: NumberRange = {};
    if (m[1]) result.from = num(m[1]);
    if (m[3]) result.to = num(m[3]);
    if (result.from !== undefined && result.to !== undefined && result.to < result.from) {
      stop(words('errorWords.searchQuery.backwards', { field, text: v.text }), at);
    }
    return result;
  };

  const fieldTerm = (name: string, start: number, valueAt: number): Token => {
    if (atWordEnd(valueAt)) {
      const example = { has: 'has:data.paymentId', position: 'position:100..200', version: 'version:1..10', after: 'after:2026-04-01', before: 'before:2026-05-01T12:00Z' }[name] ?? `${name}:ItemAdded`;
      return needsValue(`${name}:`, valueAt, example);
    }
    if (name === 'has') {
      const read = readPath(valueAt);
      if (!read || read.badIndexAt !== undefined || !atWordEnd(read.end)) {
        return stop(words('errorWords.searchQuery.hasPath', {}), read?.badIndexAt ?? valueAt);
      }
      return { k: 'term', term: { kind: 'has', path: read.path }, span: [start, read.end] };
    }
    const { v, end } = readValue(valueAt);
    const span: [number, number] = [start, end];
    if (v.text === '') return needsValue(`${name}:`, valueAt, `${name}:"some text"`);
    if (TEXT_FIELDS.has(name)) return { k: 'term', term: { kind: name as 'type', match: match(v) }, span };
    if (name === 'position' || name === 'version') return { k: 'term', term: { kind: name, range: range(name, v, valueAt) }, span };
    // after: / before: — one time parser for the whole app (timeRange.ts), with its refusals.
    if (v.wildcard) return stop(words('errorWords.searchQuery.timePattern', { name }), valueAt);
    const bound = parseTimeBound(v.text);
    if (!bound.ok) return stop(words('errorWords.searchQuery.badTime', { name, problem: timeProblemWords(bound.problem) }), valueAt);
    const term: SearchTerm = name === 'after' ? { kind: 'time', fromMs: bound.ms } : { kind: 'time', toMs: bound.ms, toExclusive: true };
    return { k: 'term', term, span };
  };

  /** `data.x:v`, `data.x>5` …; null when the text is no path with an operator (then it is free text). */
  const pathTerm = (start: number): Token | null => {
    const read = readPath(start);
    if (!read) return null;
    const typed = shown(q.slice(start, read.end));
    let j = read.end;
    const opText = q.startsWith('>=', j) ? '>=' : q.startsWith('<=', j) ? '<=' : ['>', '<', ':', '='].includes(q[j]) ? q[j] : null;
    if (read.badIndexAt !== undefined) {
      const wordEnd = unquotedEnd(start);
      if (/[:<>=]/.test(q.slice(read.badIndexAt, wordEnd))) {
        return stop(words('errorWords.searchQuery.anyElement', {}), read.badIndexAt);
      }
      return null;
    }
    if (opText === null) return null;
    j += opText.length;
    const op: Comparison = opText === ':' ? '=' : (opText as Comparison);
    if (atWordEnd(j)) return needsValue(`${typed}${opText}`, j, op === '=' ? `${typed}:some-value` : `${typed}${opText}100`);
    const { v, end } = readValue(j);
    const span: [number, number] = [start, end];
    if (op !== '=') {
      const value = Number(v.text);
      if (v.quoted || v.wildcard || !DECIMAL.test(v.text) || !Number.isFinite(value)) {
        return stop(words('errorWords.searchQuery.notANumber', { typed: `${typed}${opText}`, text: shown(v.text) }), j);
      }
      return { k: 'term', term: { kind: 'path', path: read.path, op, value: { kind: 'number', value } }, span };
    }
    if (v.text === '') return needsValue(`${typed}:`, j, `${typed}:"some text"`);
    if (!v.quoted && !v.wildcard && JSON_NUMBER.test(v.text) && Number.isFinite(Number(v.text))) {
      return { k: 'term', term: { kind: 'path', path: read.path, op, value: { kind: 'number', value: Number(v.text) } }, span };
    }
    return { k: 'term', term: { kind: 'path', path: read.path, op, value: { kind: 'text', match: match(v) } }, span };
  };

  const term = (start: number): Token => {
    if (q[start] === '"') {
      const { v, end } = readValue(start);
      if (v.text === '') return stop(words('errorWords.searchQuery.emptyQuotes', {}), start);
      return { k: 'term', term: { kind: 'text', text: v.text }, span: [start, end] };
    }
    let j = start;
    while (j < n && j - start < 12 && isLetter(q.charCodeAt(j))) j++;
    if (q[j] === ':' && j > start) {
      const name = q.slice(start, j).toLowerCase();
      if (FIELDS.has(name)) return fieldTerm(name, start, j + 1);
    }
    const path = pathTerm(start);
    if (path) return path;
    const end = unquotedEnd(start);
    const word = q.slice(start, end);
    if (word === 'AND') return { k: 'and', at: start };
    if (word === 'OR') return { k: 'or', at: start };
    if (word === 'NOT') return { k: 'not', at: start };
    return { k: 'term', term: { kind: 'text', text: word }, span: [start, end] };
  };

  try {
    while (i < n) {
      const c = q[i];
      if (isSpace(c)) {
        i++;
      } else if (c === '(') {
        tokens.push({ k: 'open', at: i++ });
        depth++;
      } else if (c === ')' && (depth > 0 || unquotedEnd(i) === i + 1)) {
        // A `)` alone closes a group (or is reported as stray); `:)` and `x)` stay text.
        tokens.push({ k: 'close', at: i++ });
        depth = Math.max(0, depth - 1);
      } else if (c === '-' && i + 1 < n && !isSpace(q[i + 1]) && q[i + 1] !== ')' && q[i + 1] !== '-') {
        tokens.push({ k: 'neg', at: i++ });
      } else {
        const token = term(i);
        tokens.push(token);
        i = token.k === 'term' ? token.span[1] : unquotedEnd(i);
      }
    }
  } catch (error) {
    if (error instanceof Stop) return error;
    throw error;
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Grammar: or := and (OR and)* ; and := unary ((AND)? unary)* ; unary := (NOT | -)* primary ;
// primary := ( or ) | term. So NOT binds tightest, then AND, then OR.

class Parser {
  private pos = 0;
  private readonly tokens: Token[];
  constructor(tokens: Token[]) {
    this.tokens = tokens;
  }

  parseQuery(): SearchNode {
    const node = this.parseOr(0);
    const left = this.tokens[this.pos];
    if (left) stop(words('errorWords.searchQuery.closeWithoutOpen', {}), left.k === 'term' ? left.span[0] : left.at);
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private startsTerm(t: Token | undefined): boolean {
    return t !== undefined && (t.k === 'term' || t.k === 'open' || t.k === 'neg' || t.k === 'not');
  }

  private parseOr(depth: number): SearchNode {
    const nodes = [this.parseAnd(depth)];
    for (let t = this.peek(); t?.k === 'or'; t = this.peek()) {
      this.pos++;
      if (!this.startsTerm(this.peek())) stop(words('errorWords.searchQuery.orNeedsAfter', {}), t.at);
      nodes.push(this.parseAnd(depth));
    }
    return combine('or', nodes);
  }

  private parseAnd(depth: number): SearchNode {
    const nodes = [this.parseUnary(depth)];
    for (let t = this.peek(); t !== undefined; t = this.peek()) {
      if (t.k === 'and') {
        this.pos++;
        if (!this.startsTerm(this.peek())) stop(words('errorWords.searchQuery.andNeedsAfter', {}), t.at);
      } else if (!this.startsTerm(t)) break;
      nodes.push(this.parseUnary(depth));
    }
    return combine('and', nodes);
  }

  private parseUnary(depth: number): SearchNode {
    let negations = 0;
    let last: Token | undefined;
    for (let t = this.peek(); t?.k === 'neg' || t?.k === 'not'; t = this.peek()) {
      negations++;
      last = t;
      this.pos++;
    }
    const t = this.peek();
    if (last && !this.startsTerm(t)) stop(words(last.k === 'not' ? 'errorWords.searchQuery.notNeedsAfter' : 'errorWords.searchQuery.dashNeedsAfter', {}), (last as { at: number }).at);
    const node = this.parsePrimary(depth, t);
    // NOT NOT x is x: an even number of negations cancels (and keeps the tree shallow for `------x`).
    if (negations % 2 === 0) return node;
    return node.kind === 'not' ? node.node : { kind: 'not', node };
  }

  private parsePrimary(depth: number, t: Token | undefined): SearchNode {
    if (t === undefined) return stop(words('errorWords.searchQuery.endsEarly', {}), 0);
    if (t.k === 'term') {
      this.pos++;
      return { kind: 'term', term: t.term, span: t.span };
    }
    if (t.k === 'open') {
      if (depth >= MAX_DEPTH) stop(words('errorWords.searchQuery.tooDeep', { max: MAX_DEPTH }), t.at);
      this.pos++;
      if (this.peek() === undefined) stop(words('errorWords.searchQuery.openNotClosed', {}), t.at);
      const node = this.parseOr(depth + 1);
      if (this.peek()?.k !== 'close') stop(words('errorWords.searchQuery.openNotClosed', {}), t.at);
      this.pos++;
      return node;
    }
    if (t.k === 'close') return stop(words(depth > 0 ? 'errorWords.searchQuery.emptyGroup' : 'errorWords.searchQuery.closeWithoutOpen', {}), t.at);
    return stop(words('errorWords.searchQuery.needsBefore', { op: t.k === 'and' ? 'AND' : 'OR' }), (t as { at: number }).at);
  }
}

/** One node for one child; nested ANDs (and ORs) flattened, since they mean the same. */
function combine(kind: 'and' | 'or', nodes: SearchNode[]): SearchNode {
  if (nodes.length === 1) return nodes[0];
  return { kind, nodes: nodes.flatMap((node) => (node.kind === kind ? node.nodes : [node])) };
}

// ---------------------------------------------------------------------------------------------
// Writing a tree back as query text: for the UI's refinements (a facet click appends
// `type:"Item Added"`) and links. parseSearch(formatSearch(tree)) gives the tree back (spans aside)
// for every tree parseSearch makes.

/** Query text for a tree (quoting and escaping where needed). */
export function formatSearch(node: SearchNode | null): string {
  if (node === null) return '';
  if (node.kind === 'term') return formatTerm(node.term);
  if (node.kind === 'not') return node.node.kind === 'term' ? `-${formatTerm(node.node.term)}` : `-(${formatSearch(node.node)})`;
  if (node.kind === 'or') return node.nodes.map(formatSearch).join(' OR ');
  return node.nodes.map((child) => (child.kind === 'or' ? `(${formatSearch(child)})` : formatSearch(child))).join(' ');
}

/** One term as query text: `type:ItemAdded`, `"two words"`, `data.total>=10`. */
export function formatTerm(term: SearchTerm): string {
  switch (term.kind) {
    case 'text':
      return formatFreeText(term.text);
    case 'position':
    case 'version':
      return `${term.kind}:${formatRange(term.range)}`;
    case 'time': {
      const parts: string[] = [];
      if (term.fromMs !== undefined) parts.push(`after:${formatInstant(term.fromMs)}`);
      if (term.toMs !== undefined) parts.push(`before:${formatInstant(term.toExclusive ? term.toMs : term.toMs + 1)}`);
      return parts.join(' ');
    }
    case 'has':
      return `has:${formatPath(term.path)}`;
    case 'path': {
      const op = term.op === '=' ? ':' : term.op;
      const value = term.value.kind === 'number' ? String(term.value.value) : formatMatch(term.value.match, true);
      return `${formatPath(term.path)}${op}${value}`;
    }
    default:
      return `${term.kind}:${formatMatch(term.match, false)}`;
  }
}

const UNSAFE_BARE = /[\s"()]/;

function formatFreeText(text: string): string {
  const field = /^([A-Za-z]+):/.exec(text);
  const bare =
    text !== '' &&
    !UNSAFE_BARE.test(text) &&
    !text.startsWith('-') &&
    text !== 'AND' &&
    text !== 'OR' &&
    text !== 'NOT' &&
    !(field && FIELDS.has(field[1].toLowerCase())) &&
    !/^(?:meta)?data[.[]/.test(text);
  return bare ? text : `"${text.replace(/[\\"]/g, '\\$&')}"`;
}

function formatMatch(match: TextMatch, isPathValue: boolean): string {
  if (match.kind === 'pattern') {
    if (match.glob !== '' && !UNSAFE_BARE.test(match.glob)) return match.glob;
    // Inside quotes `\*` stays a literal star; any other backslash and quotes are escaped.
    return `"${match.glob.replace(/\\\*|[\\"]/g, (s) => (s === '\\*' ? s : `\\${s}`))}"`;
  }
  // 'contains' is never parsed from a field; written as the pattern it means.
  if (match.kind === 'contains') return formatMatch({ kind: 'pattern', glob: `*${match.text.replace(/\*/g, '\\*')}*` }, isPathValue);
  const bare = match.text !== '' && !/[\s"()*\\]/.test(match.text) && !(isPathValue && JSON_NUMBER.test(match.text));
  return bare ? match.text : `"${match.text.replace(/[\\"*]/g, '\\$&')}"`;
}

function formatPath(path: JsonPath): string {
  return (
    path.root +
    path.steps
      .map((step) => {
        if (step.kind === 'anyElement') return '[]';
        return step.key !== '' && !KEY_STOP.test(step.key) && !step.key.includes('\\') ? `.${step.key}` : `."${step.key.replace(/[\\"*]/g, '\\$&')}"`;
      })
      .join('')
  );
}

function formatRange(range: NumberRange): string {
  if (range.from !== undefined && range.from === range.to) return String(range.from);
  return `${range.from ?? ''}..${range.to ?? ''}`;
}

/** 2026-04-01 for a midnight, 2026-04-01T12:00:00Z otherwise, epoch ms outside years 0–9999. */
function formatInstant(ms: number): string {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  if (!Number.isInteger(ms) || Number.isNaN(year) || year < 0 || year > 9999) return String(ms);
  const iso = date.toISOString();
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}
