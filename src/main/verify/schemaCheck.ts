// The structure the checks rely on: our four tables with their columns, the UNIQUE (stream_id,
// version) index the stream pass walks, and no triggers (the schema defines none, so one was added).
import type Database from 'better-sqlite3';
import { words } from '../../shared/errorWords/index.ts';
import type { FindingSink } from './findings.ts';
import { said } from './said.ts';

const REQUIRED: Record<string, string[]> = {
  events: ['position', 'event_id', 'stream_id', 'version', 'type', 'data', 'metadata', 'recorded_at', 'prev_hash', 'hash', 'actor', 'correlation_id', 'causation_id'],
  streams: ['stream_id', 'category', 'version', 'event_count', 'first_position', 'last_position', 'first_recorded_at', 'last_recorded_at', 'time_ordered'],
  event_types: ['type', 'event_count', 'first_recorded_at', 'last_recorded_at'],
  ledger_head: ['id', 'last_position', 'head_hash', 'event_count', 'stream_count', 'store_id'],
};

export interface SchemaState {
  /** All tables and columns present: the passes can run. */
  usable: boolean;
  /** The (stream_id, version) index exists, so the stream pass is a keyset walk. */
  streamIndex: boolean;
}

export function checkSchema(db: Database.Database, sink: FindingSink): SchemaState {
  let usable = true;
  for (const [table, columns] of Object.entries(REQUIRED)) {
    const present = new Set((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
    const missing = columns.filter((c) => !present.has(c));
    if (missing.length === 0) continue;
    usable = false;
    sink.add({
      kind: 'schema-changed',
      check: 'schema',
      position: null,
      ...said(present.size === 0 ? words('errorWords.finding.tableMissing', { table }) : words('errorWords.finding.tableLacksColumns', { table, columns: { list: missing } })),
      details: { table },
    });
  }
  if (!usable) return { usable, streamIndex: false };

  const indexes = db.prepare('PRAGMA index_list(events)').all() as { name: string; unique: number }[];
  const streamIndex = indexes.some((index) => {
    if (!index.unique) return false;
    const columns = (db.prepare('SELECT name FROM pragma_index_info(?)').pluck().all(index.name) as string[]).join(',');
    return columns === 'stream_id,version';
  });
  if (!streamIndex) {
    sink.add({
      kind: 'schema-changed',
      check: 'schema',
      position: null,
      ...said(words('errorWords.finding.uniqueVersionGone', {})),
    });
  }
  const triggers = db.prepare("SELECT name, tbl_name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name").raw(true).all() as [string, string][];
  for (const [name, table] of triggers) {
    sink.add({
      kind: 'schema-changed',
      check: 'schema',
      position: null,
      ...said(words('errorWords.finding.triggerAdded', { trigger: name, table })),
      details: { trigger: name, table },
    });
  }
  return { usable, streamIndex };
}
