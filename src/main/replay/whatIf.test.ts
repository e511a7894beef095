import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../demo/prng.ts';
import { CHUNK } from '../store/asyncReader.ts';
import { toAsyncReader } from '../store/asyncReader.ts';
import type { EventStore, EventStoreReader, ReplayEvent } from '../store/eventStore.ts';
import { tempStore } from '../testing/tempFiles.ts';
import type { ChunkOutcome, Projection } from './projection.ts';
import type { CartState } from './projections/cart.ts';
import { BUILT_IN_PROJECTIONS, cartProjection } from './projections/index.ts';
import { applyEvent } from './applyEvent.ts';
import { createReplayEngine } from './replayEngine.ts';
import { whatIf } from './whatIf.ts';
import { cartStory } from '../testing/cartStory.ts';

const T0 = Date.parse('2026-03-01T10:00:00Z');
const MIN = 60_000;

/** The cart projection with a bug: ItemRemoved is ignored (what a changed reducer would show). */
const cartKeepsRemoved: Projection<CartState> = { ...cartProjection, name: 'cart-keeps-removed', evolve: (s, e) => (e.type === 'ItemRemoved' ? s : cartProjection.evolve(s, e)) };

/** A user-module-like projection: interrupts the fold instead of warning, on a cart checkout. */
const cartFailsCheckout: Projection<CartState> = {
  ...cartProjection,
  name: 'cart-fails-checkout',
  interruptOnError: true,
  evolve: (s, e) => {
    if (e.type === 'CartCheckedOut') throw new Error('payments are not modelled yet');
    return cartProjection.evolve(s, e);
  },
};

/** A sandbox-like projection: folds whole chunks asynchronously through evolveChunk, never evolve. */
function chunked(name: string, failOn?: string): Projection<CartState> {
  return {
    ...cartProjection,
    name,
    interruptOnError: true,
    evolve: () => {
      throw new Error('a chunked projection is never called per event');
    },
    async evolveChunk(state, events, options): Promise<ChunkOutcome<CartState>> {
      await Promise.resolve();
      const states: CartState[] = [];
      let current = state;
      for (let i = 0; i < events.length; i++) {
        if (events[i].type === failOn) return { applied: i, state: current, states, failure: { kind: 'timeout', message: 'evolve ran past 50 ms' } };
        current = cartProjection.evolve(current, events[i]);
        states.push(current);
      }
      return options.keepStates ? { applied: events.length, state: current, states } : { applied: events.length, state: current };
    },
  };
}

/** A store whose events at the given versions are marked skipped (Marten's is_skipped). */
function withSkipped(reader: EventStoreReader, versions: number[]): EventStoreReader {
  return {
    ...reader,
    info: reader.info,
    async *replayChunks(streamId, from, to, options) {
      for await (const chunk of reader.replayChunks(streamId, from, to, options)) yield chunk.map((e): ReplayEvent => (versions.includes(e.version) ? { ...e, skipped: true } : e));
    },
  };
}

describe('what-if replay', () => {
  let store: EventStore;
  let reader: EventStoreReader;
  const projections = [...BUILT_IN_PROJECTIONS, cartKeepsRemoved, cartFailsCheckout, chunked('cart-chunked'), chunked('cart-chunked-fails', 'CartCheckedOut')];

  beforeAll(() => {
    store = tempStore();
    store.append('cart-1', cartStory(T0, [{ type: 'CartNoted', data: { note: 'no handler for this one' }, metadata: { actor: 'bob' } }]));
    reader = toAsyncReader(store);
  });

  const engineOf = (over: EventStoreReader = reader) => createReplayEngine(over, { projections, snapshotEvery: 2 });

  it('skipping one event changes the state and names it as the first divergence', async () => {
    const engine = engineOf();
    const result = await whatIf(reader, engine, { streamId: 'cart-1', a: { skip: [3] }, b: {} });
    expect(result.version).toBe(8);
    expect(result.firstDivergence).toMatchObject({ version: 3, type: 'ItemAdded', actor: 'alice', recordedAt: new Date(T0 + 2 * MIN).toISOString() });
    expect(result.firstDivergence?.paths).toEqual(['$.items[sku="B"]', '$.itemCount', '$.total']);
    expect(result.a).toMatchObject({ projection: { name: 'shopping-cart' }, skipped: [3], state: { itemCount: 3, total: 1500 } });
    expect(result.b).toMatchObject({ skipped: [], state: { itemCount: 5, total: 2000 } });
    // From a to b: the line only b has is 'added'.
    expect(result.changes).toEqual([
      { path: '$.items[sku="B"]', segments: ['items', { key: 'sku', value: 'B' }], kind: 'added', b: { sku: 'B', name: 'Bread', unitPrice: 250, quantity: 2 } },
      { path: '$.itemCount', segments: ['itemCount'], kind: 'changed', a: 3, b: 5 },
      { path: '$.total', segments: ['total'], kind: 'changed', a: 1500, b: 2000 },
    ]);
    expect(result).toMatchObject({ totalChanges: 3, truncated: false });
    expect(result.a.interrupted).toBeUndefined();
    // The skipped fold left no snapshot behind, and the engine's own replay is unaffected.
    expect(engine.cache.size().snapshots).toBe(0);
    expect((await engine.stateAt('cart-1', { version: 8 })).state).toMatchObject({ total: 2000 });
  });

  it('compares at an earlier version, and caps the changes it lists', async () => {
    const result = await whatIf(reader, engineOf(), { streamId: 'cart-1', a: { skip: [3, 7] }, b: {}, atVersion: 4, maxChanges: 1 });
    expect(result.version).toBe(4);
    expect(result.a.skipped).toEqual([3]);
    expect(result.changes).toHaveLength(1);
    expect(result).toMatchObject({ totalChanges: 3, truncated: true, firstDivergence: { version: 3 } });
  });

  it('compares two projections: the first event they fold differently', async () => {
    const result = await whatIf(reader, engineOf(), { streamId: 'cart-1', a: {}, b: { projection: 'cart-keeps-removed' } });
    expect(result.a.projection.name).toBe('shopping-cart');
    expect(result.b.projection.name).toBe('cart-keeps-removed');
    expect(result.firstDivergence).toMatchObject({ version: 5, type: 'ItemRemoved', paths: ['$.items[sku="A"]', '$.itemCount', '$.total'] });
    expect(result.changes.map((c) => [c.path, c.kind])).toEqual([
      ['$.items[sku="A"]', 'added'],
      ['$.itemCount', 'changed'],
      ['$.total', 'changed'],
    ]);
    expect(result.initialDifference).toBeUndefined();
  });

  it('equal sides: no divergence, no changes (also when the skipped event changed nothing)', async () => {
    for (const query of [
      { a: {}, b: {} },
      { a: { skip: [6] }, b: {} },
      { a: { skip: [6] }, b: { skip: [6] } },
      { a: {}, b: { projection: 'cart-chunked' } },
    ]) {
      const result = await whatIf(reader, engineOf(), { streamId: 'cart-1', ...query });
      expect(result.firstDivergence).toBeNull();
      expect(result.changes).toEqual([]);
      expect(result.totalChanges).toBe(0);
      expect(result.a.state).toEqual(result.b.state);
    }
  });

  it('a side whose projection interrupts keeps its last good state and says where it stopped', async () => {
    for (const projection of ['cart-fails-checkout', 'cart-chunked-fails']) {
      const result = await whatIf(reader, engineOf(), { streamId: 'cart-1', a: {}, b: { projection } });
      expect(result.a.interrupted).toBeUndefined();
      expect(result.b.interrupted).toMatchObject({ projection, version: 8, type: 'CartCheckedOut', recordedAt: new Date(T0 + 7 * MIN).toISOString() });
      expect(result.b.state).toMatchObject({ status: 'open', paymentId: null, total: 2000 });
      expect(result.firstDivergence).toMatchObject({ version: 8, type: 'CartCheckedOut' });
      expect(result.changes.map((c) => c.path)).toEqual(['$.status', '$.checkedOutAt', '$.paymentId']);
    }
    const chunkFailure = await whatIf(reader, engineOf(), { streamId: 'cart-1', a: {}, b: { projection: 'cart-chunked-fails' } });
    expect(chunkFailure.b.interrupted?.failure).toEqual({ kind: 'timeout', message: 'evolve ran past 50 ms' });
    const thrown = await whatIf(reader, engineOf(), { streamId: 'cart-1', a: {}, b: { projection: 'cart-fails-checkout' } });
    expect(thrown.b.interrupted?.failure).toEqual({ kind: 'threw', message: 'evolve threw: payments are not modelled yet', facts: { case: 'threw', part: 'evolve', error: 'payments are not modelled yet' } });
    // Skipping the event that breaks the projection lets it finish (and the sides then differ by that event).
    const skipped = await whatIf(reader, engineOf(), { streamId: 'cart-1', a: { projection: 'cart-fails-checkout', skip: [8] }, b: {} });
    expect(skipped.a.interrupted).toBeUndefined();
    expect(skipped.firstDivergence).toMatchObject({ version: 8 });
  });

  it('both sides interrupted at the same event stay equal', async () => {
    const result = await whatIf(reader, engineOf(), { streamId: 'cart-1', a: { projection: 'cart-fails-checkout' }, b: { projection: 'cart-fails-checkout' } });
    expect(result.a.interrupted).toMatchObject({ version: 8 });
    expect(result.b.interrupted).toMatchObject({ version: 8 });
    expect(result.firstDivergence).toBeNull();
  });

  it('leaves out events the store marks skipped unless asked to include them', async () => {
    const marked = withSkipped(reader, [3]);
    const engine = engineOf(marked);
    const left = await whatIf(marked, engine, { streamId: 'cart-1', a: {}, b: {} });
    expect(left.a.state).toMatchObject({ total: 1500 });
    expect(left.firstDivergence).toBeNull();
    const included = await whatIf(marked, engine, { streamId: 'cart-1', a: {}, b: { skip: [3] }, includeSkipped: true });
    expect(included.a.state).toMatchObject({ total: 2000 });
    expect(included.b.state).toMatchObject({ total: 1500 });
    expect(included.firstDivergence).toMatchObject({ version: 3, type: 'ItemAdded' });
  });

  it('a divergence means what the listed changes mean: records in another order under the same keys are no divergence', async () => {
    const reversed: Projection<CartState> = {
      ...cartProjection,
      name: 'cart-reversed',
      evolve: (s, e) => {
        const next = cartProjection.evolve(s, e);
        return { ...next, items: next.items.toSorted((x, y) => y.sku.localeCompare(x.sku)) };
      },
    };
    const engine = createReplayEngine(reader, { projections: [...projections, reversed] });
    const result = await whatIf(reader, engine, { streamId: 'cart-1', a: {}, b: { projection: 'cart-reversed' } });
    expect((result.b.state as CartState).items.map((l) => l.sku)).toEqual(['C', 'B']);
    expect(result).toMatchObject({ firstDivergence: null, changes: [], totalChanges: 0 });
  });

  it('names initial states that already differ instead of blaming an event', async () => {
    const startsOpen: Projection<CartState> = { ...cartProjection, name: 'cart-starts-open', initialState: () => ({ ...cartProjection.initialState(), status: 'open' }) };
    const engine = createReplayEngine(reader, { projections: [...projections, startsOpen] });
    const result = await whatIf(reader, engine, { streamId: 'cart-1', a: {}, b: { projection: 'cart-starts-open' }, atVersion: 0 });
    expect(result.initialDifference).toEqual({ paths: ['$.status'] });
    expect(result.firstDivergence).toBeNull();
    expect(result.changes).toEqual([{ path: '$.status', segments: ['status'], kind: 'changed', a: 'empty', b: 'open' }]);
  });

  it('refuses versions the stream does not have, unknown streams and projections, and stops when cancelled', async () => {
    const engine = engineOf();
    await expect(whatIf(reader, engine, { streamId: 'cart-1', a: { skip: [9] }, b: {} })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/Side a cannot skip version 9: stream 'cart-1' has versions 1 to 8/) });
    await expect(whatIf(reader, engine, { streamId: 'cart-1', a: {}, b: { skip: [0] } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(whatIf(reader, engine, { streamId: 'cart-1', a: {}, b: {}, atVersion: 9 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(whatIf(reader, engine, { streamId: 'cart-none', a: {}, b: {} })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(whatIf(reader, engine, { streamId: 'cart-1', a: { projection: 'nope' }, b: {} })).rejects.toThrow(/Unknown projection 'nope'/);
    const controller = new AbortController();
    controller.abort();
    await expect(whatIf(reader, engine, { streamId: 'cart-1', a: { skip: [2] }, b: {} }, { signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('over chunks of a long stream, matches a fold by hand that leaves the same events out', async () => {
    const rng = createRng('what-if-long');
    const count = 2 * CHUNK + 500;
    store.append('counter-long', Array.from({ length: count }, (_, i) => (i % 97 === 0 ? { type: 'reset', data: {} } : { type: 'increment', data: { amount: rng.int(1, 9) } })));
    const events: ReplayEvent[] = [];
    for await (const chunk of reader.replayChunks('counter-long', 1, count)) events.push(...chunk);
    const foldWithout = (skip: Set<number>, upTo: number) => {
      const states: unknown[] = [0];
      for (const event of events.slice(0, upTo)) states.push(skip.has(event.version) ? states.at(-1) : applyEvent(BUILT_IN_PROJECTIONS[0], states.at(-1), event).state);
      return states;
    };
    for (const [skipA, skipB] of [[[CHUNK + 3], []], [[5, CHUNK * 2 + 1], [5]], [[CHUNK], [CHUNK + 1]]]) {
      const upTo = count - 7;
      const result = await whatIf(reader, engineOf(), { streamId: 'counter-long', a: { skip: skipA }, b: { skip: skipB }, atVersion: upTo });
      const a = foldWithout(new Set(skipA), upTo);
      const b = foldWithout(new Set(skipB), upTo);
      expect(result.a.state).toBe(a[upTo]);
      expect(result.b.state).toBe(b[upTo]);
      const first = a.findIndex((state, version) => state !== b[version]);
      expect(first).toBeGreaterThan(0);
      expect(result.firstDivergence?.version).toBe(first);
    }
  });
});
