// The pg rows: the same operations as the SQLite rows, on a Marten-layout PostgreSQL store opened
// the way the app and the CLI open one (openStoreTarget(url): read-only session, layout detection,
// the generic pgReader), against floors written straight on node-postgres + pg-cursor.
import fs from 'node:fs';
import pg from 'pg';
import Cursor from 'pg-cursor';
import { openStoreTarget } from '../../src/main/adapters/openStoreTarget.ts';
import { exportEvents } from '../../src/main/export/exportEvents.ts';
import { createReplayEngine } from '../../src/main/replay/replayEngine.ts';
import { CHUNK } from '../../src/main/store/asyncReader.ts';
import type { EventStoreReader } from '../../src/main/store/eventStore.ts';
import { generateMartenBulk } from '../../src/main/testing/pgFixtures/marten.ts';
import { stateChecksum, WARM_UP_EVENTS } from './replay.ts';
import { fullFoldOn, stateAtSamplesOn } from './timeTravel.ts';
import type { Measurement } from './types.ts';

export interface PgParams {
  url: string;
}

async function withReader<T>(url: string, body: (reader: EventStoreReader, openMs: number) => Promise<T>): Promise<T> {
  const started = performance.now();
  const reader = await openStoreTarget(url);
  const openMs = performance.now() - started;
  try {
    return await body(reader, openMs);
  } finally {
    await reader.close();
  }
}

async function withClient<T>(url: string, body: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'replay-ledger-bench-floor' });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

export interface GenerateParams extends PgParams {
  events: number;
  streams: number;
  longEvents: number;
}

/** The dataset: Marten's DDL and the bulk generator (INSERT … SELECT generate_series, indexes after). */
export async function buildMartenDataset(p: GenerateParams): Promise<Measurement> {
  const started = performance.now();
  await generateMartenBulk(p.url, { events: p.events, streams: p.streams, longStreamEvents: p.longEvents });
  const ms = performance.now() - started;
  const bytes = await withClient(p.url, async (c) => (await c.query(`SELECT pg_total_relation_size('mt_events')::int8 AS b`)).rows[0].b as string);
  return { ms, units: p.events, details: { tableBytes: Number(bytes) } };
}

export interface PgBrowseParams extends PgParams {
  pageSize: number;
}

/** The streams screen's first page (last activity first), on a freshly opened store. */
export async function pgFirstStreamsPage(p: PgBrowseParams): Promise<Measurement> {
  return withReader(p.url, async (reader, openMs) => {
    const started = performance.now();
    const page = await reader.listStreams({ sort: 'lastActivity', limit: p.pageSize });
    const ms = performance.now() - started;
    return { ms, details: { items: page.items.length, more: page.next !== null, openMs, first: page.items[0]?.streamId } };
  });
}

export interface PgStreamParams extends PgParams {
  streamId: string;
}

export interface PgStateAtParams extends PgStreamParams {
  streamVersion: number;
  samples: number;
  seed: string;
}

export const pgStateAtSnapshots = (p: PgStateAtParams) => withReader(p.url, (reader) => stateAtSamplesOn(reader, p));
export const pgStateAtFullFold = (p: PgStateAtParams) => withReader(p.url, (reader) => fullFoldOn(reader, p));

/** replayFromStart of the long stream, snapshots off, after the same untimed warm-up as the SQLite row. */
export async function pgReplay(p: PgStreamParams): Promise<Measurement> {
  return withReader(p.url, async (reader) => {
    const engine = createReplayEngine(reader, { snapshotEvery: 0 });
    const head = (await reader.getStream(p.streamId))?.version ?? 0;
    await engine.replayFromStart(p.streamId, { toVersion: Math.min(WARM_UP_EVENTS, head) });
    const started = performance.now();
    const result = await engine.replayFromStart(p.streamId);
    const ms = performance.now() - started;
    return { ms, units: result.eventsApplied, details: { version: result.version, warnings: result.warningCount, state: stateChecksum(result.state) } };
  });
}

/**
 * The floor: `SELECT data::text … ORDER BY version` through a pg-cursor in chunks of the reader's
 * size, JSON.parse of each row (data as text, as the reader reads it, so pg's own jsonb parse is not
 * in either figure). Warmed up on its first WARM_UP_EVENTS rows, like the replay.
 */
export async function pgReplayFloor(p: PgStreamParams): Promise<Measurement> {
  return withClient(p.url, async (client) => {
    const sql = 'SELECT data::text AS d FROM mt_events WHERE stream_id = $1 ORDER BY version';
    const warm = client.query(new Cursor<{ d: string }>(sql, [p.streamId]));
    for (const row of await warm.read(WARM_UP_EVENTS)) JSON.parse(row.d);
    await warm.close();
    const started = performance.now();
    const cursor = client.query(new Cursor<{ d: string }>(sql, [p.streamId]));
    let units = 0;
    for (let rows = await cursor.read(CHUNK); rows.length > 0; rows = await cursor.read(CHUNK)) {
      for (const row of rows) JSON.parse(row.d);
      units += rows.length;
    }
    await cursor.close();
    return { ms: performance.now() - started, units };
  });
}

export interface PgExportParams extends PgParams {
  out: string;
}

/** The export service, whole store to NDJSON, as the app runs it. */
export async function pgExport(p: PgExportParams): Promise<Measurement> {
  try {
    return await withReader(p.url, async (reader) => {
      const started = performance.now();
      const result = await exportEvents(reader, { scope: { kind: 'all' }, format: 'ndjson', out: p.out });
      return { ms: performance.now() - started, units: result.events, details: { bytes: result.bytes } };
    });
  } finally {
    fs.rmSync(p.out, { force: true });
  }
}

const BUFFER_BYTES = 1 << 20;

/**
 * The floor: the stored columns (no metadata assembly, no time conversion) in seq_id order through
 * a pg-cursor, written as tab-separated text into a reused 1 MiB buffer (as the SQLite export floor).
 */
export async function pgExportFloor(p: PgExportParams): Promise<Measurement> {
  const fd = fs.openSync(p.out, 'w');
  try {
    return await withClient(p.url, async (client) => {
      const sql = `SELECT seq_id::text, id::text, stream_id, version::text, type, timestamp::text, data::text, coalesce(headers::text, ''), coalesce(correlation_id, ''), coalesce(user_name, '')
                   FROM mt_events ORDER BY seq_id`;
      const buffer = Buffer.allocUnsafe(BUFFER_BYTES);
      let used = 0;
      let bytes = 0;
      const flush = () => {
        fs.writeSync(fd, buffer, 0, used);
        bytes += used;
        used = 0;
      };
      const started = performance.now();
      await client.query('BEGIN READ ONLY');
      const cursor = client.query(new Cursor<string[]>(sql, [], { rowMode: 'array' }));
      let units = 0;
      for (let rows = await cursor.read(CHUNK); rows.length > 0; rows = await cursor.read(CHUNK)) {
        for (const r of rows) {
          for (let i = 0; i < r.length; i++) {
            const text = r[i] ?? '';
            if (used + text.length * 3 + 1 > BUFFER_BYTES) flush();
            if (text.length * 3 + 1 > BUFFER_BYTES) {
              const large = Buffer.from(text, 'utf8');
              fs.writeSync(fd, large);
              bytes += large.length;
            } else used += buffer.write(text, used, 'utf8');
            buffer[used++] = i === r.length - 1 ? 10 : 9;
          }
        }
        units += rows.length;
      }
      await cursor.close();
      await client.query('COMMIT');
      flush();
      return { ms: performance.now() - started, units, details: { bytes } };
    });
  } finally {
    fs.closeSync(fd);
    fs.rmSync(p.out, { force: true });
  }
}
