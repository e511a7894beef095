import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExportChain } from '../evidence/signing/exportChain.ts';
import { createSigningKeys, type Signer } from '../evidence/signing/signingKeys.ts';
import { toAsyncReader } from '../store/asyncReader.ts';
import type { EventStoreReader } from '../store/eventStore.ts';
import { openStore } from '../store/openStore.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { exportEventsSigned } from './manifest.ts';
import { verifyExport } from '../testing/exportFindingsSaid.ts';

describe('verify-export on signed bundles', () => {
  const dir = tempDir('verify-signed');
  let store: EventStoreReader;
  let close: () => void;
  let signer: Signer;
  const saved = process.env.LEDGER_HOME;

  beforeAll(() => {
    process.env.LEDGER_HOME = path.join(dir, 'home');
    const file = path.join(dir, 'store.db');
    const w = openStore(file, { readonly: false, create: true });
    for (let i = 0; i < 8; i++) w.append(`s-${i % 2}`, [{ type: 'Happened', data: { i } }]);
    w.close();
    const r = openStore(file);
    close = () => r.close();
    store = toAsyncReader(r);
    signer = createSigningKeys().signer().signer;
  });
  afterAll(() => {
    close();
    if (saved === undefined) delete process.env.LEDGER_HOME;
    else process.env.LEDGER_HOME = saved;
  });

  it('reports who signed each manifest, and the chain between them', async () => {
    const folder = path.join(dir, 'ok');
    await exportEventsSigned(store, { scope: { kind: 'stream', streamId: 's-0' }, format: 'ndjson', out: path.join(folder, 'a.ndjson') }, undefined, { signer });
    await exportEventsSigned(store, { scope: { kind: 'stream', streamId: 's-1' }, format: 'ndjson', out: path.join(folder, 'b.ndjson') }, undefined, { signer });
    const report = await verifyExport(folder, { publicKeyPem: signer.info.publicKeyPem });
    expect(report.ok).toBe(true);
    expect(report.manifests.map((m) => m.signedBy)).toEqual([
      { name: signer.info.name, fingerprint: signer.info.fingerprint, sequence: 1 },
      { name: signer.info.name, fingerprint: signer.info.fingerprint, sequence: 2 },
    ]);
  });

  it('finds a replaced export: re-signed with the same key, it no longer matches the next one\'s chain link', async () => {
    const folder = path.join(dir, 'replaced');
    const chain = createExportChain({ home: path.join(dir, 'replaced-home') });
    await exportEventsSigned(store, { scope: { kind: 'stream', streamId: 's-0' }, format: 'ndjson', out: path.join(folder, 'a.ndjson') }, undefined, { signer, chain });
    await exportEventsSigned(store, { scope: { kind: 'stream', streamId: 's-1' }, format: 'ndjson', out: path.join(folder, 'b.ndjson') }, undefined, { signer, chain });
    // Export #1 redone (say, with events left out) and signed again as #1 by rewinding the viewer's record.
    const rewound = createExportChain({ home: path.join(dir, 'rewound-home') });
    await exportEventsSigned(store, { scope: { kind: 'stream', streamId: 's-0', toVersion: 2 }, format: 'ndjson', out: path.join(folder, 'a.ndjson') }, undefined, { signer, chain: rewound });
    const report = await verifyExport(folder);
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([expect.objectContaining({ kind: 'chain-broken', manifest: 'b.ndjson.manifest.json', message: expect.stringMatching(/export #2 .* does not carry the signature of a\.ndjson\.manifest\.json/) })]);
  });

  it('says so when the signature or the public key is missing', async () => {
    const folder = path.join(dir, 'missing');
    const result = await exportEventsSigned(store, { scope: { kind: 'all' }, format: 'json', out: path.join(folder, 'all.json') }, undefined, { signer });
    fs.rmSync(path.join(folder, 'signer.pub.pem'));
    expect((await verifyExport(folder)).findings).toEqual([expect.objectContaining({ kind: 'signature-missing', message: expect.stringMatching(/public key signer\.pub\.pem is missing .* --pubkey/) })]);
    // With the key given, the bundle checks out without its own copy.
    expect((await verifyExport(folder, { publicKeyPem: signer.info.publicKeyPem })).ok).toBe(true);
    fs.rmSync(result.signaturePath!);
    expect((await verifyExport(folder, { publicKeyPem: signer.info.publicKeyPem })).findings).toEqual([
      expect.objectContaining({ kind: 'signature-missing', message: expect.stringMatching(/signature file all\.json\.manifest\.json\.sig is missing/) }),
    ]);
  });

  it('never hangs on a FIFO planted as the signature or the public key, neither checking nor signing into that folder', async () => {
    const folder = path.join(dir, 'fifo');
    const result = await exportEventsSigned(store, { scope: { kind: 'all' }, format: 'ndjson', out: path.join(folder, 'all.ndjson') }, undefined, { signer });
    fs.rmSync(result.signaturePath!);
    execFileSync('mkfifo', [result.signaturePath!]);
    expect((await verifyExport(folder, { publicKeyPem: signer.info.publicKeyPem })).findings).toEqual([expect.objectContaining({ kind: 'signature-invalid', message: expect.stringMatching(/not a readable signature file/) })]);
    const other = path.join(dir, 'fifo-key');
    fs.mkdirSync(other);
    execFileSync('mkfifo', [path.join(other, 'signer.pub.pem')]);
    execFileSync('mkfifo', [path.join(other, 'planted.manifest.json')]);
    fs.writeFileSync(path.join(other, 'planted.manifest.json.sig'), Buffer.alloc(64));
    // Signing into the folder: our key goes under another name, the planted files are left alone.
    const sealed = await exportEventsSigned(store, { scope: { kind: 'all' }, format: 'ndjson', out: path.join(other, 'all.ndjson') }, undefined, { signer });
    expect(sealed.manifest.signer?.publicKeyFile).toBe('all.ndjson.signer.pub.pem');
    expect(fs.readFileSync(path.join(other, 'VERIFY.txt'), 'utf8')).toContain('-inkey all.ndjson.signer.pub.pem -rawin -in all.ndjson.manifest.json');
    const checked = await verifyExport(path.join(other, 'all.ndjson.manifest.json'), { publicKeyPem: signer.info.publicKeyPem });
    expect(checked.ok).toBe(true);
    // The whole folder: the planted FIFO manifest is a finding, not a hang.
    const all = await verifyExport(other, { publicKeyPem: signer.info.publicKeyPem });
    expect(all.findings).toEqual([expect.objectContaining({ kind: 'manifest-invalid', manifest: 'planted.manifest.json', message: expect.stringMatching(/not a regular file/) })]);
  });

  it('refuses a signature that is not 64 bytes, and a key that is not Ed25519', async () => {
    const folder = path.join(dir, 'short');
    const result = await exportEventsSigned(store, { scope: { kind: 'all' }, format: 'csv', out: path.join(folder, 'all.csv') }, undefined, { signer });
    fs.writeFileSync(result.signaturePath!, Buffer.alloc(63));
    expect((await verifyExport(folder)).findings).toEqual([expect.objectContaining({ kind: 'signature-invalid', message: expect.stringMatching(/63 bytes, not 64/) })]);
    const { generateKeyPairSync } = await import('node:crypto');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }) as string;
    await expect(verifyExport(folder, { publicKeyPem: rsa })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/not Ed25519/) });
  });
});
