// Each command's module loads only when that command runs or shows its help: `ledger import` holds
// the import's modules and not every other command's (~20 MB of RSS), and `ledger --help` none.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../main/testing/tempFiles.ts';
import { CLI_MAIN } from './testing.ts';

const dir = tempDir('lazy-commands');
// A module hook that names, on stderr, every file of src/ and node_modules/ the command line resolves,
// with the thread that did ("main", or a worker's id: an import's own threads load for themselves).
const HOOK = path.join(dir, 'hook.mjs');
fs.writeFileSync(
  HOOK,
  [
    "import module from 'node:module';",
    "import { isMainThread, threadId } from 'node:worker_threads';",
    "const where = (url) => url.includes('/node_modules/') ? url.slice(url.lastIndexOf('/node_modules/') + 1) : url.includes('/src/') ? url.slice(url.lastIndexOf('/src/') + 5) : null;",
    "module.registerHooks({ resolve(specifier, context, next) { const r = next(specifier, context); const file = where(r.url); if (file) process.stderr.write(`LOADED ${isMainThread ? 'main' : threadId} ${file}\\n`); return r; } });",
  ].join('\n'),
);

const COMMANDS = 'cli/commands/';

interface Loads {
  code: number | null;
  /** The files of src/cli/commands/ the main thread resolved. */
  loaded: string[];
  /** Every file of src/ the main thread resolved. */
  sources: string[];
  /** Every file of src/ and node_modules/ the other threads resolved. */
  threads: string[];
  /** The other threads, by id, that resolved `file`. */
  threadsOf: (file: string) => string[];
  stdout: string;
  stderr: string;
}

function loadedBy(...argv: string[]): Loads {
  const run = spawnSync(process.execPath, ['--import', pathToFileURL(HOOK).href, CLI_MAIN, ...argv], { encoding: 'utf8', env: { ...process.env, LEDGER_LANG: 'en' }, timeout: 60_000 });
  const lines = run.stderr.split('\n').filter((l) => l.startsWith('LOADED ')).map((l) => l.slice('LOADED '.length).split(' '));
  const files = (keep: (thread: string) => boolean) => [...new Set(lines.filter(([thread]) => keep(thread)).map(([, file]) => file))].sort();
  const sources = files((thread) => thread === 'main').filter((f) => !f.startsWith('node_modules/'));
  const loaded = sources.filter((s) => s.startsWith(COMMANDS)).map((s) => s.slice(COMMANDS.length));
  const threadsOf = (file: string) => [...new Set(lines.filter(([thread, f]) => thread !== 'main' && f === file).map(([thread]) => thread))].sort();
  return { code: run.status, loaded, sources, threads: files((thread) => thread !== 'main'), threadsOf, stdout: run.stdout, stderr: run.stderr };
}

describe('the ledger command loads only the command it runs', () => {
  it('--help lists every command and loads none of them', () => {
    const run = loadedBy('--help');
    expect(run.code).toBe(0);
    for (const name of ['streams', 'import', 'export', 'verify-export', 'report', 'notes']) expect(run.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(run.loaded).toEqual([]);
  });

  it('import --help loads the import command, not export, replay, search, serve or report', () => {
    const run = loadedBy('import', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('ledger import FILE --out STORE');
    expect(run.loaded).toEqual(['importCommand.ts']);
  });

  it('export --help loads the export command and what it uses, not import, replay, search, serve or report', () => {
    const run = loadedBy('export', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('ledger export');
    expect(run.loaded).toContain('transfer.ts');
    for (const other of ['importCommand.ts', 'replay.ts', 'search.ts', 'serve.ts', 'report.ts', 'whatIf.ts', 'notes.ts', 'log.ts', 'demo.ts']) expect(run.loaded).not.toContain(other);
  });

  it('an import holds on its main thread neither the import itself (its thread loads that) nor export, replay, verify or masking', () => {
    const input = path.join(dir, 'two.ndjson');
    const out = path.join(dir, 'two.db');
    const event = (i: number) => JSON.stringify({ eventId: `e-${i}`, streamId: 'order-1', type: 'Placed', data: { n: i }, recordedAt: '2026-01-01T00:00:00.000Z' });
    fs.writeFileSync(input, `${event(1)}\n${event(2)}\n`);
    const run = loadedBy('import', input, '--out', out);
    expect(run.stderr.replace(/^LOADED .*\n/gm, '')).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Imported 2 events');
    expect(fs.existsSync(out)).toBe(true);
    expect(run.loaded).toEqual(['importCommand.ts']);
    expect(run.sources).toContain('main/import/workerImport.ts');
    const heavy = run.sources.filter((s) => /^main\/(replay|verify|export|masking|signing)\//.test(s) || s === 'main/import/importEvents.ts' || s === 'main/store/append.ts');
    expect(heavy).toEqual([]);
    // The import's threads read a file: no other kind of store's reader, no node-postgres.
    expect(run.threads).toContain('main/import/importEvents.ts');
    expect(run.threads.filter((f) => f.startsWith('main/adapters/') && f !== 'main/adapters/postgres/target.ts')).toEqual([]);
    expect(run.threads.filter((f) => f.startsWith('node_modules/pg'))).toEqual([]);
  });

  it('a copy of a store is read on the parse worker, beside the inserts: two threads open it', () => {
    const input = path.join(dir, 'events.ndjson');
    const source = path.join(dir, 'source.db');
    const copy = path.join(dir, 'copy.db');
    fs.writeFileSync(input, Array.from({ length: 50 }, (_, i) => JSON.stringify({ eventId: `e-${i}`, streamId: `order-${i % 5}`, type: 'Placed', data: { i } })).join('\n') + '\n');
    expect(loadedBy('import', input, '--out', source).code).toBe(0);
    const run = loadedBy('import', source, '--out', copy);
    expect(run.stderr.replace(/^LOADED .*\n/gm, '')).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Imported 50 events');
    // The import thread opens the source to check it and count its events; the parse worker reads it.
    expect(run.threadsOf('main/adapters/openStoreTarget.ts')).toHaveLength(2);
    expect(run.threadsOf('main/import/parseWorker.ts')).toHaveLength(1);
  });

  it('an unknown command loads nothing and says so', () => {
    const run = loadedBy('frobnicate');
    expect(run.code).toBe(2);
    expect(run.loaded).toEqual([]);
  });
});
