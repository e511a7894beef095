// Replay rows: the full fold of the long stream without snapshots, against the read floor (SELECT
// the data in version order, in keyset pages, + JSON.parse, no reducer) and against Emmett's aggregateStream with the
// same projection's evolve. Each reports a checksum of the final state so the fold results can be
// compared across contenders.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { createReplayEngine } from '../../src/main/replay/replayEngine.ts';
import { canonicalJson } from '../../src/main/store/canonicalJson.ts';
import { openStore } from '../../src/main/store/openStore.ts';
import { toAsyncReader } from '../../src/main/store/asyncReader.ts';
import type { Measurement } from './types.ts';

export interface ReplayParams {
  file: string;
  streamId: string;
}

/** Each contender first folds this many events of the same stream, untimed: JIT warm-up, as in a running app. */
export const WARM_UP_EVENTS = 2000;

export const stateChecksum = (state: unknown) => createHash('sha256').update(canonicalJson(state)).digest('hex').slice(0, 16);

export async function replayLedger(p: ReplayParams): Promise<Measurement> {
  const store = openStore(p.file);
  try {
    const engine = createReplayEngine(toAsyncReader(store), { snapshotEvery: 0 });
    await engine.replayFromStart(p.streamId, { toVersion: Math.min(WARM_UP_EVENTS, store.getStream(p.streamId)?.version ?? 0) });
    const started = performance.now();
    const result = await engine.replayFromStart(p.streamId);
    const ms = performance.now() - started;
    return { ms, units: result.eventsApplied, details: { version: result.version, warnings: result.warningCount, state: stateChecksum(result.state) } };
  } finally {
    store.close();
  }
}

/** Rows per page of the floor's keyset read (the engine reads pages of this size too). */
const FLOOR_PAGE = 2000;

/**
 * The same rows' data in version order, each JSON.parse'd, no reducer: keyset pages with `.all()`,
 * the fastest read of better-sqlite3 found here (a single `.iterate()` over the stream took ~40%
 * longer for the read, which made the floor slower than the engine's own read and its ratio
 * flattering); the export and verify floors page the same way.
 */
export function replayFloor(p: ReplayParams): Measurement {
  return timedPages(p, 'version, data', 1);
}

/**
 * Not a floor, for the record: the columns the engine's reader reads for a fold (position, version,
 * type, data, recorded time, actor: what events carry into evolve, warnings and blame), paged and
 * JSON.parse'd the same way, no event objects and no reducer: how much of the replay is this read.
 */
export function replayFoldColumns(p: ReplayParams): Measurement {
  return timedPages(p, 'version, data, position, type, recorded_at, actor', 1);
}

/** The stream's rows (`columns`, version first) in keyset pages, the column at `dataAt` JSON.parse'd; warmed up, then timed. */
function timedPages(p: ReplayParams, columns: string, dataAt: number): Measurement {
  const db = new Database(p.file, { readonly: true });
  try {
    const page = db.prepare(`SELECT ${columns} FROM events WHERE stream_id = ? AND version >= ? ORDER BY version LIMIT ${FLOOR_PAGE}`).raw(true);
    const readAll = (limit: number) => {
      let units = 0;
      for (let from = 1; units < limit; ) {
        const rows = page.all(p.streamId, from) as [number, ...unknown[]][];
        for (const row of rows) {
          JSON.parse(row[dataAt] as string);
          if (++units === limit) break;
        }
        if (rows.length < FLOOR_PAGE) break;
        from = rows[rows.length - 1][0] + 1;
      }
      return units;
    };
    readAll(WARM_UP_EVENTS);
    const started = performance.now();
    const units = readAll(Infinity);
    return { ms: performance.now() - started, units };
  } finally {
    db.close();
  }
}
