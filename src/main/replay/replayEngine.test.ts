import { beforeAll, describe, expect, it } from 'vitest';
import type { PathSegment } from '../../shared/replay.ts';
import { createRng } from '../demo/prng.ts';
import type { EventStore, NewEvent, ReplayEvent } from '../store/eventStore.ts';
import { tempStore } from '../testing/tempFiles.ts';
import { toAsyncReader } from '../store/asyncReader.ts';
import type { Projection } from './projection.ts';
import { BUILT_IN_PROJECTIONS, cartProjection } from './projections/index.ts';
import { createReplayEngine } from './replayEngine.ts';
import { same, valueAt } from '../testing/stateOracle.ts';
import { cartStory } from '../testing/cartStory.ts';

const T0 = Date.parse('2026-03-01T10:00:00Z');
const MIN = 60_000;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Projections whose inputs and outputs are frozen: any in-place mutation throws. */
const frozenProjections: Projection<any>[] = BUILT_IN_PROJECTIONS.map((p) => ({
  ...p,
  initialState: () => deepFreeze(p.initialState()),
  evolve: (state: unknown, event: ReplayEvent) => deepFreeze(p.evolve(state, deepFreeze(event))),
}));

/** Random but valid cart events: lines come and go, quantities change. */
function randomCartEvents(seed: string, count: number): NewEvent[] {
  const rng = createRng(seed);
  const lines = new Set<string>();
  const events: NewEvent[] = [];
  for (let i = 0; i < count; i++) {
    const roll = rng.next();
    const recordedAt = T0 + i * MIN;
    const actor = rng.pick(['alice', 'bob', 'carol']);
    if (lines.size === 0 || roll < 0.45) {
      const sku = `SKU-${rng.int(1, 12)}`;
      lines.add(sku);
      events.push({ type: 'ItemAdded', data: { sku, name: `Item ${sku}`, unitPrice: 100 * rng.int(1, 9), quantity: rng.int(1, 3) }, metadata: { actor }, recordedAt });
    } else if (roll < 0.75) {
      events.push({ type: 'ItemQuantityChanged', data: { sku: rng.pick([...lines]), quantity: rng.int(1, 9) }, metadata: { actor }, recordedAt });
    } else {
      const sku = rng.pick([...lines]);
      lines.delete(sku);
      events.push({ type: 'ItemRemoved', data: { sku }, metadata: { actor }, recordedAt });
    }
  }
  return events;
}


describe('replay engine', () => {
  let store: EventStore;
  beforeAll(async () => {
    store = tempStore();
    store.append('counter-1', [
      { type: 'increment', data: { amount: 5 }, recordedAt: T0 },
      { type: 'increment', data: { amount: 10 }, recordedAt: T0 + MIN },
    ]);
    store.append('cart-1', cartStory(T0));
    store.append('account-7', [
      { type: 'AccountOpened', data: { owner: 'ada', currency: 'EUR', initialDeposit: 1000 } },
      { type: 'MoneyDeposited', data: { amount: 500 } },
      { type: 'MoneyWithdrawn', data: { amount: 200 } },
      { type: 'AccountClosed', data: { reason: 'moved' } },
      { type: 'MoneyDeposited', data: { amount: 1 } },
    ]);
    store.append('order-9', [
      { type: 'Created', data: { id: 9, status: 'new', address: { city: 'Oslo', zip: '0150' } } },
      { type: 'Updated', data: { status: 'paid', address: { zip: null } } },
      { type: 'Tagged', data: { tags: ['vip', 'gift'] } },
    ]);
    store.append('cart-random', randomCartEvents('cart-random', 1200));
  });

  it('replays two increments of 5 and 10 to 15', async () => {
    const engine = createReplayEngine(toAsyncReader(store), { projections: frozenProjections });
    expect(await engine.stateAt('counter-1', { version: 2 })).toMatchObject({ state: 15, version: 2, projection: { name: 'counter' }, warningCount: 0 });
    expect((await engine.stateAt('counter-1', { version: 1 })).state).toBe(5);
    expect(await engine.stateAt('counter-1', { version: 0 })).toMatchObject({ state: 0, recordedAt: null });
  });

  it('gives the state at a version and at a time', async () => {
    const engine = createReplayEngine(toAsyncReader(store), { projections: frozenProjections });
    const atV5 = await engine.stateAt('cart-1', { version: 5 });
    expect(atV5.state).toMatchObject({ status: 'open', customerId: 'c-42', itemCount: 3, total: 1000 });
    expect((atV5.state as any).items.map((l: any) => l.sku)).toEqual(['B', 'C']);
    expect(atV5.recordedAt).toBe(new Date(T0 + 4 * MIN).toISOString());

    // Between events 5 and 6 in time: the state after event 5.
    expect((await engine.stateAt('cart-1', { time: new Date(T0 + 4 * MIN + 30_000).toISOString() })).version).toBe(5);
    expect((await engine.stateAt('cart-1', { time: T0 + 6 * MIN })).state).toMatchObject({ status: 'checked_out', paymentId: 'pay-1' });
    expect((await engine.stateAt('cart-1', { time: T0 - 1 })).version).toBe(0);
  });

  it('refuses versions that do not exist and unknown streams or projections', async () => {
    const engine = createReplayEngine(toAsyncReader(store));
    await expect(engine.stateAt('cart-1', { version: 8 })).rejects.toThrow(/versions 0 to 7; version 8 does not exist/);
    await expect(engine.stateAt('cart-1', { version: -1 })).rejects.toThrow(/does not exist/);
    await expect(engine.stateAt('cart-nope', { version: 1 })).rejects.toThrow(/no stream 'cart-nope'/);
    await expect(engine.stateAt('cart-1', { version: 1 }, { projection: 'nope' })).rejects.toThrow(/Unknown projection 'nope'/);
  });

  it('records events it cannot apply as warnings and keeps going', async () => {
    const engine = createReplayEngine(toAsyncReader(store));
    const result = await engine.stateAt('account-7', { version: 5 });
    expect(result.state).toMatchObject({ status: 'closed', balance: 1300, deposits: 1, withdrawals: 1 });
    expect(result.warnings).toEqual([
      { version: 5, position: expect.any(Number), type: 'MoneyDeposited', message: 'could not be applied: MoneyDeposited on an account that is closed' },
    ]);
  });

  it('folds unknown streams with JSON merge patch (RFC 7396)', async () => {
    const engine = createReplayEngine(toAsyncReader(store));
    const result = await engine.stateAt('order-9', { version: 3 });
    expect(result.projection.name).toBe('generic');
    expect(result.state).toEqual({ id: 9, status: 'paid', address: { city: 'Oslo' }, tags: ['vip', 'gift'] });
    // Any stream can be viewed through the generic projection too.
    expect((await engine.stateAt('counter-1', { version: 2 }, { projection: 'generic' })).state).toEqual({ amount: 10 });
  });

  it('gives identical states with and without snapshots at many random versions', async () => {
    const withSnapshots = createReplayEngine(toAsyncReader(store), { snapshotEvery: 25, projections: frozenProjections });
    const rng = createRng('versions');
    const reference = createReplayEngine(toAsyncReader(store), { snapshotEvery: 0 });
    // The first fold to the end leaves a snapshot every 25 versions.
    expect((await withSnapshots.stateAt('cart-random', { version: 1200 })).eventsApplied).toBe(1200);
    expect(withSnapshots.cache.size().snapshots).toBe(48);
    for (let i = 0; i < 150; i++) {
      const version = rng.int(0, 1200);
      const fast = await withSnapshots.stateAt('cart-random', { version });
      const full = await reference.stateAt('cart-random', { version });
      expect(fast.state).toEqual(full.state);
      expect(full.eventsApplied).toBe(version);
      expect(fast.startedFrom).toBe(version - (version % 25));
      expect(fast.eventsApplied).toBe(version % 25);
    }
  });

  it('diffs the cart by sku: a removed line is one removal, each change linked to its event', async () => {
    const engine = createReplayEngine(toAsyncReader(store));
    const diff = await engine.diff('cart-1', 2, 6);
    const summary = diff.changes.map((c) => [c.path, c.kind, c.event?.version, c.event?.actor]);
    expect(summary).toEqual([
      ['$.items[sku="A"]', 'removed', 5, 'bob'],
      ['$.items[sku="B"]', 'added', 3, 'alice'],
      ['$.items[sku="C"]', 'added', 4, 'bob'],
      ['$.itemCount', 'changed', 6, 'carol'],
      ['$.total', 'changed', 6, 'carol'],
    ]);
    expect(diff.changes[0].before).toEqual({ sku: 'A', name: 'Apple', unitPrice: 100, quantity: 1 });
    expect(diff.changes[2].after).toEqual({ sku: 'C', name: 'Cheese', unitPrice: 500, quantity: 3 });
    expect(diff.changes[3]).toMatchObject({ before: 1, after: 5, event: { type: 'ItemQuantityChanged', recordedAt: new Date(T0 + 5 * MIN).toISOString() } });
    expect(diff.eventCount).toBe(4);
    expect((await engine.diff('cart-1', 3, 3)).changes).toEqual([]);
    await expect(engine.diff('cart-1', 5, 2)).rejects.toThrow(/from <= to/);
  });

  it('blames every leaf on the event that last set it', async () => {
    const engine = createReplayEngine(toAsyncReader(store));
    const blame = await engine.blame('cart-1', { version: 6 });
    const byPath = Object.fromEntries(blame.entries.map((e) => [e.path, e.event?.version ?? null]));
    expect(byPath).toEqual({
      '$.status': 1,
      '$.customerId': 1,
      '$.items[sku="B"].sku': 3,
      '$.items[sku="B"].name': 3,
      '$.items[sku="B"].unitPrice': 3,
      '$.items[sku="B"].quantity': 3,
      '$.items[sku="C"].sku': 4,
      '$.items[sku="C"].name': 4,
      '$.items[sku="C"].unitPrice': 4,
      '$.items[sku="C"].quantity': 6,
      '$.itemCount': 6,
      '$.total': 6,
      '$.checkedOutAt': null,
      '$.paymentId': null,
    });
  });

  it('agrees with a brute-force oracle on blame and diff attribution over a random cart', async () => {
    const engine = createReplayEngine(toAsyncReader(store), { snapshotEvery: 40 });
    const states: unknown[] = [];
    const reference = createReplayEngine(toAsyncReader(store), { snapshotEvery: 0 });
    const events = store.readStream('cart-random', { limit: 2000 }).items;
    let state: unknown = cartProjection.initialState();
    states.push(state);
    for (const e of events) {
      state = cartProjection.evolve(state as any, { ...e, recordedAtMs: Date.parse(e.recordedAt), actor: null });
      states.push(state);
    }
    expect(states[1200]).toEqual((await reference.stateAt('cart-random', { version: 1200 })).state);

    const lastChange = (segments: PathSegment[], upTo: number, after: number) => {
      for (let v = upTo; v > after; v--) if (!same(valueAt(states[v], segments), valueAt(states[v - 1], segments))) return v;
      return null;
    };
    const rng = createRng('oracle');
    for (let round = 0; round < 25; round++) {
      const to = rng.int(1, 1200);
      for (const entry of (await engine.blame('cart-random', { version: to })).entries) {
        expect(entry.event?.version ?? null, entry.path).toBe(lastChange(entry.segments, to, 0));
      }
      const from = rng.int(0, to);
      for (const change of (await engine.diff('cart-random', from, to)).changes) {
        const version = change.event?.version;
        expect(version, change.path).toBeGreaterThan(from);
        expect(version, change.path).toBeLessThanOrEqual(to);
        const exists = (v: number) => valueAt(states[v], change.segments) !== undefined;
        if (change.kind === 'changed') expect(version).toBe(lastChange(change.segments, to, from));
        // added: the last time the path came into existence; removed: the last time it went away.
        if (change.kind === 'added') expect(exists(version!) && !exists(version! - 1)).toBe(true);
        if (change.kind === 'removed') expect(!exists(version!) && exists(version! - 1)).toBe(true);
        for (let v = version! + 1; v <= to; v++) expect(exists(v), `${change.path} at ${v}`).toBe(change.kind !== 'removed');
      }
    }
  });

  it('builds snapshots ahead of time in steps, with progress, and stops when cancelled', async () => {
    const events = Array.from({ length: 9_000 }, (_, i) => ({ type: 'increment', data: { amount: i % 7 }, recordedAt: T0 + i }));
    store.append('counter-long', events);
    const expected = events.reduce((sum, e) => sum + e.data.amount, 0);

    // Cancelled after the first chunk: a CANCELLED error, and the snapshots left so far are sound.
    const cancelled = createReplayEngine(toAsyncReader(store), { snapshotEvery: 500 });
    const controller = new AbortController();
    const seen: number[] = [];
    await expect(
      cancelled.buildSnapshots('counter-long', {
        signal: controller.signal,
        onProgress: (version, total) => {
          seen.push(version);
          expect(total).toBe(9_000);
          controller.abort();
        },
      }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeGreaterThan(0);
    expect(seen[0]).toBeLessThan(9_000);
    expect(await cancelled.stateAt('counter-long', { version: seen[0] })).toMatchObject({ startedFrom: seen[0] - (seen[0] % 500) });

    // To the end: progress rises to the stream's version; every later question starts from a snapshot.
    const engine = createReplayEngine(toAsyncReader(store), { snapshotEvery: 500 });
    const progress: number[] = [];
    const build = await engine.buildSnapshots('counter-long', { onProgress: (version) => progress.push(version) });
    expect(build).toMatchObject({ streamId: 'counter-long', version: 9_000, startedFrom: 0, eventsApplied: 9_000, snapshotEvery: 500, projection: { name: 'counter' } });
    expect(progress.length).toBeGreaterThan(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(9_000);
    expect(engine.cache.size().snapshots).toBe(18);
    const at = await engine.stateAt('counter-long', { version: 8_765 });
    expect(at).toMatchObject({ startedFrom: 8_500, eventsApplied: 265 });
    expect(at.state).toBe((await engine.replayFromStart('counter-long', { toVersion: 8_765 })).state);
    expect((await engine.stateAt('counter-long', { version: 9_000 })).state).toBe(expected);
    // Snapshots carry blame, so diff and blame start from them too; a second build is a no-op.
    expect((await engine.diff('counter-long', 100, 8_999)).changes).toHaveLength(1);
    expect(await engine.buildSnapshots('counter-long')).toMatchObject({ startedFrom: 9_000, eventsApplied: 0 });
  });
});
