// --sign for every export command: the bundle's manifest is signed with the local Ed25519 key
// (made on first use, in the ledger home) and linked to the store's previous signed export.
import type { BundleEvidence } from '../../main/evidence/signing/sealBundle.ts';
import { groupedFingerprint } from '../../main/evidence/signing/fingerprint.ts';
import { createSigningKeys } from '../../main/evidence/signing/signingKeys.ts';
import { SIGNATURE_SUFFIX, type ExportManifest } from '../../shared/verify.ts';
import { safeText } from '../format.ts';
import type { CliIo } from '../io.ts';
import path from 'node:path';
import { cliRecords } from '../activity.ts';
import { t } from '../i18n/index.ts';

export const SIGN_OPTION = { sign: { type: 'boolean' } } as const;

/**
 * What a bundle from the terminal carries besides its files: the viewer's activity excerpt and case
 * notes for the store (as the app's bundles do), and with --sign the signer, made on first use —
 * said on stderr so stdout stays the result.
 */
export function signingEvidence(sign: boolean | undefined, io: CliIo): BundleEvidence {
  const records = cliRecords();
  const evidence: BundleEvidence = { activity: records.activity, notes: records.notes };
  if (!sign) return evidence;
  const { signer, created } = createSigningKeys().signer();
  if (created) io.stderr(`${t('sign.madeKey', { name: safeText(signer.info.name), fingerprint: groupedFingerprint(signer.info.fingerprint) })}\n`);
  return { ...evidence, signer };
}

/** The lines after a signed export: who signed, and how anyone checks it without this tool. */
export function describeSignature(manifest: ExportManifest, manifestPath: string, signaturePath: string | null): string {
  if (!signaturePath || !manifest.signer) return '';
  const previous = manifest.chain?.previous;
  const name = path.basename(manifestPath);
  const after = previous ? t('sign.after', { file: safeText(previous.file) }) : t('sign.first');
  // cli-verbatim: the openssl command line is the same in every language.
  const command = `openssl pkeyutl -verify -pubin -inkey ${manifest.signer.publicKeyFile} -rawin -in ${name} -sigfile ${name}${SIGNATURE_SUFFIX}`;
  return (
    `${t('sign.signedBy', { name: safeText(manifest.signer.name), fingerprint: groupedFingerprint(manifest.signer.fingerprint), sequence: manifest.chain?.sequence ?? 1, after, signature: signaturePath })}\n` +
    `${t('sign.check', { command })}\n`
  );
}
