// One contract every store reader passes, native or adapter: the same logical events, written by
// each store's own tool, must list, page, filter, replay, diff and export identically.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { exportEvents } from '../export/exportEvents.ts';
import { createReplayEngine } from '../replay/replayEngine.ts';
import type { EventStoreReader } from '../store/eventStore.ts';
import { collect } from '../store/asyncReader.ts';

export interface ContractEvent {
  type: string;
  data: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

/** The dataset: appended stream by stream, batch by batch, in this order. */
export const CONTRACT_DATA: { streamId: string; batches: ContractEvent[][] }[] = [
  {
    streamId: 'cart-1',
    batches: [
      [
        { type: 'ItemAdded', data: { sku: 'A', name: 'Apple', unitPrice: 100, quantity: 1 }, metadata: { actor: 'alice', correlationId: 'corr-1' } },
        { type: 'ItemAdded', data: { sku: 'B', name: 'Bread', unitPrice: 250, quantity: 2 }, metadata: { actor: 'alice', correlationId: 'corr-1' } },
      ],
      [{ type: 'ItemRemoved', data: { sku: 'A' }, metadata: { actor: 'bob' } }],
      [{ type: 'ItemQuantityChanged', data: { sku: 'B', quantity: 5 }, metadata: { actor: 'bob' } }],
      [{ type: 'CartCheckedOut', data: { paymentId: 'pay-1' }, metadata: { actor: 'carol' } }],
    ],
  },
  {
    streamId: 'account-1',
    batches: [[{ type: 'AccountOpened', data: { owner: 'ada', currency: 'EUR', initialDeposit: 1000 } }, { type: 'MoneyDeposited', data: { amount: 50 } }]],
  },
  { streamId: 'counter-1', batches: [[{ type: 'increment', data: { amount: 5 } }], [{ type: 'increment', data: { amount: 10 } }]] },
  { streamId: 'order-ünï-1', batches: [[{ type: 'Created', data: { id: 1, note: "'; DROP TABLE x; --" } }]] },
];

/**
 * A read model an application keeps beside its events (what a drift check compares a projection
 * with): one row per cart, its items as JSON, a text column holding JSON in one row and broken JSON
 * in the other. Fixtures write it as `table` in the store's own file or schema.
 */
export const CONTRACT_READ_MODEL = {
  table: 'cart_summaries',
  columns: ['id', 'seq', 'status', 'total', 'items', 'note'],
  rows: [
    { id: 'cart-1', seq: 1, status: 'checked_out', total: 1250, items: [{ sku: 'B', quantity: 5 }], note: '{not json' },
    { id: 'order-ünï-1', seq: 2, status: 'created', total: 0, items: [], note: '[1, 2]' },
  ],
};

export interface ContractOptions {
  /**
   * Where the fixture wrote CONTRACT_READ_MODEL, named as the reader lists it ('cart_summaries',
   * 'public.cart_summaries'); null: this reader offers no table access (and must not claim to).
   */
  readModelTable: string | null;
}

const EVENTS = CONTRACT_DATA.flatMap((s) => s.batches.flat().map((e) => ({ ...e, streamId: s.streamId })));

export function describeReaderContract(name: string, open: () => Promise<EventStoreReader>, scratchDir: () => string, options: ContractOptions): void {
  describe(`store reader contract: ${name}`, () => {
    let store: EventStoreReader;
    it('opens', async () => {
      store = await open();
      expect(store.info.readonly).toBe(true);
    });

    it('counts events, streams and types', async () => {
      const stats = await store.stats();
      expect(stats).toMatchObject({ events: EVENTS.length, streams: CONTRACT_DATA.length });
      expect(Object.fromEntries(stats.types.map((t) => [t.type, t.count]))).toMatchObject({ ItemAdded: 2, increment: 2, Created: 1 });
      expect(stats.categories.find((c) => c.category === 'cart')).toEqual({ category: 'cart', streams: 1, events: 5 });
      expect(Date.parse(stats.firstRecordedAt!)).toBeLessThanOrEqual(Date.parse(stats.lastRecordedAt!));
    });

    it('lists every stream exactly once through keyset pages, for every sort', async () => {
      for (const sort of ['lastActivity', 'id', 'count'] as const) {
        const seen: string[] = [];
        let after: string | null = null;
        do {
          const page = await store.listStreams({ sort, limit: 2, after });
          seen.push(...page.items.map((s) => s.streamId));
          after = page.next;
        } while (after);
        expect(seen.sort()).toEqual(CONTRACT_DATA.map((s) => s.streamId).sort());
      }
      expect((await store.listStreams({ sort: 'count', limit: 1 })).items[0]).toMatchObject({ streamId: 'cart-1', eventCount: 5, version: 5, category: 'cart' });
      expect((await store.listStreams({ category: 'counter' })).items.map((s) => s.streamId)).toEqual(['counter-1']);
      expect((await store.listStreams({ prefix: 'acc' })).items.map((s) => s.streamId)).toEqual(['account-1']);
      expect((await store.listStreams({ search: 'ÜNÏ' })).items.map((s) => s.streamId)).toEqual(['order-ünï-1']);
      expect(await store.getStream('nope')).toBeNull();
    });

    it('reads a stream forward, backward and by range', async () => {
      const all = await store.readStream('cart-1');
      expect(all.items.map((e) => [e.version, e.type])).toEqual([
        [1, 'ItemAdded'],
        [2, 'ItemAdded'],
        [3, 'ItemRemoved'],
        [4, 'ItemQuantityChanged'],
        [5, 'CartCheckedOut'],
      ]);
      expect(all.items[0].data).toEqual({ sku: 'A', name: 'Apple', unitPrice: 100, quantity: 1 });
      expect(all.items[0].metadata).toMatchObject({ actor: 'alice', correlationId: 'corr-1' });
      const page = await store.readStream('cart-1', { limit: 2, direction: 'backward' });
      expect(page.items.map((e) => e.version)).toEqual([5, 4]);
      expect(page.next).toBe(3);
      expect((await store.readStream('cart-1', { fromVersion: 2, toVersion: 3 })).items.map((e) => e.version)).toEqual([2, 3]);
      expect((await collect(store.iterateStream('counter-1'))).map((e) => e.data)).toEqual([{ amount: 5 }, { amount: 10 }]);
      // Every reader says "not there" in the same words, which the screens say in the reader's language.
      await expect(store.readStream('nope-1')).rejects.toMatchObject({ code: 'NOT_FOUND', message: "There is no stream 'nope-1' in this store.", words: { key: 'errorWords.read.noStream', facts: { streamId: 'nope-1' } } });
    });

    it('reads the global log in position order with filters and pages', async () => {
      const all = await collect(store.iterateAll());
      expect(all).toHaveLength(EVENTS.length);
      expect(all.map((e) => `${e.streamId}:${e.type}`)).toEqual(EVENTS.map((e) => `${e.streamId}:${e.type}`));
      for (let i = 1; i < all.length; i++) expect(all[i].position).toBeGreaterThan(all[i - 1].position);
      expect((await store.readAll({ types: ['increment'] })).items.map((e) => e.streamId)).toEqual(['counter-1', 'counter-1']);
      expect((await store.readAll({ streamPrefix: 'account-' })).items).toHaveLength(2);
      expect((await store.readAll({ actor: 'bob' })).items.map((e) => e.type)).toEqual(['ItemRemoved', 'ItemQuantityChanged']);
      // Actor: trimmed, * as any text, case-sensitive, with counts and suggestions ignoring case.
      expect((await store.readAll({ actor: ' bob ' })).items).toHaveLength(2);
      expect((await store.readAll({ actor: 'BOB' })).items).toHaveLength(0);
      expect((await store.readAll({ actor: '*o*' })).items.map((e) => e.metadata.actor)).toEqual(['bob', 'bob', 'carol']);
      expect((await store.readAll({ actor: 'al*' })).items).toHaveLength(2);
      expect((await store.actors()).actors).toEqual([{ actor: 'alice', count: 2 }, { actor: 'bob', count: 2 }, { actor: 'carol', count: 1 }]);
      expect((await store.actors({ actor: 'BOB' })).match).toMatchObject({ actors: 0, suggestions: [{ actor: 'bob', count: 2 }] });
      // Time: date-only bounds cover their whole days (first to last day: every event).
      const { firstRecordedAt, lastRecordedAt } = await store.stats();
      expect(await store.countEvents({ kind: 'all', fromTime: firstRecordedAt!.slice(0, 10), toTime: lastRecordedAt!.slice(0, 10) })).toBe(EVENTS.length);
      await expect(store.readAll({ toTime: '2026-02-30' })).rejects.toThrow(/2026-02-30 is not a date/);
      expect((await store.readAll({ correlationId: 'corr-1' })).items).toHaveLength(2);
      const first = await store.readAll({ limit: 3 });
      const second = await store.readAll({ limit: 3, fromPosition: first.next! });
      expect([...first.items, ...second.items].map((e) => e.position)).toEqual(all.slice(0, 6).map((e) => e.position));
      expect(await store.countEvents({ kind: 'all' })).toBe(EVENTS.length);
      expect(await store.countEvents({ kind: 'stream', streamId: 'cart-1', fromVersion: 2 })).toBe(4);
    });

    it('gets one event by position and by id', async () => {
      const event = (await store.readStream('account-1')).items[1];
      expect(await store.getEvent(event.position)).toEqual(event);
      expect(await store.getEvent(event.eventId)).toEqual(event);
      await expect(store.getEvent(999_999)).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'There is no event at position 999999.', words: { key: 'errorWords.read.noEventAt' } });
    });

    it('replays, diffs and blames through the engine', async () => {
      const engine = createReplayEngine(store);
      expect((await engine.stateAt('counter-1', { version: 2 })).state).toBe(15);
      expect((await engine.stateAt('cart-1', { version: 5 })).state).toMatchObject({ status: 'checked_out', itemCount: 5, total: 1250, paymentId: 'pay-1' });
      const diff = await engine.diff('cart-1', 2, 4);
      expect(diff.changes.map((c) => [c.path, c.kind, c.event?.version])).toEqual([
        ['$.items[sku="A"]', 'removed', 3],
        ['$.items[sku="B"].quantity', 'changed', 4],
        ['$.itemCount', 'changed', 4],
        ['$.total', 'changed', 4],
      ]);
      expect(diff.changes[0].event?.actor).toBe('bob');
      const state = await engine.stateAt('order-ünï-1', { version: 1 });
      expect(state.projection.name).toBe('generic');
      expect((await engine.stateAt('cart-1', { time: '1970-01-01T00:00:00Z' })).version).toBe(0);
      expect((await engine.stateAt('cart-1', { time: '2999-01-01T00:00:00Z' })).version).toBe(5);
    });

    it('replays without metadata unless asked, and with each event\'s metadata when asked', async () => {
      const plain = await collect(store.replayChunks('cart-1', 1, 5));
      expect(plain.map((e) => [e.version, e.type, e.actor])).toEqual([
        [1, 'ItemAdded', 'alice'],
        [2, 'ItemAdded', 'alice'],
        [3, 'ItemRemoved', 'bob'],
        [4, 'ItemQuantityChanged', 'bob'],
        [5, 'CartCheckedOut', 'carol'],
      ]);
      // The built-ins' path pays for no metadata, and no store here marks an event skipped.
      for (const event of plain) {
        expect('metadata' in event).toBe(false);
        expect(event.skipped).toBeUndefined();
      }
      const full = await collect(store.replayChunks('cart-1', 1, 5, { withMetadata: true }));
      expect(full.map(({ metadata: _metadata, ...rest }) => rest)).toEqual(plain);
      expect(full[0].metadata).toMatchObject({ actor: 'alice', correlationId: 'corr-1' });
      expect(full[2].metadata).toMatchObject({ actor: 'bob' });
      expect((full[2].metadata as Record<string, unknown>).correlationId).toBeUndefined();
      // Events written without metadata: an object without the contract's keys (or null).
      for (const event of await collect(store.replayChunks('counter-1', 1, 2, { withMetadata: true }))) {
        expect(event.metadata === null || (typeof event.metadata === 'object' && !Array.isArray(event.metadata))).toBe(true);
        expect((event.metadata as Record<string, unknown> | null)?.actor).toBeUndefined();
      }
      expect((await collect(store.replayChunks('cart-1', 2, 3, { withMetadata: true }))).map((e) => [e.version, (e.metadata as Record<string, unknown>).actor])).toEqual([
        [2, 'alice'],
        [3, 'bob'],
      ]);
      // The same metadata the log shows for each event, in every stream.
      for (const { streamId } of CONTRACT_DATA) {
        const replayed = await collect(store.replayChunks(streamId, 1, Number.MAX_SAFE_INTEGER, { withMetadata: true }));
        expect(replayed.map((e) => e.metadata)).toEqual((await store.readStream(streamId)).items.map((e) => e.metadata));
      }
      const controller = new AbortController();
      controller.abort();
      await expect(collect(store.replayChunks('cart-1', 1, 5, { withMetadata: true, signal: controller.signal }))).rejects.toThrow(/cancelled/);
    });

    it('lists the read-model tables beside the events and reads one row by its key, read-only and checked', async () => {
      const table = options.readModelTable;
      if (table === null) {
        expect(store.listTables).toBeUndefined();
        expect(store.readTableRow).toBeUndefined();
        return;
      }
      const listTables = store.listTables?.bind(store);
      const readRow = store.readTableRow?.bind(store);
      if (!listTables || !readRow) throw new Error(`${name} offers no table access`);
      // The store's own tables (events, streams, bookkeeping) and internal ones are left out.
      const tables = await listTables();
      expect(tables.map((t) => t.name)).toEqual([table]);
      expect(tables[0].columns.map((c) => c.name)).toEqual(CONTRACT_READ_MODEL.columns);
      expect(tables[0].rows).toBe(CONTRACT_READ_MODEL.rows.length);
      // JSON comes back parsed (a JSON column, or text holding an array); text that is not JSON stays text.
      expect(await readRow(table, 'id', 'cart-1', ['status', 'total', 'items', 'note'])).toEqual({ status: 'checked_out', total: 1250, items: [{ sku: 'B', quantity: 5 }], note: '{not json' });
      // The key is compared as text, whatever the column's type.
      expect(await readRow(table, 'seq', '2', ['id', 'note', 'items'])).toEqual({ id: 'order-ünï-1', note: [1, 2], items: [] });
      expect(await readRow(table, 'total', '1250', ['id'])).toEqual({ id: 'cart-1' });
      expect(await readRow(table, 'id', 'nope', ['status'])).toBeNull();
      expect(await readRow(table, 'id', "cart-1' OR '1'='1", ['status'])).toBeNull();
      // Only a listed table, only its columns: anything else is refused, naming what exists.
      const eventsTable = store.info.layout?.tables[0] ?? (store.info.format === 'emmett' ? 'emt_messages' : 'events');
      await expect(readRow(eventsTable, 'id', '1', ['id'])).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining(table) });
      await expect(readRow(`${table}"; DROP TABLE x; --`, 'id', 'cart-1', ['id'])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      await expect(readRow(table, 'id', 'cart-1', ['status', 'secret"'])).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/no column 'secret"'.*status/) });
      await expect(readRow(table, 'nope', 'cart-1', ['status'])).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/'nope'/) });
      await expect(readRow(table, 'id', 'cart-1', [])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      // Nothing was written: the table is as the fixture left it.
      expect((await listTables()).map((t) => t.rows)).toEqual([CONTRACT_READ_MODEL.rows.length]);
    });

    it('exports raw events and draws a histogram of all of them', async () => {
      const out = path.join(scratchDir(), `${name.replace(/\W+/g, '-')}.ndjson`);
      const result = await exportEvents(store, { scope: { kind: 'all' }, format: 'ndjson', out });
      const lines = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      expect(result.events).toBe(EVENTS.length);
      expect(lines.map((e) => e.data)).toEqual(EVENTS.map((e) => e.data));
      const histogram = await store.histogram({}, 10);
      expect(histogram.total).toBe(EVENTS.length);
      expect(histogram.buckets.reduce((sum, b) => sum + b.counts.reduce((a, c) => a + c, 0), 0)).toBe(EVENTS.length);
    });

    it('stops a long read when its signal aborts, and stays usable after a loop breaks early', async () => {
      const controller = new AbortController();
      controller.abort();
      await expect(collect(store.iterateAll({}, { signal: controller.signal }))).rejects.toThrow(/cancelled/);
      for await (const chunk of store.iterateRaw({ kind: 'all' })) {
        expect(chunk.length).toBeGreaterThan(0);
        break;
      }
      expect(await store.countEvents({ kind: 'all' })).toBe(EVENTS.length);
      expect(typeof (await store.changeToken())).toBe('string');
    });

    it('closes', async () => {
      await store.close();
    });
  });
}
