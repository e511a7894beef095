// The structure the checks rely on: our four tables with their columns, the UNIQUE (stream_id,
// version) index the stream pass walks, and no triggers (the schema defines none, so one was added).
import type Database from 'better-sqlite3';
import type { FindingSink } from './findings.ts';

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
      message: present.size === 0 ? `The ${table} table is missing.` : `The ${table} table lacks column(s) ${missing.join(', ')}.`,
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
      message: 'The UNIQUE (stream_id, version) constraint of the events table is gone: duplicate versions could have been inserted.',
    });
  }
  const triggers = db.prepare("SELECT name, tbl_name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name").raw(true).all() as [string, string][];
  for (const [name, table] of triggers) {
    sink.add({
      kind: 'schema-changed',
      check: 'schema',
      position: null,
      message: `A trigger '${name}' on ${table} was added; the store's schema defines none, so something else rewrites rows as they are written.`,
      details: { trigger: name, table },
    });
  }
  return { usable, streamIndex };
}
