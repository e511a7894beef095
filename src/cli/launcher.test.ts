// The installed `ledger` command is a JavaScript launcher that turns on Node's compile cache before
// the TypeScript loads: without it every run strips the sources' types again with a WebAssembly
// compiler Node loads into the process (and each worker), ~30 MB of RSS and ~0.5 s of start-up.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../main/testing/tempFiles.ts';
import { CLI_MAIN } from './testing.ts';

const packageJson = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };

/** The launcher with the OS temp folder at `tmp` and no compile cache chosen by the caller. */
function runLauncher(tmp: string, extraEnv: Record<string, string> = {}, ...argv: string[]) {
  const env: Record<string, string | undefined> = { ...process.env, TMPDIR: tmp, LEDGER_LANG: 'en', ...extraEnv };
  if (!('NODE_COMPILE_CACHE' in extraEnv)) delete env.NODE_COMPILE_CACHE;
  if (!('NODE_DISABLE_COMPILE_CACHE' in extraEnv)) delete env.NODE_DISABLE_COMPILE_CACHE;
  return spawnSync(process.execPath, [CLI_MAIN, ...argv], { encoding: 'utf8', env, timeout: 60_000 });
}

const cacheEntries = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(dir, f)).isFile()) : []);

describe('the installed ledger command', () => {
  const root = tempDir('ledger-launcher');

  it('is the JavaScript launcher, for npm link and npm run ledger alike', () => {
    expect(packageJson.bin.ledger).toBe('src/cli/ledger.mjs');
    expect(packageJson.scripts.ledger).toBe('node src/cli/ledger.mjs');
    expect(path.resolve(import.meta.dirname, '../..', packageJson.bin.ledger)).toBe(CLI_MAIN);
    const text = fs.readFileSync(CLI_MAIN, 'utf8');
    expect(text.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(fs.statSync(CLI_MAIN).mode & 0o111).not.toBe(0);
  });

  it('keeps the stripped TypeScript in a compile cache under the temp folder, and runs the command', () => {
    const tmp = fs.mkdtempSync(path.join(root, 'tmp-'));
    const first = runLauncher(tmp, {}, '--help');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('Usage: ledger <command>');
    const entries = cacheEntries(path.join(tmp, 'node-compile-cache'));
    // One entry per module the command loaded: main.ts, run.ts, the commands, the catalogs…
    expect(entries.length).toBeGreaterThan(20);
    // A second run reads the cache and says the same.
    const second = runLauncher(tmp, {}, '--help');
    expect(second.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
  });

  it('uses the folder NODE_COMPILE_CACHE names, and none when NODE_DISABLE_COMPILE_CACHE is set', () => {
    const tmp = fs.mkdtempSync(path.join(root, 'tmp-'));
    const chosen = path.join(tmp, 'chosen');
    expect(runLauncher(tmp, { NODE_COMPILE_CACHE: chosen }, '--help').status).toBe(0);
    expect(cacheEntries(chosen).length).toBeGreaterThan(20);
    expect(cacheEntries(path.join(tmp, 'node-compile-cache'))).toEqual([]);

    const off = fs.mkdtempSync(path.join(root, 'tmp-'));
    const run = runLauncher(off, { NODE_DISABLE_COMPILE_CACHE: '1' }, '--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: ledger <command>');
    expect(cacheEntries(path.join(off, 'node-compile-cache'))).toEqual([]);
  });

  it('still runs when the cache cannot be written', () => {
    const tmp = fs.mkdtempSync(path.join(root, 'tmp-'));
    // A file where the cache folder would go: Node cannot make the folder and runs without it.
    fs.writeFileSync(path.join(tmp, 'node-compile-cache'), 'not a folder');
    const run = runLauncher(tmp, {}, '--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: ledger <command>');
  });
});
