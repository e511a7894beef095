// A state or a diff exported with its manifest: the one path the app's export job and `ledger
// export --state|--diff` share. The manifest names the projection that made the numbers, with its
// file and content hash when it is the team's own, and says when that projection was interrupted.
import type { ManifestIntegrity } from '../../shared/verify.ts';
import type { ProjectionInfo } from '../../shared/replay.ts';
import type { ReplayEngine } from '../replay/replayEngine.ts';
import type { EventStoreReader } from '../store/eventStore.ts';
import { signExport, withMaskingEvidence } from './manifest.ts';
import type { BundleEvidence } from '../evidence/signing/sealBundle.ts';
import type { WrittenFile } from './fileWriter.ts';
import { exportDiffHtml, exportDiffJson, exportState } from './reports.ts';
import type { Masker } from '../masking/masker.ts';
import { maskDiffResult, maskStateResult } from '../masking/resultMasking.ts';

const manifestProjection = (projection: ProjectionInfo) => ({
  name: projection.name,
  version: projection.version,
  ...(projection.origin && projection.origin.kind !== 'built-in' ? { origin: projection.origin } : {}),
});

export interface StateExportRequest {
  streamId: string;
  version: number;
  projection?: string;
  includeSkipped?: boolean;
  out: string;
  /** Masking (masking/): the state written is the masked one. */
  masker?: Masker;
}

export async function exportStateSigned(store: EventStoreReader, engine: ReplayEngine, request: StateExportRequest, integrity: ManifestIntegrity, evidence?: BundleEvidence) {
  const replayed = await engine.stateAt(request.streamId, { version: request.version }, { projection: request.projection, includeSkipped: request.includeSkipped });
  const state = request.masker ? maskStateResult(request.masker, replayed) : replayed;
  const file: WrittenFile = exportState(state, request.out);
  const manifest = await signExport(store, {
    kind: 'state',
    query: { kind: 'state', streamId: state.streamId, version: state.version, projection: state.projection.name },
    events: { count: state.version, firstPosition: null, lastPosition: null },
    files: [file],
    projections: [manifestProjection(state.projection)],
    integrity,
  }, withMaskingEvidence(evidence, request.masker));
  return { file, manifest, state };
}

export interface DiffExportRequest {
  streamId: string;
  from: number;
  to: number;
  projection?: string;
  includeSkipped?: boolean;
  format: 'json' | 'html';
  out: string;
  /** Masking (masking/): the diff written (JSON or HTML) is the masked one. */
  masker?: Masker;
}

export async function exportDiffSigned(store: EventStoreReader, engine: ReplayEngine, request: DiffExportRequest, integrity: ManifestIntegrity, evidence?: BundleEvidence) {
  const replayed = await engine.diff(request.streamId, request.from, request.to, { projection: request.projection, maxChanges: 100_000, includeSkipped: request.includeSkipped });
  const diff = request.masker ? maskDiffResult(request.masker, replayed) : replayed;
  const file = request.format === 'html' ? exportDiffHtml(diff, request.out) : exportDiffJson(diff, request.out);
  const manifest = await signExport(store, {
    kind: 'diff',
    query: { kind: 'diff', streamId: diff.streamId, fromVersion: diff.from.version, toVersion: diff.to.version, projection: diff.projection.name, format: request.format },
    events: { count: diff.eventCount, firstPosition: null, lastPosition: null },
    files: [file],
    projections: [manifestProjection(diff.projection)],
    integrity,
  }, withMaskingEvidence(evidence, request.masker));
  return { file, manifest, diff };
}
