// The append row: one slice of the dataset's events appended to a target file that persists across
// the row's runs, so the runs together append the whole `appendEvents` (1,000,000 by default) and
// each run is the rate of one slice. Only the append calls are timed; reading and parsing the input
// from the cached dataset is not.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { AppendBatch } from '../../src/main/store/eventStore.ts';
import { openStore } from '../../src/main/store/openStore.ts';
import { tuneWriter } from '../../src/main/store/connectionTuning.ts';
import { migrate } from '../../src/main/store/schema.ts';
import { sourceBatches, type SourceRow } from '../lib/sourceRows.ts';
import type { Measurement } from './types.ts';

/**
 * Bytes this process has passed to write() so far (Linux /proc/self/io `wchar`), or null elsewhere.
 * Write volume does not depend on the machine's load the way time does: on this store nearly all of
 * an append's cost is SQLite writing each touched index page to the WAL at commit (and again at
 * checkpoints), so KiB written per event shows what a schema change saves even when the clock is noisy.
 */
function bytesWritten(): number | null {
  try {
    const match = /^wchar:\s*(\d+)$/m.exec(fs.readFileSync('/proc/self/io', 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

function writeDetails(measured: boolean, written: number, units: number): Record<string, unknown> {
  return measured && units > 0 ? { kibWrittenPerEvent: Math.round((written / 1024 / units) * 10) / 10 } : {};
}

export interface AppendParams {
  source: string;
  target: string;
  fromPosition: number;
  count: number;
  batch: number;
}

/** Our append path: appendMany with expected versions, canonical JSON, hash chain, summaries. */
export function appendLedger(p: AppendParams): Measurement {
  const store = openStore(p.target, { readonly: false, create: true });
  let ms = 0;
  let units = 0;
  let written = 0;
  let measured = true;
  try {
    for (const rows of sourceBatches(p.source, p.fromPosition, p.count, p.batch)) {
      const batches: AppendBatch[] = rows.map((r) => ({
        streamId: r.streamId,
        expectedVersion: r.version - 1,
        events: [{ eventId: r.eventId, type: r.type, data: JSON.parse(r.data), metadata: JSON.parse(r.metadata), recordedAt: r.recordedAt }],
      }));
      const before = bytesWritten();
      const started = performance.now();
      store.appendMany(batches);
      ms += performance.now() - started;
      units += rows.length;
      const after = bytesWritten();
      if (before === null || after === null) measured = false;
      else written += after - before;
    }
  } finally {
    const beforeClose = bytesWritten();
    store.close(); // its final checkpoint is part of the appends' writes
    const afterClose = bytesWritten();
    if (beforeClose !== null && afterClose !== null) written += afterClose - beforeClose;
  }
  return { ms, units, details: writeDetails(measured, written, units) };
}

/**
 * The floor: the same rows (positions, versions, text as stored) inserted with one prepared
 * statement per batch transaction into the same schema and pragmas, no hash (32 zero bytes stand in
 * for prev_hash and hash so rows have their real size), no summaries, no checks.
 */
export function appendRaw(p: AppendParams): Measurement {
  const db = new Database(p.target);
  tuneWriter(db); // the writable store's own connection settings (openStore)
  migrate(db);
  const insert = db.prepare(
    `INSERT INTO events (position, event_id, stream_id, version, type, data, metadata, recorded_at, prev_hash, hash, actor, correlation_id, causation_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const noHash = Buffer.alloc(32);
  let written = 0;
  let measured = true;
  const insertAll = db.transaction((rows: SourceRow[]) => {
    for (const r of rows) {
      insert.run(r.position, r.eventId, r.streamId, r.version, r.type, r.data, r.metadata, r.recordedAt, noHash, noHash, r.actor, r.correlationId, r.causationId);
    }
  });
  let ms = 0;
  let units = 0;
  try {
    for (const rows of sourceBatches(p.source, p.fromPosition, p.count, p.batch)) {
      const before = bytesWritten();
      const started = performance.now();
      insertAll.immediate(rows);
      ms += performance.now() - started;
      units += rows.length;
      const after = bytesWritten();
      if (before === null || after === null) measured = false;
      else written += after - before;
    }
  } finally {
    const beforeClose = bytesWritten();
    db.close();
    const afterClose = bytesWritten();
    if (beforeClose !== null && afterClose !== null) written += afterClose - beforeClose;
  }
  return { ms, units, details: writeDetails(measured, written, units) };
}
