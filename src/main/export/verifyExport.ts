// verify-export: re-checks export bundles. Every `*.manifest.json` in a folder (or one manifest)
// is read defensively (it is input like any other: bad JSON, wrong shapes and paths that leave the
// folder are findings, never crashes), each listed file is re-hashed, and with a store given:
// the store itself is verified, the chain head recorded at export time must still be at its
// position, and an events export re-encoded from the store must give the very same bytes.
// A signed manifest (issue 14) must verify with Ed25519 over its exact bytes, with the bundle's
// public key, or with the auditor's own known key (--pubkey), which the bundle's key must then be.
import { createHash, createPublicKey, verify as verifySignature, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  MANIFEST_FORMAT,
  MANIFEST_SUFFIX,
  SIGNATURE_SUFFIX,
  SIGNER_PUBLIC_KEY_FILE,
  type ExportFinding,
  type ExportManifest,
  type VerifyExportReport,
} from '../../shared/verify.ts';
import { CancelledError, LedgerError } from '../errors.ts';
import type { EventScope, EventStoreReader, RawEvent } from '../store/eventStore.ts';
import { toAsyncReader } from '../store/asyncReader.ts';
import { openStore } from '../store/openStore.ts';
import { sqliteHandleOf } from '../store/sqliteHandle.ts';
import { verify } from '../verify/verify.ts';
import { EVENT_FORMATS, eventJson, framing, type EventFormat } from './eventFormats.ts';
import { fingerprintOf } from '../evidence/signing/fingerprint.ts';
import { readSmallFile } from '../evidence/signing/smallFile.ts';
import type { MaskingSummary } from '../../shared/evidence.ts';
import { createMasker, type Masker } from '../masking/masker.ts';
import { secretCheck } from '../masking/token.ts';
import { englishError, words, type ErrorFact, type ErrorWords } from '../../shared/errorWords/index.ts';
import { said } from '../verify/said.ts';

/** The bundle's masker rebuilt from its manifest and the kept secret; null when the secret is missing or not this bundle's. */
function maskerForCheck(masking: MaskingSummary, secret: Buffer | undefined): Masker | null {
  if (!secret || (masking.secretCheck !== undefined && secretCheck(secret) !== masking.secretCheck)) return null;
  return createMasker({ rules: masking.rules, secret });
}

const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
const HEX64 = /^[0-9a-f]{64}$/;

export interface VerifyExportOptions {
  /** A store (open, or a path opened read-only) to check the bundle against. */
  store?: EventStoreReader | string;
  /** The signer's public key (SPKI PEM) as the auditor knows it: every manifest must be signed by this very key. */
  publicKeyPem?: string;
  signal?: AbortSignal;
  /** The masking secret a masked bundle was made with (the auditor's kept key): needed to compare it with the store. */
  maskingSecret?: Buffer;
}

/** The auditor's key, parsed; a file that is not a public key is a usage problem, not a finding. */
function expectedKeyOf(pem: string | undefined): KeyObject | null {
  if (pem === undefined) return null;
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`it is a ${key.asymmetricKeyType} key, not Ed25519`);
    return key;
  } catch (error) {
    throw new LedgerError('INVALID_INPUT', words('errorWords.export.badPublicKey', { error: (error as Error).message }));
  }
}

const safeBundlePath = (p: unknown): p is string => typeof p === 'string' && p.length > 0 && !path.isAbsolute(p) && !p.split(/[\\/]/).includes('..') && !p.includes('\0');

type Summary = VerifyExportReport['manifests'][number];

/**
 * Checks one manifest's signature. Returns who signed it when the signature holds, else null
 * (with a finding pushed when a signature was expected or is wrong).
 */
function checkSignature(dir: string, file: string, bytes: Buffer, m: ExportManifest, expected: KeyObject | null, findings: ExportFinding[]): Summary['signedBy'] {
  const name = path.basename(file);
  const sigPath = file + SIGNATURE_SUFFIX;
  // Read once, and only a regular file: a signature is 64 bytes (a little more is reported as malformed).
  const signature = readSmallFile(sigPath, 4096);
  const hasSignature = signature !== null || fs.existsSync(sigPath);
  const signer = m.signer ?? null;
  const signatureFile = name + SIGNATURE_SUFFIX;
  const add = (kind: ExportFinding['kind'], sentence: ErrorWords, extra: Partial<ExportFinding> = {}) => {
    findings.push({ kind, manifest: name, ...said(sentence), ...extra });
    return null;
  };
  if (!signer && !hasSignature) {
    return expected ? add('signature-missing', words('errorWords.exportCheck.notSignedButExpected', { name })) : null;
  }
  if (!signer) return add('signature-missing', words('errorWords.exportCheck.signatureWithoutSigner', { name }));
  if (!hasSignature) return add('signature-missing', words('errorWords.exportCheck.signatureFileMissing', { name, fingerprint: String(signer.fingerprint ?? '?'), signatureFile }));
  const keyFile = safeBundlePath(signer.publicKeyFile) ? signer.publicKeyFile : SIGNER_PUBLIC_KEY_FILE;
  let bundleKey: KeyObject | null = null;
  try {
    const pem = readSmallFile(path.join(dir, keyFile), 64 * 1024);
    if (pem) bundleKey = createPublicKey(pem.toString('utf8'));
  } catch {
    bundleKey = null;
  }
  if (!bundleKey) {
    if (!expected) return add('signature-missing', words('errorWords.exportCheck.publicKeyMissing', { name, keyFile }));
  }
  if (expected && bundleKey && fingerprintOf(bundleKey) !== fingerprintOf(expected)) {
    return add('signer-mismatch', words('errorWords.exportCheck.resigned', { name, actual: fingerprintOf(bundleKey), expected: fingerprintOf(expected) }), {
      expected: fingerprintOf(expected),
      actual: fingerprintOf(bundleKey),
    });
  }
  const key = expected ?? bundleKey!;
  const keyPrint = fingerprintOf(key);
  if (signer.fingerprint !== keyPrint) {
    return add('signer-mismatch', words('errorWords.exportCheck.signerNamesOther', { name, named: String(signer.fingerprint), key: keyPrint }), { expected: String(signer.fingerprint), actual: keyPrint });
  }
  if (!signature) return add('signature-invalid', words('errorWords.exportCheck.signatureUnreadable', { signatureFile }));
  let valid = false;
  try {
    valid = signature.length === 64 && verifySignature(null, bytes, key, signature);
  } catch {
    valid = false;
  }
  if (!valid) {
    return add(
      'signature-invalid',
      signature.length !== 64
        ? words('errorWords.exportCheck.notEd25519', { signatureFile, bytes: signature.length })
        : words('errorWords.exportCheck.signatureWrong', { signatureFile, name }),
    );
  }
  return { name: String(signer.name), fingerprint: keyPrint, sequence: Number.isSafeInteger(m.chain?.sequence) ? m.chain!.sequence : null };
}

/** Signed manifests of one store in the same folder must link: n+1 carries n's signature and manifest hash. */
function checkChains(signed: { file: string; bytes: Buffer; manifest: ExportManifest }[], findings: ExportFinding[]) {
  const byStore = new Map<string, Map<number, { file: string; bytes: Buffer; manifest: ExportManifest }>>();
  for (const entry of signed) {
    const chain = entry.manifest.chain;
    if (!chain || typeof chain.storeKey !== 'string' || !Number.isSafeInteger(chain.sequence)) continue;
    const of = byStore.get(chain.storeKey) ?? new Map();
    of.set(chain.sequence, entry);
    byStore.set(chain.storeKey, of);
  }
  for (const of of byStore.values()) {
    for (const [sequence, entry] of of) {
      const before = of.get(sequence - 1);
      if (!before) continue;
      const previous = entry.manifest.chain?.previous;
      const name = path.basename(entry.file);
      const signature = (readSmallFile(before.file + SIGNATURE_SUFFIX, 4096) ?? Buffer.alloc(0)).toString('base64');
      const sha256 = createHash('sha256').update(before.bytes).digest('hex');
      if (!previous || previous.signature !== signature || previous.manifestSha256 !== sha256) {
        findings.push({
          kind: 'chain-broken',
          manifest: name,
          ...said(words('errorWords.exportCheck.chainBroken', { name, sequence, previous: path.basename(before.file), previousSequence: sequence - 1 })),
          expected: signature,
          actual: previous?.signature ?? null,
        });
      }
    }
  }
}

function findManifests(target: string): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    throw new LedgerError('FILE_NOT_FOUND', words('errorWords.export.noBundle', { path: target }), { path: target });
  }
  if (stat.isFile()) return [target];
  const found = fs
    .readdirSync(target)
    .filter((name) => name.endsWith(MANIFEST_SUFFIX))
    .sort()
    .map((name) => path.join(target, name));
  if (found.length === 0) throw new LedgerError('NOT_FOUND', words('errorWords.export.noManifest', { path: target, suffix: MANIFEST_SUFFIX }), { path: target });
  return found;
}

/** Checks the parts of a manifest verify-export relies on; returns a reason when it is unusable. */
function manifestProblem(value: unknown): ErrorWords | null {
  const m = value as Partial<ExportManifest> | null;
  // JSON.stringify of undefined is undefined: the fact says it as the manifest would show it.
  const shown = (v: unknown, max = Infinity) => String(JSON.stringify(v)).slice(0, max);
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return words('errorWords.exportCheck.problem.notObject', {});
  if (m.format !== MANIFEST_FORMAT) return words('errorWords.exportCheck.problem.format', { format: shown(m.format), expected: MANIFEST_FORMAT });
  if (m.manifestVersion !== 1) return words('errorWords.exportCheck.problem.version', { version: shown(m.manifestVersion) });
  if (!Array.isArray(m.files) || m.files.length === 0) return words('errorWords.exportCheck.problem.noFiles', {});
  for (const f of m.files) {
    if (typeof f !== 'object' || f === null || typeof f.path !== 'string' || typeof f.sha256 !== 'string' || !HEX64.test(f.sha256) || !Number.isSafeInteger(f.bytes)) {
      return words('errorWords.exportCheck.problem.badEntry', { entry: shown(f, 200) });
    }
    if (path.isAbsolute(f.path) || f.path.split(/[\\/]/).includes('..') || f.path.includes('\0')) return words('errorWords.exportCheck.problem.leavesFolder', { path: shown(f.path) });
  }
  const head = m.store?.chainHead;
  if (head !== null && head !== undefined && (typeof head !== 'string' || !HEX64.test(head))) return words('errorWords.exportCheck.problem.badHead', { head: shown(head) });
  // Optional (older manifests lack it); when present it names one of the known verdicts.
  const integrity = m.integrity as { status?: unknown } | undefined;
  if (integrity !== undefined && (typeof integrity !== 'object' || integrity === null || !['verified', 'findings', 'no-chain', 'not-checked'].includes(String(integrity.status)))) {
    return words('errorWords.exportCheck.problem.badIntegrity', { record: shown(integrity, 200) });
  }
  return null;
}

async function hashFile(file: string, signal?: AbortSignal): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
    if (signal?.aborted) throw new CancelledError('Export verification');
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** sha256 of the bytes an export of `scope` would write now, without writing anything. */
async function reencodedHash(store: EventStoreReader, scope: EventScope, format: EventFormat, signal?: AbortSignal, masker?: Masker): Promise<string> {
  const { header, encode, separator, footer } = framing(format);
  const hash = createHash('sha256');
  hash.update(header);
  let events = 0;
  for await (const batch of store.iterateRaw(scope, { signal })) {
    for (const raw of batch) {
      const event = masker ? masker.maskRawEvent(raw) : raw;
      hash.update(events++ === 0 ? encode(event) : separator + encode(event));
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (signal?.aborted) throw new CancelledError('Export verification');
  }
  if (events > 0) hash.update(footer);
  else if (format === 'json') hash.update(']\n');
  return hash.digest('hex');
}

/** The first exported event (NDJSON / JSON lines) that is not byte-identical to the store's event at its position. */
async function firstDifferingEvent(store: EventStoreReader, file: string, masker?: Masker): Promise<number | null> {
  const text = fs.readFileSync(file, 'utf8');
  for (const line of text.split('\n')) {
    const exported = line.trim().replace(/,$/, '');
    if (!exported.startsWith('{')) continue;
    let position: unknown;
    try {
      position = (JSON.parse(exported) as { position?: unknown }).position;
    } catch {
      continue;
    }
    if (typeof position !== 'number' || !Number.isSafeInteger(position)) continue;
    let stored: RawEvent | undefined;
    for await (const batch of store.iterateRaw({ kind: 'all', fromPosition: position, toPosition: position })) {
      stored = batch[0];
      break;
    }
    if (!stored || eventJson(masker ? masker.maskRawEvent(stored) : stored) !== exported) return position;
  }
  return null;
}

export async function verifyExport(target: string, options: VerifyExportOptions = {}): Promise<VerifyExportReport> {
  const absolute = path.resolve(target);
  const manifests = findManifests(absolute);
  const dir = fs.statSync(absolute).isFile() ? path.dirname(absolute) : absolute;
  const findings: ExportFinding[] = [];
  const summaries: VerifyExportReport['manifests'] = [];
  let filesChecked = 0;
  const expectedKey = expectedKeyOf(options.publicKeyPem);
  const own = typeof options.store === 'string' ? openStore(options.store) : null;
  const store = own ? toAsyncReader(own) : ((options.store as EventStoreReader | undefined) ?? null);
  try {
    const usable: { file: string; manifest: ExportManifest }[] = [];
    const signed: { file: string; bytes: Buffer; manifest: ExportManifest }[] = [];
    for (const file of manifests) {
      const name = path.basename(file);
      let manifest: unknown;
      let bytes: Buffer;
      const unreadable = (error: ErrorFact) => findings.push({ kind: 'manifest-invalid', manifest: name, ...said(words('errorWords.exportCheck.unreadable', { name, error })) });
      try {
        const stat = fs.statSync(file);
        // A FIFO or a device named *.manifest.json would block the read for ever.
        if (!stat.isFile()) {
          unreadable(words('errorWords.exportCheck.notRegularFile', {}));
          continue;
        }
        if (stat.size > MAX_MANIFEST_BYTES) {
          unreadable(words('errorWords.exportCheck.tooLarge', { bytes: MAX_MANIFEST_BYTES }));
          continue;
        }
        // The exact bytes: the signature is over the file, not over any re-serialisation of it.
        bytes = fs.readFileSync(file);
        manifest = JSON.parse(bytes.toString('utf8'));
      } catch (error) {
        // The file system's or the JSON parser's own text, as written.
        unreadable((error as Error).message);
        continue;
      }
      const problem = manifestProblem(manifest);
      if (problem) {
        findings.push({ kind: 'manifest-invalid', manifest: name, ...said(words('errorWords.exportCheck.unusable', { name, problem })) });
        continue;
      }
      const m = manifest as ExportManifest;
      usable.push({ file, manifest: m });
      const signedBy = checkSignature(dir, file, bytes, m, expectedKey, findings);
      if (signedBy) signed.push({ file, bytes, manifest: m });
      summaries.push({ path: name, kind: m.kind, files: m.files.length, events: m.events?.count ?? 0, chainHead: m.store?.chainHead ?? null, signedBy });
      for (const entry of m.files) {
        const listed = path.join(dir, entry.path);
        filesChecked++;
        if (!fs.existsSync(listed) || !fs.statSync(listed).isFile()) {
          findings.push({ kind: 'file-missing', manifest: name, file: entry.path, ...said(words('errorWords.exportCheck.fileMissing', { file: entry.path, name })) });
          continue;
        }
        const actual = await hashFile(listed, options.signal);
        if (actual.sha256 !== entry.sha256 || actual.bytes !== entry.bytes) {
          findings.push({
            kind: 'file-modified',
            manifest: name,
            file: entry.path,
            ...said(words('errorWords.exportCheck.fileModified', { file: entry.path, actual: actual.sha256, actualBytes: actual.bytes, expected: entry.sha256, expectedBytes: entry.bytes })),
            expected: entry.sha256,
            actual: actual.sha256,
          });
        }
      }
    }

    checkChains(signed, findings);

    let storeReport: VerifyExportReport['store'] = null;
    if (store) {
      storeReport = await verify(store, { signal: options.signal });
      if (!storeReport.ok) {
        findings.push({
          kind: 'store-findings',
          manifest: '',
          ...said(words('errorWords.exportCheck.storeFails', { count: storeReport.findings.length })),
        });
      }
      for (const { file, manifest } of usable) await checkAgainstStore(store, dir, path.basename(file), manifest, findings, options.signal, options.maskingSecret);
    }
    return { ok: findings.length === 0, dir, manifests: summaries, filesChecked, findings, store: storeReport };
  } finally {
    own?.close();
  }
}

async function checkAgainstStore(store: EventStoreReader, dir: string, name: string, m: ExportManifest, findings: ExportFinding[], signal?: AbortSignal, maskingSecret?: Buffer) {
  const head = m.store?.chainHead;
  const at = m.store?.lastPosition;
  if (typeof head === 'string' && typeof at === 'number') {
    const db = sqliteHandleOf(store);
    const stored = db?.prepare('SELECT hex(hash) FROM events WHERE position = ?').pluck().get(at) as string | undefined;
    if (stored?.toLowerCase() !== head) {
      findings.push({
        kind: 'store-findings',
        manifest: name,
        ...said(stored === undefined ? words('errorWords.exportCheck.storeTruncated', { position: at, head }) : words('errorWords.exportCheck.storeRewritten', { position: at })),
        expected: head,
        actual: stored?.toLowerCase() ?? null,
        position: at,
      });
    }
  }
  const format = (m.query as { format?: string }).format as EventFormat;
  if (m.kind !== 'events' || !m.resolvedQuery || !EVENT_FORMATS.includes(format)) return;
  const entry = m.files[0];
  // A masked bundle is compared by masking the store's events again with the bundle's own secret.
  const masker = m.masking ? maskerForCheck(m.masking, maskingSecret) : undefined;
  if (masker === null) {
    findings.push({ kind: 'store-mismatch', manifest: name, file: entry.path, ...said(words('errorWords.exportCheck.maskedNeedsSecret', {})) });
    return;
  }
  let sha256: string;
  try {
    sha256 = await reencodedHash(store, m.resolvedQuery as EventScope, format, signal, masker);
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    // The store's own reason, in words where main has them.
    const reason = error instanceof LedgerError && error.words && englishError(error.words) === error.message ? error.words : (error as Error).message;
    findings.push({ kind: 'store-mismatch', manifest: name, file: entry.path, ...said(words('errorWords.exportCheck.cannotRerun', { error: reason })) });
    return;
  }
  if (sha256 === entry.sha256) return;
  const listed = path.join(dir, entry.path);
  const position = format !== 'csv' && fs.existsSync(listed) ? await firstDifferingEvent(store, listed, masker) : null;
  findings.push({
    kind: 'store-mismatch',
    manifest: name,
    file: entry.path,
    ...said(
      position !== null
        ? words('errorWords.exportCheck.storeDiffersAt', { actual: sha256, expected: entry.sha256, position })
        : words('errorWords.exportCheck.storeDiffers', { actual: sha256, expected: entry.sha256 }),
    ),
    expected: entry.sha256,
    actual: sha256,
    position,
  });
}
