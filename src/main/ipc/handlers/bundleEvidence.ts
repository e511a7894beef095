// What an export from the app puts into its bundle besides the file: the signer when the user asked
// for a signed export (the key is made on first use), and the viewer's activity excerpt and case
// notes when those services are composed. Resolved before the job starts, so a key that cannot be
// used is an error at once, not a failed job.
import path from 'node:path';
import type { ExportResult } from '../../../shared/contract.ts';
import { SIGNATURE_SUFFIX, VERIFY_TEXT_FILE, type ExportManifest } from '../../../shared/verify.ts';
import type { BundleEvidence } from '../../evidence/signing/sealBundle.ts';
import type { SigningKeys } from '../../evidence/signing/signingKeys.ts';
import type { ActivityRecorder, NotesReader } from '../../evidence/services.ts';
import { words } from '../../../shared/errorWords/index.ts';
import { LedgerError } from '../../errors.ts';

export interface EvidenceDeps {
  signing?: SigningKeys;
  activity?: ActivityRecorder;
  notes?: NotesReader;
}

export function bundleEvidence(deps: EvidenceDeps, sign: boolean | undefined): BundleEvidence {
  const evidence: BundleEvidence = { activity: deps.activity ?? null, notes: deps.notes ?? null };
  if (!sign) return evidence;
  if (!deps.signing) throw new LedgerError('UNSUPPORTED', words('errorWords.host.noSigningKeys', {}));
  return { ...evidence, signer: deps.signing.signer().signer };
}

/** The signer and the bundle's files beyond the export and its manifest, for the export's result. */
export function sealedParts(manifest: ExportManifest, manifestPath: string, signaturePath: string | null, downloadUrl: string | null): Pick<ExportResult, 'signed' | 'bundleFiles'> {
  const folder = path.dirname(manifestPath);
  const names = manifest.files.slice(1).map((f) => f.path);
  if (signaturePath && manifest.signer) names.push(path.basename(manifestPath) + SIGNATURE_SUFFIX, manifest.signer.publicKeyFile, VERIFY_TEXT_FILE);
  // Browser mode: every file of the bundle is in the export's own download slot.
  const slot = downloadUrl ? downloadUrl.slice(0, downloadUrl.lastIndexOf('/') + 1) : null;
  return {
    signed: signaturePath && manifest.signer ? { name: manifest.signer.name, fingerprint: manifest.signer.fingerprint, sequence: manifest.chain?.sequence ?? null } : null,
    bundleFiles: names.map((name) => ({ name, path: path.join(folder, name), downloadUrl: slot ? `${slot}${encodeURIComponent(name)}` : null })),
  };
}
