// Replay rows: the full fold of the long stream without snapshots, against the read floor (SELECT
// the data in version order + JSON.parse, no reducer) and against Emmett's aggregateStream with the
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

export function replayFloor(p: ReplayParams): Measurement {
  const db = new Database(p.file, { readonly: true });
  try {
    const select = db.prepare('SELECT data FROM events WHERE stream_id = ? ORDER BY version').pluck();
    let warmed = 0;
    for (const data of select.iterate(p.streamId)) {
      JSON.parse(data as string);
      if (++warmed === WARM_UP_EVENTS) break;
    }
    const started = performance.now();
    let units = 0;
    for (const data of select.iterate(p.streamId)) {
      JSON.parse(data as string);
      units++;
    }
    return { ms: performance.now() - started, units };
  } finally {
    db.close();
  }
}
