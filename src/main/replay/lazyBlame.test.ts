// Diffs attributed without a blame tree (lazyBlame.ts) against the blame tree's answer on generated
// streams: the same changes, and every change pinned to the same event (or to none).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../demo/prng.ts';
import type { EventStore, NewEvent } from '../store/eventStore.ts';
import { toAsyncReader } from '../store/asyncReader.ts';
import { tempStore } from '../testing/tempFiles.ts';
import type { Projection } from './projection.ts';
import { BUILT_IN_PROJECTIONS } from './projections/index.ts';
import { createReplayEngine } from './replayEngine.ts';

const T0 = Date.parse('2026-03-01T10:00:00Z');

/** Cart events, valid or not: lines come and go, quantities change, a checkout, unknown skus. */
function cartEvents(seed: string, count: number): NewEvent[] {
  const rng = createRng(seed);
  const lines = new Set<string>();
  const events: NewEvent[] = [{ type: 'CartOpened', data: { customerId: 'c-1' }, recordedAt: T0 }];
  for (let i = 1; i < count; i++) {
    const roll = rng.next();
    const recordedAt = T0 + i * 1000;
    const metadata = { actor: rng.pick(['alice', 'bob']) };
    if (lines.size === 0 || roll < 0.4) {
      const sku = `S-${rng.int(1, 8)}`;
      lines.add(sku);
      events.push({ type: 'ItemAdded', data: { sku, name: sku, unitPrice: 10 * rng.int(1, 9), quantity: rng.int(1, 3) }, metadata, recordedAt });
    } else if (roll < 0.7) {
      // Quantity 0 removes the line; an unknown sku is a warning.
      const sku = rng.next() < 0.1 ? 'S-none' : rng.pick([...lines]);
      const quantity = rng.int(0, 4);
      if (quantity === 0) lines.delete(sku);
      events.push({ type: 'ItemQuantityChanged', data: { sku, quantity }, metadata, recordedAt });
    } else if (roll < 0.97) {
      const sku = rng.pick([...lines]);
      lines.delete(sku);
      events.push({ type: 'ItemRemoved', data: { sku }, metadata, recordedAt });
    } else events.push({ type: rng.next() < 0.5 ? 'CartCheckedOut' : 'Unknown', data: { paymentId: `p-${i}` }, metadata, recordedAt });
  }
  return events;
}

/** Merge patches for the generic projection: nested objects, deletions, keyed and plain arrays, and now and then a whole new document. */
const keyedLine = fc.record({ sku: fc.constantFrom('A', 'B', 'C', 'D'), q: fc.nat(3) });
const leaf = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom('x', 'y', true, null));
const patchValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.dictionary(fc.constantFrom('a', 'b', 'c', 'items'), tie('value'), { maxKeys: 3 }),
    fc.uniqueArray(keyedLine, { selector: (line) => line.sku, maxLength: 4 }),
    fc.array(keyedLine, { maxLength: 3 }),
    fc.array(leaf, { maxLength: 3 }),
  ),
})).value;
const patch = fc.oneof(
  { weight: 9, arbitrary: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'items', 'total'), patchValue, { minKeys: 1, maxKeys: 3 }) },
  { weight: 1, arbitrary: patchValue },
);

/** Counter events: the state is a number at the root. */
const counterEvent = fc.oneof(
  fc.integer({ min: -2, max: 2 }).map((amount) => ({ type: 'increment', data: { amount } })),
  fc.constantFrom(0, 1, 5).map((value) => ({ type: 'reset', data: { value } })),
);

describe('diff attribution without a blame tree', () => {
  let store: EventStore;
  let next = 0;
  beforeAll(() => {
    store = tempStore();
  });

  /** Every diff of `pairs` through a fresh engine (lazy) and through one with blame snapshots (tree). */
  async function compare(streamId: string, pairs: [number, number][], snapshotEvery: number, projections: readonly Projection<any>[] = BUILT_IN_PROJECTIONS) {
    const ways: string[] = [];
    const lazy = createReplayEngine(toAsyncReader(store), { snapshotEvery, projections, onDiffAttribution: (how) => ways.push(how) });
    const treeWays: string[] = [];
    const tree = createReplayEngine(toAsyncReader(store), { snapshotEvery, projections, diffAttribution: 'tree', onDiffAttribution: (how) => treeWays.push(how) });
    for (const [from, to] of pairs) {
      const expected = await tree.diff(streamId, from, to);
      const actual = await lazy.diff(streamId, from, to);
      expect(actual.changes, `${streamId} ${from}→${to}`).toEqual(expected.changes);
      expect(actual.totalChanges).toBe(expected.totalChanges);
      expect(actual.reverted).toEqual(expected.reverted);
      // A cut list attributes only what it lists, the same way.
      const cut = await lazy.diff(streamId, from, to, { maxChanges: 2 });
      expect(cut.changes).toEqual((await tree.diff(streamId, from, to, { maxChanges: 2 })).changes);
      expect(cut.truncated).toBe(expected.totalChanges > 2);
    }
    expect(treeWays.every((how) => how === 'tree')).toBe(true);
    return ways;
  }

  const pairsFor = (version: number, seed: string): [number, number][] => {
    const rng = createRng(seed);
    return Array.from({ length: 6 }, () => {
      const to = rng.int(0, version);
      return [rng.int(0, to), to] as [number, number];
    });
  };

  it('pins the same events as the blame tree on random carts', async () => {
    const ways: string[] = [];
    for (let round = 0; round < 12; round++) {
      const streamId = `cart-lazy-${round}`;
      const count = 30 + round * 25;
      store.append(streamId, cartEvents(streamId, count));
      ways.push(...(await compare(streamId, [[0, count], [1, count], ...pairsFor(count, streamId)], 1 + (round % 4) * 9)));
    }
    // The fresh engine answered without the tree nearly always (a fallback is allowed, not the rule).
    expect(ways.filter((how) => how === 'lazy').length).toBeGreaterThan(ways.length * 0.8);
  });

  it('pins the same events as the blame tree on random merge-patch documents', async () => {
    const ways: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(patch, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 12 }), async (patches, snapshotEvery) => {
        const streamId = `doc-${++next}`;
        store.append(streamId, patches.map((data, i) => ({ type: 'Patched', data: data as NewEvent['data'], recordedAt: T0 + i })));
        ways.push(...(await compare(streamId, [[0, patches.length], ...pairsFor(patches.length, streamId)], snapshotEvery)));
      }),
      { numRuns: 60 },
    );
    expect(ways.filter((how) => how === 'lazy').length).toBeGreaterThan(ways.length * 0.5);
  });

  it('pins the same events as the blame tree when the state is a number at the root', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(counterEvent, { minLength: 1, maxLength: 40 }), async (events) => {
        const streamId = `counter-lazy-${++next}`;
        store.append(streamId, events.map((e, i) => ({ ...e, recordedAt: T0 + i })));
        const ways = await compare(streamId, [[0, events.length], ...pairsFor(events.length, streamId)], 5);
        expect(ways.every((how) => how === 'lazy')).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it('leaves snapshots without blame that later states start from, while blame still goes back to a tree', async () => {
    store.append('cart-policy', cartEvents('cart-policy', 1000));
    const ways: string[] = [];
    const engine = createReplayEngine(toAsyncReader(store), { snapshotEvery: 100, onDiffAttribution: (how) => ways.push(how) });
    const reference = createReplayEngine(toAsyncReader(store), { snapshotEvery: 0 });
    const diff = await engine.diff('cart-policy', 10, 900);
    expect(ways).toEqual(['lazy']);
    expect(diff.changes.every((change) => change.event !== null)).toBe(true);
    expect(engine.cache.size()).toMatchObject({ snapshots: 9, blameNodes: 0 });
    // stateAt continues from the diff's snapshot instead of refolding from the start for a tree.
    const at = await engine.stateAt('cart-policy', { version: 1000 });
    expect(at).toMatchObject({ startedFrom: 900, eventsApplied: 100 });
    expect(at.state).toEqual((await reference.stateAt('cart-policy', { version: 1000 })).state);
    expect((await engine.blame('cart-policy', { version: 1000 })).entries).toEqual((await reference.blame('cart-policy', { version: 1000 })).entries);
    expect(engine.cache.size().blameNodes).toBeGreaterThan(0);
    // Without snapshots the fold keeps its own span ends (every 500 events) and answers the same.
    const unsnapped = await compare('cart-policy', [[0, 1000], [10, 900], [499, 501], [620, 1000]], 0);
    expect(unsnapped.every((how) => how === 'lazy')).toBe(true);
  });

  it('keeps the blame tree for a projection that puts back earlier objects (an undo)', async () => {
    // The same object comes back: a span whose ends hold it cannot be passed over, so no lazy answer.
    const undo: Projection<{ doc: { v: number }; saved: { v: number }[] }> = {
      name: 'undo',
      version: 1,
      description: 'sets doc.v, or undoes to the previous doc object',
      appliesTo: (streamId) => streamId.startsWith('undo-'),
      initialState: () => ({ doc: { v: 0 }, saved: [] }),
      handles: 'all',
      evolve(state, event) {
        if (event.type === 'Undo' && state.saved.length > 0) return { doc: state.saved[state.saved.length - 1], saved: state.saved.slice(0, -1) };
        return { doc: { v: (event.data as { v: number }).v }, saved: [...state.saved, state.doc] };
      },
    };
    store.append('undo-1', [
      { type: 'Set', data: { v: 1 } },
      { type: 'Set', data: { v: 2 } },
      { type: 'Set', data: { v: 3 } },
      { type: 'Undo', data: {} },
      { type: 'Undo', data: {} },
    ]);
    const ways = await compare('undo-1', [[0, 5], [1, 5], [2, 5]], 2, [undo]);
    expect(ways.every((how) => how === 'tree')).toBe(true);
  });
});
