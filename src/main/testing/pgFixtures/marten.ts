// A Marten event store in PostgreSQL, built from Marten's documented DDL (JasperFx/marten
// src/Marten/Events/Schema/EventsTable.cs, StreamsTable.cs, EventProgressionTable.cs, the metadata
// columns in src/Marten/Storage/Metadata/*, IsArchivedColumn.cs, EstablishTombstoneStream.cs) and
// appended to the way Marten's quick-append path does it: one transaction per batch, seq_id from
// mt_events_sequence, versions 1-based, mt_streams.version and timestamp bumped. Test code only:
// this module writes; the adapter never does.
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import type { ContractEvent } from '../../adapters/readerContract.ts';
import { withClient } from '../pgServer.ts';

export interface MartenOptions {
  /** Schema of the event store tables (Marten's DatabaseSchemaName); default 'public'. */
  schema?: string;
  /** StreamIdentity.AsString (varchar stream ids) or AsGuid (uuid); default 'string'. */
  identity?: 'string' | 'guid';
  /** TenancyStyle.Conjoined: tenant_id is part of the stream key; default false. */
  conjoined?: boolean;
  /** The optional metadata columns correlation_id, causation_id, headers, user_name; default true. */
  metadata?: boolean;
  /** Marten 8 keeps the vestigial mt_streams.snapshot columns; Marten 9 drops them and adds mt_events.bdata. Default 8. */
  generation?: 8 | 9;
  /**
   * Events.EnableEventSkippingInProjectionsOrSubscriptions (Marten 8.6+): mt_events.is_skipped
   * (bool DEFAULT FALSE, nullable, as EventsTable adds it). Default: as Marten's own default, on
   * from Marten 9, off in Marten 8.
   */
  skipping?: boolean;
}

export interface MartenAppend {
  streamId: string;
  /** Conjoined tenancy: the tenant that owns the stream (Marten's default tenant otherwise). */
  tenantId?: string;
  /** `dataText`, when given, is stored as written (big numbers, decimals JSON.stringify cannot write). */
  events: (ContractEvent & { dataText?: string })[];
  /** The writer's clock for these events (Marten lets the client set timestamp); default now(). */
  timestamp?: Date;
}

export const DEFAULT_TENANT = '*DEFAULT*';
/** Marten's tombstone stream key for string identity (StorageConstants.TombstoneStreamKey). */
export const TOMBSTONE_STREAM_KEY = 'mt_tombstone';
const TOMBSTONE_DOTNET_TYPE = 'JasperFx.Events.Tombstone, JasperFx.Events';

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

function resolved(options: MartenOptions): Required<MartenOptions> {
  const generation = options.generation ?? 8;
  return { schema: 'public', identity: 'string', conjoined: false, metadata: true, generation, skipping: generation >= 9, ...options };
}

/** The CREATE statements of Marten's event store (sequence, mt_streams, mt_events, mt_event_progression). */
export function martenDdl(options: MartenOptions = {}): string {
  const o = resolved(options);
  const s = q(o.schema);
  const idType = o.identity === 'guid' ? 'uuid' : 'varchar';
  const tenantKey = o.conjoined ? 'tenant_id varchar DEFAULT \'*DEFAULT*\' NOT NULL,' : '';
  const tenantPlain = o.conjoined ? '' : 'tenant_id varchar DEFAULT \'*DEFAULT*\' NULL,';
  const snapshot = o.generation === 8 ? 'snapshot jsonb NULL,\n  snapshot_version integer NULL,' : '';
  const metadata = o.metadata ? 'correlation_id varchar NULL,\n  causation_id varchar NULL,\n  headers jsonb NULL,\n  user_name varchar NULL,' : '';
  const eventsKey = o.conjoined
    ? `CONSTRAINT fkey_mt_events_stream_id_tenant_id FOREIGN KEY (tenant_id, stream_id) REFERENCES ${s}.mt_streams (tenant_id, id)`
    : `CONSTRAINT fkey_mt_events_stream_id FOREIGN KEY (stream_id) REFERENCES ${s}.mt_streams (id) ON DELETE CASCADE`;
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE SEQUENCE ${s}.mt_events_sequence;
CREATE TABLE ${s}.mt_streams (
  ${tenantKey}
  id ${idType} NOT NULL,
  type varchar NULL,
  version bigint NULL,
  timestamp timestamptz DEFAULT (now()) NOT NULL,
  ${snapshot}
  created timestamptz DEFAULT (now()) NOT NULL,
  ${tenantPlain}
  is_archived bool DEFAULT FALSE,
  CONSTRAINT pkey_mt_streams_${o.conjoined ? 'tenant_id_id' : 'id'} PRIMARY KEY (${o.conjoined ? 'tenant_id, id' : 'id'})
);
CREATE TABLE ${s}.mt_events (
  seq_id bigint NOT NULL,
  id uuid NOT NULL,
  stream_id ${idType} NULL,
  version bigint NOT NULL,
  data jsonb NOT NULL,
  ${o.generation === 9 ? 'bdata bytea NULL,' : ''}
  type varchar(500) NOT NULL,
  timestamp timestamptz DEFAULT (now()) NOT NULL,
  tenant_id varchar DEFAULT '*DEFAULT*' NULL,
  mt_dotnet_type varchar NULL,
  ${metadata}
  ${o.skipping ? 'is_skipped bool DEFAULT FALSE,' : ''}
  is_archived bool DEFAULT FALSE,
  CONSTRAINT pkey_mt_events_seq_id PRIMARY KEY (seq_id),
  ${eventsKey}
);
CREATE UNIQUE INDEX pk_mt_events_stream_and_version ON ${s}.mt_events USING btree (${o.conjoined ? 'tenant_id, ' : ''}stream_id, version);
CREATE TABLE ${s}.mt_event_progression (
  name varchar NOT NULL,
  last_seq_id bigint NULL,
  last_updated timestamptz DEFAULT (transaction_timestamp()),
  CONSTRAINT pk_mt_event_progression PRIMARY KEY (name)
);`;
}


export async function createMartenSchema(url: string, options: MartenOptions = {}): Promise<void> {
  await withClient(url, (client) => client.query(martenDdl(options)).then(() => undefined));
}

/** Marten's metadata columns take correlationId, causationId and actor (as user_name); the rest goes to headers. */
function metadataColumns(metadata: Record<string, unknown> | undefined) {
  const { correlationId, causationId, actor, ...headers } = metadata ?? {};
  return {
    correlationId: typeof correlationId === 'string' ? correlationId : null,
    causationId: typeof causationId === 'string' ? causationId : null,
    userName: typeof actor === 'string' ? actor : null,
    headers: Object.keys(headers).length > 0 ? JSON.stringify(headers) : null,
  };
}

/** One batch, appended like mt_quick_append_events: stream row upserted, version bumped, one sequence value per event. */
async function appendBatch(client: pg.Client, o: Required<MartenOptions>, batch: MartenAppend): Promise<number[]> {
  const s = q(o.schema);
  const tenant = batch.tenantId ?? DEFAULT_TENANT;
  const key = o.conjoined ? 'id = $1 AND tenant_id = $2' : 'id = $1 AND $2::varchar IS NOT NULL';
  await client.query(`INSERT INTO ${s}.mt_streams (id, type, version, tenant_id) VALUES ($1, NULL, 0, $2) ON CONFLICT DO NOTHING`, [batch.streamId, tenant]);
  const updated = await client.query(
    `UPDATE ${s}.mt_streams SET version = version + $3, timestamp = coalesce($4::timestamptz, now()) WHERE ${key} RETURNING version::int8 AS version`,
    [batch.streamId, tenant, batch.events.length, batch.timestamp ?? null],
  );
  let version = Number(updated.rows[0].version) - batch.events.length;
  const positions: number[] = [];
  for (const event of batch.events) {
    const m = metadataColumns(event.metadata);
    const columns = ['seq_id', 'id', 'stream_id', 'version', 'data', 'type', 'timestamp', 'tenant_id', 'mt_dotnet_type'];
    const values: unknown[] = [randomUUID(), batch.streamId, ++version, event.dataText ?? JSON.stringify(event.data), event.type, batch.timestamp ?? null, tenant, `Contract.${event.type}, Contract`];
    if (o.metadata) {
      columns.push('correlation_id', 'causation_id', 'headers', 'user_name');
      values.push(m.correlationId, m.causationId, m.headers, m.userName);
    }
    const placeholders = values.map((_, i) => (i === 5 ? `coalesce($${i + 1}::timestamptz, now())` : `$${i + 1}`));
    const row = await client.query(
      `INSERT INTO ${s}.mt_events (${columns.join(', ')}) VALUES (nextval('${o.schema.replace(/'/g, "''")}.mt_events_sequence'), ${placeholders.join(', ')}) RETURNING seq_id::int8 AS seq`,
      values,
    );
    positions.push(Number(row.rows[0].seq));
  }
  return positions;
}

/** Appends batches, one transaction each (Marten's SaveChanges), returning the seq_ids given. */
export async function appendMarten(url: string, options: MartenOptions, batches: MartenAppend[]): Promise<number[]> {
  const o = resolved(options);
  return withClient(url, async (client) => {
    const positions: number[] = [];
    for (const batch of batches) {
      await client.query('BEGIN');
      try {
        positions.push(...(await appendBatch(client, o, batch)));
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    return positions;
  });
}

/**
 * An append left open: its sequence values are taken, nothing is visible until `commit()`. Two of
 * these committed in the other order are what a live tail must not be fooled by.
 */
export async function beginMartenAppend(url: string, options: MartenOptions, batch: MartenAppend): Promise<{ positions: number[]; commit(): Promise<void>; rollback(): Promise<void> }> {
  const o = resolved(options);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  const positions = await appendBatch(client, o, batch);
  const finish = (sql: string) => async () => {
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return { positions, commit: finish('COMMIT'), rollback: finish('ROLLBACK') };
}

/** Creates the schema and writes CONTRACT_DATA-shaped streams, stream by stream, batch by batch. */
export async function writeMartenStreams(
  url: string,
  options: MartenOptions,
  data: { streamId: string; tenantId?: string; batches: ContractEvent[][] }[],
  create = true,
): Promise<number[]> {
  if (create) await createMartenSchema(url, options);
  return appendMarten(
    url,
    options,
    data.flatMap((stream) => stream.batches.map((events) => ({ streamId: stream.streamId, tenantId: stream.tenantId, events }))),
  );
}

/**
 * A HOLE: an append that took a sequence value and rolled back, leaving seq_id unused and no row
 * (what a failed SaveChanges leaves when Marten does not get to write its tombstone).
 */
export async function writeMartenHole(url: string, options: MartenOptions, streamId: string, tenantId = DEFAULT_TENANT): Promise<number> {
  const append = await beginMartenAppend(url, options, { streamId, tenantId, events: [{ type: 'RolledBack', data: { never: 'committed' } }] });
  await append.rollback();
  return append.positions[0];
}

/**
 * A TOMBSTONE in a sequence gap, as EventGraph.TryCreateTombstoneBatch writes one after a failed
 * append: an append that takes sequence values rolls back, then the tombstone stream is established
 * (version 0, EstablishTombstoneStream) and one 'tombstone' event per lost seq_id is inserted with
 * version = seq_id, empty data, in the tombstone stream ('mt_tombstone', or a process-random Guid).
 */
export async function writeMartenTombstones(url: string, options: MartenOptions, streamId: string, count = 1, tenantId = DEFAULT_TENANT): Promise<number[]> {
  const o = resolved(options);
  const s = q(o.schema);
  const lost: number[] = [];
  for (let i = 0; i < count; i++) lost.push(await writeMartenHole(url, options, streamId, tenantId));
  const tombstoneStream = o.identity === 'guid' ? randomUUID() : TOMBSTONE_STREAM_KEY;
  await withClient(url, async (client) => {
    await client.query('BEGIN');
    await client.query(`INSERT INTO ${s}.mt_streams (id, tenant_id, version, is_archived) VALUES ($1, $2, 0, false) ON CONFLICT DO NOTHING`, [tombstoneStream, tenantId]);
    for (const seq of lost) {
      await client.query(
        `INSERT INTO ${s}.mt_events (seq_id, id, stream_id, version, data, type, tenant_id, mt_dotnet_type) VALUES ($1, $2, $3, $1, '{}', 'tombstone', $4, $5)`,
        [seq, randomUUID(), tombstoneStream, tenantId, TOMBSTONE_DOTNET_TYPE],
      );
    }
    await client.query('COMMIT');
  });
  return lost;
}

/** Archives a stream like mt_archive_stream: is_archived on the stream row and on its events. */
export async function archiveMartenStream(url: string, options: MartenOptions, streamId: string, tenantId = DEFAULT_TENANT): Promise<void> {
  const o = resolved(options);
  const s = q(o.schema);
  const tenant = o.conjoined ? ' AND tenant_id = $2' : '';
  const params = o.conjoined ? [streamId, tenantId] : [streamId];
  await withClient(url, async (client) => {
    await client.query('BEGIN');
    await client.query(`UPDATE ${s}.mt_streams SET is_archived = TRUE WHERE id = $1${tenant}`, params);
    await client.query(`UPDATE ${s}.mt_events SET is_archived = TRUE WHERE stream_id = $1${tenant}`, params);
    await client.query('COMMIT');
  });
}

/**
 * Marks events skipped as Marten's MarkEventsAsSkipped does (8.6+, with event skipping enabled):
 * is_skipped set on the rows of the given sequence numbers; nothing else changes.
 */
export async function markMartenEventsSkipped(url: string, options: MartenOptions, seqIds: number[]): Promise<void> {
  const s = q(resolved(options).schema);
  await withClient(url, (client) => client.query(`UPDATE ${s}.mt_events SET is_skipped = TRUE WHERE seq_id = ANY($1::bigint[])`, [seqIds]).then(() => undefined));
}

/** Sets Marten's async daemon high-water mark (mt_event_progression 'HighWaterMark'). */
export async function setMartenHighWaterMark(url: string, options: MartenOptions, seq: number): Promise<void> {
  const s = q(resolved(options).schema);
  await withClient(url, (client) =>
    client
      .query(
        `INSERT INTO ${s}.mt_event_progression (name, last_seq_id) VALUES ('HighWaterMark', $1) ON CONFLICT (name) DO UPDATE SET last_seq_id = $1, last_updated = transaction_timestamp()`,
        [seq],
      )
      .then(() => undefined),
  );
}

export interface MartenBulkOptions extends MartenOptions {
  events: number;
  /** Streams besides the long one; events are spread over them round-robin. */
  streams: number;
  /** Events of stream 'long-1', interleaved with the rest. */
  longStreamEvents?: number;
  /** Epoch ms of the first event; one millisecond per event after it. */
  startMs?: number;
}

/**
 * A large Marten store in a few INSERT … SELECT generate_series statements (1M events in seconds):
 * stream `long-1` holds every k-th event (longStreamEvents of them), the rest cycle over streams
 * `bulk-0` … `bulk-(streams-1)`. The index and foreign key are built after the load, the way a
 * restore does; the result is the same schema. String identity, default tenant.
 */
export async function generateMartenBulk(url: string, options: MartenBulkOptions): Promise<void> {
  const o = resolved(options);
  const s = q(o.schema);
  const total = options.events;
  const long = Math.min(options.longStreamEvents ?? 0, total);
  const every = long > 0 ? Math.floor(total / long) : 0;
  const startMs = options.startMs ?? Date.UTC(2026, 0, 1);
  await createMartenSchema(url, o);
  await withClient(url, async (client) => {
    await client.query(`ALTER TABLE ${s}.mt_events DROP CONSTRAINT fkey_mt_events_stream_id; DROP INDEX ${s}.pk_mt_events_stream_and_version; ALTER TABLE ${s}.mt_events DROP CONSTRAINT pkey_mt_events_seq_id`);
    // Event n (1-based) is in the long stream when (n-1) % every = 0 and it is among the first `long`
    // of those; otherwise it is rest event r = n - (long events up to n) - 1, 0-based.
    const longBefore = every > 0 ? `LEAST(${long}, (n - 1) / ${every} + 1)` : '0';
    const isLong = every > 0 ? `((n - 1) % ${every} = 0 AND (n - 1) / ${every} < ${long})` : 'false';
    await client.query(
      `INSERT INTO ${s}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type${o.metadata ? ', user_name, correlation_id' : ''})
       SELECT n, md5(n::text)::uuid,
              CASE WHEN ${isLong} THEN 'long-1' ELSE 'bulk-' || ((n - ${longBefore} - 1) % ${options.streams}) END,
              CASE WHEN ${isLong} THEN (n - 1) / ${every || 1} + 1 ELSE (n - ${longBefore} - 1) / ${options.streams} + 1 END,
              jsonb_build_object('n', n, 'amount', n % 100, 'note', 'bulk event ' || n),
              CASE n % 3 WHEN 0 THEN 'increment' WHEN 1 THEN 'ItemAdded' ELSE 'MoneyDeposited' END,
              to_timestamp((${startMs} + n) / 1000.0), '${DEFAULT_TENANT}', 'Bulk.Event, Bulk'
              ${o.metadata ? `, 'user:' || (n % 50), 'corr-' || (n / 10)` : ''}
       FROM generate_series(1, ${total}) AS n`,
    );
    await client.query(
      `INSERT INTO ${s}.mt_streams (id, type, version, timestamp, created, tenant_id)
       SELECT stream_id, NULL, max(version), max(timestamp), min(timestamp), '${DEFAULT_TENANT}' FROM ${s}.mt_events GROUP BY stream_id`,
    );
    await client.query(`ALTER TABLE ${s}.mt_events ADD CONSTRAINT pkey_mt_events_seq_id PRIMARY KEY (seq_id)`);
    await client.query(`CREATE UNIQUE INDEX pk_mt_events_stream_and_version ON ${s}.mt_events USING btree (stream_id, version)`);
    await client.query(`ALTER TABLE ${s}.mt_events ADD CONSTRAINT fkey_mt_events_stream_id FOREIGN KEY (stream_id) REFERENCES ${s}.mt_streams (id) ON DELETE CASCADE`);
    await client.query(`SELECT setval('${o.schema.replace(/'/g, "''")}.mt_events_sequence', ${Math.max(1, total)})`);
    await client.query(`VACUUM ANALYZE ${s}.mt_events`);
    await client.query(`VACUUM ANALYZE ${s}.mt_streams`);
  });
}
