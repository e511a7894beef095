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
// A module hook that names, on stderr, every file of src/cli/commands/ the command line resolves.
const HOOK = path.join(dir, 'hook.mjs');
fs.writeFileSync(
  HOOK,
  "import module from 'node:module';\nmodule.registerHooks({ resolve(specifier, context, next) { const r = next(specifier, context); if (r.url.includes('/src/cli/commands/')) process.stderr.write(`LOADED ${r.url.split('/src/cli/commands/')[1]}\\n`); return r; } });\n",
);

function loadedBy(...argv: string[]): { code: number | null; loaded: string[]; stdout: string } {
  const run = spawnSync(process.execPath, ['--import', pathToFileURL(HOOK).href, CLI_MAIN, ...argv], { encoding: 'utf8', env: { ...process.env, LEDGER_LANG: 'en' }, timeout: 60_000 });
  const loaded = [...new Set(run.stderr.split('\n').filter((l) => l.startsWith('LOADED ')).map((l) => l.slice('LOADED '.length)))].sort();
  return { code: run.status, loaded, stdout: run.stdout };
}

describe('the ledger command loads only the command it runs', () => {
  it('--help lists every command and loads none of them', () => {
    const run = loadedBy('--help');
    expect(run.code).toBe(0);
    for (const name of ['streams', 'import', 'export', 'verify-export', 'report', 'notes']) expect(run.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(run.loaded).toEqual([]);
  });

  it('import --help loads the transfer commands (and what they use), not replay, search, serve or report', () => {
    const run = loadedBy('import', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('ledger import FILE --out STORE');
    expect(run.loaded).toContain('transfer.ts');
    for (const other of ['replay.ts', 'search.ts', 'serve.ts', 'report.ts', 'whatIf.ts', 'notes.ts', 'log.ts', 'demo.ts']) expect(run.loaded).not.toContain(other);
  });

  it('an unknown command loads nothing and says so', () => {
    const run = loadedBy('frobnicate');
    expect(run.code).toBe(2);
    expect(run.loaded).toEqual([]);
  });
});
