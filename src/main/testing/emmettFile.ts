// Emmett SQLite files for tests, written by Emmett's own appendToStream. Emmett switches each new
// connection to WAL without awaiting it, which races its first transaction and can leave the file
// half-written when it is read at once (seen as "truncated" in CI). Starting from a file already in
// WAL mode makes that switch a no-op, and the store is closed before anyone reads it.
import { getSQLiteEventStore } from '@event-driven-io/emmett-sqlite';
import Database from 'better-sqlite3';

export type EmmettBatch = [streamId: string, events: { type: string; data: Record<string, unknown>; metadata?: Record<string, unknown> }[]];

export async function writeEmmettFile(fileName: string, batches: EmmettBatch[]): Promise<void> {
  const db = new Database(fileName);
  db.pragma('journal_mode = WAL');
  db.close();
  const store = getSQLiteEventStore({ fileName, schema: { autoMigration: 'CreateOrUpdate' } } as never) as unknown as {
    appendToStream(stream: string, events: unknown[]): Promise<unknown>;
    close?: () => Promise<void>;
  };
  for (const [streamId, events] of batches) await store.appendToStream(streamId, events);
  await store.close?.();
}
