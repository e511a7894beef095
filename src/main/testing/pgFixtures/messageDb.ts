// Message DB stores for tests, made by Message DB's own code: its `database/install.sh` (psql, as
// shipped in @eventide/message-db) installs the schema into an existing database, and every message
// is written with `message_store.write_message(id, stream_name, type, data, metadata,
// expected_version)`. Metadata is written the Eventide way: a correlationId becomes
// `correlationStreamName`; other keys (actor) are kept as they are.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ContractEvent } from '../../adapters/readerContract.ts';
import { withClient } from './emmettPostgres.ts';

const run = promisify(execFile);

function installScript(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@eventide/message-db/package.json')), 'database', 'install.sh');
}

/** Runs Message DB's install.sh against the database of `url` (which must exist). */
export async function installMessageDb(url: string): Promise<void> {
  const parsed = new URL(url);
  const env = {
    ...process.env,
    PGHOST: parsed.hostname,
    PGPORT: parsed.port || '5432',
    PGUSER: decodeURIComponent(parsed.username),
    PGPASSWORD: decodeURIComponent(parsed.password),
    DATABASE_NAME: decodeURIComponent(parsed.pathname.slice(1)),
    CREATE_DATABASE: 'off',
  };
  // The message_store role is cluster-wide: two installs at once can race on creating it (the
  // script tolerates an existing role, not a concurrent one), so a failed install is tried again.
  for (let attempt = 1; ; attempt++) {
    try {
      await run('bash', [installScript()], { env, maxBuffer: 16 * 1024 * 1024 });
      return;
    } catch (error) {
      if (attempt >= 3) throw new Error(`Message DB's install.sh failed: ${(error as { stderr?: string }).stderr ?? String(error)}`);
    }
  }
}

export interface MessageDbMessage {
  streamName: string;
  type: string;
  data: unknown;
  metadata?: Record<string, unknown> | null;
  /** write_message's expected_version (the stream's last position, -1 for a new stream). */
  expectedVersion?: number | null;
  id?: string;
}

/** Eventide's spelling of the viewer's metadata keys. */
export function eventideMetadata(metadata: Record<string, unknown> | undefined): Record<string, unknown> | null {
  if (!metadata) return null;
  const { correlationId, ...rest } = metadata;
  return correlationId === undefined ? rest : { ...rest, correlationStreamName: correlationId };
}

/** Writes messages with write_message in one transaction; returns each one's position and global position. */
export async function writeMessageDbMessages(url: string, messages: MessageDbMessage[]): Promise<{ id: string; position: number; globalPosition: number }[]> {
  return withClient(url, async (client) => {
    await client.query('BEGIN');
    // write_message names its helpers and the messages table without a schema.
    await client.query('SET LOCAL search_path = message_store, public');
    const written: { id: string; position: number; globalPosition: number }[] = [];
    for (const message of messages) {
      const id = message.id ?? randomUUID();
      const rows = await client.query<{ position: string }>(
        'SELECT message_store.write_message($1, $2, $3, $4::jsonb, $5::jsonb, $6)::text AS position',
        [id, message.streamName, message.type, JSON.stringify(message.data), message.metadata ? JSON.stringify(message.metadata) : null, message.expectedVersion ?? null],
      );
      const global = await client.query<{ g: string }>('SELECT global_position::text AS g FROM message_store.messages WHERE id = $1', [id]);
      written.push({ id, position: Number(rows.rows[0].position), globalPosition: Number(global.rows[0].g) });
    }
    await client.query('COMMIT');
    return written;
  });
}

/** Installs Message DB and writes the streams batch by batch, each batch one transaction with expected versions. */
export async function writeMessageDb(url: string, data: { streamId: string; batches: ContractEvent[][] }[], options: { install?: boolean } = {}): Promise<void> {
  if (options.install !== false) await installMessageDb(url);
  for (const { streamId, batches } of data) {
    let last = -1;
    for (const batch of batches) {
      await writeMessageDbMessages(
        url,
        batch.map((event, i) => ({ streamName: streamId, type: event.type, data: event.data, metadata: eventideMetadata(event.metadata), expectedVersion: last + i })),
      );
      last += batch.length;
    }
  }
}

/** Installs Message DB and writes `events` messages over `streams` streams with write_message, in one statement. */
export async function writeMessageDbBulk(url: string, options: { streams: number; events: number }): Promise<void> {
  await installMessageDb(url);
  await withClient(url, async (client) => {
    await client.query('BEGIN');
    await client.query('SET LOCAL search_path = message_store, public');
    await client.query(
      `SELECT message_store.write_message(gen_random_uuid()::text, 'bulk-' || (g % $2 + 1), 'BulkAdded', jsonb_build_object('n', g), jsonb_build_object('actor', 'user-' || (g % 7)))
       FROM generate_series(1, $1::int) g ORDER BY g`,
      [options.events, options.streams],
    );
    await client.query('COMMIT');
  });
}
