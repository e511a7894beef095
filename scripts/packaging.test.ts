// The release pipeline, checked where it cannot run: this machine has no Electron binary and no
// internet, so electron-builder cannot package here. What can be checked is that the packaging
// config is one electron-builder itself accepts (its own validator and schema), that it makes the
// packages the README promises with the fuses hook, and that the release workflow is a valid
// GitHub Actions workflow (schemastore's schema, via action-validator) doing what it says.
import { validateWorkflow } from '@action-validator/core';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { assertElectronWhenRequired } from './electronBinary.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const builderYml = fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');
const builder = parse(builderYml) as Record<string, any>;
const workflowYml = fs.readFileSync(path.join(ROOT, '.github', 'workflows', 'release.yml'), 'utf8');
const workflow = parse(workflowYml) as Record<string, any>;
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

const validate = (config: unknown) => validateConfiguration(config, new DebugLogger(false));

describe('packaging config (electron-builder.yml)', () => {
  it('is accepted by electron-builder’s own validator, which rejects a misspelt option', async () => {
    await expect(validate(builder)).resolves.toBeUndefined();
    await expect(validate({ ...builder, asarUnpak: [] })).rejects.toThrow(/asarUnpak/);
  });

  it('makes AppImage and deb for Linux, NSIS for Windows and dmg for macOS', () => {
    expect(builder.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(builder.win.target).toEqual(['nsis']);
    expect(builder.mac.target).toEqual(['dmg']);
  });

  it('ships the built app as an asar, the native SQLite addon unpacked, fuses set after packing', async () => {
    expect(builder.asar).toBe(true);
    expect(builder.files).toContain('out/**');
    expect(builder.asarUnpack.some((glob: string) => glob.includes('better-sqlite3'))).toBe(true);
    const hook = path.join(ROOT, builder.afterPack);
    expect(fs.existsSync(hook)).toBe(true);
    const { default: afterPack } = await import(hook);
    expect(typeof afterPack).toBe('function');
    expect(fs.readFileSync(hook, 'utf8')).toMatch(/flipPackagedFuses/);
  });

  it('npm run package builds the renderer and main first, and the app starts from the built main', () => {
    expect(pkg.scripts.package).toMatch(/^electron-vite build && electron-builder\b/);
    expect(pkg.main).toBe('out/main/index.js');
  });
});

describe('release workflow (.github/workflows/release.yml)', () => {
  it('is a valid GitHub Actions workflow; the validator rejects a broken one', () => {
    expect(validateWorkflow(workflowYml).errors).toEqual([]);
    expect(validateWorkflow(workflowYml.replace('runs-on: ${{ matrix.os }}', 'runs_on: ${{ matrix.os }}')).errors.length).toBeGreaterThan(0);
  });

  it('fetches Electron, runs npm test with the Electron journeys required, packages on each OS, attaches to the release', () => {
    const steps = workflow.jobs.package.steps as { name?: string; run?: string; env?: Record<string, string> }[];
    const runs = steps.map((s) => s.run ?? '').join('\n');
    expect(runs).toMatch(/node node_modules\/electron\/install\.js/);
    const test = steps.find((s) => /npm test/.test(s.run ?? ''));
    expect(test?.env?.LEDGER_REQUIRE_ELECTRON).toBe('1');
    expect(test?.run).toMatch(/xvfb-run -a npm test/);
    const targets = (workflow.jobs.package.strategy.matrix.include as { os: string; targets: string }[]).map((m) => m.targets).join(' ');
    for (const target of ['AppImage', 'deb', 'nsis', 'dmg']) expect(targets).toContain(target);
    expect(runs).toMatch(/npm run package/);
    expect(workflow.jobs.release.needs).toBe('package');
    expect(workflow.jobs.release.steps.map((s: { run?: string }) => s.run ?? '').join('\n')).toMatch(/gh release create/);
  });

  it('makes the e2e run fail, not skip, when the Electron journeys are required and cannot run', () => {
    const missing = { reason: 'no binary' };
    expect(() => assertElectronWhenRequired(missing, { LEDGER_REQUIRE_ELECTRON: '1' })).toThrow(/cannot run: no binary/);
    expect(() => assertElectronWhenRequired(missing, {})).not.toThrow();
    expect(() => assertElectronWhenRequired({ path: '/x/electron' }, { LEDGER_REQUIRE_ELECTRON: '1' })).not.toThrow();
    expect(fs.readFileSync(path.join(ROOT, 'e2e', 'globalSetup.ts'), 'utf8')).toMatch(/assertElectronWhenRequired\(electron\)/);
  });
});
