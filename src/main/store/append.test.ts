import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConcurrencyError, LedgerError } from '../errors.ts';
import { tempDir, tempStore } from '../testing/tempFiles.ts';
import { openStore } from './openStore.ts';

const inc = (amount: number, extra: object = {}) => ({ type: 'increment', data: { amount }, ...extra });

describe('append: expected versions', () => {
  it('accepts no_stream only for a new stream, then exact versions', () => {
    const store = tempStore();
    const first = store.append('counter-a', [inc(1), inc(2)], { expectedVersion: 'no_stream' });
    expect(first).toMatchObject({ positions: [1, 2], nextExpectedVersion: 2, appended: 2, duplicates: 0 });
    expect(() => store.append('counter-a', [inc(3)], { expectedVersion: 'no_stream' })).toThrow(ConcurrencyError);
    expect(store.append('counter-a', [inc(3)], { expectedVersion: 2 }).nextExpectedVersion).toBe(3);
  });

  it('reports expected and actual on a mismatch, and writes nothing', () => {
    const store = tempStore();
    store.append('counter-a', [inc(1)]);
    let caught: unknown;
    try {
      store.append('counter-a', [inc(5), inc(6)], { expectedVersion: 0 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConcurrencyError);
    expect(caught).toMatchObject({ code: 'CONCURRENCY', expected: 0, actual: 1, streamId: 'counter-a' });
    expect(store.getStream('counter-a')?.version).toBe(1);
    expect(store.stats().events).toBe(1);
  });

  it('stream_exists fails on a missing stream; any always succeeds', () => {
    const store = tempStore();
    expect(() => store.append('cart-x', [inc(1)], { expectedVersion: 'stream_exists' })).toThrow(/does not exist/);
    store.append('cart-x', [inc(1)], { expectedVersion: 'any' });
    expect(store.append('cart-x', [inc(1)], { expectedVersion: 'stream_exists' }).nextExpectedVersion).toBe(2);
    expect(store.append('cart-x', [inc(1)], { expectedVersion: 'any' }).nextExpectedVersion).toBe(3);
  });

  it('rejects malformed expectedVersion values', () => {
    const store = tempStore();
    for (const bad of [-1, 1.5, 'latest', null]) {
      expect(() => store.append('s-1', [inc(1)], { expectedVersion: bad as never })).toThrow(/expectedVersion/);
    }
  });

  it('serialises two connections: the second writer with a stale version gets a ConcurrencyError', () => {
    const dir = tempDir();
    const file = path.join(dir, 'shared.db');
    const a = openStore(file, { readonly: false, create: true });
    const b = openStore(file, { readonly: false });
    a.append('account-1', [{ type: 'AccountOpened', data: {} }], { expectedVersion: 'no_stream' });
    b.append('account-1', [{ type: 'MoneyDeposited', data: { amount: 1 } }], { expectedVersion: 1 });
    expect(() => a.append('account-1', [{ type: 'MoneyDeposited', data: { amount: 2 } }], { expectedVersion: 1 })).toThrow(ConcurrencyError);
    expect(a.readStream('account-1').items.map((e) => e.version)).toEqual([1, 2]);
    // The chain stays continuous across writers.
    expect(a.getEvent(2).position).toBe(2);
    a.close();
    b.close();
  });
});

describe('append: idempotency by event id', () => {
  it('re-appending the same events is a no-op returning the original positions', () => {
    const store = tempStore();
    const events = [inc(1, { eventId: 'evt-1' }), inc(2, { eventId: 'evt-2' })];
    const first = store.append('counter-b', events, { expectedVersion: 'no_stream' });
    // A client retry with the same expected version (now stale) still succeeds as a no-op.
    const again = store.append('counter-b', events, { expectedVersion: 'no_stream' });
    expect(again).toMatchObject({ positions: first.positions, appended: 0, duplicates: 2, nextExpectedVersion: 2 });
    expect(store.stats().events).toBe(2);
  });

  it('key order in data does not make a different event', () => {
    const store = tempStore();
    store.append('s-1', [{ eventId: 'e', type: 't', data: { a: 1, b: 2 } }]);
    expect(store.append('s-1', [{ eventId: 'e', type: 't', data: { b: 2, a: 1 } }]).duplicates).toBe(1);
  });

  it('the same id with different content is a DUPLICATE_EVENT_ID error and nothing is written', () => {
    const store = tempStore();
    store.append('counter-c', [inc(1, { eventId: 'evt-1' })]);
    const attempt = () => store.append('counter-c', [inc(7), inc(2, { eventId: 'evt-1' })]);
    expect(attempt).toThrow(LedgerError);
    expect(attempt).toThrow(/already stored at position 1/);
    expect(store.stats().events).toBe(1);
    expect(() => store.append('other-stream', [inc(1, { eventId: 'evt-1' })])).toThrow(/different content/);
  });

  it('a partially repeated batch appends only the new events', () => {
    const store = tempStore();
    store.append('s-2', [inc(1, { eventId: 'a' })]);
    const result = store.append('s-2', [inc(1, { eventId: 'a' }), inc(2, { eventId: 'b' })]);
    expect(result).toMatchObject({ positions: [1, 2], appended: 1, duplicates: 1, nextExpectedVersion: 2 });
  });
});

describe('append: batches and atomicity', () => {
  it('appends 12,000 events in one call with contiguous positions and versions', () => {
    const store = tempStore();
    const events = Array.from({ length: 12_000 }, (_, i) => inc(i));
    const result = store.append('counter-big', events, { expectedVersion: 'no_stream' });
    expect(result.appended).toBe(12_000);
    expect(result.positions[0]).toBe(1);
    expect(result.positions[11_999]).toBe(12_000);
    const summary = store.getStream('counter-big');
    expect(summary).toMatchObject({ version: 12_000, eventCount: 12_000, firstPosition: 1, lastPosition: 12_000 });
  });

  it('appendMany is all or nothing across streams', () => {
    const store = tempStore();
    store.append('b-1', [inc(1)]);
    expect(() =>
      store.appendMany([
        { streamId: 'a-1', events: [inc(1)] },
        { streamId: 'b-1', events: [inc(1)], expectedVersion: 'no_stream' },
      ]),
    ).toThrow(ConcurrencyError);
    expect(store.getStream('a-1')).toBeNull();
    expect(store.stats()).toMatchObject({ events: 1, streams: 1 });
  });

  it('validates events before writing anything', () => {
    const store = tempStore();
    expect(() => store.append('', [inc(1)])).toThrow(/streamId/);
    expect(() => store.append('s', [{ type: '' }])).toThrow(/type/);
    expect(() => store.append('s', [{ type: 't', data: { n: Number.NaN } }])).toThrow(/non-finite/);
    expect(() => store.append('s', [{ type: 't', data: { n: 1n } }])).toThrow(/BigInt/);
    expect(() => store.append('s', [{ type: 't', metadata: [] as never }])).toThrow(/metadata/);
    expect(() => store.append('s', [{ type: 't', recordedAt: 'yesterday' }])).toThrow(/not a valid time/);
    expect(store.stats().events).toBe(0);
  });

  it('keeps the streams and event_types summaries exact', () => {
    const store = tempStore();
    store.append('cart-1', [{ type: 'ItemAdded', recordedAt: '2026-01-01T00:00:00Z' }, { type: 'ItemRemoved', recordedAt: '2026-01-02T00:00:00Z' }]);
    store.append('cart-2', [{ type: 'ItemAdded', recordedAt: '2026-01-03T00:00:00Z' }]);
    store.append('counter-1', [{ type: 'increment', recordedAt: '2025-12-31T00:00:00Z' }]);
    const stats = store.stats();
    expect(stats).toMatchObject({ events: 4, streams: 3, firstRecordedAt: '2025-12-31T00:00:00.000Z', lastRecordedAt: '2026-01-03T00:00:00.000Z' });
    expect(stats.types).toEqual([
      { type: 'ItemAdded', count: 2 },
      { type: 'ItemRemoved', count: 1 },
      { type: 'increment', count: 1 },
    ]);
    expect(stats.categories).toEqual([
      { category: 'cart', streams: 2, events: 3 },
      { category: 'counter', streams: 1, events: 1 },
    ]);
    expect(store.getStream('cart-1')).toMatchObject({
      category: 'cart',
      version: 2,
      firstPosition: 1,
      lastPosition: 2,
      firstRecordedAt: '2026-01-01T00:00:00.000Z',
      lastRecordedAt: '2026-01-02T00:00:00.000Z',
    });
  });

  it('copies actor, correlation and causation ids into indexed columns', () => {
    const dir = tempDir();
    const file = path.join(dir, 's.db');
    const store = openStore(file, { readonly: false, create: true });
    store.append('s-1', [{ type: 't', metadata: { actor: 'alice', correlationId: 'c-1', causationId: 'x-0' } }, { type: 't', metadata: {} }]);
    store.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT actor, correlation_id, causation_id FROM events ORDER BY position').raw().all()).toEqual([
      ['alice', 'c-1', 'x-0'],
      [null, null, null],
    ]);
    db.close();
  });
});
