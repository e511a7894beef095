// A public key's fingerprint: sha256 of its SPKI DER encoding, hex. Anyone can recompute it with
// `openssl pkey -pubin -in signer.pub.pem -outform DER | sha256sum`.
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

export function fingerprintOf(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  return createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex');
}

/** "3f9a 12c0 …": groups of four for people comparing it by eye or over the phone. */
export function groupedFingerprint(fingerprint: string): string {
  return fingerprint.replace(/(.{4})(?=.)/g, '$1 ');
}
