// A store's lasting identity for the viewer's own records (notes, activity, the chain of exports):
// unlike the search index's identity it must NOT change when events are appended, so it holds no
// size, mtime or chain head. Our stores carry a store_id made at creation; a foreign SQLite file
// is known by its resolved path and format; a database by its URL (no password) and tables.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { EventStoreReader } from '../store/eventStore.ts';
import { sqliteHandleOf } from '../store/sqliteHandle.ts';

export interface StoreKey {
  /** sha256 hex of what identifies the store: a file name-safe key. */
  key: string;
  /** What people read: the path or URL, and the store id when there is one. */
  label: string;
  /** Our store's own id (ledger_head.store_id), null for foreign stores. */
  storeId: string | null;
}

export function storeKeyOf(store: EventStoreReader): StoreKey {
  const { info } = store;
  let storeId: string | null = null;
  const db = sqliteHandleOf(store);
  if (db && info.format === 'ledger') {
    try {
      storeId = (db.prepare('SELECT store_id FROM ledger_head WHERE id = 1').pluck().get() as string | undefined) ?? null;
    } catch {
      storeId = null;
    }
  }
  const identity = storeId
    ? { kind: 'ledger', storeId }
    : info.kind === 'postgres'
      ? { kind: 'postgres', url: info.path, format: info.format, tables: info.layout?.tables ?? [] }
      : { kind: 'file', path: path.resolve(info.path), format: info.format };
  return { key: createHash('sha256').update(JSON.stringify(identity)).digest('hex'), label: info.path, storeId };
}
