// Signed evidence from a terminal (issue 14): keys, --sign on every export, and verify-export
// failing with a reason on a changed file, a changed manifest, another signer and a changed store.
import { spawnSync } from 'node:child_process';
import { createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportManifest } from '../shared/verify.ts';
import { fingerprintOf } from '../main/evidence/signing/fingerprint.ts';
import { tempDir } from '../main/testing/tempFiles.ts';
import { cli, spawnCli } from './testing.ts';

const openssl = (folder: string, manifest: string) =>
  spawnSync('/usr/bin/openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'signer.pub.pem', '-rawin', '-in', manifest, '-sigfile', `${manifest}.sig`], { cwd: folder, encoding: 'utf8' });

function copyBundle(from: string, to: string) {
  fs.cpSync(from, to, { recursive: true });
  return to;
}

describe('ledger keys and signed exports', () => {
  const dir = tempDir('cli-signing');
  const home = path.join(dir, 'home');
  const storeFile = path.join(dir, 'demo.db');
  const bundle = path.join(dir, 'bundle');
  const saved = process.env.LEDGER_HOME;
  let stream: string;

  beforeAll(async () => {
    // Never the real config folder: every key, chain record and child process uses this one.
    process.env.LEDGER_HOME = home;
    expect((await cli('demo', '--out', storeFile, '--streams', '6', '--events', '120', '--long-streams', '0', '--seed', 'sign')).code).toBe(0);
    stream = JSON.parse((await cli('streams', storeFile, '--json')).stdout).items[0].streamId;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.LEDGER_HOME;
    else process.env.LEDGER_HOME = saved;
  });

  it('keys init makes the key under LEDGER_HOME (0600), show and export-public give its fingerprint and PEM', async () => {
    const none = await cli('keys', 'show');
    expect(none).toMatchObject({ code: 1, stderr: expect.stringMatching(/no signing key .*ledger keys init/) });
    const made = spawnCli('keys', 'init', '--name', 'Ada Auditor', '--json'); // a child process: LEDGER_HOME from the environment
    expect(made.code).toBe(0);
    const info = JSON.parse(made.stdout);
    expect(info).toMatchObject({ created: true, name: 'Ada Auditor', protection: 'file', fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(fs.statSync(path.join(home, 'signing', 'private-key.pem')).mode & 0o777).toBe(0o600);
    const shown = await cli('keys', 'show');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/Name\s+Ada Auditor/);
    expect(shown.stdout.replace(/ /g, '')).toContain(info.fingerprint);
    const pem = await cli('keys', 'export-public');
    expect(fingerprintOf(pem.stdout)).toBe(info.fingerprint);
    expect(JSON.parse((await cli('keys', 'init', '--json')).stdout)).toMatchObject({ created: false, fingerprint: info.fingerprint });
    expect((await cli('keys', 'rotate')).code).toBe(2);
  });

  it('--sign works on every export: ndjson, json, csv, a state and an HTML diff; openssl verifies each manifest', async () => {
    const runs = [
      ['export', storeFile, '--all', '--format', 'ndjson', '--out', path.join(bundle, 'all.ndjson'), '--sign'],
      ['export', storeFile, '--stream', stream, '--format', 'json', '--out', path.join(bundle, 'stream.json'), '--sign'],
      ['export', storeFile, '--all', '--to-position', '50', '--format', 'csv', '--out', path.join(bundle, 'part.csv'), '--sign'],
      ['export', storeFile, '--state', '--stream', stream, '--at', '3', '--out', path.join(bundle, 'state.json'), '--sign'],
      ['export', storeFile, '--diff', '--stream', stream, '--from', '1', '--to', '4', '--format', 'html', '--out', path.join(bundle, 'diff.html'), '--sign'],
    ];
    for (const argv of runs) {
      const run = await cli(...argv);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/Signed by Ada Auditor/);
    }
    for (const name of ['all.ndjson', 'stream.json', 'part.csv', 'state.json', 'diff.html']) {
      const result = openssl(bundle, `${name}.manifest.json`);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/Signature Verified Successfully/);
    }
    const sequences = ['all.ndjson', 'stream.json', 'part.csv', 'state.json', 'diff.html'].map(
      (n) => (JSON.parse(fs.readFileSync(path.join(bundle, `${n}.manifest.json`), 'utf8')) as ExportManifest).chain?.sequence,
    );
    expect(sequences).toEqual([1, 2, 3, 4, 5]);
    expect(fs.readFileSync(path.join(bundle, 'VERIFY.txt'), 'utf8')).toContain('openssl pkeyutl -verify -pubin -inkey signer.pub.pem -rawin -in <file>.manifest.json -sigfile <file>.manifest.json.sig');
    const checked = await cli('verify-export', bundle, '--pubkey', path.join(bundle, 'signer.pub.pem'), '--store', storeFile);
    expect(checked.code, checked.stdout).toBe(0);
    expect(checked.stdout).toMatch(/Verdict: INTACT: every file matches its manifest; every manifest is signed, signatures valid\./);
    expect(checked.stdout).toMatch(/signature valid: Ada Auditor, fingerprint [0-9a-f]{64}, signed export #5 of its store/);
  });

  it('verify-export fails (exit 1) after one byte changed in an exported file, and after one byte changed in the manifest', async () => {
    const fileChanged = copyBundle(bundle, path.join(dir, 'file-changed'));
    const target = path.join(fileChanged, 'all.ndjson');
    const bytes = fs.readFileSync(target);
    bytes[bytes.indexOf('"position":7') + '"position":'.length] = '8'.charCodeAt(0);
    fs.writeFileSync(target, bytes);
    const one = spawnCli('verify-export', fileChanged);
    expect(one.code).toBe(1);
    expect(one.stdout).toMatch(/file-modified\s+all\.ndjson was changed after export/);

    const manifestChanged = copyBundle(bundle, path.join(dir, 'manifest-changed'));
    const manifest = path.join(manifestChanged, 'part.csv.manifest.json');
    fs.writeFileSync(manifest, fs.readFileSync(manifest, 'utf8').replace('"toPosition": 50', '"toPosition": 51'));
    expect(openssl(manifestChanged, 'part.csv.manifest.json').status).not.toBe(0);
    const two = spawnCli('verify-export', manifestChanged);
    expect(two.code).toBe(1);
    expect(two.stdout).toMatch(/signature-invalid\s+The signature in part\.csv\.manifest\.json\.sig does not match part\.csv\.manifest\.json/);
  });

  it('a bundle edited and re-signed with another key passes on its own key, and fails against the auditor\'s known key', async () => {
    const known = path.join(dir, 'known.pem');
    fs.writeFileSync(known, (await cli('keys', 'export-public')).stdout);
    const forged = copyBundle(bundle, path.join(dir, 'forged'));
    // The forger changes the data, fixes the hash in the manifest and signs with a key of their own.
    const file = path.join(forged, 'state.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/"version": 3/, '"version": 30'));
    const manifestPath = path.join(forged, 'state.json.manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as ExportManifest;
    const { createHash } = await import('node:crypto');
    const content = fs.readFileSync(file);
    manifest.files[0] = { ...manifest.files[0], bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') };
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    manifest.signer = { ...manifest.signer!, name: 'Ada Auditor', fingerprint: fingerprintOf(publicKey) };
    const text = Buffer.from(JSON.stringify(manifest, null, 2) + '\n');
    fs.writeFileSync(manifestPath, text);
    fs.writeFileSync(`${manifestPath}.sig`, sign(null, text, privateKey));
    fs.writeFileSync(path.join(forged, 'signer.pub.pem'), createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }));
    for (const other of fs.readdirSync(forged).filter((n) => n.endsWith('.manifest.json') && n !== 'state.json.manifest.json')) fs.rmSync(path.join(forged, other));
    // Self-consistent: openssl with the bundle's own key, and verify-export without --pubkey, accept it …
    expect(openssl(forged, 'state.json.manifest.json').status).toBe(0);
    expect(spawnCli('verify-export', forged).code).toBe(0);
    // … the auditor's known key does not.
    const caught = spawnCli('verify-export', forged, '--pubkey', known);
    expect(caught.code).toBe(1);
    expect(caught.stdout).toMatch(/signer-mismatch\s+state\.json\.manifest\.json was signed with the key [0-9a-f]{64}, not with the key you gave/);
  });

  it('verify-export --store fails against a copy of the store with one row changed', async () => {
    const changed = path.join(dir, 'changed.db');
    fs.copyFileSync(storeFile, changed);
    const db = new Database(changed);
    db.prepare("UPDATE events SET data = json_set(data, '$.tampered', 1) WHERE position = 10").run();
    db.close();
    const result = spawnCli('verify-export', bundle, '--store', changed);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/store-mismatch\s+Re-running the recorded query on the store gives different bytes .*position 10 differs/);
    expect(spawnCli('verify-export', bundle, '--store', storeFile).code).toBe(0);
  });

  it('verify-export --pubkey refuses an unsigned bundle, and gives a usage error for a file that is not a key', async () => {
    const plain = path.join(dir, 'plain');
    expect((await cli('export', storeFile, '--all', '--format', 'ndjson', '--out', path.join(plain, 'all.ndjson'))).code).toBe(0);
    expect(fs.existsSync(path.join(plain, 'all.ndjson.manifest.json.sig'))).toBe(false);
    expect((await cli('verify-export', plain)).code).toBe(0);
    const result = await cli('verify-export', plain, '--pubkey', path.join(bundle, 'signer.pub.pem'));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/signature-missing\s+all\.ndjson\.manifest\.json is not signed, but a signed bundle was expected/);
    expect(await cli('verify-export', bundle, '--pubkey', path.join(bundle, 'all.ndjson'))).toMatchObject({ code: 2, stderr: expect.stringMatching(/public key .* cannot be used/) });
    expect(await cli('verify-export', bundle, '--pubkey', path.join(dir, 'nope.pem'))).toMatchObject({ code: 1, stderr: expect.stringMatching(/Cannot read the public key/) });
  });
});
