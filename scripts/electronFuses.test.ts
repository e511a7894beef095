// The fuses a packaged build gets, flipped for real by @electron/fuses on a stand-in binary that
// carries Electron's fuse wire (the real binary cannot be downloaded on these machines).
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LEDGER_FUSES, flipPackagedFuses, packagedExecutable } from './electronFuses.ts';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuses-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Bytes around a version-1 wire of nine fuses, every one as Electron ships it (enabled). */
function standInBinary(): string {
  const file = path.join(dir, 'electron');
  const wire = Buffer.alloc(9, FuseState.ENABLE);
  fs.writeFileSync(file, Buffer.concat([Buffer.alloc(4096, 7), Buffer.from(SENTINEL), Buffer.from([1, wire.length]), wire, Buffer.alloc(4096, 9)]));
  return file;
}

describe('Electron fuses', () => {
  it('turns off run-as-node, NODE_OPTIONS, --inspect and file:// privileges; requires the asar', async () => {
    const binary = standInBinary();
    await flipPackagedFuses(binary, false);
    const wire = await getCurrentFuseWire(binary);
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    // Every other byte of the file is untouched.
    expect(fs.statSync(binary).size).toBe(4096 + SENTINEL.length + 2 + 9 + 4096);
  });

  it('decides every fuse this Electron has (a new one fails the build instead of being inherited)', () => {
    const decided = Object.keys(LEDGER_FUSES).filter((k) => /^\d+$/.test(k)).map(Number).sort((a, b) => a - b);
    const known = Object.values(FuseV1Options).filter((v): v is number => typeof v === 'number').sort((a, b) => a - b);
    expect(decided).toEqual(known);
    expect(LEDGER_FUSES.strictlyRequireAllFuses).toBe(true);
  });

  it('finds the executable electron-builder produced on each platform', () => {
    expect(packagedExecutable('/o', 'linux', 'Replay Ledger', 'replay-ledger')).toBe('/o/replay-ledger');
    expect(packagedExecutable('/o', 'win32', 'Replay Ledger', 'Replay Ledger')).toBe('/o/Replay Ledger.exe');
    expect(packagedExecutable('/o', 'darwin', 'Replay Ledger', 'Replay Ledger')).toBe('/o/Replay Ledger.app');
  });

  it('electron-builder.yml runs the fuse hook', () => {
    const config = fs.readFileSync(path.join(import.meta.dirname, '..', 'electron-builder.yml'), 'utf8');
    expect(config).toMatch(/^afterPack: scripts\/electronAfterPack\.mjs$/m);
    expect(config).toMatch(/^asar: true$/m);
  });
});
