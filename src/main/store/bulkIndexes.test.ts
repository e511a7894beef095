import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/tempFiles.ts';
import { openStore } from './openStore.ts';
import { sqliteHandleOf } from './sqliteHandle.ts';

const indexesOf = (file: string) => {
  const db = new Database(file, { readonly: true });
  const rows = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name").all();
  db.close();
  return rows;
};

describe('bulk loads', () => {
  const dir = tempDir('bulk');

  it('build the secondary indexes at close, ending with the same schema as a normal store; reads work meanwhile', () => {
    const normal = path.join(dir, 'normal.db');
    openStore(normal, { readonly: false, create: true }).close();
    const bulk = path.join(dir, 'bulk.db');
    const store = openStore(bulk, { readonly: false, create: true, bulkLoad: true });
    expect(sqliteHandleOf(store)?.pragma('journal_mode', { simple: true })).toBe('memory');
    for (let i = 0; i < 50; i++) {
      store.append(`cart-${i % 5}`, [{ type: i % 2 ? 'ItemAdded' : 'ItemRemoved', data: { i }, metadata: { actor: `user:${i % 3}`, correlationId: `c${i % 7}` }, recordedAt: 1_700_000_000_000 + i }]);
    }
    // During the load the constraint indexes are there and every query answers, by scanning.
    expect(indexesOf(bulk).map((r: any) => r.name)).toEqual(['sqlite_autoindex_events_1']);
    expect(store.readAll({ types: ['ItemAdded'], actor: 'user:1', limit: 100 }).items).toHaveLength(9);
    expect(store.countEvents({ kind: 'all', fromPosition: 5, toPosition: 20 })).toBe(16);
    expect(store.stats().events).toBe(50);
    expect(() => store.append('cart-0', [{ eventId: store.getEvent(1).eventId, type: 'Other' }])).toThrow(/already stored/);
    store.close();
    expect(indexesOf(bulk)).toEqual(indexesOf(normal));
    const reopened = openStore(bulk);
    expect(reopened.readAll({ correlationId: 'c3', limit: 100 }).items.map((e) => e.position)).toEqual([4, 11, 18, 25, 32, 39, 46]);
    expect(reopened.countEvents({ kind: 'all', fromPosition: 5, toPosition: 20 })).toBe(16);
    reopened.close();
  });

  it('leave an existing store’s indexes alone', () => {
    const file = path.join(dir, 'existing.db');
    openStore(file, { readonly: false, create: true }).close();
    const before = indexesOf(file);
    const store = openStore(file, { readonly: false, bulkLoad: true });
    expect(indexesOf(file)).toEqual(before);
    // …and its crash-safe journal: the in-memory journal of a bulk load is for new files only.
    expect(sqliteHandleOf(store)?.pragma('journal_mode', { simple: true })).toBe('wal');
    store.close();
    expect(indexesOf(file)).toEqual(before);
  });
});
