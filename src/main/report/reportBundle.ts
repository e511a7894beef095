// The report's place in the bundle: sealBundle (evidence/signing/) writes `<report>.manifest.json`
// beside it with the report's sha256 and size, the store's facts, the range and the verdict printed
// in it, and — given the evidence — signs it, links it to the store's previous signed export and
// adds the viewer's activity excerpt and case notes.
import type { ExportManifest } from '../../shared/verify.ts';
import { sealBundle, type BundleEvidence } from '../evidence/signing/sealBundle.ts';
import type { WrittenFile } from '../export/fileWriter.ts';
import type { EventStoreReader } from '../store/eventStore.ts';
import type { WrittenReport } from './writeReport.ts';

export interface SealedReport {
  file: WrittenFile;
  manifestPath: string;
  manifest: ExportManifest;
  /** `<manifest>.sig` when the bundle was signed, else null. */
  signaturePath: string | null;
}

export async function sealReport(store: EventStoreReader, report: WrittenReport, evidence?: BundleEvidence): Promise<SealedReport> {
  const { facts, totals, file } = report;
  const sealed = await sealBundle(store, {
    kind: 'report',
    query: {
      kind: 'report',
      streamId: facts.stream.streamId,
      fromVersion: facts.range.fromVersion,
      toVersion: facts.range.toVersion,
      versions: facts.states,
      projection: facts.projection?.name ?? null,
      format: 'html',
    },
    events: { count: totals.eventsListed, firstPosition: totals.firstPosition, lastPosition: totals.lastPosition },
    files: [file],
    projections: facts.projection ? [facts.projection] : [],
    integrity: facts.integrity,
    evidence,
  });
  return { file, manifestPath: sealed.manifestPath, manifest: sealed.manifest, signaturePath: sealed.signaturePath };
}
