import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { moduleScript, sourcePosition, WRAPPER_PREFIX } from './moduleSource.ts';

/** Runs the script in this process (the tests of the rewrite only; the sandbox is tested elsewhere). */
async function exportsOf(file: string, text: string): Promise<Record<string, unknown>> {
  const result = await moduleScript(file, text);
  if (!result.ok) throw new Error(result.error.message);
  const exports: Record<string, unknown> = {};
  (new Script(result.value.script).runInThisContext() as () => void).call(exports);
  return exports;
}

async function loadError(file: string, text: string) {
  const result = await moduleScript(file, text);
  if (result.ok) throw new Error('expected a load error');
  return result.error;
}

describe('moduleScript', () => {
  it('turns export default into the default export', async () => {
    const exports = await exportsOf('a.projection.js', "export default { name: 'a', version: 1, evolve: (s) => s };\n");
    expect((exports.default as { name: string }).name).toBe('a');
  });

  it('turns named exports (const, function, class, lists) into exports', async () => {
    const text = [
      "export const name = 'b';",
      'export let version = 2;',
      'export function evolve(s) { return s; }',
      'export async function later() {}',
      'export class Helper {}',
      'const initial = { n: 0 };',
      'export { initial as initialState, initial };',
    ].join('\n');
    const exports = await exportsOf('b.projection.mjs', text);
    expect(exports.name).toBe('b');
    expect(exports.version).toBe(2);
    expect(typeof exports.evolve).toBe('function');
    expect(typeof exports.later).toBe('function');
    expect(typeof exports.Helper).toBe('function');
    expect(exports.initialState).toEqual({ n: 0 });
    expect(exports.initial).toBe(exports.initialState);
  });

  it('strips TypeScript types and keeps line and column numbers', async () => {
    const text = ['interface S { n: number }', 'export const name: string = "t";', 'export function evolve(s: S, e: { type: string }): S {', '  return { n: s.n + 1 } as S;', '}'].join('\n');
    const result = await moduleScript('t.projection.ts', text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const lines = result.value.script.split('\n');
    expect(lines[3]).toMatch(/^ {2}return \{ n: s\.n \+ 1 \}/);
    expect(lines[2].indexOf('evolve')).toBe(text.split('\n')[2].indexOf('evolve'));
    const exports = await exportsOf('t.projection.ts', text);
    expect((exports.evolve as (s: { n: number }) => { n: number })({ n: 1 })).toEqual({ n: 2 });
  });

  it('refuses TypeScript that cannot be stripped (an enum)', async () => {
    const error = await loadError('e.projection.ts', 'enum Kind { A }\nexport default { name: "e", version: 1, evolve: (s) => s };');
    expect(error.message).toMatch(/enum/);
  });

  it.each([
    ["import fs from 'node:fs';\nexport default {};", /cannot import import 'node:fs', line 1/, 1],
    ["const a = 1;\nexport * from './other.js';", /cannot import .*'\.\/other\.js', line 2/, 2],
    ["export default {\n  evolve: async (s) => (await import('node:fs'), s),\n};", /cannot import import\(\) 'node:fs', line 2/, 2],
    ["export default {\n\n  url: import.meta.url,\n};", /cannot import import\.meta, line 3/, 3],
    ["const fs = require('fs');\nexport default {};", /cannot import require\(\), line 1/, 1],
  ])('refuses %j', async (text, message, line) => {
    const error = await loadError('i.projection.js', text);
    expect(error.message).toMatch(message);
    expect(error.line).toBe(line);
  });

  it('leaves a comment that mentions require( alone', async () => {
    const exports = await exportsOf('c.projection.js', '// we never require(anything)\n/**\n * nor require(this)\n */\nexport const name = "c";');
    expect(exports.name).toBe('c');
  });

  it('reports a syntax error with its line and column', async () => {
    const error = await loadError('s.projection.js', 'export default {\n  evolve(s) {\n    return s +;\n  },\n};');
    expect(error.message).toMatch(/syntax error, line 3/);
    expect(error.line).toBe(3);
    expect(error.column).toBeGreaterThan(1);
  });

  it('reports a syntax error on line 1 at its own column', async () => {
    const error = await loadError('s.projection.js', 'let a = ;');
    expect(error).toMatchObject({ line: 1, column: 9 });
  });

  it('lets a module shadow the globals the wrapper takes into constants', async () => {
    const exports = await exportsOf('g.projection.js', 'const JSON = { stringify: () => "mine" };\nfunction Number() { return 7; }\nexport const seen = [JSON.stringify({}), Number()];');
    expect(exports.seen).toEqual(['mine', 7]);
  });

  it('undoes the wrapper only on line 1', () => {
    expect(sourcePosition(1, WRAPPER_PREFIX.length + 20)).toEqual({ line: 1, column: 20 });
    expect(sourcePosition(2, 20)).toEqual({ line: 2, column: 20 });
  });
});
