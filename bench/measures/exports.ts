// Export of the whole store to NDJSON (the export service, as the app runs it) against the floor:
// the same rows SELECTed in position order and written to a file as they come, no encoding.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { exportEvents } from '../../src/main/export/exportEvents.ts';
import { openStore } from '../../src/main/store/openStore.ts';
import type { Measurement } from './types.ts';

export interface ExportParams {
  file: string;
  out: string;
}

export async function exportLedger(p: ExportParams): Promise<Measurement> {
  const store = openStore(p.file);
  try {
    const started = performance.now();
    const result = await exportEvents(store, { scope: { kind: 'all' }, format: 'ndjson', out: p.out });
    const ms = performance.now() - started;
    return { ms, units: result.events, details: { bytes: result.bytes } };
  } finally {
    store.close();
    fs.rmSync(p.out, { force: true });
  }
}

const CHUNK_ROWS = 2000;
const FLUSH_AT = 1 << 20;

/**
 * Keyset pages of raw rows (the fastest way found to get rows out of better-sqlite3: `.all()` pages
 * beat `.iterate()`, and hex() in SQL beats a Buffer per row), each row written as tab-separated
 * text in 1 MiB writes.
 */
export function exportFloor(p: ExportParams): Measurement {
  const db = new Database(p.file, { readonly: true });
  const fd = fs.openSync(p.out, 'w');
  try {
    const select = db
      .prepare(
        `SELECT position, event_id, stream_id, version, type, recorded_at, data, metadata, lower(hex(hash))
         FROM events WHERE position >= ? ORDER BY position LIMIT ${CHUNK_ROWS}`,
      )
      .raw(true);
    const started = performance.now();
    let units = 0;
    let bytes = 0;
    let pending = '';
    const flush = () => {
      const buffer = Buffer.from(pending, 'utf8');
      pending = '';
      fs.writeSync(fd, buffer);
      bytes += buffer.length;
    };
    for (let from = 1; ; ) {
      const rows = select.all(from) as unknown[][];
      for (const r of rows) {
        pending += `${r[0]}\t${r[1]}\t${r[2]}\t${r[3]}\t${r[4]}\t${r[5]}\t${r[6]}\t${r[7]}\t${r[8]}\n`;
        if (pending.length >= FLUSH_AT) flush();
      }
      units += rows.length;
      if (rows.length < CHUNK_ROWS) break;
      from = (rows[rows.length - 1][0] as number) + 1;
    }
    flush();
    return { ms: performance.now() - started, units, details: { bytes } };
  } finally {
    fs.closeSync(fd);
    db.close();
    fs.rmSync(p.out, { force: true });
  }
}
