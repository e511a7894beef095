// The app's side of signed evidence: keys/show, keys/init and export/start with sign, through the
// real dispatch (as the renderer and the bridge call it).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportResult, JobDetail } from '../../../shared/contract.ts';
import type { SignerInfo } from '../../../shared/evidence.ts';
import type { Result } from '../../../shared/result.ts';
import { createLedgerApp } from '../../composition.ts';
import { writeDemoStore } from '../../demo/generateDemo.ts';
import type { KeyProtector } from '../../evidence/signing/keyProtector.ts';
import { verifyExport } from '../../export/verifyExport.ts';
import { tempDir } from '../../testing/tempFiles.ts';
import { browserTestHost } from '../../testing/testHost.ts';

const dir = tempDir('key-handlers');
const store = path.join(dir, 'demo.db');

function app(keyProtector?: () => KeyProtector | null) {
  return createLedgerApp({
    paths: { config: path.join(dir, 'config'), cache: path.join(dir, 'cache'), exports: path.join(dir, 'exports') },
    keyProtector,
    host: browserTestHost(path.join(dir, 'out'), { downloadUrl: (name) => `/api/download/slot1/${encodeURIComponent(name)}` }),
  });
}

type App = ReturnType<typeof app>;
const call = async <T,>(ledger: App, channel: string, input?: unknown) => (await ledger.dispatch(channel, input)) as Result<T>;
const value = <T,>(result: Result<T>): T => {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

async function exported(ledger: App, channel: string, input: unknown): Promise<ExportResult> {
  const job = value(await call<{ id: string }>(ledger, channel, input));
  await ledger.jobs.wait(job.id);
  const detail = value(await call<JobDetail>(ledger, 'jobs/get', { id: job.id }));
  expect(detail.job.status, detail.job.error?.message).toBe('succeeded');
  return detail.result as ExportResult;
}

describe('keys/* and signed exports from the app', () => {
  const saved = process.env.LEDGER_HOME;
  beforeAll(() => {
    process.env.LEDGER_HOME = path.join(dir, 'home');
    writeDemoStore(store, { streams: 8, events: 160, longStreams: 1, longEvents: 20, seed: 'keys' });
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.LEDGER_HOME;
    else process.env.LEDGER_HOME = saved;
  });

  it('shows no key, then a signed export makes one on first use; the result names the signer and every bundle file', async () => {
    const ledger = app();
    expect(await call(ledger, 'keys/show')).toEqual({ ok: true, value: null });
    value(await call(ledger, 'store/open', { path: store }));
    const result = await exported(ledger, 'export/start', { what: 'events', scope: { kind: 'all' }, format: 'ndjson', sign: true });
    const info = value(await call<SignerInfo | null>(ledger, 'keys/show'))!;
    expect(info).toMatchObject({ protection: 'file', fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(fs.existsSync(path.join(dir, 'home', 'signing', 'identity.json'))).toBe(true);
    expect(result.signed).toEqual({ name: info.name, fingerprint: info.fingerprint, sequence: 1 });
    expect(result.bundleFiles).toEqual([
      { name: 'activity.jsonl', path: path.join(path.dirname(result.path), 'activity.jsonl'), downloadUrl: '/api/download/slot1/activity.jsonl' },
      { name: 'notes.json', path: path.join(path.dirname(result.path), 'notes.json'), downloadUrl: '/api/download/slot1/notes.json' },
      { name: 'all-events.ndjson.manifest.json.sig', path: `${result.manifestPath}.sig`, downloadUrl: '/api/download/slot1/all-events.ndjson.manifest.json.sig' },
      { name: 'signer.pub.pem', path: path.join(path.dirname(result.path), 'signer.pub.pem'), downloadUrl: '/api/download/slot1/signer.pub.pem' },
      { name: 'VERIFY.txt', path: path.join(path.dirname(result.path), 'VERIFY.txt'), downloadUrl: '/api/download/slot1/VERIFY.txt' },
    ]);
    const folder = path.dirname(result.path);
    const openssl = spawnSync('/usr/bin/openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'signer.pub.pem', '-rawin', '-in', path.basename(result.manifestPath), '-sigfile', `${path.basename(result.manifestPath)}.sig`], { cwd: folder, encoding: 'utf8' });
    expect(openssl.status, openssl.stderr).toBe(0);
    expect((await verifyExport(folder, { publicKeyPem: info.publicKeyPem, store })).ok).toBe(true);

    // Unsigned unless asked; the state export and a search export sign too.
    const plain = await exported(ledger, 'export/start', { what: 'state', streamId: 'cart-wholesale-001', version: 2 });
    expect(plain.signed).toBeNull();
    // Unsigned, it still carries the activity excerpt and notes, named after the export (the folder has the first bundle's).
    expect(plain.bundleFiles?.map((f) => f.name)).toEqual([expect.stringMatching(/activity\.jsonl$/), expect.stringMatching(/notes\.json$/)]);
    const state = await exported(ledger, 'export/start', { what: 'diff', streamId: 'cart-wholesale-001', from: 1, to: 2, format: 'html', sign: true });
    expect(state.signed).toMatchObject({ fingerprint: info.fingerprint, sequence: 2 });
    const search = await exported(ledger, 'search/export', { q: 'type:CartCreated', sign: true });
    expect(search.signed).toMatchObject({ fingerprint: info.fingerprint, sequence: 3 });
    expect(value(await call(ledger, 'keys/init', {}))).toEqual({ info, created: false });
    await ledger.session.close();
  });

  it('keys/init makes a key kept by the KeyProtector (safeStorage in Electron), and checks its input', async () => {
    process.env.LEDGER_HOME = path.join(dir, 'home-protected');
    try {
      const protector: KeyProtector = { kind: 'safeStorage', encrypt: (b) => Buffer.from(b).reverse(), decrypt: (b) => Buffer.from(b).reverse() };
      const ledger = app(() => protector);
      const made = value(await call<{ info: SignerInfo; created: boolean }>(ledger, 'keys/init', { name: 'Ada Auditor' }));
      expect(made).toMatchObject({ created: true, info: { name: 'Ada Auditor', protection: 'safeStorage' } });
      expect(fs.existsSync(path.join(dir, 'home-protected', 'signing', 'private-key.pem'))).toBe(false);
      expect(await call(ledger, 'keys/init', { name: 'x'.repeat(500) })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      // The same key from a viewer without the protector cannot sign, and says why.
      const bare = app(() => null);
      value(await call(bare, 'store/open', { path: store }));
      expect(await call(bare, 'export/start', { what: 'events', scope: { kind: 'all' }, format: 'csv', sign: true })).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED', message: expect.stringMatching(/system keychain/) } });
      await bare.session.close();
    } finally {
      process.env.LEDGER_HOME = path.join(dir, 'home');
    }
  });
});
