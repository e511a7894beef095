// The native store's schema, versioned with PRAGMA user_version and migrated forward only.
// `application_id` marks the file as ours so detection never has to guess from table names.
import type Database from 'better-sqlite3';
import { words } from '../../shared/errorWords/index.ts';
import { LedgerError } from '../errors.ts';

export const LEDGER_APPLICATION_ID = 0x4c444752; // 'LDGR'
export const SCHEMA_VERSION = 2;
/** The oldest version this build still reads (read-only opens never migrate an audited file). */
export const MIN_READABLE_VERSION = 1;

// Version 1's tables, as v1 created them. Kept for the v1 -> v2 migration's tests and for stores
// made by older builds; a new store is created at the current version directly (CURRENT_SCHEMA).
export const V1_SCHEMA = `
      CREATE TABLE ledger_head (
        id             INTEGER PRIMARY KEY CHECK (id = 1),
        last_position  INTEGER NOT NULL,
        head_hash      BLOB    NOT NULL,
        event_count    INTEGER NOT NULL,
        stream_count   INTEGER NOT NULL,
        store_id       TEXT    NOT NULL,
        created_at     INTEGER NOT NULL
      );

      -- actor / correlation_id / causation_id are copies of metadata fields, filled by the append
      -- path so they can be indexed without json_extract on every insert (measured ~40% cheaper).
      CREATE TABLE events (
        position       INTEGER PRIMARY KEY,
        event_id       TEXT    NOT NULL UNIQUE,
        stream_id      TEXT    NOT NULL,
        version        INTEGER NOT NULL,
        type           TEXT    NOT NULL,
        data           TEXT    NOT NULL,
        metadata       TEXT    NOT NULL,
        recorded_at    INTEGER NOT NULL,
        prev_hash      BLOB    NOT NULL,
        hash           BLOB    NOT NULL,
        actor          TEXT,
        correlation_id TEXT,
        causation_id   TEXT,
        UNIQUE (stream_id, version)
      );
      -- The fold's read (reads.ts replayChunks): a stream's events in version order with every
      -- column a replay needs, answered from this index alone. A long stream's rows are spread
      -- over the whole table between other streams' events, so reading them through the
      -- (stream_id, version) constraint index costs a table page per event. Measured on a
      -- 100,000-event stream among 1.1M events: read + parse ~300 ms -> ~120 ms; raw appends
      -- ~30% slower, file +16%. A viewer reads far more than it writes.
      CREATE INDEX events_by_stream_replay ON events (stream_id, version, position, type, recorded_at, actor, data);
      CREATE INDEX events_by_type        ON events (type, position);
      CREATE INDEX events_by_time        ON events (recorded_at);
      CREATE INDEX events_by_actor       ON events (actor, position) WHERE actor IS NOT NULL;
      CREATE INDEX events_by_correlation ON events (correlation_id) WHERE correlation_id IS NOT NULL;
      CREATE INDEX events_by_causation   ON events (causation_id) WHERE causation_id IS NOT NULL;

      -- One row per stream, kept exact by the append path. time_ordered stays 1 while every event's
      -- recorded_at is >= its predecessor's, which lets stateAt-by-time binary search versions.
      CREATE TABLE streams (
        stream_id         TEXT    PRIMARY KEY,
        category          TEXT    NOT NULL,
        version           INTEGER NOT NULL,
        event_count       INTEGER NOT NULL,
        first_position    INTEGER NOT NULL,
        last_position     INTEGER NOT NULL,
        first_recorded_at INTEGER NOT NULL,
        last_recorded_at  INTEGER NOT NULL,
        time_ordered      INTEGER NOT NULL DEFAULT 1
      ) WITHOUT ROWID;
      CREATE INDEX streams_by_activity          ON streams (last_recorded_at DESC, stream_id);
      CREATE INDEX streams_by_count             ON streams (event_count DESC, stream_id);
      CREATE INDEX streams_by_category_activity ON streams (category, last_recorded_at DESC, stream_id);

      CREATE TABLE event_types (
        type              TEXT    PRIMARY KEY,
        event_count       INTEGER NOT NULL,
        first_recorded_at INTEGER NOT NULL,
        last_recorded_at  INTEGER NOT NULL
      ) WITHOUT ROWID;
`;

/**
 * Version 2 adds event_type_hours (exact per-type, per-hour event counts kept by every write path,
 * so a whole-store histogram reads thousands of rows instead of millions) and, in new stores, makes
 * UNIQUE (stream_id, version) a named unique index instead of a table constraint: a constraint's
 * index cannot be dropped, a named one can, so a bulk load (bulkIndexes.ts) builds it once at the
 * end with the others. Stores migrated from v1 keep their constraint index (same columns, same
 * guarantee; verify accepts either). `hour` = floor(recorded_at / 3600000), see hourOf.
 */
const EVENT_TYPE_HOURS = `
      CREATE TABLE event_type_hours (
        type        TEXT    NOT NULL,
        hour        INTEGER NOT NULL,
        event_count INTEGER NOT NULL,
        PRIMARY KEY (type, hour)
      ) WITHOUT ROWID;
`;

const CURRENT_SCHEMA =
  V1_SCHEMA.replace('        causation_id   TEXT,\n        UNIQUE (stream_id, version)\n', '        causation_id   TEXT\n').replace(
    '      CREATE INDEX events_by_stream_replay',
    '      CREATE UNIQUE INDEX events_by_stream_version ON events (stream_id, version);\n      CREATE INDEX events_by_stream_replay',
  ) + EVENT_TYPE_HOURS;
if (!CURRENT_SCHEMA.includes('events_by_stream_version') || CURRENT_SCHEMA.includes('UNIQUE (stream_id, version)')) throw new Error('schema.ts: the v2 schema text was not derived');

/** The histogram table's bucket of a time: whole hours since the epoch, rounded down (also before 1970). */
export const hourOf = (recordedAtMs: number): number => Math.floor(recordedAtMs / 3_600_000);

/** MIGRATIONS[i] moves a database from user_version i to i + 1. */
const MIGRATIONS: ReadonlyArray<(db: Database.Database) => void> = [
  (db) => db.exec(V1_SCHEMA),
  (db) => {
    db.exec(EVENT_TYPE_HOURS);
    // SQLite's integer division truncates toward zero; hours before 1970 round down like hourOf.
    db.exec(`
      INSERT INTO event_type_hours (type, hour, event_count)
      SELECT type, hour, count(*) FROM (
        SELECT type, CASE WHEN recorded_at >= 0 THEN recorded_at / 3600000 ELSE -((-recorded_at + 3599999) / 3600000) END AS hour FROM events
      ) GROUP BY type, hour`);
  },
];

export interface HeadRow {
  last_position: number;
  head_hash: Buffer;
  event_count: number;
  stream_count: number;
  store_id: string;
  created_at: number;
}

/**
 * Creates the schema in an empty database, or migrates an older one forward. `toVersion` is for
 * tests that need a store as an older build made it (a v1 store to migrate or to view read-only).
 */
export function migrate(db: Database.Database, toVersion: number = SCHEMA_VERSION): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new LedgerError(
      'UNSUPPORTED_VERSION',
      words('errorWords.schema.newer', { version: current, supported: SCHEMA_VERSION }),
      { schemaVersion: current, supported: SCHEMA_VERSION },
    );
  }
  if (current >= toVersion) return;
  db.transaction(() => {
    if (current === 0 && toVersion === SCHEMA_VERSION) db.exec(CURRENT_SCHEMA);
    else for (let version = current; version < toVersion; version++) MIGRATIONS[version](db);
    if (current === 0) {
      db.prepare(
        'INSERT INTO ledger_head (id, last_position, head_hash, event_count, stream_count, store_id, created_at) VALUES (1, 0, ?, 0, 0, ?, ?)',
      ).run(Buffer.alloc(32), crypto.randomUUID(), Date.now());
      db.pragma(`application_id = ${LEDGER_APPLICATION_ID}`);
    }
    db.pragma(`user_version = ${toVersion}`);
  })();
}
