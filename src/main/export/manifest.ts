// Export manifests ("signed exports"): every export gets `<file>.manifest.json` beside it with the
// sha256 and size of each file, the query that produced it (and the query as executed, with upper
// bounds pinned), the event count and position range, the chain head when it ran, the tool version
// and the projections. The chain head ties the bundle to the store's hash chain: verify-export can
// later prove the files are unchanged and that the store still holds the same history. With a
// signer (issue 14) the manifest is also signed with Ed25519 (evidence/signing/sealBundle.ts).
import type { ExportManifest, ExportQuery, ManifestIntegrity } from '../../shared/verify.ts';
import type { EventStoreReader } from '../store/eventStore.ts';
import { exportEvents, type ExportEventsOptions, type ExportEventsResult } from './exportEvents.ts';
import { writeFileAtomically, type WrittenFile } from './fileWriter.ts';
import { buildManifest, manifestPathFor, manifestTimeRange, pinScope, storeFacts, type ManifestInput } from './buildManifest.ts';
import { sealBundle, type BundleEvidence, type SealedBundle } from '../evidence/signing/sealBundle.ts';

export { buildManifest, manifestPathFor, manifestTimeRange, pinScope, PROJECTIONS, type ManifestInput } from './buildManifest.ts';
import type { Masker } from '../masking/masker.ts';
import { maskQueryValues } from '../masking/resultMasking.ts';

const maskQuery = <T extends object>(masker: Masker | undefined, query: T): T => (masker ? maskQueryValues(masker, query) : query);

/**
 * The bundle's evidence with what its masker did (counted once the files are written); the evidence
 * as given without a masker. A masked bundle's activity excerpt and notes go through the same
 * masker: a searched e-mail address or a note quoting a card number would otherwise carry the very
 * values the rules hide. Masked entries keep the hashes of the viewer's log, which then no longer
 * recompute from the excerpt alone: the viewer's own log (ledger log --verify) is where they check.
 */
export function withMaskingEvidence(evidence: BundleEvidence | undefined, masker: Masker | undefined): BundleEvidence | undefined {
  if (!masker) return evidence;
  const activity = evidence?.activity;
  const notes = evidence?.notes;
  return {
    ...evidence,
    masking: () => masker.summary(),
    activity: activity
      ? { record: (entry) => activity.record(entry), excerpt: (key) => activity.excerpt(key).map((e) => ({ ...e, details: masker.maskValue(e.details, 'data') as Record<string, unknown> })) }
      : activity,
    notes: notes ? { list: (key) => notes.list(key).map((n) => ({ ...n, text: masker.maskText(n.text) })) } : notes,
  };
}

/** Writes `<first file>.manifest.json` atomically beside the exported files (all in one folder). */
export function writeManifest(manifest: ExportManifest, firstFile: string): WrittenFile & { manifest: ExportManifest } {
  const written = writeFileAtomically(manifestPathFor(firstFile), JSON.stringify(manifest, null, 2) + '\n');
  return { ...written, manifest };
}

/** For state and diff exports (reports.ts) and search results: record what was written and from which store state (signed with evidence.signer). */
export async function signExport(store: EventStoreReader, input: ManifestInput, evidence?: BundleEvidence): Promise<WrittenFile & { manifest: ExportManifest; signaturePath: string | null }> {
  const sealed = await sealBundle(store, { ...input, evidence });
  return { ...sealed.manifestFile, manifest: sealed.manifest, signaturePath: sealed.signaturePath };
}

export interface SignedExportResult extends ExportEventsResult {
  manifestPath: string;
  manifest: ExportManifest;
  /** `<manifest>.sig` when the export was signed, else null. */
  signaturePath: string | null;
}

/** exportEvents plus its manifest. The export runs on the pinned scope; the manifest records both. */
export async function exportEventsSigned(store: EventStoreReader, options: ExportEventsOptions, integrity?: ManifestIntegrity, evidence?: BundleEvidence): Promise<SignedExportResult> {
  const facts = await storeFacts(store);
  const resolved = await pinScope(store, options.scope);
  const result = await exportEvents(store, { ...options, scope: resolved });
  const sealed: SealedBundle = await sealBundle(store, {
    kind: 'events',
    query: maskQuery(options.masker, { ...(options.scope as ExportQuery), format: options.format }),
    resolvedQuery: maskQuery(options.masker, resolved as ExportQuery),
    timeRange: manifestTimeRange(options.scope),
    events: { count: result.events, firstPosition: result.firstPosition, lastPosition: result.lastPosition },
    files: [{ path: result.path, bytes: result.bytes, sha256: result.sha256 }],
    integrity,
    storeFacts: facts,
    evidence: withMaskingEvidence(evidence, options.masker),
  });
  return { ...result, manifestPath: sealed.manifestPath, manifest: sealed.manifest, signaturePath: sealed.signaturePath };
}
