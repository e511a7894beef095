import { beforeAll, describe, expect, it } from 'vitest';
import { tempStore } from '../testing/tempFiles.ts';
import type { EventScope, EventStore } from './eventStore.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2026-02-01T00:00:00Z');

describe('reads', () => {
  let store: EventStore;
  beforeAll(() => {
    store = tempStore();
    // 30 streams in 3 categories with distinct activity times and sizes.
    for (let i = 0; i < 30; i++) {
      const category = ['cart', 'account', 'counter'][i % 3];
      const id = `${category}-${String(i).padStart(3, '0')}`;
      const events = Array.from({ length: (i % 5) + 1 }, (_, v) => ({
        type: v === 0 ? 'Opened' : 'Touched',
        data: { i, v },
        metadata: { actor: i % 2 ? 'user:odd' : 'user:even', correlationId: `corr-${i}` },
        recordedAt: T0 + i * DAY + v * 1000,
      }));
      store.append(id, events);
    }
    store.append('Ünïcode-ströme\u0007', [{ type: 'Odd', recordedAt: T0 - DAY }]);
    store.append("x'; DROP TABLE events; --", [{ type: 'Odd', recordedAt: T0 - 2 * DAY }]);
  });

  it('pages streams by last activity with a keyset cursor, covering every stream exactly once', () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = store.listStreams({ sort: 'lastActivity', limit: 7, after });
      seen.push(...page.items.map((s) => s.streamId));
      after = page.next;
      pages++;
    } while (after);
    expect(pages).toBe(5);
    expect(seen).toHaveLength(32);
    expect(new Set(seen).size).toBe(32);
    expect(seen[0]).toBe('counter-029');
    expect(seen.at(-1)).toBe("x'; DROP TABLE events; --");
  });

  it('sorts by id and by count, ties broken by id', () => {
    const byId = store.listStreams({ sort: 'id', limit: 100 }).items.map((s) => s.streamId);
    expect(byId).toEqual([...byId].sort());
    const byCount = store.listStreams({ sort: 'count', limit: 100 }).items;
    for (let i = 1; i < byCount.length; i++) {
      const [a, b] = [byCount[i - 1], byCount[i]];
      expect(a.eventCount > b.eventCount || (a.eventCount === b.eventCount && a.streamId < b.streamId)).toBe(true);
    }
    const page1 = store.listStreams({ sort: 'count', limit: 4 });
    const page2 = store.listStreams({ sort: 'count', limit: 4, after: page1.next });
    expect(page2.items.map((s) => s.streamId)).toEqual(byCount.slice(4, 8).map((s) => s.streamId));
  });

  it('filters by category, prefix and case-insensitive search (SQL-looking text is just text)', () => {
    expect(store.listStreams({ category: 'account', limit: 100 }).items).toHaveLength(10);
    expect(store.listStreams({ prefix: 'cart-00', limit: 100 }).items.map((s) => s.streamId).sort()).toEqual(['cart-000', 'cart-003', 'cart-006', 'cart-009']);
    expect(store.listStreams({ search: 'ÜNÏCODE', limit: 100 }).items.map((s) => s.streamId)).toEqual(['Ünïcode-ströme\u0007']);
    expect(store.listStreams({ search: "'; DROP", limit: 100 }).items).toHaveLength(1);
    expect(store.listStreams({ search: '%', limit: 100 }).items).toHaveLength(0);
    expect(store.stats().events).toBeGreaterThan(0);
  });

  it('rejects a forged cursor and bad limits with INVALID_INPUT', () => {
    expect(() => store.listStreams({ after: 'bm90LWpzb24' })).toThrow(/cursor/);
    expect(() => store.listStreams({ sort: 'count', after: Buffer.from('["x","y"]').toString('base64url') })).toThrow(/cursor/);
    expect(() => store.listStreams({ limit: 0 })).toThrow(/limit/);
    expect(store.listStreams({ limit: 1e9 }).items.length).toBe(32);
  });

  it('reads a stream forward and backward in pages', () => {
    const forward = store.readStream('counter-029', { limit: 2 });
    expect(forward.items.map((e) => e.version)).toEqual([1, 2]);
    expect(forward.next).toBe(3);
    expect(store.readStream('counter-029', { fromVersion: forward.next!, limit: 10 }).items.map((e) => e.version)).toEqual([3, 4, 5]);
    const backward = store.readStream('counter-029', { direction: 'backward', limit: 2 });
    expect(backward.items.map((e) => e.version)).toEqual([5, 4]);
    expect(store.readStream('counter-029', { direction: 'backward', toVersion: backward.next!, fromVersion: 2 }).items.map((e) => e.version)).toEqual([3, 2]);
    expect([...store.iterateStream('counter-029', { fromVersion: 2, toVersion: 4 })].map((e) => e.version)).toEqual([2, 3, 4]);
    expect(() => store.readStream('nope-1')).toThrow(/no stream 'nope-1'/);
  });

  it('returns events with decoded data, metadata, ISO time and hash', () => {
    const [event] = store.readStream('cart-003', { limit: 1 }).items;
    expect(event).toMatchObject({
      streamId: 'cart-003',
      version: 1,
      type: 'Opened',
      data: { i: 3, v: 0 },
      metadata: { actor: 'user:odd', correlationId: 'corr-3' },
      recordedAt: new Date(T0 + 3 * DAY).toISOString(),
    });
    expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(store.getEvent(event.position)).toEqual(event);
    expect(store.getEvent(event.eventId)).toEqual(event);
    expect(() => store.getEvent(999_999)).toThrow(/no event at position/);
  });

  it('reads all events with filters, in position order, paging with next', () => {
    const all = [...store.iterateAll()];
    expect(all).toHaveLength(store.stats().events);
    expect(all.every((e, i) => i === 0 || e.position > all[i - 1].position)).toBe(true);

    const opened = store.readAll({ types: ['Opened'], limit: 1000 }).items;
    expect(opened).toHaveLength(30);
    const odd = store.readAll({ actor: 'user:odd', types: ['Touched'], limit: 1000 }).items;
    expect(odd.every((e) => e.metadata.actor === 'user:odd' && e.type === 'Touched')).toBe(true);
    expect(store.readAll({ streamPrefix: 'account-', limit: 1000 }).items.every((e) => e.streamId.startsWith('account-'))).toBe(true);
    expect(store.readAll({ correlationId: 'corr-4' }).items.map((e) => e.streamId)).toEqual(Array(5).fill('account-004'));

    // Both bounds are inclusive: account-004's first event sits exactly on the upper one.
    const window = store.readAll({ fromTime: '2026-02-03T00:00:00Z', toTime: T0 + 4 * DAY, limit: 1000 }).items;
    expect(window.map((e) => `${e.streamId}@${e.version}`)).toEqual([
      ...[1, 2, 3].map((v) => `counter-002@${v}`),
      ...[1, 2, 3, 4].map((v) => `cart-003@${v}`),
      'account-004@1',
    ]);

    const first = store.readAll({ limit: 10 });
    const second = store.readAll({ limit: 10, fromPosition: first.next! });
    expect(second.items[0].position).toBe(first.items[9].position + 1);
    expect(() => store.readAll({ fromTime: 'not a time' })).toThrow(/not a valid time/);
  });

  it('counts the events of any scope exactly, as iterateRaw yields them, with hashes as hex', () => {
    const scopes: EventScope[] = [
      { kind: 'all' },
      { kind: 'all', fromPosition: 0 },
      { kind: 'all', fromPosition: 7 },
      { kind: 'all', toPosition: 20 },
      { kind: 'all', fromPosition: 3, toPosition: 11 },
      { kind: 'all', types: ['Opened'] },
      { kind: 'all', actor: 'user:odd', toPosition: 40 },
      { kind: 'stream', streamId: 'cart-003', fromVersion: 2 },
    ];
    for (const scope of scopes) {
      const raw = [...store.iterateRaw(scope)];
      expect(store.countEvents(scope), JSON.stringify(scope)).toBe(raw.length);
      for (const event of raw.slice(0, 3)) expect(event.hash).toBe(store.getEvent(event.position).hash);
    }
    expect(store.countEvents({ kind: 'all', fromPosition: 10_000 })).toBe(0);
  });

  it('finds the version at a time (binary search on ordered streams, scan otherwise)', () => {
    const t = T0 + 29 * DAY;
    expect(store.versionAtTime('counter-029', t - 1)).toBe(0);
    expect(store.versionAtTime('counter-029', t)).toBe(1);
    expect(store.versionAtTime('counter-029', t + 2500)).toBe(3);
    expect(store.versionAtTime('counter-029', t + 10 * DAY)).toBe(5);

    store.append('late-1', [
      { type: 'a', recordedAt: 3000 },
      { type: 'b', recordedAt: 1000 },
      { type: 'c', recordedAt: 2000 },
    ]);
    expect(store.versionAtTime('late-1', 1500)).toBe(2);
    expect(store.versionAtTime('late-1', 2500)).toBe(3);
    expect(store.versionAtTime('late-1', 500)).toBe(0);
  });
});
