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
// A module hook that names, on stderr, every file of src/ the command line's main thread resolves
// (an import's own threads load what they need for themselves).
const HOOK = path.join(dir, 'hook.mjs');
fs.writeFileSync(
  HOOK,
  "import module from 'node:module';\nimport { isMainThread } from 'node:worker_threads';\nif (isMainThread) module.registerHooks({ resolve(specifier, context, next) { const r = next(specifier, context); if (r.url.includes('/src/')) process.stderr.write(`LOADED ${r.url.slice(r.url.lastIndexOf('/src/') + 5)}\\n`); return r; } });\n",
);

const COMMANDS = 'cli/commands/';

/** `loaded`: the files of src/cli/commands/ the main thread resolved; `sources`: every file of src/ it did. */
function loadedBy(...argv: string[]): { code: number | null; loaded: string[]; sources: string[]; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', pathToFileURL(HOOK).href, CLI_MAIN, ...argv], { encoding: 'utf8', env: { ...process.env, LEDGER_LANG: 'en' }, timeout: 60_000 });
  const sources = [...new Set(run.stderr.split('\n').filter((l) => l.startsWith('LOADED ')).map((l) => l.slice('LOADED '.length)))].sort();
  const loaded = sources.filter((s) => s.startsWith(COMMANDS)).map((s) => s.slice(COMMANDS.length));
  return { code: run.status, loaded, sources, stdout: run.stdout, stderr: run.stderr };
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
  });

  it('an unknown command loads nothing and says so', () => {
    const run = loadedBy('frobnicate');
    expect(run.code).toBe(2);
    expect(run.loaded).toEqual([]);
  });
});
