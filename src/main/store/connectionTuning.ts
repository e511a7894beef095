// Connection settings of a writable native store, in one place: openStore applies them, and the
// benchmark's raw-insert baseline applies the same, so the two are compared like for like.
import type Database from 'better-sqlite3';

export interface WriterTuning {
  /** A fresh file that is discarded if interrupted: no fsync at all. */
  bulkLoad?: boolean;
}

/**
 * WAL with synchronous NORMAL (fsync at checkpoints only), a 64 MB page cache and checkpoints
 * every 64 MB of WAL instead of SQLite's 4 MB. With the default checkpoint interval a batch of
 * 1,000 events (it dirties a few thousand pages of the random-access indexes) checkpointed, with
 * two fsyncs, at nearly every commit: measured on 300k events, 18k -> 25k events/s raw inserts.
 */
export function tuneWriter(db: Database.Database, tuning: WriterTuning = {}): void {
  if (tuning.bulkLoad) {
    // A bulk load writes a private file nobody reads meanwhile and discards it if interrupted: no
    // WAL (every page would be written twice, to the WAL and again at checkpoints) and a journal in
    // memory, which still lets a failed batch roll back. Measured on 300k events: inserts
    // 1.98 s -> 1.40 s. A 16 MB cache: with the per-stream indexes deferred the inserts only touch
    // the table's end and the event_id index (no slower than with 64 MB, measured), and SQLite's
    // sorter (CREATE INDEX at the end) takes as much memory again as the cache: peak RSS of a
    // 300k-event import ~460 MB at 64 MB.
    db.pragma('journal_mode = MEMORY');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -16384');
    return;
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  db.pragma('wal_autocheckpoint = 16384');
}
