// Bulk loads build the events table's secondary indexes once, at the end. A bulk-loaded store is a
// fresh file that is discarded if the load is interrupted (openStore's bulkLoad), so until close it
// may lack them: every query still works, those needing them just scan. Inserting into six
// random-access indexes row by row cost more than sorting them in one pass: measured here on
// 500k demo events, 21.3 s -> 7.3 s of inserts + 6.7 s of CREATE INDEX. The UNIQUE constraints
// (event_id; stream_id, version) stay: appends rely on them.
import type Database from 'better-sqlite3';

/** Drops the events table's secondary (non-constraint) indexes; the returned function recreates them. */
export function deferSecondaryIndexes(db: Database.Database): () => void {
  const indexes = db
    .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL ORDER BY name")
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
