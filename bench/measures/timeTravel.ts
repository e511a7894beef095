// stateAt and diff on the long stream, through the replay engine as the app uses it.
import { createRng } from '../../src/main/demo/prng.ts';
import { createReplayEngine } from '../../src/main/replay/replayEngine.ts';
import { openStore } from '../../src/main/store/openStore.ts';
import { toAsyncReader } from '../../src/main/store/asyncReader.ts';
import type { EventStoreReader } from '../../src/main/store/eventStore.ts';
import type { Projection } from '../../src/main/replay/projection.ts';
import { median, percentile } from '../lib/stats.ts';
import type { Measurement } from './types.ts';

export interface StateAtParams {
  file: string;
  streamId: string;
  streamVersion: number;
  samples: number;
  seed: string;
}

/**
 * stateAt at `samples` random versions with snapshots on (the default policy), starting from a
 * fresh engine: the first calls build the snapshots, later ones start from the nearest. The row's
 * value is the median call; the first call and the tail are reported beside it.
 */
export async function stateAtSnapshots(p: StateAtParams): Promise<Measurement> {
  const store = openStore(p.file);
  try {
    return await stateAtSamplesOn(toAsyncReader(store), p);
  } finally {
    store.close();
  }
}

/** The stateAt row's work on any reader (the pg rows run it on a PostgreSQL store). */
export async function stateAtSamplesOn(
  reader: EventStoreReader,
  p: Omit<StateAtParams, 'file'>,
  using: { projections?: readonly Projection<any>[]; projection?: string } = {},
): Promise<Measurement> {
  const engine = createReplayEngine(reader, using.projections ? { projections: using.projections } : {});
  const rng = createRng(p.seed);
  const calls: number[] = [];
  for (let i = 0; i < p.samples; i++) {
    const version = rng.int(1, p.streamVersion);
    const started = performance.now();
    await engine.stateAt(p.streamId, { version }, using.projection ? { projection: using.projection } : {});
    calls.push(performance.now() - started);
  }
  return {
    ms: median(calls),
    details: {
      firstCallMs: calls[0],
      p95Ms: percentile(calls, 0.95),
      maxMs: Math.max(...calls),
      totalMs: calls.reduce((a, b) => a + b, 0),
      snapshots: engine.cache.size().snapshots,
    },
  };
}

/** The baseline: one full fold to the stream's head with snapshots off. */
export async function stateAtFullFold(p: StateAtParams): Promise<Measurement> {
  const store = openStore(p.file);
  try {
    return await fullFoldOn(toAsyncReader(store), p);
  } finally {
    store.close();
  }
}

export async function fullFoldOn(reader: EventStoreReader, p: Omit<StateAtParams, 'file'>): Promise<Measurement> {
  const engine = createReplayEngine(reader, { snapshotEvery: 0 });
  const started = performance.now();
  const result = await engine.stateAt(p.streamId, { version: p.streamVersion });
  return { ms: performance.now() - started, units: result.eventsApplied };
}

export interface DiffParams {
  file: string;
  streamId: string;
  from: number;
  to: number;
  /** Warm: the stream's state at its head was shown first (snapshots exist); cold: a fresh engine. */
  warm: boolean;
  streamVersion: number;
}

export async function diffVersions(p: DiffParams): Promise<Measurement> {
  const store = openStore(p.file);
  try {
    const engine = createReplayEngine(toAsyncReader(store));
    let warmUpMs: number | undefined;
    if (p.warm) {
      const started = performance.now();
      await engine.stateAt(p.streamId, { version: p.streamVersion });
      warmUpMs = performance.now() - started;
    }
    const started = performance.now();
    const result = await engine.diff(p.streamId, p.from, p.to);
    const ms = performance.now() - started;
    return { ms, details: { changes: result.totalChanges, attributed: result.changes.filter((c) => c.event !== null).length, warmUpMs } };
  } finally {
    store.close();
  }
}
