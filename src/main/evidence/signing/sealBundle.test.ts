import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityEntry, CaseNote, MaskingSummary } from '../../../shared/evidence.ts';
import type { ExportManifest } from '../../../shared/verify.ts';
import { exportEventsSigned } from '../../export/manifest.ts';
import { writeFileAtomically } from '../../export/fileWriter.ts';
import { toAsyncReader } from '../../store/asyncReader.ts';
import type { EventStoreReader } from '../../store/eventStore.ts';
import { openStore } from '../../store/openStore.ts';
import { tempDir } from '../../testing/tempFiles.ts';
import type { ActivityRecorder, NotesReader } from '../services.ts';
import { storeKeyOf } from '../storeKey.ts';
import { sealBundle } from './sealBundle.ts';
import { createExportChain } from './exportChain.ts';
import { createSigningKeys, type Signer } from './signingKeys.ts';
import { OPENSSL_VERIFY_LINE } from './verifyText.ts';

const OPENSSL = '/usr/bin/openssl';

/** The line VERIFY.txt gives, run in the bundle's folder: what a third party does with no Replay Ledger. */
function opensslVerify(folder: string, manifest: string) {
  const result = spawnSync(OPENSSL, ['pkeyutl', '-verify', '-pubin', '-inkey', 'signer.pub.pem', '-rawin', '-in', manifest, '-sigfile', `${manifest}.sig`], { cwd: folder, encoding: 'utf8' });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

const readManifest = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as ExportManifest;

describe('sealBundle: signed bundles', () => {
  const dir = tempDir('seal');
  const saved = process.env.LEDGER_HOME;
  let store: EventStoreReader;
  let close: () => void;
  let signer: Signer;

  beforeAll(() => {
    process.env.LEDGER_HOME = path.join(dir, 'home');
    const file = path.join(dir, 'store.db');
    const writable = openStore(file, { readonly: false, create: true });
    for (let i = 0; i < 12; i++) writable.append(`order-${i % 3}`, [{ type: 'OrderPlaced', data: { n: i, email: `c${i}@example.com` } }]);
    writable.close();
    const readOnly = openStore(file);
    close = () => readOnly.close();
    store = toAsyncReader(readOnly);
    signer = createSigningKeys().signer({ name: 'Ada Auditor' }).signer;
  });
  afterAll(() => {
    close();
    if (saved === undefined) delete process.env.LEDGER_HOME;
    else process.env.LEDGER_HOME = saved;
  });

  it('writes .sig (raw 64-byte Ed25519 over the manifest bytes), signer.pub.pem and VERIFY.txt; openssl verifies it, and fails after one byte changed', async () => {
    const folder = path.join(dir, 'one');
    const result = await exportEventsSigned(store, { scope: { kind: 'all' }, format: 'ndjson', out: path.join(folder, 'all.ndjson') }, { status: 'no-chain' }, { signer });
    expect(result.signaturePath).toBe(`${result.manifestPath}.sig`);
    expect(fs.readFileSync(result.signaturePath!).length).toBe(64);
    expect(fs.readFileSync(path.join(folder, 'signer.pub.pem'), 'utf8')).toBe(signer.info.publicKeyPem);
    expect(result.manifest).toMatchObject({ signer: { algorithm: 'Ed25519', name: 'Ada Auditor', fingerprint: signer.info.fingerprint, publicKeyFile: 'signer.pub.pem' }, masking: null });
    expect(readManifest(result.manifestPath)).toEqual(result.manifest);

    const verifyText = fs.readFileSync(path.join(folder, 'VERIFY.txt'), 'utf8');
    expect(verifyText).toContain('openssl pkeyutl -verify -pubin -inkey signer.pub.pem -rawin -in <file>.manifest.json -sigfile <file>.manifest.json.sig');
    expect(verifyText).toContain(OPENSSL_VERIFY_LINE);
    expect(verifyText).toContain('openssl pkeyutl -verify -pubin -inkey signer.pub.pem -rawin -in all.ndjson.manifest.json -sigfile all.ndjson.manifest.json.sig');

    const good = opensslVerify(folder, 'all.ndjson.manifest.json');
    expect(good).toMatchObject({ code: 0, out: expect.stringMatching(/Signature Verified Successfully/) });

    // One byte of the manifest changed (a digit of the event count): openssl refuses it.
    const bytes = fs.readFileSync(result.manifestPath);
    const at = bytes.indexOf('"count": 12') + '"count": 1'.length;
    bytes[at] = '3'.charCodeAt(0);
    fs.writeFileSync(result.manifestPath, bytes);
    const bad = opensslVerify(folder, 'all.ndjson.manifest.json');
    expect(bad.code).not.toBe(0);
    expect(bad.out).toMatch(/Signature Verification Failure/);
  });

  it('chains successive signed exports of one store: the first says none, the next carries its signature and manifest hash', async () => {
    const home = path.join(dir, 'chain-home');
    process.env.LEDGER_HOME = home;
    try {
      const folder = path.join(dir, 'chain');
      const first = await exportEventsSigned(store, { scope: { kind: 'stream', streamId: 'order-0' }, format: 'json', out: path.join(folder, 'order-0.json') }, undefined, { signer });
      const stateFile = writeFileAtomically(path.join(folder, 'state.json'), '{"streamId":"order-1","version":4}\n');
      const second = await sealBundle(store, {
        kind: 'state',
        query: { kind: 'state', streamId: 'order-1', version: 4, projection: 'generic' },
        events: { count: 4, firstPosition: null, lastPosition: null },
        files: [stateFile],
        evidence: { signer },
      });
      const key = storeKeyOf(store).key;
      expect(first.manifest.chain).toEqual({ storeKey: key, sequence: 1, previous: null });
      expect(second.manifest.chain).toMatchObject({
        storeKey: key,
        sequence: 2,
        previous: {
          sequence: 1,
          signature: fs.readFileSync(first.signaturePath!).toString('base64'),
          manifestSha256: createHash('sha256').update(fs.readFileSync(first.manifestPath)).digest('hex'),
          fingerprint: signer.info.fingerprint,
          file: 'order-0.json.manifest.json',
        },
      });
      // The chain is the viewer's own record, kept under LEDGER_HOME keyed by the store's lasting key.
      expect(fs.existsSync(path.join(home, 'signing', 'chains', `${key}.json`))).toBe(true);
      // Both are in VERIFY.txt, and both verify with openssl.
      const text = fs.readFileSync(path.join(folder, 'VERIFY.txt'), 'utf8');
      expect(text).toContain('-in order-0.json.manifest.json -sigfile order-0.json.manifest.json.sig');
      expect(text).toContain('-in state.json.manifest.json -sigfile state.json.manifest.json.sig');
      expect(opensslVerify(folder, 'state.json.manifest.json').code).toBe(0);
      // Unsigned exports do not advance the chain.
      await exportEventsSigned(store, { scope: { kind: 'all' }, format: 'csv', out: path.join(folder, 'unsigned.csv') });
      const third = await exportEventsSigned(store, { scope: { kind: 'all' }, format: 'csv', out: path.join(dir, 'chain3', 'all.csv') }, undefined, { signer });
      expect(third.manifest.chain?.sequence).toBe(3);
      expect(third.manifest.chain?.previous?.file).toBe('state.json.manifest.json');
    } finally {
      process.env.LEDGER_HOME = path.join(dir, 'home');
    }
  });

  it('adds activity.jsonl and notes.json from the services, listed with their hashes, and records masking', async () => {
    const key = storeKeyOf(store).key;
    const entry: ActivityEntry = { seq: 1, at: '2026-12-01T10:00:00.000Z', user: 'ada', action: 'store.opened', storeKey: key, storeLabel: 'store.db', chainHead: null, details: {}, prevHash: '0'.repeat(64), hash: '1'.repeat(64) };
    const note: CaseNote = { id: 'n1', storeKey: key, target: { kind: 'state', streamId: 'order-1', version: 2 }, text: 'refund issued twice here', author: 'ada', createdAt: entry.at, updatedAt: entry.at };
    const asked: string[] = [];
    const activity: ActivityRecorder = { record: () => null, excerpt: (k) => (asked.push(k), k === key ? [entry] : []) };
    const notes: NotesReader = { list: (k) => (k === key ? [note] : []) };
    const masking: MaskingSummary = { rules: [{ kind: 'pattern', pattern: 'email' }], scheme: 'HMAC-SHA256, per-bundle secret, first 16 hex', maskedValues: 0 };
    const folder = path.join(dir, 'evidence');
    // Masking is asked for its summary after the export ran (a masker counts as it goes).
    const sealed = await exportEventsSigned(store, { scope: { kind: 'all' }, format: 'ndjson', out: path.join(folder, 'all.ndjson') }, undefined, { signer, activity, notes, masking: () => ({ ...masking, maskedValues: 12 }) });
    expect(asked).toEqual([key]);
    const activityBytes = fs.readFileSync(path.join(folder, 'activity.jsonl'));
    const notesBytes = fs.readFileSync(path.join(folder, 'notes.json'));
    expect(JSON.parse(activityBytes.toString('utf8').trim())).toEqual(entry);
    expect(JSON.parse(notesBytes.toString('utf8'))).toEqual([note]);
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(sealed.manifest.files.map((f) => f.path)).toEqual(['all.ndjson', 'activity.jsonl', 'notes.json']);
    expect(sealed.manifest.files[1]).toEqual({ path: 'activity.jsonl', bytes: activityBytes.length, sha256: sha(activityBytes) });
    expect(sealed.manifest.files[2]).toEqual({ path: 'notes.json', bytes: notesBytes.length, sha256: sha(notesBytes) });
    expect(sealed.manifest.evidence).toEqual({ activity: 'activity.jsonl', notes: 'notes.json' });
    expect(sealed.manifest.masking).toEqual({ ...masking, maskedValues: 12 });
    // A second bundle in the same folder never overwrites the first one's evidence files.
    const again = await exportEventsSigned(store, { scope: { kind: 'stream', streamId: 'order-2' }, format: 'ndjson', out: path.join(folder, 'order-2.ndjson') }, undefined, { signer, activity, notes });
    expect(again.manifest.evidence).toEqual({ activity: 'order-2.ndjson.activity.jsonl', notes: 'order-2.ndjson.notes.json' });
    expect(fs.readFileSync(path.join(folder, 'activity.jsonl'))).toEqual(activityBytes);
  });

  it('waits for another process signing from the same store (its lock file), and takes over a lock left by a dead one', async () => {
    const home = path.join(dir, 'lock-home');
    const chain = createExportChain({ home });
    const key = storeKeyOf(store).key;
    const lockFile = path.join(home, 'signing', 'chains', `${key}.json.lock`);
    const release = await chain.lock(key); // "another process" holds the chain
    expect(fs.existsSync(lockFile)).toBe(true);
    let done = false;
    const sealing = exportEventsSigned(store, { scope: { kind: 'all' }, format: 'ndjson', out: path.join(dir, 'lock', 'a.ndjson') }, undefined, { signer, chain }).then((r) => ((done = true), r));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(done).toBe(false);
    release();
    expect((await sealing).manifest.chain?.sequence).toBe(1);
    expect(fs.existsSync(lockFile)).toBe(false);
    // A lock a crashed process left a while ago does not block signing forever.
    fs.writeFileSync(lockFile, '12345\n');
    const old = new Date(Date.now() - 5 * 60_000);
    fs.utimesSync(lockFile, old, old);
    const next = await exportEventsSigned(store, { scope: { kind: 'all' }, format: 'ndjson', out: path.join(dir, 'lock', 'b.ndjson') }, undefined, { signer, chain });
    expect(next.manifest.chain?.sequence).toBe(2);
    // A live lock held too long: a clear CONCURRENCY error, not a hang.
    const held = await chain.lock(key);
    await expect(chain.lock(key, { waitMs: 200 })).rejects.toMatchObject({ code: 'CONCURRENCY', message: expect.stringMatching(/being signed right now/) });
    held();
  });

  it('an unsigned bundle is the manifest alone, as before (no signature, key or VERIFY.txt)', async () => {
    const folder = path.join(dir, 'unsigned');
    const result = await exportEventsSigned(store, { scope: { kind: 'all' }, format: 'ndjson', out: path.join(folder, 'all.ndjson') });
    expect(result.signaturePath).toBeNull();
    expect(result.manifest).toMatchObject({ signer: null, chain: null, masking: null });
    expect(fs.readdirSync(folder).sort()).toEqual(['all.ndjson', 'all.ndjson.manifest.json']);
  });
});
