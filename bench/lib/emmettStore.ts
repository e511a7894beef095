// Emmett, the peer: its SQLite event store (`@event-driven-io/emmett-sqlite`) used the way its docs
// show, on one reused connection (by default it opens a connection per call, ~2.5x slower here; the
// peer gets its faster setting). Versions and positions come back as bigint.
import { getSQLiteEventStore, sqliteConnection } from '@event-driven-io/emmett-sqlite';
import Database from 'better-sqlite3';
import type { ReplayEvent } from '../../src/main/store/eventStore.ts';

export interface EmmettEvent {
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** What our demo events become in Emmett: the same type, data and metadata, plus the record time. */
export function toEmmettEvent(type: string, data: unknown, metadata: unknown, recordedAtMs: number): EmmettEvent {
  return { type, data: data as Record<string, unknown>, metadata: { ...(metadata as Record<string, unknown>), recordedAtMs } };
}

export interface EmmettStore {
  appendToStream(streamName: string, events: EmmettEvent[]): Promise<unknown>;
  aggregateStream<S>(
    streamName: string,
    options: { evolve: (state: S, event: any) => S; initialState: () => S; read?: { to?: bigint } },
  ): Promise<{ state: S; currentStreamVersion: bigint }>;
  close(): void;
}

export function openEmmettStore(fileName: string): EmmettStore {
  // Emmett switches each new connection to WAL without waiting for it, so the switch can race its
  // first transaction ("cannot change into wal mode from within a transaction"); done here first,
  // its own switch is a no-op.
  const prepare = new Database(fileName);
  prepare.pragma('journal_mode = WAL');
  prepare.close();
  const connection = sqliteConnection({ fileName });
  const store = getSQLiteEventStore({ fileName, schema: { autoMigration: 'CreateOrUpdate' }, connectionOptions: { connection, singleton: true } } as any) as any;
  return {
    appendToStream: (streamName, events) => store.appendToStream(streamName, events),
    aggregateStream: (streamName, options) => store.aggregateStream(streamName, options),
    close: () => connection.close(),
  };
}

/** An Emmett message as our projections see events, so the same evolve runs on both stores. */
export function replayEventOf(message: { type: string; data: unknown; metadata: Record<string, unknown> }): ReplayEvent {
  const metadata = message.metadata;
  return {
    position: Number(metadata.globalPosition),
    version: Number(metadata.streamPosition),
    type: message.type,
    data: message.data,
    recordedAtMs: Number(metadata.recordedAtMs),
    actor: typeof metadata.actor === 'string' ? metadata.actor : null,
  };
}
