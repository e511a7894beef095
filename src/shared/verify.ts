// Results of integrity verification (`verify`) and of export-bundle checks (`verify-export`), shared
// with the renderer. Plain JSON only: these cross IPC and the bridge unchanged.
import type { ErrorWords } from './errorWords/index.ts';
import type { MaskingSummary } from './evidence.ts';
import type { ProjectionOrigin } from './projections.ts';
import type { ReadAllQuery } from './types.ts';

/** The events an export covered: one stream's version range, or a filtered slice of the global log. */
export type ExportQuery =
  | { kind: 'stream'; streamId: string; fromVersion?: number; toVersion?: number }
  | ({ kind: 'all'; toPosition?: number } & Omit<ReadAllQuery, 'limit'>);

/**
 * What a finding says happened. The first six are the classification; the rest:
 * - rewritten: the chain no longer contains a chain head recorded earlier (--expect-head): history
 *   up to that head was rewritten (hashes recomputed) or truncated. Only an outside record can
 *   reveal this, because a rewritten chain is internally consistent.
 * - schema-changed: tables or indexes the append path relies on are missing or different.
 * - index-divergence: an index returns other values than the events table row it indexes (the
 *   index was edited behind SQLite's back: tampering, not disk damage).
 */
export type VerifyFindingKind =
  | 'edited'
  | 'deleted'
  | 'inserted'
  | 'reordered'
  | 'summary-mismatch'
  | 'corrupt-page'
  | 'rewritten'
  | 'schema-changed'
  | 'index-divergence';

export const VERIFY_FINDING_KINDS: readonly VerifyFindingKind[] = [
  'edited',
  'deleted',
  'inserted',
  'reordered',
  'summary-mismatch',
  'corrupt-page',
  'rewritten',
  'schema-changed',
  'index-divergence',
];

/** Which check produced a finding (a finding's evidence). */
export type VerifyCheck =
  | 'chain' // hashes and prev_hash links walked in position order
  | 'stream-versions' // each stream's versions 1..n without gaps, duplicates or position inversions
  | 'streams-summary' // the streams table against the events
  | 'event-types' // the event_types table against the events
  | 'type-hours' // the event_type_hours table (schema 2, the timeline's histogram) against the events
  | 'ledger-head' // ledger_head (last position, head hash, counts) against the events
  | 'derived-columns' // actor / correlation_id / causation_id copies against metadata
  | 'expected-head' // a chain head recorded outside the store (export manifest, --expect-head)
  | 'integrity-check' // SQLite's PRAGMA integrity_check, or a damaged page met while reading
  | 'schema'
  | 'index'; // every index of the events table against the table's rows

export interface VerifyFinding {
  kind: VerifyFindingKind;
  check: VerifyCheck;
  /** The global position the finding is about (the first of a range); null when no single event is. */
  position: number | null;
  /** Last position of a range (a run of reordered or deleted positions); absent for one event. */
  toPosition?: number;
  streamId?: string;
  version?: number;
  /** One readable sentence: what is wrong and what it means (English, as --json and manifests have it). */
  message: string;
  /** The message as words, for a reader in another language (absent in reports written before them). */
  words?: ErrorWords;
  expected?: string | number | null;
  actual?: string | number | null;
  details?: Record<string, string | number | boolean | null>;
}

export type VerifyPhase = 'chain' | 'streams' | 'types' | 'summaries' | 'integrity' | 'done';

export interface VerifyProgress {
  phase: VerifyPhase;
  /** Work units done / total over all phases (events per pass, streams, one unit for integrity_check). */
  done: number;
  total: number;
}

export interface ExpectedHeadResult {
  hash: string;
  /** The position the head was recorded at, when known (manifests record it). */
  position: number | null;
  /** Where the hash was found in the chain; null when it is nowhere (a `rewritten` finding). */
  foundAt: number | null;
  /** Events appended after the recorded head (legitimate growth); null when not found. */
  appendedSince: number | null;
}

export interface VerifyReport {
  /** True when there is no finding at all. */
  ok: boolean;
  /**
   * 'chain' (absent in older reports): the hash chain was walked. 'no-chain': the store keeps none
   * and only versions, positions, summaries and read-back were checked (integrity.messages says
   * what that cannot see); no finding then means consistent, not proven untouched.
   */
  mode?: 'chain' | 'no-chain';
  path: string;
  startedAt: string;
  durationMs: number;
  /** Rows walked in the chain pass. */
  eventsChecked: number;
  streamsChecked: number;
  firstPosition: number | null;
  lastPosition: number | null;
  /** Highest position up to which the chain verified from genesis without any chain finding. */
  lastGoodPosition: number | null;
  /** Hash of the last event as stored (hex); null for an empty store. */
  chainHead: string | null;
  /** What ledger_head records: the append path's own view of the head. */
  recordedHead: { lastPosition: number; headHash: string; eventCount: number; streamCount: number } | null;
  expectedHead: ExpectedHeadResult | null;
  /** `words`: the messages as words, one for one, where main has them (a chainless check's notes). */
  integrity: { ran: boolean; ok: boolean; messages: string[]; words?: ErrorWords[] };
  /** The first MAX findings in order of discovery; `findingCounts` counts all of them. */
  findings: VerifyFinding[];
  findingCounts: Record<VerifyFindingKind, number>;
  truncated: boolean;
}

// ---- Export manifests ("signed exports") ----

export const MANIFEST_FORMAT = 'replay-ledger-export-manifest';
export const MANIFEST_SUFFIX = '.manifest.json';

export type ManifestQuery =
  | (ExportQuery & { format: string })
  | { kind: 'state'; streamId: string; version: number; projection: string }
  | { kind: 'diff'; streamId: string; fromVersion: number; toVersion: number; projection: string; format: string }
  /** Search results (the query as typed; `literal` when the whole text was searched as it is). */
  | { kind: 'search'; q: string; literal: boolean; format: string }
  /** A printable report of one stream's range (report/): the states it shows, the projection used. */
  | { kind: 'report'; streamId: string; fromVersion: number; toVersion: number; versions: number[]; projection: string | null; format: 'html' };

export interface ManifestFile {
  /** File name relative to the manifest's folder. */
  path: string;
  bytes: number;
  sha256: string;
}

export interface ExportManifest {
  format: typeof MANIFEST_FORMAT;
  manifestVersion: 1;
  tool: { name: string; version: string };
  createdAt: string;
  /** What was exported: events, or a replay result (state at a version, diff), or a report. */
  kind: 'events' | 'state' | 'diff' | 'report';
  /** The query as given. */
  query: ManifestQuery;
  /** For event exports, the query as executed: upper bounds pinned, so a re-run covers the same events. */
  resolvedQuery: ExportQuery | null;
  /** For event exports with a time filter: the exact instant range used, in UTC, and in words. */
  timeRange?: { from: string | null; to: string | null; toExclusive: boolean; description: string } | null;
  store: {
    path: string;
    storeId: string | null;
    /** Chain head (ledger_head) when the export ran, and the position it is at. */
    chainHead: string | null;
    lastPosition: number | null;
    eventCount: number;
  };
  events: { count: number; firstPosition: number | null; lastPosition: number | null };
  /** The projections the tool ships (events) or the one a state or diff used, with its file and hash when it is the team's. */
  projections: ManifestProjection[];
  files: ManifestFile[];
  /** The store's verification when the export ran (absent in manifests written before it existed). */
  integrity?: ManifestIntegrity;
  /** What was masked (rules and counts, never values); null when nothing was. Absent in older manifests. */
  masking?: MaskingSummary | null;
  /** Who signed `<manifest>.sig` (the raw Ed25519 signature of this file's exact bytes); null when unsigned. */
  signer?: ManifestSigner | null;
  /** The chain of signed exports from this store: the previous signed manifest's signature; null when unsigned. */
  chain?: ManifestChain | null;
  /** The viewer's own records in the bundle (also listed in `files` with their hashes); null when absent. */
  evidence?: { activity: string | null; notes: string | null };
}

export const SIGNATURE_SUFFIX = '.sig';
export const SIGNER_PUBLIC_KEY_FILE = 'signer.pub.pem';
export const VERIFY_TEXT_FILE = 'VERIFY.txt';

export interface ManifestSigner {
  algorithm: 'Ed25519';
  name: string;
  /** sha256 of the SPKI DER public key, hex. */
  fingerprint: string;
  /** The SPKI PEM public key in the bundle's folder (normally signer.pub.pem). */
  publicKeyFile: string;
}

/** One signed export, as the next one from the same store remembers it. */
export interface ManifestChainLink {
  sequence: number;
  /** Its raw Ed25519 signature (the .sig file), base64. */
  signature: string;
  /** sha256 of its manifest file's bytes. */
  manifestSha256: string;
  fingerprint: string;
  createdAt: string;
  /** Its manifest's file name. */
  file: string;
}

export interface ManifestChain {
  /** storeKeyOf(store).key: the store's lasting identity. */
  storeKey: string;
  /** 1 for the first signed export of this store by this viewer, then 2, 3 … */
  sequence: number;
  /** The previous signed export from this store; null for the first ("none"). */
  previous: ManifestChainLink | null;
  /** Set when the viewer's record of the previous export could not be read (the chain restarts). */
  note?: string;
}

export interface ManifestProjection {
  name: string;
  version: number;
  origin?: ProjectionOrigin;
}

export type ExportFindingKind =
  | 'manifest-invalid'
  | 'file-missing'
  | 'file-modified'
  | 'store-mismatch' // the store no longer yields these bytes for the recorded query
  | 'store-findings' // verify(store) found problems, or the recorded chain head is gone
  | 'signature-missing' // the manifest names a signer but its .sig (or the public key) is not there, or --pubkey expected a signed bundle
  | 'signature-invalid' // the .sig does not verify over the manifest's bytes with the public key
  | 'signer-mismatch' // the bundle's key is not the one given with --pubkey, or not the one the manifest names
  | 'chain-broken'; // two manifests of one store in the folder whose chain links disagree

export interface ExportFinding {
  kind: ExportFindingKind;
  manifest: string;
  file?: string;
  message: string;
  /** The message as words, for a reader in another language (absent from reports written before them). */
  words?: ErrorWords;
  expected?: string | number | null;
  actual?: string | number | null;
  /** For store-mismatch: the first exported event that differs from the store, when located. */
  position?: number | null;
}

export interface VerifyExportReport {
  ok: boolean;
  dir: string;
  manifests: {
    path: string;
    kind: string;
    files: number;
    events: number;
    chainHead: string | null;
    /** Set when the manifest is signed and the signature verified (fingerprint of the key that checked it). */
    signedBy?: { name: string; fingerprint: string; sequence: number | null } | null;
  }[];
  filesChecked: number;
  findings: ExportFinding[];
  /** verify(store) of the given store, when one was given. */
  store: VerifyReport | null;
}

// ---- Integrity status of the open store (background verification on open) ----

/**
 * What the viewer knows about the open store's integrity, kept per opening (openId):
 * - checking: verification runs in the background (done/total work units);
 * - verified: no finding, but without a chain head recorded elsewhere a chain rewritten (hashes
 *   recomputed) to its very end cannot be ruled out — `caveat` says so;
 * - findings: verification failed; `affected` names the events (capped);
 * - no-chain: the format keeps no hash chain (Emmett), so there is nothing to verify;
 * - not-checked: cancelled (store closed / another opened) or failed; `reason` says why.
 */
export type IntegrityStatusKind = 'checking' | 'verified' | 'findings' | 'no-chain' | 'not-checked';

export interface IntegrityAffectedEvent {
  position: number | null;
  toPosition?: number;
  streamId?: string;
  version?: number;
  kind: VerifyFindingKind;
}

export interface IntegrityStatus {
  openId: number;
  status: IntegrityStatusKind;
  /** Progress while checking (work units of verify). */
  done: number;
  total: number;
  /** When the verdict was reached; null while checking or when not checked. */
  checkedAt: string | null;
  findingCount: number;
  findingKinds: Partial<Record<VerifyFindingKind, number>>;
  affected: IntegrityAffectedEvent[];
  /** True when there were more affected events than `affected` holds. */
  affectedTruncated: boolean;
  /** Chain head as verified (hex) and the last position the check covered. */
  chainHead: string | null;
  lastPosition: number | null;
  /** What the verdict cannot rule out, or why there is none. */
  caveat: string | null;
  reason: string | null;
  /** What `reason` says, as facts, so the badge says it in the reader's language (reason stays for older readers). */
  why?: IntegrityWhy;
}

/** Why a store has no verdict: its format keeps no chain, or the check did not finish. */
export type IntegrityWhy = { case: 'noChain'; adapter: string; adapterWords?: ErrorWords } | { case: 'cancelled' } | { case: 'failed'; error: string };

export const NO_RECORDED_HEAD_CAVEAT =
  'Chain intact; without a chain head recorded elsewhere this cannot rule out a chain rewritten (hashes recomputed) to its end.';

/** How an export manifest records the store's verification when the export ran. */
export type ManifestIntegrity =
  | { status: 'not-checked'; reason?: string }
  | { status: 'no-chain' }
  | {
      status: 'verified' | 'findings';
      checkedAt: string;
      findings: { count: number; kinds: Partial<Record<VerifyFindingKind, number>>; positions: number[]; positionsTruncated: boolean };
      chainHead: string | null;
      lastPosition: number | null;
      expectedHead?: string;
      caveat?: string;
    };
