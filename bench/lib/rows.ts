// The table, row by row: what is measured, against which baseline, with which target.
import path from 'node:path';
import type { Dataset } from './dataset.ts';
import type { Target } from './targets.ts';
import { pythonUnavailable } from '../measures/import.ts';

export interface Contender {
  label: string;
  measure: string;
  /** Parameters of run `run` (0-based). */
  params: (run: number) => unknown;
}

export interface Baseline extends Contender {
  /** Targets on op time / this baseline's time. */
  targets: Target[];
}

export interface RowSpec {
  id: string;
  operation: string;
  size: string;
  /** Rows with units (events) are also shown as a rate. */
  rate: boolean;
  op: Contender;
  baselines: Baseline[];
  /** Targets on the operation's own figures (time, rate, memory). */
  targets: Target[];
  /** At most this many runs, whatever --runs says (rows whose one run takes a minute). */
  maxRuns?: number;
  /** Files a row writes across its runs, removed before the first run. */
  scratch?: string[];
  /** Why this row cannot run here (it is then left out, and the reason printed). */
  skip?: string;
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * Issue 13's "a 10M-event store that still answers at once", through the app's handlers
 * (bench/measures/timeline.ts). The hour cache is counted once per dataset into a cache folder
 * beside it (bench/.data/cache-<size>), as the app counts it once into its cache folder.
 */
function timelineRows(dataset: Dataset, scratchDir: string): RowSpec[] {
  const { size, ledgerFile: file, longStreamId } = dataset;
  const total = dataset.totalEvents;
  const cacheDir = path.join(path.dirname(file), `cache-${size.name}`);
  const app = { file, cacheDir };
  const page = (filter: string, withoutCache = false) => () => ({ ...app, filter, pageSize: 300, withoutCache });
  const noFilter: Baseline = { label: 'the same page, no filter', measure: 'timeline.firstPage', params: page('none'), targets: [] };
  // Not a floor: a page from a time read without the zone map (how it was before), for the record.
  const before = (filter: string): Baseline[] =>
    filter.includes('ime') ? [{ label: 'the same page without the hour cache (before)', measure: 'timeline.firstPage', params: page(filter, true), targets: [] }] : [];
  const pageRow = (filter: string, what: string): RowSpec => ({
    id: `timelinePage-${filter}`,
    operation: `timeline first page, filtered by ${what} (hour cache on disk)`,
    size: `${count(total)} ev, page of 300`,
    rate: false,
    op: { label: `events/list ${filter}`, measure: 'timeline.firstPage', params: page(filter) },
    baselines: [noFilter, ...before(filter)],
    targets: [{ kind: 'maxMs', value: 50 }],
  });
  return [
    {
      id: 'timelineOpen',
      operation: 'open the store in the app (session: checks, reader, stats)',
      size: `${count(total)} ev`,
      rate: false,
      op: { label: 'session.open', measure: 'timeline.open', params: () => app },
      baselines: [],
      targets: [{ kind: 'maxMs', value: 200 }],
    },
    {
      id: 'hourCacheBuild',
      operation: 'hour cache: the first count of the whole store by type and hour (once, on the read worker)',
      size: `${count(total)} ev`,
      rate: true,
      op: { label: 'hour cache refresh', measure: 'timeline.buildHourCache', params: () => ({ ...app, events: total }) },
      baselines: [],
      targets: [],
      maxRuns: 1,
    },
    {
      // The hour cache's first count is the long read a v1 or foreign store's timeline now runs beside the UI.
      id: 'pagesBesideHourCount',
      operation: 'streams page p99 latency while the hour cache makes its first count of the store (read worker)',
      size: `${count(total)} ev, a page of 300 due every 25 ms`,
      rate: false,
      op: { label: 'pages beside the hour count', measure: 'timeline.pagesBesideHourCount', params: () => ({ ...app, beside: 'count', intervalMs: 25, floorPages: 40 }) },
      baselines: [{ label: 'the same pages, nothing beside', measure: 'timeline.pagesBesideHourCount', params: () => ({ ...app, beside: 'none', intervalMs: 25, floorPages: 40 }), targets: [] }],
      targets: [{ kind: 'maxMs', value: 100 }],
      maxRuns: 2,
    },
    {
      id: 'histogramWhole',
      operation: 'whole-store histogram, 120 slices, as the timeline asks (hour cache on disk)',
      size: `${count(total)} ev`,
      rate: false,
      op: { label: 'events/histogram (hour cache)', measure: 'timeline.histogram', params: () => ({ ...app, mode: 'cache' }) },
      // Not a floor: the scan of every event the histogram was before, for the record.
      baselines: [{ label: 'events/histogram scanning every event (before)', measure: 'timeline.histogram', params: () => ({ ...app, mode: 'scan' }), targets: [] }],
      targets: [{ kind: 'maxMs', value: 500 }],
      maxRuns: 3,
    },
    pageRow('type', 'type'),
    pageRow('actor', 'actor'),
    pageRow('time', 'time (from a time)'),
    pageRow('typeAndTime', 'type and time'),
    pageRow('actorAndTime', 'actor and time'),
    {
      id: 'timelineScroll',
      operation: 'timeline pages from random positions and the page after each (p99)',
      size: `${count(total)} ev, 25 positions, pages of 300`,
      rate: false,
      op: { label: 'events/list from a position', measure: 'timeline.scroll', params: (run) => ({ ...app, filter: 'none', pageSize: 300, samples: 25, seed: 11 + run }) },
      baselines: [],
      targets: [{ kind: 'maxMs', value: 50 }],
    },
    {
      id: 'timelineScrollType',
      operation: 'the same, filtered by type (p99)',
      size: `${count(total)} ev, 25 positions, pages of 300`,
      rate: false,
      op: { label: 'events/list type from a position', measure: 'timeline.scroll', params: (run) => ({ ...app, filter: 'type', pageSize: 300, samples: 25, seed: 11 + run }) },
      baselines: [],
      targets: [{ kind: 'maxMs', value: 50 }],
    },
    {
      // Issue 13: "a bench row: p99 latency of a streams page while a histogram, verify and export run".
      id: 'pagesBesideJobs',
      operation: 'streams page p99 latency while a whole-store histogram (scan), a verify and an export run',
      size: `${count(total)} ev, a page of 300 due every 25 ms`,
      rate: false,
      op: {
        label: 'pages beside histogram + verify + export',
        measure: 'browse.pagesBesideHistogram',
        params: () => ({ file, pageSize: 300, beside: 'worker', intervalMs: 25, floorPages: 40, withJobsOut: path.join(scratchDir, 'beside-export.ndjson') }),
      },
      baselines: [{ label: 'the same pages, nothing beside', measure: 'browse.pagesBesideHistogram', params: () => ({ file, pageSize: 300, beside: 'none', intervalMs: 25, floorPages: 40 }), targets: [] }],
      targets: [{ kind: 'maxMs', value: 100 }],
      maxRuns: 2,
      scratch: [path.join(scratchDir, 'beside-export.ndjson')],
    },
    {
      // The export alone beside the pages (the row above runs verify too), so its share shows by itself.
      id: 'pagesBesideExport',
      operation: 'streams page p99 latency while an export of the whole store runs (and the histogram, on the read worker)',
      size: `${count(total)} ev, a page of 300 due every 25 ms`,
      rate: false,
      op: {
        label: 'pages beside export',
        measure: 'browse.pagesBesideHistogram',
        params: () => ({ file, pageSize: 300, beside: 'worker', intervalMs: 25, floorPages: 40, withJobsOut: path.join(scratchDir, 'beside-export-only.ndjson'), jobs: ['export'] }),
      },
      baselines: [{ label: 'the same pages, nothing beside', measure: 'browse.pagesBesideHistogram', params: () => ({ file, pageSize: 300, beside: 'none', intervalMs: 25, floorPages: 40 }), targets: [] }],
      targets: [{ kind: 'maxMs', value: 100 }],
      maxRuns: 2,
      scratch: [path.join(scratchDir, 'beside-export-only.ndjson')],
    },
    {
      // pagesBesideJobs with the verify alone beside the histogram (no export): verify's share of that p99.
      id: 'pagesBesideVerify',
      operation: 'streams page p99 latency while a whole-store histogram (scan) and a verify run',
      size: `${count(total)} ev, a page of 300 due every 25 ms`,
      rate: false,
      op: {
        label: 'pages beside histogram + verify',
        measure: 'browse.pagesBesideHistogram',
        params: () => ({ file, pageSize: 300, beside: 'worker', intervalMs: 25, floorPages: 40, withJobsOut: path.join(scratchDir, 'beside-verify.ndjson'), jobs: ['verify'] }),
      },
      baselines: [{ label: 'the same pages, nothing beside', measure: 'browse.pagesBesideHistogram', params: () => ({ file, pageSize: 300, beside: 'none', intervalMs: 25, floorPages: 40 }), targets: [] }],
      targets: [{ kind: 'maxMs', value: 100 }],
      maxRuns: 2,
      scratch: [path.join(scratchDir, 'beside-verify.ndjson')],
    },
    {
      id: 'browseRss',
      operation: 'a browsing session (histogram, filtered pages, 50 random pages, streams, the long stream): peak RSS',
      size: `${count(total)} ev`,
      rate: false,
      op: { label: 'browse session', measure: 'timeline.browseSession', params: () => ({ ...app, longStreamId }) },
      baselines: [],
      targets: [{ kind: 'maxRssMb', value: 600 }],
    },
  ];
}

export function benchRows(dataset: Dataset, runs: number, scratchDir: string): RowSpec[] {
  const { size, ledgerFile: file, emmettFile, longStreamId: streamId } = dataset;
  const total = dataset.totalEvents;
  const long = size.longEvents;

  // Append: the runs are consecutive slices of the first `appendEvents` events into one file each.
  const appendEvents = Math.min(size.appendEvents, total);
  const slice = Math.floor(appendEvents / runs);
  const appendTargets = { ledger: path.join(scratchDir, 'append-ledger.db'), raw: path.join(scratchDir, 'append-raw.db'), emmett: path.join(scratchDir, 'append-emmett.db') };
  const appendParams = (target: string) => (run: number) => ({ source: file, target, fromPosition: 1 + run * slice, count: slice, batch: size.appendBatch });

  // Import: the dataset's first `importEvents` events as an NDJSON file (written once, cached beside
  // the dataset), imported into a new store by `ledger import` and by a naive Python script.
  const importCount = Math.min(size.importEvents, total);
  const importInput = path.join(path.dirname(file), `import-${path.basename(file, '.db')}-${importCount}.ndjson`);
  const importParams = (out: string) => () => ({ source: file, input: importInput, events: importCount, out: path.join(scratchDir, out) });

  const replayParams = () => ({ file, streamId });
  const stateAtParams = (run: number) => ({ file, streamId, streamVersion: long, samples: size.stateAtSamples, seed: `stateAt-${run}` });
  const diffFrom = Math.max(1, Math.round(long * size.diffFrom));
  const diffTo = Math.round(long * size.diffTo);
  const diffParams = (warm: boolean) => () => ({ file, streamId, from: diffFrom, to: diffTo, warm, streamVersion: long });

  return [
    {
      id: 'append',
      operation: 'append in batches, with hash chain',
      size: `${count(slice * runs)} ev, ${runs} slices, batches of ${count(size.appendBatch)}`,
      rate: true,
      op: { label: 'ledger appendMany', measure: 'append.ledger', params: appendParams(appendTargets.ledger) },
      baselines: [
        { label: 'raw INSERT, no hash', measure: 'append.raw', params: appendParams(appendTargets.raw), targets: [{ kind: 'maxRatio', value: 2.5 }] },
        { label: 'Emmett appendToStream', measure: 'append.emmett', params: appendParams(appendTargets.emmett), targets: [{ kind: 'maxRatio', value: 0.25 }] },
      ],
      targets: [{ kind: 'minRate', value: 200_000 }],
      scratch: Object.values(appendTargets).flatMap((f) => [f, `${f}-wal`, `${f}-shm`]),
    },
    {
      id: 'import',
      operation: 'import an NDJSON file into a new store (hash chain, every index, summaries)',
      size: `${count(importCount)} ev`,
      rate: true,
      op: { label: 'ledger import (importEvents)', measure: 'import.ledger', params: importParams('import-ledger.db') },
      baselines: [
        {
          label: 'naive Python (json, hashlib, sqlite3)',
          measure: 'import.python',
          params: importParams('import-python.db'),
          targets: [{ kind: 'maxRatio', value: 1 / 3 }],
        },
      ],
      targets: [
        { kind: 'minRate', value: 200_000 },
        { kind: 'maxRssMb', value: 300 },
      ],
      skip: pythonUnavailable() ?? undefined,
    },
    {
      // The UI beside an import: the import row's file imported while the streams screen asks for pages.
      id: 'pagesBesideImport',
      operation: 'streams page p99 latency while an NDJSON file is imported into a new store',
      size: `${count(importCount)} ev imported, a page of 300 due every 25 ms`,
      rate: false,
      op: {
        label: "pages beside the import on its own thread",
        measure: 'browse.pagesBesideImport',
        params: () => ({ file, pageSize: 300, intervalMs: 25, on: 'thread', importing: importParams('beside-import.db')() }),
      },
      baselines: [
        {
          label: 'beside the import on the same thread (before)',
          measure: 'browse.pagesBesideImport',
          params: () => ({ file, pageSize: 300, intervalMs: 25, on: 'here', importing: importParams('beside-import-here.db')() }),
          targets: [],
        },
      ],
      targets: [{ kind: 'maxMs', value: 100 }],
      maxRuns: 2,
    },
    {
      id: 'listStreams',
      operation: 'listStreams first page (last activity)',
      size: `${count(size.streams + 1)} streams, page of 300`,
      rate: false,
      op: { label: 'listStreams', measure: 'browse.listStreams', params: () => ({ file, pageSize: 300 }) },
      baselines: [],
      targets: [{ kind: 'maxMs', value: 20 }],
    },
    {
      // Issue 13: "no answer to the UI delayed more than 100 ms by a long job running beside it".
      id: 'pagesBesideHistogram',
      operation: 'streams page p99 latency while a whole-store histogram runs (read worker)',
      size: `${count(total)} ev, a page of 300 due every 25 ms`,
      rate: false,
      op: { label: 'pages beside histogram (worker)', measure: 'browse.pagesBesideHistogram', params: () => ({ file, pageSize: 300, beside: 'worker', intervalMs: 25, floorPages: 40 }) },
      baselines: [
        { label: 'the same pages, nothing beside', measure: 'browse.pagesBesideHistogram', params: () => ({ file, pageSize: 300, beside: 'none', intervalMs: 25, floorPages: 40 }), targets: [] },
        // Not a floor: how it was before read workers (the histogram on the thread that answers), for the record.
        { label: 'histogram inline (before read workers)', measure: 'browse.pagesBesideHistogram', params: () => ({ file, pageSize: 300, beside: 'inline', intervalMs: 25, floorPages: 40 }), targets: [] },
      ],
      targets: [{ kind: 'maxMs', value: 100 }],
    },
    ...timelineRows(dataset, scratchDir),
    {
      id: 'stateAt',
      operation: `stateAt, ${size.stateAtSamples} random versions, snapshots on`,
      size: `${count(long)}-event stream`,
      rate: false,
      op: { label: 'stateAt (median call)', measure: 'stateAt.snapshots', params: stateAtParams },
      baselines: [{ label: 'full fold, no snapshots', measure: 'stateAt.fullFold', params: stateAtParams, targets: [] }],
      targets: [{ kind: 'maxMs', value: 5 }],
    },
    {
      id: 'replay',
      operation: 'full replay, no snapshots',
      size: `${count(long)}-event stream`,
      rate: true,
      op: { label: 'replayFromStart', measure: 'replay.ledger', params: replayParams },
      baselines: [
        { label: 'SELECT data + JSON.parse', measure: 'replay.floor', params: replayParams, targets: [{ kind: 'maxRatio', value: 1.3 }] },
        // Not a floor, for the record: the same read of every column a fold's events carry.
        { label: "SELECT the fold's columns + JSON.parse", measure: 'replay.foldColumns', params: replayParams, targets: [] },
        { label: 'Emmett aggregateStream', measure: 'replay.emmett', params: () => ({ file: emmettFile, streamId }), targets: [{ kind: 'maxRatio', value: 0.2 }] },
      ],
      targets: [],
    },
    {
      id: 'sandbox',
      operation: 'sandboxed fold: the cart projection as a user module, a chunk per message',
      size: `${count(long)}-event stream`,
      rate: true,
      // Both fold the store's replay chunks, read before the clock starts: the fold alone, sandbox
      // (SES worker, events and states cloned across, states checked and frozen) vs none.
      op: { label: 'SES worker evolveChunk', measure: 'sandbox.fold', params: replayParams },
      baselines: [{ label: 'same module in process', measure: 'sandbox.inProcess', params: replayParams, targets: [{ kind: 'maxRatio', value: 3 }] }],
      targets: [],
    },
    {
      id: 'sandboxStateAt',
      operation: `stateAt, ${size.stateAtSamples} random versions, snapshots on, the cart as a sandboxed module`,
      size: `${count(long)}-event stream`,
      rate: false,
      op: { label: 'stateAt (median call)', measure: 'sandbox.stateAt', params: stateAtParams },
      baselines: [{ label: 'the built-in cart, same calls', measure: 'stateAt.snapshots', params: stateAtParams, targets: [] }],
      targets: [{ kind: 'maxMs', value: 5 }],
    },
    {
      id: 'diff',
      operation: `diff v${count(diffFrom)} → v${count(diffTo)}, fresh engine`,
      size: `${count(long)}-event stream`,
      rate: false,
      op: { label: 'diff (cold)', measure: 'diff', params: diffParams(false) },
      baselines: [],
      targets: [{ kind: 'maxMs', value: 150 }],
    },
    {
      id: 'diffWarm',
      operation: `diff v${count(diffFrom)} → v${count(diffTo)}, after viewing the head`,
      size: `${count(long)}-event stream`,
      rate: false,
      op: { label: 'diff (snapshots)', measure: 'diff', params: diffParams(true) },
      baselines: [],
      targets: [{ kind: 'maxMs', value: 100 }],
    },
    {
      id: 'export',
      operation: 'export whole store to NDJSON',
      size: `${count(total)} ev`,
      rate: true,
      op: { label: 'exportEvents', measure: 'export.ledger', params: (run) => ({ file, out: path.join(scratchDir, `export-${run}.ndjson`) }) },
      baselines: [
        { label: 'SELECT + raw write', measure: 'export.floor', params: (run) => ({ file, out: path.join(scratchDir, `floor-${run}.tsv`) }), targets: [{ kind: 'maxRatio', value: 1.3 }] },
        // Not a floor: the same export on the calling thread (as before the export worker), for the record.
        { label: 'exportEvents on the calling thread (before)', measure: 'export.ledger', params: (run) => ({ file, out: path.join(scratchDir, `export-here-${run}.ndjson`), thread: 'here' }), targets: [] },
      ],
      targets: [
        { kind: 'minRate', value: 300_000 },
        { kind: 'maxRssMb', value: 300 },
      ],
    },
    {
      id: 'verify',
      operation: 'full hash-chain verification',
      size: `${count(total)} ev`,
      rate: true,
      // verify(): hashes and links, stream versions, summaries, ledger head; not integrity_check.
      op: { label: 'verify()', measure: 'verify.ledger', params: () => ({ file, events: total }) },
      baselines: [{ label: 'sha256 loop (node:crypto)', measure: 'verify.floor', params: () => ({ file }), targets: [{ kind: 'maxRatio', value: 1.5 }] }],
      targets: [],
    },
    {
      id: 'verifyFull',
      operation: 'verify() + SQLite integrity_check',
      size: `${count(total)} ev`,
      rate: true,
      op: { label: 'verify()', measure: 'verify.ledger', params: () => ({ file, events: total, integrityCheck: true }) },
      baselines: [],
      targets: [],
    },
    {
      id: 'stats',
      operation: 'open file + stats',
      size: `${count(total)} ev`,
      rate: false,
      op: { label: 'openStore + stats', measure: 'browse.stats', params: () => ({ file, pageSize: 300 }) },
      baselines: [],
      targets: [{ kind: 'maxMs', value: 200 }],
    },
    {
      id: 'search-selective',
      operation: 'search: selective free text (1 hit)',
      size: `${count(total)} ev`,
      rate: false,
      op: { label: 'searchStore', measure: 'search.ledger', params: () => ({ file, kind: 'selective' }) },
      // The scan reads data and metadata (and ids, types); the floor reads data only.
      baselines: [{ label: 'SELECT count(*) WHERE data LIKE ?', measure: 'search.floor', params: () => ({ file, kind: 'selective' }), targets: [{ kind: 'maxRatio', value: 1.5 }] }],
      targets: [{ kind: 'maxMs', value: 50 }],
    },
    {
      id: 'search-structured',
      operation: 'search: type:… data.total>…',
      size: `${count(total)} ev`,
      rate: false,
      op: { label: 'searchStore', measure: 'search.ledger', params: () => ({ file, kind: 'structured' }) },
      baselines: [],
      targets: [{ kind: 'maxMs', value: 50 }],
    },
    {
      id: 'search-facets',
      operation: 'search: facets of a broad query',
      size: `${count(total)} ev`,
      rate: false,
      op: { label: 'searchStore + facets', measure: 'search.ledger', params: () => ({ file, kind: 'facets' }) },
      baselines: [],
      targets: [{ kind: 'maxMs', value: 300 }],
    },
  ];
}
