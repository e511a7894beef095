// Export of the whole store to NDJSON (the export service, as the app runs it: on the export
// worker) against the floor: the same rows SELECTed in position order and written to a file as
// they come, no encoding, on one thread; and the export on the calling thread, as it ran before.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { exportEvents } from '../../src/main/export/exportEvents.ts';
import { openStore } from '../../src/main/store/openStore.ts';
import { toAsyncReader } from '../../src/main/store/asyncReader.ts';
import type { Measurement } from './types.ts';

export interface ExportParams {
  file: string;
  out: string;
  /** 'here': on the calling thread, as before the export worker (the default runs it on the worker). */
  thread?: 'here';
}

export async function exportLedger(p: ExportParams): Promise<Measurement> {
  const store = openStore(p.file);
  try {
    const started = performance.now();
    const result = await exportEvents(toAsyncReader(store), { scope: { kind: 'all' }, format: 'ndjson', out: p.out, ...(p.thread ? { thread: p.thread } : {}) });
    const ms = performance.now() - started;
    return { ms, units: result.events, details: { bytes: result.bytes, sha256: result.sha256 } };
  } finally {
    store.close();
    fs.rmSync(p.out, { force: true });
  }
}

const CHUNK_ROWS = 2000;
const BUFFER_BYTES = 1 << 20;

/**
 * Keyset pages of raw rows (the fastest way found to get rows out of better-sqlite3: `.all()` pages
 * beat `.iterate()`, and hex() in SQL beats a Buffer per row), each row written as tab-separated
 * text encoded straight into a reused 1 MiB buffer (faster than concatenating text and encoding
 * the result), written out when full.
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
    const buffer = Buffer.allocUnsafe(BUFFER_BYTES);
    let used = 0;
    let bytes = 0;
    const flush = () => {
      fs.writeSync(fd, buffer, 0, used);
      bytes += used;
      used = 0;
    };
    const started = performance.now();
    let units = 0;
    for (let from = 1; ; ) {
      const rows = select.all(from) as unknown[][];
      for (const r of rows) {
        for (let i = 0; i < 9; i++) {
          const text = String(r[i]);
          if (used + text.length * 3 + 1 > BUFFER_BYTES) flush();
          if (text.length * 3 + 1 > BUFFER_BYTES) {
            const large = Buffer.from(text, 'utf8');
            fs.writeSync(fd, large);
            bytes += large.length;
          } else used += buffer.write(text, used, 'utf8');
          buffer[used++] = i === 8 ? 10 : 9; // newline after the row, tab between columns
        }
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
