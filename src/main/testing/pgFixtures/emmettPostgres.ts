// Emmett PostgreSQL stores for tests, written by Emmett's own `appendToStream`
// (@event-driven-io/emmett-postgresql): one call per batch, metadata stored as Emmett stores it
// (`message_metadata` jsonb, minus the messageId it keeps in its own column). Emmett 0.42 has no
// archiving call, so archived rows are made the way its schema expects them: the same rows with
// `is_archived = true`, which moves them into the `*_archived` list partitions.
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { ContractEvent } from '../../adapters/readerContract.ts';
import { withClient } from '../pgServer.ts';

export { withClient };

export interface EmmettStreamData {
  streamId: string;
  batches: ContractEvent[][];
}

interface EmmettStore {
  appendToStream(stream: string, events: unknown[], options?: { partition?: string }): Promise<unknown>;
  schema: { migrate(): Promise<void> };
  close(): Promise<void>;
}

/** Emmett's default partition (its `emt:default` tag). */
export const EMMETT_DEFAULT_PARTITION = 'emt:default';

function openEmmett(url: string): EmmettStore {
  return getPostgreSQLEventStore(url) as unknown as EmmettStore;
}

/** Appends every batch with Emmett's own `appendToStream`, in order, then closes Emmett's pool. */
export async function writeEmmettPostgres(url: string, data: EmmettStreamData[]): Promise<void> {
  const store = openEmmett(url);
  try {
    for (const { streamId, batches } of data) for (const batch of batches) await store.appendToStream(streamId, batch);
  } finally {
    await store.close();
  }
}

/**
 * Appends batches into another partition. Emmett 0.42's `appendToStream` accepts a `partition`
 * option but does not pass it on (its rows land in `emt:default`), so this calls Emmett's own
 * SQL: `emt_add_partition` and `emt_append_to_stream(…, partition)`, as its append does.
 */
export async function writeEmmettPartition(url: string, partition: string, data: EmmettStreamData[]): Promise<void> {
  const store = openEmmett(url);
  try {
    await store.schema.migrate();
  } finally {
    await store.close();
  }
  await withClient(url, async (client) => {
    await client.query('SELECT emt_add_partition($1)', [partition]);
    for (const { streamId, batches } of data) for (const batch of batches) await appendWithEmmettSql(client, streamId, batch, partition);
  });
}

/**
 * One append through Emmett's SQL function `emt_append_to_stream`, with the arguments its
 * `appendToStream` passes, on a client the caller controls (so a test can hold the transaction open).
 */
export async function appendWithEmmettSql(client: pg.Client, streamId: string, batch: ContractEvent[], partition = EMMETT_DEFAULT_PARTITION): Promise<void> {
  const [first, ...rest] = streamId.split('-');
  await client.query(`SELECT * FROM emt_append_to_stream($1::text[], $2::jsonb[], $3::jsonb[], $4::text[], $5::text[], $6::text[], $7, $8, NULL, $9)`, [
    batch.map(() => randomUUID()),
    batch.map((e) => JSON.stringify(e.data)),
    batch.map((e) => JSON.stringify(e.metadata ?? {})),
    batch.map(() => '1'),
    batch.map((e) => e.type),
    batch.map(() => 'E'),
    streamId,
    first && rest.length > 0 ? first : 'emt:unknown',
    partition,
  ]);
}

/** Appends messages of kind Command (`message_kind = 'C'`), which are not events of the stream. */
export async function writeEmmettCommands(url: string, streamId: string, commands: { type: string; data: Record<string, unknown> }[]): Promise<void> {
  const store = openEmmett(url);
  try {
    await store.appendToStream(
      streamId,
      commands.map((c) => ({ ...c, kind: 'Command' })),
    );
  } finally {
    await store.close();
  }
}

/** Marks a stream and its messages archived (rows move to the `_archived` partitions). */
export async function archiveEmmettStream(url: string, streamId: string, partition = EMMETT_DEFAULT_PARTITION): Promise<void> {
  await withClient(url, async (client) => {
    await client.query('BEGIN');
    await client.query('UPDATE emt_messages SET is_archived = true WHERE stream_id = $1 AND partition = $2', [streamId, partition]);
    await client.query('UPDATE emt_streams SET is_archived = true WHERE stream_id = $1 AND partition = $2', [streamId, partition]);
    await client.query('COMMIT');
  });
}

/** Many streams of many events for plan checks, through Emmett's own SQL append (one call per stream). */
export async function writeEmmettBulk(url: string, options: { streams: number; eventsPerStream: number }): Promise<void> {
  const store = openEmmett(url);
  try {
    await store.schema.migrate();
  } finally {
    await store.close();
  }
  await withClient(url, async (client) => {
    for (let s = 1; s <= options.streams; s++) {
      const batch = Array.from({ length: options.eventsPerStream }, (_, i) => ({ type: 'BulkAdded', data: { n: i + 1 }, metadata: { actor: `user-${s % 7}` } }));
      await appendWithEmmettSql(client, `bulk-${s}`, batch);
    }
  });
}
