// The SQLite connection behind a native store, for services that need SQL the store interface does
// not offer (verification walks prev_hash links and runs PRAGMA integrity_check). Kept out of the
// EventStore interface so adapters for foreign formats need not have one.
import type Database from 'better-sqlite3';
import type { EventStoreReader, LocalStoreReader } from './eventStore.ts';

const handles = new WeakMap<EventStoreReader | LocalStoreReader, Database.Database>();

export function registerSqliteHandle(store: EventStoreReader | LocalStoreReader, db: Database.Database): void {
  handles.set(store, db);
}

/** The open connection of a native store; null for other stores or after close. */
export function sqliteHandleOf(store: EventStoreReader | LocalStoreReader): Database.Database | null {
  const db = handles.get(store);
  return db && db.open ? db : null;
}
