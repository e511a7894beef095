// Sandbox row: the long cart stream folded by the cart projection written as a user module
// (src/main/projections/sandbox/fixtures/cart.projection.ts), in its SES worker through
// evolveChunk one chunk per message, against the very same module evaluated in this process with no
// sandbox. Both sides fold the store's replay chunks directly, read before the clock starts, so the
// ratio is of the folds alone (the stricter comparison: the read is the same on both sides and is
// measured by the replay row). The details add the whole replay through the engine
// (replayFromStart, read included), which is what a user waits for.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { moduleScript } from '../../src/main/projections/sandbox/moduleSource.ts';
import { loadSandboxedModule, moduleEventOf } from '../../src/main/projections/sandbox/sandboxedProjection.ts';
import type { Projection } from '../../src/main/replay/projection.ts';
import { createReplayEngine } from '../../src/main/replay/replayEngine.ts';
import { toAsyncReader } from '../../src/main/store/asyncReader.ts';
import type { ReplayEvent } from '../../src/main/store/eventStore.ts';
import { openStore } from '../../src/main/store/openStore.ts';
import { stateChecksum, WARM_UP_EVENTS, type ReplayParams } from './replay.ts';
import { stateAtSamplesOn, type StateAtParams } from './timeTravel.ts';
import type { Measurement } from './types.ts';

const CART_MODULE = fileURLToPath(new URL('../../src/main/projections/sandbox/fixtures/cart.projection.ts', import.meta.url));

async function readChunks(p: ReplayParams): Promise<ReplayEvent[][]> {
  const store = openStore(p.file);
  try {
    const head = store.getStream(p.streamId)?.version ?? 0;
    const chunks: ReplayEvent[][] = [];
    for await (const chunk of toAsyncReader(store).replayChunks(p.streamId, 1, head, { withMetadata: true })) chunks.push(chunk);
    return chunks;
  } finally {
    store.close();
  }
}

const count = (chunks: ReplayEvent[][]) => chunks.reduce((sum, chunk) => sum + chunk.length, 0);

async function foldSandboxed(projection: Projection, chunks: ReplayEvent[][], streamId: string, keepStates: boolean): Promise<unknown> {
  let state = projection.initialState();
  for (const chunk of chunks) {
    const outcome = await projection.evolveChunk!(state, chunk, { streamId, keepStates });
    if (outcome.failure) throw new Error(`the sandboxed fold stopped: ${outcome.failure.message}`);
    state = outcome.state;
  }
  return state;
}

/** replayFromStart through the engine with the sandboxed module: the read, the chunks, the fold. */
async function engineReplayMs(p: ReplayParams, projection: Projection): Promise<number> {
  const store = openStore(p.file);
  try {
    const engine = createReplayEngine(toAsyncReader(store), { projections: [projection], snapshotEvery: 0 });
    const started = performance.now();
    const result = await engine.replayFromStart(p.streamId, { projection: projection.name });
    if (result.interrupted) throw new Error(`the sandboxed replay stopped: ${result.interrupted.failure.message}`);
    return performance.now() - started;
  } finally {
    store.close();
  }
}

/** The module's fold in its sandbox: the final state per chunk, then (in details) every state. */
export async function sandboxFold(p: ReplayParams): Promise<Measurement> {
  const chunks = await readChunks(p);
  const loaded = await loadSandboxedModule(CART_MODULE, fs.readFileSync(CART_MODULE, 'utf8'));
  const projection = loaded.projection;
  if (!projection) throw new Error(`the cart module did not load: ${loaded.info.error?.message}`);
  try {
    await foldSandboxed(projection, [chunks.flat().slice(0, WARM_UP_EVENTS)], p.streamId, true);
    const started = performance.now();
    const state = await foldSandboxed(projection, chunks, p.streamId, false);
    const ms = performance.now() - started;
    const keptStarted = performance.now();
    const kept = await foldSandboxed(projection, chunks, p.streamId, true);
    const keepStatesMs = performance.now() - keptStarted;
    const engineMs = await engineReplayMs(p, projection);
    return {
      ms,
      units: count(chunks),
      details: { state: stateChecksum(state), keepStatesMs: Math.round(keepStatesMs), keepStatesState: stateChecksum(kept), engineReplayMs: Math.round(engineMs), chunks: chunks.length },
    };
  } finally {
    await projection.dispose?.();
  }
}

/**
 * The stateAt row with the cart as a sandboxed module: random versions on a fresh engine with
 * snapshots on, the first call building them (blame included, every state kept), the rest starting
 * from the nearest snapshot.
 */
export async function sandboxStateAt(p: StateAtParams): Promise<Measurement> {
  const loaded = await loadSandboxedModule(CART_MODULE, fs.readFileSync(CART_MODULE, 'utf8'));
  const projection = loaded.projection;
  if (!projection) throw new Error(`the cart module did not load: ${loaded.info.error?.message}`);
  const store = openStore(p.file);
  try {
    return await stateAtSamplesOn(toAsyncReader(store), p, { projections: [projection], projection: projection.name });
  } finally {
    store.close();
    await projection.dispose?.();
  }
}

/** The same module run in this process, unsandboxed (bench only: never how the app runs a user's file). */
export async function inProcessFold(p: ReplayParams): Promise<Measurement> {
  const chunks = await readChunks(p);
  const script = await moduleScript('cart.projection.ts', fs.readFileSync(CART_MODULE, 'utf8'));
  if (!script.ok) throw new Error(script.error.message);
  const exports: { default?: { initialState(): unknown; evolve(state: unknown, event: unknown): unknown } } = {};
  (new Script(script.value.script).runInThisContext() as () => void).call(exports);
  const cart = exports.default!;
  const fold = (list: ReplayEvent[][]) => {
    let state = cart.initialState();
    for (const chunk of list) for (const event of chunk) state = cart.evolve(state, moduleEventOf(event, p.streamId));
    return state;
  };
  fold([chunks.flat().slice(0, WARM_UP_EVENTS)]);
  const started = performance.now();
  const state = fold(chunks);
  return { ms: performance.now() - started, units: count(chunks), details: { state: stateChecksum(state), chunks: chunks.length } };
}
