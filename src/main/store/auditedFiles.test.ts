// Never destroy (issue 9.1–9.3): no write may land on an audited store or its companions, under any
// name; temporary files are never planted-link targets; imports never replace a file.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../cli/testing.ts';
import { writeDemoStore } from '../demo/generateDemo.ts';
import { exportEvents } from '../export/exportEvents.ts';
import { writeFileAtomically } from '../export/fileWriter.ts';
import { importEvents } from '../import/importEvents.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { openStore } from './openStore.ts';
import { assertWritableTarget, protectAuditedFile } from './auditedFiles.ts';
import { toAsyncReader } from './asyncReader.ts';

const dir = tempDir('audited');
const store = path.join(dir, 'v.db');
writeDemoStore(store, { streams: 4, events: 60, longStreams: 0, longEvents: 2, seed: 'audited' });
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const original = sha(store);

function otherNames(): string[] {
  const link = path.join(dir, 'link-to-store.db');
  const hard = path.join(dir, 'hard-link.db');
  fs.rmSync(link, { force: true });
  fs.rmSync(hard, { force: true });
  fs.symlinkSync(store, link);
  fs.linkSync(store, hard);
  fs.mkdirSync(path.join(dir, 'sub'), { recursive: true });
  return [store, link, hard, path.join(dir, 'sub', '..', 'v.db'), `${store}-wal`, `${store}-shm`, `${store}-journal`];
}

describe('audited files are never written', () => {
  it('refuses every name of an open store and its companions, and only while it is open', async () => {
    const reader = openStore(store, { readonly: true });
    try {
      for (const name of otherNames()) {
        expect(() => assertWritableTarget(name), name).toThrow(/Refusing to write .* being audited and is never written/);
        expect(() => writeFileAtomically(name, 'overwrite'), name).toThrow(/Refusing to write/);
      }
      expect(() => assertWritableTarget(path.join(dir, 'report.json'))).not.toThrow();
    } finally {
      reader.close();
    }
    expect(sha(store)).toBe(original);
    expect(() => assertWritableTarget(path.join(dir, 'hard-link.db'))).not.toThrow();
  });

  it('an export onto its own store (also by symlink or hard link) fails and leaves the store byte-identical', async () => {
    const reader = openStore(store, { readonly: true });
    try {
      for (const out of otherNames().slice(0, 3)) {
        await expect(exportEvents(toAsyncReader(reader), { scope: { kind: 'all' }, format: 'ndjson', out })).rejects.toMatchObject({ code: 'IO_ERROR' });
      }
    } finally {
      reader.close();
    }
    expect(sha(store)).toBe(original);
  });

  it('ledger export STORE --out STORE exits 1 with a clear message and writes nothing', async () => {
    for (const out of otherNames().slice(0, 3)) {
      const run = await cli('export', store, '--all', '--format', 'ndjson', '--out', out, '--no-verify');
      expect(run.code, out).toBe(1);
      expect(run.stderr).toMatch(/Refusing to write/);
    }
    expect(sha(store)).toBe(original);
    expect(fs.readdirSync(dir).filter((n) => n.includes('.partial'))).toEqual([]);
  });

  it('a planted <out>.partial symlink is not followed: its target keeps its bytes', async () => {
    const victim = path.join(dir, 'victim.txt');
    fs.writeFileSync(victim, 'precious');
    const out = path.join(dir, 'export.ndjson');
    fs.symlinkSync(victim, `${out}.partial`);
    const reader = openStore(store, { readonly: true });
    try {
      await exportEvents(toAsyncReader(reader), { scope: { kind: 'all' }, format: 'ndjson', out });
    } finally {
      reader.close();
    }
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious');
    expect(fs.readFileSync(out, 'utf8').split('\n').filter(Boolean)).toHaveLength(60);
  });

  it('protection is counted: a second opening of the same file keeps it protected until both close', async () => {
    const one = protectAuditedFile(store);
    const two = protectAuditedFile(store);
    one();
    one();
    expect(() => assertWritableTarget(store)).toThrow(/Refusing/);
    two();
    expect(() => assertWritableTarget(store)).not.toThrow();
  });
});

describe('imports never replace a file', () => {
  const ndjson = path.join(dir, 'in.ndjson');
  fs.writeFileSync(ndjson, Array.from({ length: 12_000 }, (_, i) => JSON.stringify({ streamId: `s-${i % 7}`, type: 'T', data: { i } })).join('\n') + '\n');

  it('a file that appears at --out while the import runs is left as it is, and nothing is left behind', async () => {
    const out = path.join(dir, 'late', 'new.db');
    let planted = false;
    const promise = importEvents({
      input: ndjson,
      out,
      onProgress: () => {
        if (planted) return;
        planted = true;
        fs.writeFileSync(out, 'someone else wrote this');
      },
    });
    await expect(promise).rejects.toThrow(/appeared while the import ran/);
    expect(fs.readFileSync(out, 'utf8')).toBe('someone else wrote this');
    expect(fs.readdirSync(path.dirname(out))).toEqual(['new.db']);
  });

  it('refuses an existing report beside the target before reading anything', async () => {
    const out = path.join(dir, 'with-report.db');
    const bad = path.join(dir, 'bad.ndjson');
    fs.writeFileSync(bad, '{"streamId":"a","type":"T","data":{}}\nnot json\n');
    fs.writeFileSync(`${out}.import-report.json`, 'an earlier report');
    await expect(importEvents({ input: bad, out, skipBad: true })).rejects.toThrow(/already exists/);
    expect(fs.readFileSync(`${out}.import-report.json`, 'utf8')).toBe('an earlier report');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('a planted symlink at a dangling --out is refused, and the import never writes through it', async () => {
    const victim = path.join(dir, 'victim-import.db');
    const out = path.join(dir, 'dangling.db');
    fs.symlinkSync(victim, out);
    await expect(importEvents({ input: ndjson, out })).rejects.toThrow(/already exists/);
    expect(fs.existsSync(victim)).toBe(false);
  });

  it('an import into the file it reads, or into an open store, is refused', async () => {
    await expect(importEvents({ input: store, out: store, format: 'store' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(sha(store)).toBe(original);
  });
});
