// The replay row's peer: Emmett's aggregateStream over the same long stream, folding with our cart
// projection's evolve (adapted to Emmett's message shape), so both stores run the same reducer.
import { cartProjection, type CartState } from '../../src/main/replay/projections/cart.ts';
import { openEmmettStore, replayEventOf } from '../lib/emmettStore.ts';
import { WARM_UP_EVENTS, stateChecksum, type ReplayParams } from './replay.ts';
import type { Measurement } from './types.ts';

export async function replayEmmett(p: ReplayParams): Promise<Measurement> {
  const store = openEmmettStore(p.file);
  try {
    let units = 0;
    let warnings = 0;
    const evolve = (state: CartState, message: any): CartState => {
      units++;
      try {
        return cartProjection.evolve(state, replayEventOf(message));
      } catch {
        warnings++; // as our fold does: an event that cannot be applied leaves the state unchanged
        return state;
      }
    };
    // Connection, schema check and JIT warm-up happen on the first call: keep them out of the timing.
    await store.aggregateStream(p.streamId, { evolve, initialState: cartProjection.initialState, read: { to: BigInt(WARM_UP_EVENTS) } });
    units = 0;
    warnings = 0;
    const started = performance.now();
    const result = await store.aggregateStream(p.streamId, { evolve, initialState: cartProjection.initialState });
    const ms = performance.now() - started;
    return { ms, units, details: { version: Number(result.currentStreamVersion), warnings, state: stateChecksum(result.state) } };
  } finally {
    store.close();
  }
}
