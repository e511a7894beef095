// Turns a projection module's text (*.projection.js/.mjs/.ts/.mts) into one script a SES
// Compartment can evaluate: a function expression whose `this` collects the exports. Every rewrite
// keeps line numbers, and columns too except on line 1 (the wrapper's prefix, which
// `sourcePosition` takes off again), so an error in the sandbox names the user's own line.
//
// A projection is a pure fold: it may not import anything. Static imports, dynamic import(),
// import.meta and require( are refused here with their line, before anything runs.
import { init, parse } from 'es-module-lexer';
import * as nodeModule from 'node:module';
import { Script } from 'node:vm';
import type { ProjectionFailure } from '../../../shared/projections.ts';

/**
 * The compartment evaluates inside `with` scopes, so every global a module names (Number, JSON,
 * String…) would be looked up through them on every call. Taking the standard globals into
 * constants of an outer function once makes those lookups lexical and fast; the module's own
 * top-level declarations are in the inner function and may still shadow them.
 */
const CAPTURED_GLOBALS = [
  'Object', 'Array', 'Number', 'String', 'Boolean', 'Symbol', 'BigInt', 'JSON', 'Math', 'Date', 'RegExp',
  'Map', 'Set', 'WeakMap', 'WeakSet', 'Promise', 'Reflect', 'Proxy', 'Intl', 'Function',
  'Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError', 'AggregateError',
  'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'encodeURIComponent', 'decodeURIComponent', 'encodeURI', 'decodeURI', 'console',
];

/** Evaluating the script gives this function; call it with the exports object as `this`. */
export const WRAPPER_PREFIX = `(() => { const { ${CAPTURED_GLOBALS.join(', ')} } = globalThis; return function () {`;
const WRAPPER_SUFFIX = '\n}; })()';

export interface ModuleScript {
  /** The whole script, ending with its `//# sourceURL`. */
  script: string;
  /** The name errors carry in their stacks (the file's base name). */
  sourceUrl: string;
}

export type ModuleSourceResult = { ok: true; value: ModuleScript } | { ok: false; error: ProjectionFailure };

type StripTypes = (code: string, options: { mode: 'strip' }) => string;

let lexerReady: Promise<void> | null = null;

/** The lexer is WebAssembly: it must be initialised once before parse(). */
export function initModuleSource(): Promise<void> {
  lexerReady ??= init;
  return lexerReady;
}

const isTypeScript = (file: string) => /\.m?ts$/i.test(file);

function lineColumnAt(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}

/** A position in the script as a position in the user's file (1-based), undoing the wrapper on line 1. */
export function sourcePosition(line: number, column: number): { line: number; column: number } {
  return { line, column: line === 1 ? Math.max(1, column - WRAPPER_PREFIX.length) : column };
}

function failure(file: string, message: string, at?: { line: number; column: number }): ModuleSourceResult {
  return { ok: false, error: { kind: 'threw', message, file, ...(at ? { line: at.line, column: at.column } : {}) } };
}

/** Replaces text[start, end) by `replacement`, padded with spaces to the same length and keeping its line breaks. */
function overwrite(text: string, start: number, end: number, replacement: string): string {
  const original = text.slice(start, end);
  const newlines = original.replace(/[^\n]/g, '');
  const head = replacement + newlines;
  const padded = head.length < original.length ? replacement + ' '.repeat(original.length - head.length) + newlines : head;
  return text.slice(0, start) + padded + text.slice(end);
}

/**
 * Node marks stripTypeScriptTypes experimental and prints a warning on first use; on a CLI's stderr
 * that reads like a problem with the user's file. The warning is dropped for this one call only.
 */
function withoutExperimentalWarning<T>(run: () => T): T {
  const emit = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning.message;
    if (/stripTypeScriptTypes/.test(text)) return;
    (emit as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return run();
  } finally {
    process.emitWarning = emit;
  }
}

/** Strips a TypeScript module's types (Node's own stripper replaces them with blanks: positions stay). */
function stripTypes(file: string, text: string): ModuleSourceResult | string {
  const strip = (nodeModule as { stripTypeScriptTypes?: StripTypes }).stripTypeScriptTypes;
  if (!strip) return failure(file, 'TypeScript projections need a newer runtime (no type stripping available); write the module in JavaScript');
  try {
    return withoutExperimentalWarning(() => strip(text, { mode: 'strip' }));
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = (error as Error).message;
    if (code === 'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX') return failure(file, `${message} (only type annotations can be stripped: no enums, namespaces or parameter properties)`);
    return failure(file, `TypeScript syntax error: ${message}`);
  }
}

const IMPORT_WORDS: Record<number, string> = { 1: 'import', 2: 'import()', 3: 'import.meta', 4: 'import', 5: 'import' };

/** The leading part of an export statement, from `export` to the name(s) it exports. */
const EXPORT_HEAD = /^export\s+(?:(default)\b\s*|(?:async\s+)?function\b|class\b|const\b|let\b|var\b|(\{))/;

/**
 * Rewrites ES module syntax: `export default X` → `this.default = X`, `export const|let|var|
 * function|class` → the declaration plus `this.name = name` at the end, `export { a as b }` → blanks
 * plus `this.b = a` at the end. Anything importing is an error.
 */
function rewriteModule(file: string, text: string): ModuleSourceResult | string {
  let imports: ReturnType<typeof parse>[0];
  let exports: ReturnType<typeof parse>[1];
  try {
    [imports, exports] = parse(text, file);
  } catch (error) {
    const index = (error as { idx?: number }).idx;
    return failure(file, 'syntax error: the module could not be read (an unterminated string, comment or bracket?)', index === undefined ? undefined : lineColumnAt(text, index));
  }
  for (const entry of imports) {
    const what = entry.n ? `${IMPORT_WORDS[entry.t] ?? 'import'} '${entry.n}'` : (IMPORT_WORDS[entry.t] ?? 'import');
    const at = lineColumnAt(text, entry.ss);
    return failure(file, `a projection cannot import ${what}, line ${at.line}: it folds events with plain JavaScript only`, at);
  }
  // require is not in the sandbox anyway; refusing it here says why, with its line. A line comment
  // mentioning it is left alone (a heuristic: strings and block comments are not told apart).
  for (const match of text.matchAll(/\brequire\s*\(/g)) {
    const lineStart = text.lastIndexOf('\n', match.index) + 1;
    const before = text.slice(lineStart, match.index);
    if (before.includes('//') || /^\s*\*/.test(before)) continue;
    const at = lineColumnAt(text, match.index);
    return failure(file, `a projection cannot import require(), line ${at.line}: it folds events with plain JavaScript only`, at);
  }

  // One statement may export several names; rewrite each statement once, from the last one back so
  // earlier offsets stay valid.
  const statements = new Map<number, { name: string; local: string | undefined; end: number }[]>();
  for (const entry of exports) {
    const list = statements.get(entry.ss) ?? [];
    list.push({ name: entry.n, local: entry.ln, end: entry.e });
    statements.set(entry.ss, list);
  }
  const assignments: string[] = [];
  let out = text;
  for (const start of [...statements.keys()].sort((a, b) => b - a)) {
    const names = statements.get(start)!;
    const head = EXPORT_HEAD.exec(out.slice(start));
    const at = lineColumnAt(text, start);
    if (!head) return failure(file, `this export form is not supported, line ${at.line}: use export default { … } or export const/function`, at);
    if (head[1]) {
      // `export default <expression>`: same length, so columns after it stay.
      out = overwrite(out, start, start + head[0].length, 'this.default = ');
      continue;
    }
    if (head[2]) {
      const close = out.indexOf('}', start);
      if (close === -1) return failure(file, `syntax error in an export list, line ${at.line}`, at);
      let end = close + 1;
      if (out[end] === ';') end++;
      out = overwrite(out, start, end, '');
      for (const { name, local } of names) {
        if (!local) return failure(file, `this export form is not supported, line ${at.line}`, at);
        assignments.push(`this[${JSON.stringify(name)}] = ${local};`);
      }
      continue;
    }
    out = overwrite(out, start, start + 'export'.length, '');
    for (const { name, local } of names) assignments.push(`this[${JSON.stringify(name)}] = ${local ?? name};`);
  }
  return assignments.length ? `${out}\n;${assignments.join(' ')}` : out;
}

/** The sourceURL may not hold line breaks or anything that ends the comment. */
const safeSourceUrl = (file: string) => file.replace(/[\s*]/g, '_') || 'projection.js';

/**
 * The script for the sandbox, or a load error with the user's line and column (TypeScript that
 * cannot be stripped, a syntax error, an import). `file` is the name errors show (a base name).
 */
export async function moduleScript(file: string, text: string): Promise<ModuleSourceResult> {
  await initModuleSource();
  let code = text.startsWith('#!') ? `//${text.slice(2)}` : text;
  if (isTypeScript(file)) {
    const stripped = stripTypes(file, code);
    if (typeof stripped !== 'string') return stripped;
    code = stripped;
  }
  const rewritten = rewriteModule(file, code);
  if (typeof rewritten !== 'string') return rewritten;
  const sourceUrl = safeSourceUrl(file);
  const script = `${WRAPPER_PREFIX}${rewritten}${WRAPPER_SUFFIX}\n//# sourceURL=${sourceUrl}\n`;
  const syntax = syntaxError(script, sourceUrl);
  if (syntax) return { ok: false, error: { ...syntax, file } };
  return { ok: true, value: { script, sourceUrl } };
}

/**
 * Compiles (never runs) the script in the host to find a syntax error's line and column: V8's
 * message for a vm.Script starts with "name:line" and a caret under the column.
 */
function syntaxError(script: string, sourceUrl: string): ProjectionFailure | null {
  try {
    new Script(script, { filename: sourceUrl });
    return null;
  } catch (error) {
    if (!(error instanceof SyntaxError)) return { kind: 'threw', message: `the module could not be compiled: ${String(error)}` };
    const stack = String(error.stack ?? '');
    const header = /^[^\n]*:(\d+)\n([^\n]*)\n(\s*)\^/.exec(stack);
    const failure: ProjectionFailure = { kind: 'threw', message: `syntax error: ${error.message}` };
    if (header) {
      const at = sourcePosition(Number(header[1]), header[3].length + 1);
      failure.line = at.line;
      failure.column = at.column;
      failure.message = `syntax error, line ${at.line}: ${error.message}`;
    }
    return failure;
  }
}
