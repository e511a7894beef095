// Test helpers for layouts before the generic reader: a bare PgSession over one pg.Client, and the
// rows a layout's SQL expressions give in its global order, as text (Emmett's driver setup turns
// int8 into BigInt for the whole process, so nothing here relies on pg's number parsing).
import pg from 'pg';
import type { PgLayout } from '../../adapters/postgres/layout.ts';
import type { PgSession } from '../../adapters/postgres/pgSession.ts';
import { connectPg } from '../../adapters/postgres/connection.ts';
import { createPgReader } from '../../adapters/postgres/pgReader.ts';
import { parsePgTarget } from '../../adapters/postgres/target.ts';
import type { StoreInfo } from '../../../shared/types.ts';
import type { EventStoreReader } from '../../store/eventStore.ts';
import { collect } from '../../store/asyncReader.ts';
import { afterEach } from 'vitest';
import { tempDir } from '../tempFiles.ts';

export async function simpleSession(url: string): Promise<PgSession> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    displayUrl: url,
    async query<Row>(sql: string, params?: unknown[]) {
      return (await client.query(sql, params)).rows as Row[];
    },
    async *cursor<Row>(sql: string, params?: unknown[]) {
      yield (await client.query(sql, params)).rows as Row[];
    },
    close: () => client.end(),
  };
}

export interface LayoutRow {
  position: number;
  streamId: string;
  version: number;
  sourceVersion: number | null;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  recordedAtMs: number;
  eventId: string;
  actor: string | null;
  correlationId: string | null;
  causationId: string | null;
}

/** Every event row of the layout (its eventFilter applied) in its global order. */
export async function layoutRows(session: PgSession, layout: PgLayout, where?: string): Promise<LayoutRow[]> {
  const c = layout.columns;
  const conditions = [layout.eventFilter, where].filter(Boolean).map((w) => `(${w})`);
  const rows = await session.query<Record<string, string | null>>(
    `SELECT (${c.position})::text AS position, (${c.streamId})::text AS stream_id, (${c.version})::text AS version,
            ${c.sourceVersion ? `(${c.sourceVersion})::text` : 'NULL::text'} AS source_version, (${c.type})::text AS type,
            ${c.dataText} AS data, ${c.metadataText} AS metadata, (${c.recordedAtMs})::text AS recorded_at, (${c.eventId})::text AS event_id,
            (${c.actor})::text AS actor, (${c.correlationId})::text AS correlation_id, (${c.causationId})::text AS causation_id
     FROM ${layout.eventsTable} e ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
     ORDER BY ${(layout.globalOrder ?? [c.position]).join(', ')}`,
  );
  return rows.map((r) => ({
    position: Number(r.position),
    streamId: r.stream_id!,
    version: Number(r.version),
    sourceVersion: r.source_version === null ? null : Number(r.source_version),
    type: r.type!,
    data: JSON.parse(r.data!),
    metadata: JSON.parse(r.metadata!),
    recordedAtMs: Number(r.recorded_at),
    eventId: r.event_id!,
    actor: r.actor,
    correlationId: r.correlation_id,
    causationId: r.causation_id,
  }));
}

/** CONTRACT_DATA-shaped data as the rows a layout should give (stream by stream, 1-based versions). */
export function expectedRows(data: { streamId: string; batches: { type: string; data: unknown; metadata?: Record<string, unknown> }[][] }[]) {
  return data.flatMap(({ streamId, batches }) =>
    batches.flat().map((e, i) => ({ streamId, version: i + 1, type: e.type, data: e.data, actor: (e.metadata?.actor as string) ?? null, correlationId: (e.metadata?.correlationId as string) ?? null })),
  );
}

/** A reader over `url` through connectPg (read-only at the server) and the generic reader. */
export async function openLayoutReader(url: string, layoutOf: (session: PgSession) => Promise<PgLayout>, adapter: string): Promise<EventStoreReader> {
  const session = await connectPg(parsePgTarget(url, {})!);
  try {
    const layout = await layoutOf(session);
    const info: StoreInfo = {
      path: session.displayUrl,
      format: layout.format,
      adapter,
      readonly: true,
      sizeBytes: 0,
      hasIntegrityChain: false,
      kind: 'postgres',
      layout: layout.facts,
    };
    return createPgReader(session, layout, info);
  } catch (error) {
    await session.close();
    throw error;
  }
}

/**
 * For a layout's test file: `open(url)` gives a plain session closed after each test, and
 * `scratch()` a folder for export files removed after the file.
 */
export function layoutTestKit(label: string): { open: (url: string) => Promise<PgSession>; scratch: () => string } {
  const sessions: PgSession[] = [];
  afterEach(async () => {
    for (const s of sessions.splice(0)) await s.close();
  });
  const dir = tempDir(label);
  return {
    open: async (url) => {
      const session = await simpleSession(url);
      sessions.push(session);
      return session;
    },
    scratch: () => dir,
  };
}

export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

/** The relations an EXPLAIN (FORMAT JSON) plan reads with a Seq Scan. */
export const seqScans = (node: PlanNode): string[] => [
  ...(node['Node Type'] === 'Seq Scan' && node['Relation Name'] ? [node['Relation Name']] : []),
  ...(node.Plans ?? []).flatMap(seqScans),
];

/** A session that records the SQL (and parameters) of every query and cursor it sends, in `sent`. */
export function recordingSession(session: PgSession): PgSession & { sent: { sql: string; params: unknown[] }[] } {
  const sent: { sql: string; params: unknown[] }[] = [];
  return {
    displayUrl: session.displayUrl,
    sent,
    query: (sql, params = [], options) => {
      sent.push({ sql, params });
      return session.query(sql, params, options);
    },
    cursor: (sql, params = [], options) => {
      sent.push({ sql, params });
      return session.cursor(sql, params, options);
    },
    close: () => session.close(),
  };
}

/**
 * A reader whose every SQL is recorded, and `scannedWhole(op)`: the relations that the plans
 * (EXPLAIN, run by the superuser at `adminUrl`) of the SQL `op` sent read with a Seq Scan.
 */
export async function planChecker(url: string, layoutOf: (session: PgSession) => Promise<PgLayout>) {
  const recording = recordingSession(await connectPg(parsePgTarget(url, {})!));
  const { sent } = recording;
  const layout = await layoutOf(recording);
  const info: StoreInfo = { path: url, format: layout.format, adapter: 'test', readonly: true, sizeBytes: 0, hasIntegrityChain: false, kind: 'postgres', layout: layout.facts };
  const store = createPgReader(recording, layout, info);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('ANALYZE');
  return {
    store,
    async scannedWhole(op: () => Promise<unknown>): Promise<string[]> {
      sent.length = 0;
      await op();
      const relations: string[] = [];
      for (const { sql, params } of sent.splice(0)) {
        const explained = await admin.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
        relations.push(...seqScans((explained.rows[0]['QUERY PLAN'] as { Plan: PlanNode }[])[0].Plan));
      }
      // An empty table (Emmett's archived partition) is read whole at no cost: not a finding.
      const found = await admin.query<{ relname: string }>(`SELECT relname::text FROM pg_class WHERE relname = ANY($1::text[]) AND reltuples > 0`, [[...new Set(relations)]]);
      return found.rows.map((r) => r.relname).sort();
    },
    /**
     * The whole-table scans behind each read of one stream a screen or a fold makes (its events
     * forward and backward, its replay with and without metadata, a time lookup, its summary):
     * every entry should be empty, the stream's index answering them all.
     */
    async streamReadScans(streamId: string): Promise<Record<string, string[]>> {
      const reads: Record<string, () => Promise<unknown>> = {
        readStream: () => store.readStream(streamId, { limit: 50 }),
        readStreamBackward: () => store.readStream(streamId, { direction: 'backward', limit: 10 }),
        replay: () => collect(store.replayChunks(streamId, 1, Number.MAX_SAFE_INTEGER)),
        // With the metadata user projections ask for.
        replayWithMetadata: () => collect(store.replayChunks(streamId, 1, Number.MAX_SAFE_INTEGER, { withMetadata: true })),
        versionAtTime: () => store.versionAtTime(streamId, Date.now()),
        getStream: () => store.getStream(streamId),
      };
      const scans: Record<string, string[]> = {};
      for (const [read, run] of Object.entries(reads)) scans[read] = await this.scannedWhole(run);
      return scans;
    },
    async close() {
      await admin.end();
      await store.close();
    },
  };
}
