// The pg rows (issue 10): the same table rows on a Marten-layout PostgreSQL store of
// `size.marten.events` events, opened through the app's own path (openStoreTarget(url)).
import path from 'node:path';
import type { MartenDatabase } from './pgDataset.ts';
import type { RowSpec } from './rows.ts';
import type { BenchSize } from './sizes.ts';

const count = (n: number) => n.toLocaleString('en-US');

/** Every pg row's id starts with this; `--only pg` selects them all. */
export const PG_ROW_PREFIX = 'pg';

/** Row ids without a database, so `--only` can be checked before a server is started. */
export const PG_ROW_IDS = ['pgListStreams', 'pgStateAt', 'pgReplay', 'pgExport', 'pgCopy'];

export function pgBenchRows(db: Pick<MartenDatabase, 'url' | 'events' | 'streams' | 'longEvents' | 'longStreamId'>, size: BenchSize, scratchDir: string): RowSpec[] {
  const { url, longStreamId: streamId } = db;
  const long = db.longEvents;
  const where = `Marten on PostgreSQL`;
  const stateAtParams = (run: number) => ({ url, streamId, streamVersion: long, samples: size.stateAtSamples, seed: `stateAt-${run}` });
  const replayParams = () => ({ url, streamId });
  return [
    {
      id: 'pgListStreams',
      operation: `${where}: listStreams first page (last activity)`,
      size: `${count(db.streams)} streams, page of 300`,
      rate: false,
      op: { label: 'listStreams', measure: 'pg.listStreams', params: () => ({ url, pageSize: 300 }) },
      baselines: [],
      targets: [{ kind: 'maxMs', value: 50 }],
    },
    {
      id: 'pgStateAt',
      operation: `${where}: stateAt, ${size.stateAtSamples} random versions, snapshots on`,
      size: `${count(long)}-event stream`,
      rate: false,
      op: { label: 'stateAt (median call)', measure: 'pg.stateAt.snapshots', params: stateAtParams },
      baselines: [{ label: 'full fold, no snapshots', measure: 'pg.stateAt.fullFold', params: stateAtParams, targets: [] }],
      targets: [{ kind: 'maxMs', value: 5 }],
    },
    {
      id: 'pgReplay',
      operation: `${where}: full replay, no snapshots`,
      size: `${count(long)}-event stream`,
      rate: true,
      op: { label: 'replayFromStart', measure: 'pg.replay', params: replayParams },
      baselines: [{ label: 'pg-cursor SELECT data + JSON.parse', measure: 'pg.replay.floor', params: replayParams, targets: [{ kind: 'maxRatio', value: 1.5 }] }],
      targets: [],
    },
    {
      id: 'pgExport',
      operation: `${where}: export whole store to NDJSON`,
      size: `${count(db.events)} ev`,
      rate: true,
      op: { label: 'exportEvents', measure: 'pg.export', params: (run) => ({ url, out: path.join(scratchDir, `pg-export-${run}.ndjson`) }) },
      baselines: [{ label: 'pg-cursor SELECT + raw write', measure: 'pg.export.floor', params: (run) => ({ url, out: path.join(scratchDir, `pg-floor-${run}.tsv`) }), targets: [] }],
      targets: [{ kind: 'minRate', value: 100_000 }],
    },
    {
      id: 'pgCopy',
      operation: `${where}: verified copy into a native SQLite store`,
      size: `${count(db.events)} ev`,
      rate: true,
      op: { label: 'copy + count check', measure: 'pg.copy', params: (run) => ({ url, out: path.join(scratchDir, `pg-copy-${run}.db`) }) },
      baselines: [],
      targets: [{ kind: 'minRate', value: 100_000 }],
      // One run copies the whole store (tens of seconds): three are enough for a median.
      maxRuns: 3,
    },
  ];
}
