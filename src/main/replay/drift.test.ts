import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerError } from '../errors.ts';
import { toAsyncReader } from '../store/asyncReader.ts';
import type { EventStoreReader } from '../store/eventStore.ts';
import { openStore } from '../store/openStore.ts';
import { tempDir } from '../testing/tempFiles.ts';
import { driftCheck } from './drift.ts';
import { createReplayEngine } from './replayEngine.ts';
import { cartStory } from '../testing/cartStory.ts';

const T0 = Date.parse('2026-03-01T10:00:00Z');
const MIN = 60_000;

/** The replayed state of cart-1 at its last version (the shopping-cart projection). */
const CART_1 = {
  status: 'checked_out',
  customerId: 'c-42',
  items: [
    { sku: 'B', name: 'Bread', unitPrice: 250, quantity: 2 },
    { sku: 'C', name: 'Cheese', unitPrice: 500, quantity: 3 },
  ],
  itemCount: 5,
  total: 2000,
  checkedOutAt: new Date(T0 + 6 * MIN).toISOString(),
  paymentId: 'pay-1',
};

/**
 * The reader method another branch adds to every adapter, for this unit test only: one row by key
 * from a second read-only connection, JSON text columns parsed, unknown names refused.
 */
function withTableRows(reader: EventStoreReader, file: string): EventStoreReader & { close(): Promise<void> } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  return {
    ...reader,
    info: reader.info,
    async readTableRow(table, keyColumn, key, columns) {
      const known = new Set((db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name));
      if (known.size === 0) throw new LedgerError('INVALID_INPUT', `No table '${table}'.`);
      for (const column of [keyColumn, ...columns]) if (!known.has(column)) throw new LedgerError('INVALID_INPUT', `No column '${column}' in '${table}'.`);
      const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
      const row = db.prepare(`SELECT ${columns.map(quoted).join(', ')} FROM ${quoted(table)} WHERE ${quoted(keyColumn)} = ?`).get(key) as Record<string, unknown> | undefined;
      if (!row) return null;
      const parsed: Record<string, unknown> = {};
      for (const [column, value] of Object.entries(row)) parsed[column] = typeof value === 'string' && /^\s*[[{]/.test(value) ? JSON.parse(value) : value;
      return parsed;
    },
    async close() {
      db.close();
      await reader.close();
    },
  };
}

describe('drift check', () => {
  const dir = tempDir('drift');
  const file = path.join(dir, 'store.db');
  let plain: EventStoreReader;
  let reader: EventStoreReader & { close(): Promise<void> };

  beforeAll(() => {
    const store = openStore(file, { readonly: false, create: true });
    store.append('cart-1', cartStory(T0));
    store.close();
    // The read model lives in the store's own file, as projections kept beside the events do.
    const db = new Database(file);
    db.exec(`CREATE TABLE cart_view (id TEXT PRIMARY KEY, state TEXT, total INTEGER, status TEXT, itemCount TEXT, paymentId TEXT)`);
    const insert = db.prepare(`INSERT INTO cart_view VALUES (?, ?, ?, ?, ?, ?)`);
    // The handler of ItemQuantityChanged did not run; one field was never written, one is a leftover.
    const { paymentId: _never, ...written } = CART_1;
    const drifted = { ...written, items: [CART_1.items[0], { ...CART_1.items[1], quantity: 1 }], total: 1000, legacyDiscount: 0 };
    insert.run('cart-1', JSON.stringify(drifted), 2000, 'checked_out', '5', null);
    // Keys in another order, the same values: no drift.
    insert.run('legacy:cart-1', JSON.stringify(Object.fromEntries(Object.entries(CART_1).reverse())), 2000, 'checked_out', null, null);
    db.close();
    plain = toAsyncReader(openStore(file, { readonly: true }));
    reader = withTableRows(plain, file);
  });
  afterAll(() => reader.close());

  const check = (query: Partial<Parameters<typeof driftCheck>[2]> & { columns: string[] }) =>
    driftCheck(reader, createReplayEngine(reader), { streamId: 'cart-1', table: 'cart_view', keyColumn: 'id', ...query });

  it('one JSON column against the whole state: each differing field names the event that should have set it', async () => {
    const result = await check({ columns: ['state'] });
    expect(result).toMatchObject({ streamId: 'cart-1', projection: { name: 'shopping-cart' }, version: 7, table: 'cart_view', keyColumn: 'id', key: 'cart-1', rowFound: true, totalFields: 4, truncated: false });
    expect(result.fields.map(({ path, kind, replayed, stored, event }) => ({ path, kind, replayed, stored, event: event && `v${event.version} ${event.type}` }))).toEqual([
      { path: '$.items[sku="C"].quantity', kind: 'different', replayed: 3, stored: 1, event: 'v6 ItemQuantityChanged' },
      { path: '$.total', kind: 'different', replayed: 2000, stored: 1000, event: 'v6 ItemQuantityChanged' },
      { path: '$.paymentId', kind: 'missing-in-read-model', replayed: 'pay-1', stored: undefined, event: 'v7 CartCheckedOut' },
      { path: '$.legacyDiscount', kind: 'only-in-read-model', replayed: undefined, stored: 0, event: null },
    ]);
    expect(result.fields[0].event).toMatchObject({ actor: 'carol', recordedAt: new Date(T0 + 5 * MIN).toISOString() });
    expect(result.fields[0].segments).toEqual(['items', { key: 'sku', value: 'C' }, 'quantity']);
  });

  it('key order does not matter, and --key picks another row', async () => {
    const result = await check({ columns: ['state'], key: 'legacy:cart-1' });
    expect(result).toMatchObject({ key: 'legacy:cart-1', rowFound: true, fields: [], totalFields: 0 });
  });

  it('several columns against the state fields of those names; a number stored as text is drift, said plainly', async () => {
    const result = await check({ columns: ['total', 'status', 'itemCount'] });
    expect(result.fields).toEqual([
      {
        path: '$.itemCount',
        segments: ['itemCount'],
        kind: 'different',
        replayed: 5,
        stored: '5',
        event: expect.objectContaining({ version: 6, type: 'ItemQuantityChanged' }),
        note: 'the same number, but the read model holds it as text',
      },
    ]);
    // A NULL column for a field the state does not have is no drift; one the state has is.
    expect((await check({ columns: ['total', 'paymentId'], key: 'legacy:cart-1' })).fields).toEqual([
      expect.objectContaining({ path: '$.paymentId', kind: 'different', replayed: 'pay-1', stored: null, note: 'text in the replayed state, null in the read model' }),
    ]);
  });

  it('compares at an earlier version', async () => {
    const result = await check({ columns: ['total', 'status'], atVersion: 5 });
    expect(result.version).toBe(5);
    expect(result.fields.map((f) => [f.path, f.replayed, f.stored, f.event?.version])).toEqual([
      ['$.total', 1000, 2000, 5],
      ['$.status', 'open', 'checked_out', 1],
    ]);
  });

  it('a missing row: every replayed field is missing, with its event', async () => {
    const result = await check({ columns: ['state'], key: 'cart-404', maxFields: 3 });
    expect(result).toMatchObject({ key: 'cart-404', rowFound: false, totalFields: 14, truncated: true });
    expect(result.fields).toHaveLength(3);
    expect(result.fields[0]).toMatchObject({ path: '$.status', kind: 'missing-in-read-model', replayed: 'checked_out', event: { version: 7 } });
    const some = await check({ columns: ['total', 'status'], key: 'cart-404' });
    expect(some.fields.map((f) => f.path)).toEqual(['$.status', '$.total']);
  });

  it('says so when the store cannot read its other tables, and refuses unknown names and streams', async () => {
    // A reader without the optional table access (a store kind that has none).
    const eventsOnly: EventStoreReader = { ...plain, info: plain.info, readTableRow: undefined };
    await expect(driftCheck(eventsOnly, createReplayEngine(eventsOnly), { streamId: 'cart-1', table: 'cart_view', keyColumn: 'id', columns: ['state'] })).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: expect.stringMatching(/cannot read tables other than its events/),
    });
    await expect(check({ columns: ['nope'] })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: "No column 'nope' in 'cart_view'." });
    await expect(check({ columns: [] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(check({ columns: ['total', 'total'] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(check({ columns: ['state'], streamId: 'cart-none' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(check({ columns: ['state'], atVersion: 8 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
