import { beforeAll, describe, expect, it } from 'vitest';
import type { PathSegment } from '../../shared/replay.ts';
import { createRng } from '../demo/prng.ts';
import type { EventStore, NewEvent } from '../store/eventStore.ts';
import { tempStore } from '../testing/tempFiles.ts';
import { toAsyncReader } from '../store/asyncReader.ts';
import { cartProjection } from './projections/index.ts';
import { createReplayEngine, HISTORY_WALK_LIMIT } from './replayEngine.ts';
import { collectDiff } from './structuralDiff.ts';
import { same, valueAt } from '../testing/stateOracle.ts';

const T0 = Date.parse('2026-03-01T10:00:00Z');
const MIN = 60_000;

const related = (a: readonly PathSegment[], b: readonly PathSegment[]) => {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) return false;
  return true;
};

/** 50 cart events: A and B added early, support removes both at v17, both come back at v35. */
function auditedCart(): NewEvent[] {
  const events: NewEvent[] = [];
  const at = (v: number) => T0 + v * MIN;
  for (let v = 1; v <= 50; v++) {
    const actor = v === 17 ? 'support' : 'alice';
    let event: NewEvent;
    if (v === 1) event = { type: 'CartOpened', data: { customerId: 'c-1' } };
    else if (v === 3) event = { type: 'ItemAdded', data: { sku: 'A', name: 'Apple', unitPrice: 100, quantity: 1 } };
    else if (v === 4) event = { type: 'ItemAdded', data: { sku: 'B', name: 'Bread', unitPrice: 250, quantity: 1 } };
    else if (v === 17) event = { type: 'ItemRemoved', data: { sku: 'A' } };
    else if (v === 18) event = { type: 'ItemRemoved', data: { sku: 'B' } };
    else if (v === 35) event = { type: 'ItemAdded', data: { sku: 'A', name: 'Apple', unitPrice: 100, quantity: 2 } };
    else if (v === 36) event = { type: 'ItemAdded', data: { sku: 'B', name: 'Bread', unitPrice: 250, quantity: 1 } };
    else event = { type: 'ItemAdded', data: { sku: `S-${v}`, name: 'Spare', unitPrice: 1, quantity: 1 } };
    if (v > 4 && v < 50 && v !== 17 && v !== 18 && v !== 35 && v !== 36 && v % 2 === 0) event = { type: 'ItemRemoved', data: { sku: `S-${v - 1}` } };
    events.push({ ...event, metadata: { actor }, recordedAt: at(v) });
  }
  return events;
}

/** Random but valid cart events: lines come and go (often the same sku again), quantities change. */
function randomCartEvents(seed: string, count: number): NewEvent[] {
  const rng = createRng(seed);
  const lines = new Set<string>();
  const events: NewEvent[] = [];
  for (let i = 0; i < count; i++) {
    const roll = rng.next();
    if (lines.size === 0 || roll < 0.4) {
      const sku = `SKU-${rng.int(1, 6)}`;
      lines.add(sku);
      events.push({ type: 'ItemAdded', data: { sku, name: `Item ${sku}`, unitPrice: 100, quantity: rng.int(1, 2) }, recordedAt: T0 + i * MIN });
    } else if (roll < 0.75) {
      events.push({ type: 'ItemQuantityChanged', data: { sku: rng.pick([...lines]), quantity: rng.int(1, 3) }, recordedAt: T0 + i * MIN });
    } else {
      const sku = rng.pick([...lines]);
      lines.delete(sku);
      events.push({ type: 'ItemRemoved', data: { sku }, recordedAt: T0 + i * MIN });
    }
  }
  return events;
}

describe('path histories in diffs', () => {
  let store: EventStore;
  beforeAll(async () => {
    store = tempStore();
    store.append('cart-audited', auditedCart());
    store.append('cart-random', randomCartEvents('history-oracle', 900));
  });

  it('shows that support removed a line at v17 although v35 made its end value', async () => {
    const diff = await createReplayEngine(toAsyncReader(store)).diff('cart-audited', 10, 50);
    const quantity = diff.changes.find((c) => c.path === '$.items[sku="A"].quantity');
    expect(quantity).toMatchObject({ kind: 'changed', before: 1, after: 2, event: { version: 35 } });
    expect(quantity!.history.map((h) => [h.event.version, h.event.actor, h.kind, h.before, h.after])).toEqual([
      [17, 'support', 'removed', 1, undefined],
      [35, 'alice', 'added', undefined, 2],
    ]);
    expect(quantity!.historyCount).toBe(2);
    // B is back exactly as it was: no change at the ends, but the removal must still be visible.
    expect(diff.changes.some((c) => c.path.startsWith('$.items[sku="B"]'))).toBe(false);
    const bread = diff.reverted.find((r) => r.path === '$.items[sku="B"]');
    expect(bread).toMatchObject({ present: true, value: { sku: 'B', name: 'Bread', unitPrice: 250, quantity: 1 } });
    expect(bread!.history.map((h) => [h.event.version, h.kind])).toEqual([
      [18, 'removed'],
      [36, 'added'],
    ]);
  });

  it('gives a field its whole history over the stream', async () => {
    const history = await createReplayEngine(toAsyncReader(store)).fieldHistory('cart-audited', ['items', { key: 'sku', value: 'A' }, 'quantity']);
    expect(history.history.map((h) => [h.event.version, h.kind, h.before, h.after])).toEqual([
      [3, 'added', undefined, 1],
      [17, 'removed', 1, undefined],
      [35, 'added', undefined, 2],
    ]);
    expect(history).toMatchObject({ path: '$.items[sku="A"].quantity', present: true, value: 2, upTo: 50 });
    expect(await createReplayEngine(toAsyncReader(store)).fieldHistory('cart-audited', ['items', { key: 'sku', value: 'A' }], { upTo: 20 })).toMatchObject({ present: false, historyCount: 2 });
    await expect(createReplayEngine(toAsyncReader(store)).fieldHistory('cart-audited', ['total'], { upTo: 51 })).rejects.toThrow(/does not exist/);
  });

  it('skips the walk on long ranges unless asked, and says so; a field history over (from, upTo] matches the diff', async () => {
    const events = Array.from({ length: HISTORY_WALK_LIMIT + 1 }, (_, i) => ({ type: 'increment', data: { amount: i % 3 }, recordedAt: T0 + i }));
    store.append('counter-history', events);
    const engine = createReplayEngine(toAsyncReader(store));
    const long = await engine.diff('counter-history', 0, HISTORY_WALK_LIMIT + 1);
    expect(long).toMatchObject({ historyWalked: false, reverted: [], changes: [{ path: '$', history: [], historyCount: 0 }] });
    const changing = events.filter((e) => e.data.amount !== 0).length; // adding 0 changes nothing
    const full = await engine.diff('counter-history', 0, HISTORY_WALK_LIMIT + 1, { history: 'full' });
    expect(full).toMatchObject({ historyWalked: true, changes: [{ historyCount: changing }] });
    expect(full.changes[0].history).toHaveLength(1000);
    const short = await engine.diff('counter-history', 600, 640);
    expect(short.historyWalked).toBe(true);
    expect(await engine.fieldHistory('counter-history', [], { from: 600, upTo: 640 })).toMatchObject({ from: 600, upTo: 640, history: short.changes[0].history });
    await expect(engine.fieldHistory('counter-history', [], { from: 640, upTo: 600 })).rejects.toThrow(/from <= upTo/);
  });

  it('field histories that skip snapshot spans by their blame equal a walk of every event', async () => {
    // Generic projection, arrays replaced wholesale, ids that sometimes repeat: element matching
    // switches between by-key and by-index, the case where a blame tree can keep stale names.
    const rng = createRng('span-skip');
    const events: NewEvent[] = [];
    for (let i = 0; i < 400; i++) {
      const roll = rng.next();
      if (roll < 0.5) {
        const items = Array.from({ length: rng.int(0, 4) }, () => ({ id: `i${rng.int(1, 4)}`, q: rng.int(1, 3) }));
        events.push({ type: 'Set', data: { items } });
      } else if (roll < 0.8) events.push({ type: 'Set', data: { note: `n${rng.int(1, 3)}` } });
      else events.push({ type: 'Set', data: { other: rng.int(1, 50) } });
    }
    store.append('doc-spans', events);
    const skipping = createReplayEngine(toAsyncReader(store), { snapshotEvery: 7 });
    await skipping.buildSnapshots('doc-spans');
    const walking = createReplayEngine(toAsyncReader(store), { snapshotEvery: 0 });
    const paths: PathSegment[][] = [['note'], ['other'], ['items']];
    for (let k = 1; k <= 4; k++) paths.push(['items', { key: 'id', value: `i${k}` }], ['items', { key: 'id', value: `i${k}` }, 'q']);
    for (let i = 0; i < 4; i++) paths.push(['items', i], ['items', i, 'q']);
    for (const segments of paths) {
      for (const [from, upTo] of [[0, 400], [3, 397], [14, 15], [100, 300]]) {
        const fast = await skipping.fieldHistory('doc-spans', segments, { from, upTo });
        const slow = await walking.fieldHistory('doc-spans', segments, { from, upTo });
        expect(fast, `${JSON.stringify(segments)} ${from}..${upTo}`).toEqual(slow);
      }
    }
  });

  it('never walks into prototypes: __proto__ and constructor are plain missing fields', async () => {
    const engine = createReplayEngine(toAsyncReader(store));
    for (const segments of [['__proto__'], ['constructor'], ['items', 'length'], ['items', { key: 'constructor', value: 'x' }], ['total', 'toFixed']]) {
      expect(await engine.fieldHistory('cart-audited', segments as PathSegment[]), JSON.stringify(segments)).toMatchObject({ present: false, historyCount: 0 });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('lists exactly the events that changed each path, as a brute-force fold finds them', async () => {
    const events = store.readStream('cart-random', { limit: 2000 }).items;
    const states: unknown[] = [cartProjection.initialState()];
    for (const e of events) states.push(cartProjection.evolve(states.at(-1) as any, { ...e, recordedAtMs: Date.parse(e.recordedAt), actor: null }));
    const changedAt = (segments: PathSegment[], from: number, to: number) => {
      const out: Array<[number, unknown, unknown]> = [];
      for (let v = from + 1; v <= to; v++) {
        const before = valueAt(states[v - 1], segments);
        const after = valueAt(states[v], segments);
        if (!same(before, after)) out.push([v, before, after]);
      }
      return out;
    };
    const engine = createReplayEngine(toAsyncReader(store), { snapshotEvery: 60 });
    const rng = createRng('history-rounds');
    let reverted = 0;
    for (let round = 0; round < 30; round++) {
      const to = rng.int(1, 900);
      const from = rng.int(Math.max(0, to - 150), to);
      const diff = await engine.diff('cart-random', from, to);
      const reported = [...diff.changes, ...diff.reverted];
      for (const change of reported) {
        const expected = changedAt(change.segments, from, to);
        expect(change.history.map((h) => [h.event.version, h.before, h.after]), `${change.path} ${from}→${to}`).toEqual(expected);
        expect(change.historyCount).toBe(expected.length);
      }
      for (const entry of diff.reverted) {
        expect(same(valueAt(states[from], entry.segments), valueAt(states[to], entry.segments))).toBe(true);
        expect(entry.history.length).toBeGreaterThan(0);
      }
      reverted += diff.reverted.length;
      // Nothing hidden: every path any event in (from, to] touched lies at, above or under a reported path.
      for (let v = from + 1; v <= to; v++) {
        for (const raw of collectDiff(states[v - 1], states[v])) {
          expect(reported.some((r) => related(r.segments, raw.segments)), `v${v} ${JSON.stringify(raw.segments)}`).toBe(true);
        }
      }
    }
    expect(reverted).toBeGreaterThan(0);
  });
});
