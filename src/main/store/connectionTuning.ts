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
  db.pragma('journal_mode = WAL');
  db.pragma(tuning.bulkLoad ? 'synchronous = OFF' : 'synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  db.pragma('wal_autocheckpoint = 16384');
}
