import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_FORMAT, type ExportManifest } from '../../shared/verify.ts';
import { openStore } from '../store/openStore.ts';
import { changeOneByte, rewriteChainFrom } from '../testing/tamper.ts';
import { fileFingerprint, tempDir } from '../testing/tempFiles.ts';
import { TOOL_VERSION } from '../toolVersion.ts';
import { exportEventsSigned, manifestPathFor, signExport } from './manifest.ts';
import { exportState } from './reports.ts';
import { verifyExport } from '../testing/exportFindingsSaid.ts';
import { toAsyncReader } from '../store/asyncReader.ts';

const T0 = Date.parse('2026-04-01T08:00:00Z');

function writeStore(file: string): void {
  const store = openStore(file, { readonly: false, create: true });
  for (let i = 0; i < 20; i++) {
    store.append(`account-${i % 2}`, [{ type: 'FundsDeposited', data: { amount: i + 1 }, metadata: { actor: 'alice' }, recordedAt: T0 + i * 1000 }]);
  }
  store.close();
}

const readManifest = (file: string) => JSON.parse(fs.readFileSync(manifestPathFor(file), 'utf8')) as ExportManifest;

describe('signed exports', () => {
  const dir = tempDir('signed');
  const storeFile = path.join(dir, 'store.db');
  const bundle = path.join(dir, 'bundle');
  const out = path.join(bundle, 'all.ndjson');
  let head: string;

  beforeAll(async () => {
    writeStore(storeFile);
    const store = openStore(storeFile);
    head = store.stats().chainHead as string;
    await exportEventsSigned(toAsyncReader(store), { scope: { kind: 'all' }, format: 'ndjson', out });
    await exportEventsSigned(toAsyncReader(store), { scope: { kind: 'stream', streamId: 'account-1', fromVersion: 2 }, format: 'csv', out: path.join(bundle, 'account-1.csv') });
    store.close();
  });

  it('writes a manifest beside the export with hashes, query, counts, chain head, tool and projections', async () => {
    const manifest = readManifest(out);
    const bytes = fs.readFileSync(out);
    expect(manifest).toMatchObject({
      format: MANIFEST_FORMAT,
      manifestVersion: 1,
      tool: { name: 'replay-ledger', version: TOOL_VERSION },
      kind: 'events',
      query: { kind: 'all', format: 'ndjson' },
      resolvedQuery: { kind: 'all', toPosition: 20 },
      store: { path: storeFile, chainHead: head, lastPosition: 20, eventCount: 20 },
      events: { count: 20, firstPosition: 1, lastPosition: 20 },
      files: [{ path: 'all.ndjson', bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }],
    });
    expect(manifest.store.storeId).toMatch(/^[0-9a-f-]{36}$/);
    expect(manifest.projections.map((p) => p.name)).toContain('shopping-cart');
    expect(readManifest(path.join(bundle, 'account-1.csv')).resolvedQuery).toEqual({ kind: 'stream', streamId: 'account-1', fromVersion: 2, toVersion: 10 });
  });

  it('the recorded tool version is the package version', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../package.json'), 'utf8'));
    expect(TOOL_VERSION).toBe(pkg.version);
  });

  it('verify-export passes an untouched bundle, alone and against the store, even after legitimate appends', async () => {
    expect(await verifyExport(bundle)).toMatchObject({ ok: true, filesChecked: 2, findings: [] });
    const grown = path.join(dir, 'grown.db');
    fs.copyFileSync(storeFile, grown);
    const writer = openStore(grown, { readonly: false });
    writer.append('account-1', [{ type: 'FundsDeposited', data: { amount: 99 } }]);
    writer.close();
    const before = fileFingerprint(grown);
    const report = await verifyExport(bundle, { store: grown });
    expect(report.findings).toEqual([]);
    expect(report.store?.ok).toBe(true);
    expect(fileFingerprint(grown)).toEqual(before);
  });

  it('finds a changed file, a missing file, and says which', async () => {
    const copy = path.join(dir, 'edited-bundle');
    fs.cpSync(bundle, copy, { recursive: true });
    const file = path.join(copy, 'all.ndjson');
    const bytes = fs.readFileSync(file);
    bytes[100] ^= 1;
    fs.writeFileSync(file, bytes);
    fs.rmSync(path.join(copy, 'account-1.csv'));
    const report = await verifyExport(copy);
    expect(report.ok).toBe(false);
    expect(report.findings.map((f) => [f.kind, f.file])).toEqual([
      ['file-missing', 'account-1.csv'],
      ['file-modified', 'all.ndjson'],
    ]);
  });

  it('finds a store edited or rewritten since the export, and the first exported event that differs', async () => {
    const edited = path.join(dir, 'edited.db');
    fs.copyFileSync(storeFile, edited);
    changeOneByte(edited, 7, 'data');
    const report = await verifyExport(bundle, { store: edited });
    expect(report.findings).toContainEqual(expect.objectContaining({ kind: 'store-findings' }));
    expect(report.findings).toContainEqual(expect.objectContaining({ kind: 'store-mismatch', file: 'all.ndjson', position: 7 }));
    expect(report.store?.findings[0]).toMatchObject({ kind: 'edited', position: 7 });

    const rewritten = path.join(dir, 'rewritten.db');
    fs.copyFileSync(storeFile, rewritten);
    rewriteChainFrom(rewritten, 15);
    const caught = await verifyExport(bundle, { store: rewritten });
    expect(caught.store?.ok).toBe(true); // consistent inside…
    expect(caught.findings).toContainEqual(expect.objectContaining({ kind: 'store-findings', position: 20, expected: head })); // …but not the recorded head
  });

  it('treats hostile manifests as findings, never crashes, and refuses a folder without one', async () => {
    const hostile = path.join(dir, 'hostile');
    fs.mkdirSync(hostile);
    fs.writeFileSync(path.join(hostile, 'a.manifest.json'), '{not json');
    const escape = { ...readManifest(out), files: [{ path: '../store.db', bytes: 1, sha256: 'a'.repeat(64) }] };
    fs.writeFileSync(path.join(hostile, 'b.manifest.json'), JSON.stringify(escape));
    fs.writeFileSync(path.join(hostile, 'c.manifest.json'), JSON.stringify({ format: MANIFEST_FORMAT, manifestVersion: 1, files: [{ path: 'x', bytes: 'many', sha256: 'z' }] }));
    fs.writeFileSync(path.join(hostile, 'd.manifest.json'), '[1,2,3]');
    const report = await verifyExport(hostile);
    expect(report.findings.map((f) => f.kind)).toEqual(['manifest-invalid', 'manifest-invalid', 'manifest-invalid', 'manifest-invalid']);
    expect(report.findings[1].message).toMatch(/leaves the bundle's folder/);
    await expect(verifyExport(path.join(dir, 'nope'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty);
    await expect(verifyExport(empty)).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/no export manifest/) });
  });

  it('signs state and diff exports too', async () => {
    const store = openStore(storeFile);
    const stateFile = path.join(dir, 'state', 'account-0.json');
    const written = exportState({ streamId: 'account-0' } as never, stateFile);
    const signed = await signExport(toAsyncReader(store), {
      kind: 'state',
      query: { kind: 'state', streamId: 'account-0', version: 10, projection: 'generic' },
      events: { count: 10, firstPosition: 1, lastPosition: 19 },
      files: [written],
      projections: [{ name: 'generic', version: 1 }],
    });
    store.close();
    expect(signed.path).toBe(manifestPathFor(stateFile));
    expect(await verifyExport(path.dirname(stateFile))).toMatchObject({ ok: true, filesChecked: 1 });
  });
});

describe('export manifests record the store verification verdict', () => {
  it('records the verdict given, says not-checked otherwise, and verify-export reads both (and refuses a bogus one)', async () => {
    const dir = tempDir('signed-integrity');
    const storeFile = path.join(dir, 'store.db');
    writeStore(storeFile);
    const store = openStore(storeFile);
    const checked = { status: 'findings' as const, checkedAt: '2026-04-01T09:00:00.000Z', findings: { count: 1, kinds: { edited: 1 }, positions: [7], positionsTruncated: false }, chainHead: store.stats().chainHead, lastPosition: 20 };
    const verdictFile = path.join(dir, 'a', 'all.ndjson');
    const plainFile = path.join(dir, 'b', 'all.ndjson');
    await exportEventsSigned(toAsyncReader(store), { scope: { kind: 'all' }, format: 'ndjson', out: verdictFile }, checked);
    await exportEventsSigned(toAsyncReader(store), { scope: { kind: 'all' }, format: 'ndjson', out: plainFile });
    expect(readManifest(verdictFile).integrity).toEqual(checked);
    expect(readManifest(plainFile).integrity).toMatchObject({ status: 'not-checked' });
    const state = exportState({ streamId: 'account-1', version: 1 } as never, path.join(dir, 'c', 'state.json'));
    await signExport(toAsyncReader(store), { kind: 'state', query: { kind: 'state', streamId: 'account-1', version: 1, projection: 'x' }, events: { count: 1, firstPosition: null, lastPosition: null }, files: [state], integrity: { status: 'no-chain' } });
    expect(readManifest(path.join(dir, 'c', 'state.json')).integrity).toEqual({ status: 'no-chain' });
    store.close();
    expect((await verifyExport(path.join(dir, 'a'))).ok).toBe(true);
    const bogus = readManifest(verdictFile);
    fs.writeFileSync(manifestPathFor(verdictFile), JSON.stringify({ ...bogus, integrity: { status: 'fine' } }));
    expect((await verifyExport(path.join(dir, 'a'))).findings).toMatchObject([{ kind: 'manifest-invalid', message: expect.stringMatching(/no known status/) }]);
  });
});
