import { createHash, createPublicKey, verify } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/tempFiles.ts';
import { fingerprintOf, groupedFingerprint } from './fingerprint.ts';
import type { KeyProtector } from './keyProtector.ts';
import { createSigningKeys } from './signingKeys.ts';

/** A stand-in for safeStorage: reversible, and never leaves the PEM readable on disk. */
const fakeProtector = (): KeyProtector => ({
  kind: 'safeStorage',
  encrypt: (plain) => Buffer.concat([Buffer.from('FAKE1'), Buffer.from(plain.map((b) => b ^ 0x5a))]),
  decrypt: (cipher) => {
    if (!cipher.subarray(0, 5).equals(Buffer.from('FAKE1'))) throw new Error('not ours');
    return Buffer.from(cipher.subarray(5).map((b) => b ^ 0x5a));
  },
});

describe('signing keys', () => {
  const root = tempDir('signing-keys');
  let home: string;
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.LEDGER_HOME;
    home = fs.mkdtempSync(path.join(root, 'home-'));
    process.env.LEDGER_HOME = home;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.LEDGER_HOME;
    else process.env.LEDGER_HOME = saved;
  });

  it('makes one Ed25519 identity on first use under LEDGER_HOME, private key owner-only (0600)', () => {
    const keys = createSigningKeys(); // no home given: LEDGER_HOME decides
    expect(keys.show()).toBeNull();
    const { info, created } = keys.init({ name: 'Ada Auditor' });
    expect(created).toBe(true);
    expect(keys.folder()).toBe(path.join(home, 'signing'));
    const keyFile = path.join(home, 'signing', 'private-key.pem');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(home, 'signing')).mode & 0o077).toBe(0);
    expect(fs.readFileSync(keyFile, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(info).toMatchObject({ name: 'Ada Auditor', protection: 'file' });
    // Fingerprint: sha256 of the SPKI DER, as openssl pkey -outform DER | sha256sum gives it.
    const der = createPublicKey(info.publicKeyPem).export({ type: 'spki', format: 'der' });
    expect(info.fingerprint).toBe(createHash('sha256').update(der).digest('hex'));
    expect(groupedFingerprint(info.fingerprint)).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
    // A second init keeps the key.
    expect(keys.init({ name: 'someone else' })).toEqual({ info, created: false });
    expect(createSigningKeys().show()).toEqual(info);
  });

  it('tells the activity log when a key is made (once), with its fingerprint and never the key', () => {
    const recorded: unknown[] = [];
    const keys = createSigningKeys({ activity: { record: (entry) => (recorded.push(entry), null), excerpt: () => [] } });
    const { info } = keys.init({ name: 'Ada' });
    keys.init();
    keys.signer();
    expect(recorded).toEqual([{ action: 'keys.created', details: { name: 'Ada', fingerprint: info.fingerprint, protection: 'file' } }]);
  });

  it('signs with raw 64-byte Ed25519 signatures the public key verifies', () => {
    const { signer, created } = createSigningKeys().signer();
    expect(created).toBe(true);
    const bytes = Buffer.from('{"manifest":1}\n');
    const signature = signer.sign(bytes);
    expect(signature.length).toBe(64);
    expect(verify(null, bytes, signer.info.publicKeyPem, signature)).toBe(true);
    expect(verify(null, Buffer.from('{"manifest":2}\n'), signer.info.publicKeyPem, signature)).toBe(false);
  });

  it('keeps only ciphertext on disk with a KeyProtector, and cannot sign without it', () => {
    const protected_ = createSigningKeys({ protector: fakeProtector });
    const { info } = protected_.init();
    expect(info.protection).toBe('safeStorage');
    expect(fs.existsSync(path.join(home, 'signing', 'private-key.pem'))).toBe(false);
    const cipher = fs.readFileSync(path.join(home, 'signing', 'private-key.safestorage'));
    expect(cipher.toString('latin1')).not.toMatch(/PRIVATE KEY/);
    expect(fs.statSync(path.join(home, 'signing', 'private-key.safestorage')).mode & 0o777).toBe(0o600);
    const sig = protected_.signer().signer.sign(Buffer.from('x'));
    expect(verify(null, Buffer.from('x'), info.publicKeyPem, sig)).toBe(true);
    expect(() => createSigningKeys().signer()).toThrow(expect.objectContaining({ code: 'UNSUPPORTED', message: expect.stringMatching(/system keychain/) }));
  });

  it('refuses a private key other users can read, and a damaged identity, with what to do', () => {
    const keys = createSigningKeys();
    keys.init();
    const keyFile = path.join(home, 'signing', 'private-key.pem');
    fs.chmodSync(keyFile, 0o644);
    expect(() => keys.signer()).toThrow(expect.objectContaining({ code: 'FORBIDDEN', message: expect.stringMatching(/chmod 600/) }));
    fs.chmodSync(keyFile, 0o600);
    expect(keys.signer().signer.info.fingerprint).toBe(fingerprintOf(keys.show()!.publicKeyPem));
    fs.writeFileSync(path.join(home, 'signing', 'identity.json'), '{"name":');
    expect(() => keys.show()).toThrow(expect.objectContaining({ code: 'CORRUPT', message: expect.stringMatching(/damaged/) }));
  });

  it('refuses a private key swapped for another one (it must belong to the identity shown)', () => {
    const keys = createSigningKeys();
    keys.init();
    const other = fs.mkdtempSync(path.join(root, 'other-'));
    createSigningKeys({ home: other }).init();
    fs.copyFileSync(path.join(other, 'signing', 'private-key.pem'), path.join(home, 'signing', 'private-key.pem'));
    expect(() => keys.signer()).toThrow(expect.objectContaining({ code: 'CORRUPT', message: expect.stringMatching(/does not belong/) }));
  });
});
