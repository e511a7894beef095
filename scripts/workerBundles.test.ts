// Worker threads are found by a URL relative to the code that starts them ('./parseWorker.js' beside
// it, workerEntry.ts), so in the app's bundle each one must be an entry of its own and every shared
// chunk must sit beside the entries: in electron-vite's default chunks/ folder, code moved into a
// chunk (as importEvents did once the import's thread shared it) looks for chunks/parseWorker.js,
// finds nothing and quietly does the work on its own thread.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../electron.vite.config.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const main = (config as { main: { build: { rollupOptions: { input: Record<string, string>; output?: { chunkFileNames?: string } } } } }).main.build.rollupOptions;

/** Every worker module the main process's sources start by name: [the starting file, the module's name]. */
function startedWorkers(): [string, string][] {
  const dir = path.join(ROOT, 'src', 'main');
  const found: [string, string][] = [];
  for (const file of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    // Code only: a comment may name a worker as an example (workerEntry.ts does).
    const text = fs.readFileSync(path.join(dir, file), 'utf8').split('\n').filter((line) => !/^\s*(\/\/|\*|\/\*\*)/.test(line)).join('\n');
    for (const match of text.matchAll(/'\.\/(\w+)\.js'/g)) found.push([path.join('src/main', file), match[1]]);
  }
  return found;
}

describe('the main bundle keeps its worker threads findable', () => {
  it('puts shared chunks beside the entries', () => {
    const names = main.output?.chunkFileNames;
    expect(names, 'chunkFileNames').toBeDefined();
    expect(names).not.toContain('/');
  });

  it('has an entry of its own for every worker module a source starts by name, built from the .ts beside that source', () => {
    const workers = startedWorkers();
    // The import's parse worker and thread, the export worker, verify's two workers.
    expect(workers.map(([, name]) => name).sort()).toEqual(expect.arrayContaining(['checkWorker', 'chainHashWorker', 'exportWorker', 'importThread', 'parseWorker']));
    for (const [from, name] of workers) {
      expect(main.input[name], `${from} starts ${name}.js`).toBeDefined();
      expect(path.relative(ROOT, main.input[name])).toBe(path.join(path.dirname(from), `${name}.ts`));
    }
  });
});
