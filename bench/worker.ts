// One measurement in its own process, so its peak RSS is its own and one row's memory never
// pollutes another's: `node bench/worker.ts '{"measure": "...", "params": {...}}'`. Prints one
// result line (RESULT_PREFIX + JSON) on stdout.
import { RESULT_PREFIX } from './lib/child.ts';
import type { Measure } from './measures/types.ts';

// Loaded on demand: a measure's process holds only its own modules (Emmett and sqlite3 only
// where the peer runs), so peak RSS figures compare like with like.
const MEASURES: Record<string, () => Promise<Measure>> = {
  'dataset.ledger': async () => (await import('./measures/datasets.ts')).buildLedgerDataset,
  'dataset.emmett': async () => (await import('./measures/datasets.ts')).buildEmmettDataset,
  'append.ledger': async () => (await import('./measures/append.ts')).appendLedger,
  'append.raw': async () => (await import('./measures/append.ts')).appendRaw,
  'append.emmett': async () => (await import('./measures/appendEmmett.ts')).appendEmmett,
  'import.ledger': async () => (await import('./measures/import.ts')).importLedger,
  'import.python': async () => (await import('./measures/import.ts')).importPython,
  'browse.stats': async () => (await import('./measures/browse.ts')).openAndStats,
  'browse.listStreams': async () => (await import('./measures/browse.ts')).firstStreamsPage,
  'browse.pagesBesideHistogram': async () => (await import('./measures/browse.ts')).pagesBesideHistogram,
  'browse.pagesBesideImport': async () => (await import('./measures/browse.ts')).pagesBesideImport,
  'timeline.open': async () => (await import('./measures/timeline.ts')).openSession,
  'timeline.buildHourCache': async () => (await import('./measures/timeline.ts')).buildHourCache,
  'timeline.pagesBesideHourCount': async () => (await import('./measures/timeline.ts')).pagesBesideHourCount,
  'timeline.histogram': async () => (await import('./measures/timeline.ts')).wholeHistogram,
  'timeline.firstPage': async () => (await import('./measures/timeline.ts')).firstTimelinePage,
  'timeline.scroll': async () => (await import('./measures/timeline.ts')).scrollTimeline,
  'timeline.browseSession': async () => (await import('./measures/timeline.ts')).browseSession,
  'stateAt.snapshots': async () => (await import('./measures/timeTravel.ts')).stateAtSnapshots,
  'stateAt.fullFold': async () => (await import('./measures/timeTravel.ts')).stateAtFullFold,
  'replay.ledger': async () => (await import('./measures/replay.ts')).replayLedger,
  'replay.floor': async () => (await import('./measures/replay.ts')).replayFloor,
  'replay.foldColumns': async () => (await import('./measures/replay.ts')).replayFoldColumns,
  'replay.emmett': async () => (await import('./measures/replayEmmett.ts')).replayEmmett,
  'sandbox.fold': async () => (await import('./measures/sandbox.ts')).sandboxFold,
  'sandbox.inProcess': async () => (await import('./measures/sandbox.ts')).inProcessFold,
  'sandbox.stateAt': async () => (await import('./measures/sandbox.ts')).sandboxStateAt,
  diff: async () => (await import('./measures/timeTravel.ts')).diffVersions,
  'export.ledger': async () => (await import('./measures/exports.ts')).exportLedger,
  'export.floor': async () => (await import('./measures/exports.ts')).exportFloor,
  'verify.ledger': async () => (await import('./measures/integrity.ts')).verifyLedger,
  'verify.floor': async () => (await import('./measures/integrity.ts')).verifyFloor,
  'dataset.marten': async () => (await import('./measures/postgres.ts')).buildMartenDataset,
  'pg.listStreams': async () => (await import('./measures/postgres.ts')).pgFirstStreamsPage,
  'pg.stateAt.snapshots': async () => (await import('./measures/postgres.ts')).pgStateAtSnapshots,
  'pg.stateAt.fullFold': async () => (await import('./measures/postgres.ts')).pgStateAtFullFold,
  'pg.replay': async () => (await import('./measures/postgres.ts')).pgReplay,
  'pg.replay.floor': async () => (await import('./measures/postgres.ts')).pgReplayFloor,
  'pg.export': async () => (await import('./measures/postgres.ts')).pgExport,
  'pg.export.floor': async () => (await import('./measures/postgres.ts')).pgExportFloor,
  'pg.copy': async () => (await import('./measures/pgCopy.ts')).pgVerifiedCopy,
  'search.ledger': async () => (await import('./measures/search.ts')).searchLedger,
  'search.floor': async () => (await import('./measures/search.ts')).searchFloor,
  'compileCache.warm': async () => (await import('./lib/warmCompileCache.ts')).warmCompileCache,
};

export const MEASURE_NAMES = Object.keys(MEASURES);

async function main(): Promise<void> {
  const task = JSON.parse(process.argv[2] ?? '{}') as { measure: string; params: unknown };
  const load = MEASURES[task.measure];
  if (!load) throw new Error(`Unknown measure '${task.measure}'. Known: ${MEASURE_NAMES.join(', ')}`);
  const measure = await load();
  const result = await measure(task.params);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify({ ...result, peakRssMb })}\n`);
}

if (import.meta.main) {
  main().then(
    // Emmett's sqlite3 handles may keep the loop alive after close; the result is out, so leave.
    () => process.exit(0),
    (error) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
