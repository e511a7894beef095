// Verification against the floor (sha256 over the same bytes in one loop): the real verify(),
// with SQLite's integrity_check skipped for the chain row (it is page-level work the floor does not
// do) and included for the full row.
import Database from 'better-sqlite3';
import { hash } from 'node:crypto';
import { GENESIS_HASH, chainEncoding } from '../../src/main/store/hashChain.ts';
import { verify } from '../../src/main/verify/verify.ts';
import type { Measurement } from './types.ts';

export interface VerifyParams {
  file: string;
  /** Events in the store. */
  events: number;
  /** Run SQLite's PRAGMA integrity_check too (on its worker thread, as the app does). */
  integrityCheck?: boolean;
}

export async function verifyLedger(p: VerifyParams): Promise<Measurement> {
  const started = performance.now();
  const report = await verify(p.file, { integrityCheck: p.integrityCheck ? 'worker' : 'skip' });
  const ms = performance.now() - started;
  return {
    ms,
    units: p.events,
    details: { report: { ok: report.ok, eventsChecked: report.eventsChecked, findings: report.findings.length, integrityRan: report.integrity.ran, chainHead: report.chainHead } },
  };
}

const CHUNK_ROWS = 2000;

/**
 * One loop over keyset pages of the chained columns: each event's bytes (previous hash, then the
 * encoding) laid out in one buffer and hashed with the one-shot crypto.hash, the digest compared
 * as hex with the stored hash (hex() in SQL: cheaper than a Buffer per row). The fastest way found
 * here to sha256 the same bytes; a Hash object per event (createHash) is ~2.5x slower.
 */
export function verifyFloor(p: VerifyParams): Measurement {
  const db = new Database(p.file, { readonly: true });
  try {
    const select = db
      .prepare(
        `SELECT position, event_id, stream_id, version, type, recorded_at, data, metadata, lower(hex(hash))
         FROM events WHERE position >= ? ORDER BY position LIMIT ${CHUNK_ROWS}`,
      )
      .raw(true);
    const scratch = Buffer.allocUnsafe(1 << 20);
    const started = performance.now();
    let prev = GENESIS_HASH.toString('hex');
    let units = 0;
    let mismatches = 0;
    for (let from = 1; ; ) {
      const rows = select.all(from) as [number, string, string, number, string, number, string, string, string][];
      for (const r of rows) {
        const encoding = chainEncoding({ position: r[0], eventId: r[1], streamId: r[2], version: r[3], type: r[4], recordedAtMs: r[5], data: r[6], metadata: r[7] });
        scratch.write(prev, 0, 'hex');
        const length = 32 + scratch.write(encoding, 32, 'utf8');
        const digest = hash('sha256', scratch.subarray(0, length), 'hex');
        if (digest !== r[8]) mismatches++;
        prev = digest;
      }
      units += rows.length;
      if (rows.length < CHUNK_ROWS) break;
      from = rows[rows.length - 1][0] + 1;
    }
    return { ms: performance.now() - started, units, details: { mismatches } };
  } finally {
    db.close();
  }
}
