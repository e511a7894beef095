// sealBundle: the one way any bundle producer (event, state, diff and search exports, the report)
// finishes a bundle. Give it the files you already wrote into one folder (the first names the
// bundle) and what the manifest should say; it adds the viewer's activity excerpt and case notes
// when asked, writes `<first file>.manifest.json`, and with a signer also writes
// `<first file>.manifest.json.sig` (raw 64-byte Ed25519 over the manifest's exact bytes),
// `signer.pub.pem` and `VERIFY.txt`, and links the manifest to the store's previous signed export.
//
// Use (the report, for example):
//   const file = writeFileAtomically(out, html);                         // your own file(s), one folder
//   const sealed = await sealBundle(store, {
//     kind: 'report',
//     query: { kind: 'report', streamId, fromVersion, toVersion, versions, format: 'html' },
//     events: { count, firstPosition, lastPosition },
//     files: [file],                                                     // first file names the bundle
//     integrity: manifestIntegrity(background.current()),               // or a fresh verify()
//     evidence: { signer: keys.signer().signer, masking: () => masker?.summary() ?? null, activity, notes },
//   });
//   sealed.manifestPath, sealed.signaturePath (null when unsigned), sealed.manifest
// (the events, state and diff exports call it through manifest.ts: exportEventsSigned, signExport;
// `keys` is createSigningKeys() from signingKeys.ts, `evidence.chain` defaults to the ledger home's).
// Unsigned (no evidence.signer) it writes the manifest only, exactly as exports always did.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { MaskingSummary } from '../../../shared/evidence.ts';
import {
  SIGNATURE_SUFFIX,
  SIGNER_PUBLIC_KEY_FILE,
  VERIFY_TEXT_FILE,
  type ExportManifest,
  type ManifestChain,
  type ManifestChainLink,
  type ManifestSigner,
} from '../../../shared/verify.ts';
import { words } from '../../../shared/errorWords/index.ts';
import { LedgerError } from '../../errors.ts';
import { buildManifest, manifestPathFor, type ManifestInput } from '../../export/buildManifest.ts';
import { writeFileAtomically, type WrittenFile } from '../../export/fileWriter.ts';
import type { EventStoreReader } from '../../store/eventStore.ts';
import { assertWritableTarget } from '../../store/auditedFiles.ts';
import type { ActivityRecorder, NotesReader } from '../services.ts';
import { storeKeyOf } from '../storeKey.ts';
import { createExportChain, type ExportChain } from './exportChain.ts';
import { fingerprintOf } from './fingerprint.ts';
import { writeFileAtomic } from './privateFile.ts';
import type { Signer } from './signingKeys.ts';
import { verifyText } from './verifyText.ts';
import { readSmallFile } from './smallFile.ts';

/** What a bundle carries beyond the exported files. Every part is optional. */
export interface BundleEvidence {
  /** Signs the manifest; absent or null: an unsigned bundle (manifest only). */
  signer?: Signer | null;
  /** Where the per-store chain of signed exports is kept; defaults to the ledger home's. */
  chain?: ExportChain | null;
  /**
   * What the masking of this bundle did (rules, counts); recorded as `masking`, null when none. A
   * function is asked when the manifest is written, after the files: a masker counts as it goes.
   */
  masking?: MaskingSummary | null | (() => MaskingSummary | null);
  /** Adds activity.jsonl: the viewer's log entries about this store. */
  activity?: ActivityRecorder | null;
  /** Adds notes.json: the auditor's case notes on this store. */
  notes?: NotesReader | null;
}

export interface SealBundleInput extends ManifestInput {
  /** The store's facts taken when the export started (before its events were read). */
  storeFacts?: ExportManifest['store'];
  evidence?: BundleEvidence;
}

export interface SealedBundle {
  folder: string;
  manifest: ExportManifest;
  manifestPath: string;
  /** The manifest file as written (its sha256 is what the chain records). */
  manifestFile: WrittenFile;
  /** Every file the manifest lists: the exported ones, then activity and notes when added. */
  files: WrittenFile[];
  signaturePath: string | null;
  publicKeyPath: string | null;
  verifyTextPath: string | null;
}

/** One seal at a time per store in this process, so two exports never take the same chain link. */
const sealing = new Map<string, Promise<unknown>>();

async function serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
  const before = sealing.get(key) ?? Promise.resolve();
  const run = before.then(work, work);
  const settled = run.catch(() => undefined);
  sealing.set(key, settled);
  try {
    return await run;
  } finally {
    if (sealing.get(key) === settled) sealing.delete(key);
  }
}

/** A bundle file with its own name when the folder holds another bundle's file of that name (which we must not overwrite). */
function freeName(folder: string, preferred: string, bundle: string): string {
  return fs.existsSync(path.join(folder, preferred)) ? `${bundle}.${preferred}` : preferred;
}

function writeBundleBytes(target: string, bytes: Buffer | string): void {
  assertWritableTarget(target);
  writeFileAtomic(target, bytes, 0o644);
}

/** signer.pub.pem, or `<bundle>.signer.pub.pem` when the folder's signer.pub.pem is another key's. */
function publicKeyFileFor(folder: string, bundle: string, signer: Signer): { name: string; write: boolean } {
  const shared = path.join(folder, SIGNER_PUBLIC_KEY_FILE);
  if (!fs.existsSync(shared)) return { name: SIGNER_PUBLIC_KEY_FILE, write: true };
  try {
    const pem = readSmallFile(shared, 64 * 1024);
    if (pem && fingerprintOf(pem.toString('utf8')) === signer.info.fingerprint) return { name: SIGNER_PUBLIC_KEY_FILE, write: false };
  } catch {
    // not a readable key: leave it alone, use our own name
  }
  return { name: `${bundle}.${SIGNER_PUBLIC_KEY_FILE}`, write: true };
}

export async function sealBundle(store: EventStoreReader, input: SealBundleInput): Promise<SealedBundle> {
  const { evidence = {}, storeFacts, ...manifestInput } = input;
  if (manifestInput.files.length === 0) throw new LedgerError('INVALID_INPUT', words('errorWords.bundle.noFiles', {}));
  const first = path.resolve(manifestInput.files[0].path);
  const folder = path.dirname(first);
  for (const f of manifestInput.files) {
    if (path.dirname(path.resolve(f.path)) !== folder) throw new LedgerError('INVALID_INPUT', words('errorWords.bundle.oneFolder', { file: f.path, folder }));
  }
  const bundle = path.basename(first);
  const key = storeKeyOf(store).key;
  const chainStore = evidence.signer ? (evidence.chain ?? createExportChain()) : null;
  return serialized(key, async () => {
    const release = chainStore ? await chainStore.lock(key) : null;
    try {
      return await seal();
    } finally {
      release?.();
    }
  });

  async function seal(): Promise<SealedBundle> {
    const files = [...manifestInput.files];
    const extras: { activity: string | null; notes: string | null } = { activity: null, notes: null };
    if (evidence.activity) {
      extras.activity = freeName(folder, 'activity.jsonl', bundle);
      const lines = evidence.activity.excerpt(key).map((entry) => JSON.stringify(entry) + '\n');
      files.push(writeFileAtomically(path.join(folder, extras.activity), lines.join('')));
    }
    if (evidence.notes) {
      extras.notes = freeName(folder, 'notes.json', bundle);
      files.push(writeFileAtomically(path.join(folder, extras.notes), JSON.stringify(evidence.notes.list(key), null, 2) + '\n'));
    }

    const signer = evidence.signer ?? null;
    let signerRecord: ManifestSigner | null = null;
    let chain: ManifestChain | null = null;
    let publicKey: { name: string; write: boolean } | null = null;
    if (signer && chainStore) {
      publicKey = publicKeyFileFor(folder, bundle, signer);
      signerRecord = { algorithm: 'Ed25519', name: signer.info.name, fingerprint: signer.info.fingerprint, publicKeyFile: publicKey.name };
      const { link, problem } = chainStore.last(key);
      chain = { storeKey: key, sequence: (link?.sequence ?? 0) + 1, previous: link, ...(problem ? { note: `${problem}; the chain restarts here` } : {}) };
    }

    const built = await buildManifest(store, { ...manifestInput, files }, storeFacts);
    const manifest: ExportManifest = {
      ...built,
      masking: (typeof evidence.masking === 'function' ? evidence.masking() : evidence.masking) ?? null,
      signer: signerRecord,
      chain,
      ...(extras.activity || extras.notes ? { evidence: extras } : {}),
    };
    const text = JSON.stringify(manifest, null, 2) + '\n';
    const manifestPath = manifestPathFor(first);
    const manifestFile = writeFileAtomically(manifestPath, text);
    const sealed: SealedBundle = { folder, manifest, manifestPath, manifestFile, files, signaturePath: null, publicKeyPath: null, verifyTextPath: null };
    if (!signer || !chainStore || !chain || !publicKey) return sealed;

    // Sign the exact bytes just written (the file, not a re-serialisation of the object).
    const bytes = Buffer.from(text, 'utf8');
    const signature = signer.sign(bytes);
    sealed.signaturePath = manifestPath + SIGNATURE_SUFFIX;
    writeBundleBytes(sealed.signaturePath, signature);
    sealed.publicKeyPath = path.join(folder, publicKey.name);
    if (publicKey.write) writeBundleBytes(sealed.publicKeyPath, signer.info.publicKeyPem);
    sealed.verifyTextPath = path.join(folder, VERIFY_TEXT_FILE);
    writeBundleBytes(sealed.verifyTextPath, verifyText(folder));
    const link: ManifestChainLink = {
      sequence: chain.sequence,
      signature: signature.toString('base64'),
      manifestSha256: createHash('sha256').update(bytes).digest('hex'),
      fingerprint: signer.info.fingerprint,
      createdAt: manifest.createdAt,
      file: path.basename(manifestPath),
    };
    chainStore.advance(key, link);
    return sealed;
  }
}
