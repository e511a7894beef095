// The report's place in the bundle: its sha256 and size go into `<report>.manifest.json` beside it,
// with the store's facts, the range and the verdict printed in it. This is the ONE function to switch
// to the signed bundle (sealBundle, evidence/signing/) when that lands: it receives what it needs.
import type { ExportManifest } from '../../shared/verify.ts';
import { buildManifest, writeManifest } from '../export/manifest.ts';
import type { WrittenFile } from '../export/fileWriter.ts';
import type { EventStoreReader } from '../store/eventStore.ts';
import type { WrittenReport } from './writeReport.ts';

export interface SealedReport {
  file: WrittenFile;
  manifestPath: string;
  manifest: ExportManifest;
}

export async function sealReport(store: EventStoreReader, report: WrittenReport): Promise<SealedReport> {
  const { facts, totals, file } = report;
  const manifest = await buildManifest(store, {
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
  });
  const written = writeManifest(manifest, file.path);
  return { file, manifestPath: written.path, manifest };
}
