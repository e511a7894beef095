// For tests: every column of every row of a native store's tables, to compare two stores made two
// ways (the chain covers the events; the summaries must match too).
import Database from 'better-sqlite3';

export function dumpStore(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return {
      events: db.prepare('SELECT position, event_id, stream_id, version, type, data, metadata, recorded_at, hex(prev_hash), hex(hash), actor, correlation_id, causation_id FROM events ORDER BY position').raw(true).all(),
      streams: db.prepare('SELECT * FROM streams ORDER BY stream_id').raw(true).all(),
      types: db.prepare('SELECT * FROM event_types ORDER BY type').raw(true).all(),
      hours: db.prepare('SELECT * FROM event_type_hours ORDER BY type, hour').raw(true).all(),
      head: db.prepare('SELECT last_position, hex(head_hash), event_count, stream_count FROM ledger_head').raw(true).all(),
    };
  } finally {
    db.close();
  }
}
