// VERIFY.txt: how a third party checks a signed bundle with nothing but OpenSSL 3 and sha256sum —
// no Replay Ledger needed. Rewritten on every signed export into the folder, naming every signed
// manifest found there, so a folder holding several bundles explains all of them.
import fs from 'node:fs';
import path from 'node:path';
import { readSmallFile } from './smallFile.ts';
import { MANIFEST_SUFFIX, SIGNATURE_SUFFIX, SIGNER_PUBLIC_KEY_FILE, type ExportManifest } from '../../../shared/verify.ts';

/** The line the README and every VERIFY.txt show; `<file>` is the exported file's name. */
export const OPENSSL_VERIFY_LINE = `openssl pkeyutl -verify -pubin -inkey ${SIGNER_PUBLIC_KEY_FILE} -rawin -in <file>${MANIFEST_SUFFIX} -sigfile <file>${MANIFEST_SUFFIX}${SIGNATURE_SUFFIX}`;

interface SignedEntry {
  manifest: string;
  publicKeyFile: string;
  fingerprint: string;
  name: string;
  files: string[];
}

/** Signed manifests in the folder (those with a .sig beside them), read leniently: this is only help text. */
function signedEntries(folder: string): SignedEntry[] {
  const entries: SignedEntry[] = [];
  for (const name of fs.readdirSync(folder).sort()) {
    if (!name.endsWith(MANIFEST_SUFFIX) || !fs.existsSync(path.join(folder, name + SIGNATURE_SUFFIX))) continue;
    try {
      const bytes = readSmallFile(path.join(folder, name), 16 * 1024 * 1024);
      if (!bytes) continue;
      const m = JSON.parse(bytes.toString('utf8')) as Partial<ExportManifest>;
      if (!m.signer || typeof m.signer !== 'object') continue;
      entries.push({ manifest: name, publicKeyFile: m.signer.publicKeyFile, fingerprint: m.signer.fingerprint, name: m.signer.name, files: (m.files ?? []).map((f) => f.path) });
    } catch {
      // not ours to judge here: verify-export reports a damaged manifest
    }
  }
  return entries;
}

const quote = (name: string) => (/^[A-Za-z0-9._\/-]+$/.test(name) ? name : `'${name.replace(/'/g, `'\\''`)}'`);

export function verifyText(folder: string): string {
  const entries = signedEntries(folder);
  const lines = [
    'How to verify this bundle (no Replay Ledger needed)',
    '====================================================',
    '',
    'Each <file>.manifest.json lists every file of one export with its size and sha256, the store it',
    'came from (chain head, event count), the query or stream range, the integrity verdict when it was',
    'exported, what was masked, the tool version, and the signer. <file>.manifest.json.sig is the raw',
    '64-byte Ed25519 signature over the exact bytes of that manifest; signer.pub.pem is the public key.',
    '',
    '1. Check the signature of the manifest (OpenSSL 3.0 or later):',
    '',
    `   ${OPENSSL_VERIFY_LINE}`,
    '',
    '   It prints "Signature Verified Successfully"; anything else means the manifest was changed or',
    '   was not signed by this key.',
    '',
    '2. Check that the key is the one you expect. Its fingerprint is the sha256 of the key in DER form:',
    '',
    `   openssl pkey -pubin -in ${SIGNER_PUBLIC_KEY_FILE} -outform DER | sha256sum`,
    '',
    '   It must equal "signer.fingerprint" in the manifest AND the fingerprint the signer gave you by',
    '   another route (in person, by phone, on paper). A bundle re-signed with another key passes step 1',
    '   but fails this step.',
    '',
    '3. Check every file against the manifest: `sha256sum FILE` must print the "sha256" the manifest',
    '   lists for it ("files"), and its size must match "bytes".',
    '',
    '4. Successive signed exports from one store form a chain: "chain.previous.signature" in a manifest',
    '   is the base64 of the previous export\'s .sig file (`base64 -w0 <previous>.manifest.json.sig`),',
    '   and "chain.sequence" counts them, so a withheld or replaced export shows as a gap.',
    '',
    'With Replay Ledger: `ledger verify-export FOLDER --pubkey KNOWN.pem [--store STORE]` does all of',
    'this and, given the store, also checks that the store still holds the exported events.',
  ];
  if (entries.length > 0) {
    lines.push('', 'Signed manifests in this folder', '-------------------------------');
    for (const e of entries) {
      lines.push(
        '',
        `${e.manifest}  (signed by ${e.name}, fingerprint ${e.fingerprint})`,
        `   openssl pkeyutl -verify -pubin -inkey ${quote(e.publicKeyFile)} -rawin -in ${quote(e.manifest)} -sigfile ${quote(e.manifest + SIGNATURE_SUFFIX)}`,
        ...(e.files.length ? [`   sha256sum ${e.files.map(quote).join(' ')}`] : []),
      );
    }
  }
  return lines.join('\n') + '\n';
}
