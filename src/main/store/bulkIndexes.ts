// Bulk loads build the events table's secondary indexes once, at the end. A bulk-loaded store is a
// fresh file that is discarded if the load is interrupted (openStore's bulkLoad), so until close it
// may lack them: every query still works, those needing them just scan. Inserting into six
// random-access indexes row by row cost more than sorting them in one pass: measured here on
// 500k demo events, 21.3 s -> 7.3 s of inserts + 6.7 s of CREATE INDEX. The streams table's
// three orderings are deferred too: the append path rewrites a stream's row once per transaction
// it appears in, moving its entry in each (on a 300k-event import: 150k row rewrites). event_id's
// UNIQUE constraint stays (duplicate ids are found through it). In a v2 store UNIQUE (stream_id,
// version) is a named index and is deferred with the others: the append path numbers versions from
// the streams table, the index is the backstop, and CREATE UNIQUE INDEX at close fails loudly if a
// duplicate ever got in.
import type Database from 'better-sqlite3';

/** Drops the events and streams tables' secondary (non-constraint) indexes; the returned function recreates them. */
export function deferSecondaryIndexes(db: Database.Database): () => void {
  const indexes = db
    .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('events', 'streams') AND sql IS NOT NULL ORDER BY name")
    .all() as { name: string; sql: string }[];
  db.transaction(() => {
    for (const index of indexes) db.exec(`DROP INDEX "${index.name.replaceAll('"', '""')}"`);
  })();
  let rebuilt = false;
  return () => {
    if (rebuilt) return;
    rebuilt = true;
    db.transaction(() => {
      for (const index of indexes) db.exec(index.sql);
    })();
  };
}
