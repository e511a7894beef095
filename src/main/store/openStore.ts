// Opening a store file. An audited file is opened read-only (query_only as a second lock) and is
// never written; creating or appending needs { readonly: false }. Every way a file can be wrong
// (missing, empty, not SQLite, truncated, corrupt, foreign schema, newer schema) is a typed error.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { StoreInfo } from '../../shared/types.ts';
import { describedAs, words } from '../../shared/errorWords/index.ts';
import { LedgerError, toErrorInfo } from '../errors.ts';
import { createAppend } from './append.ts';
import { deferSecondaryIndexes } from './bulkIndexes.ts';
import { tuneWriter } from './connectionTuning.ts';
import type { EventStore } from './eventStore.ts';
import { inspectSqliteFile } from './fileChecks.ts';
import { openSqliteReadonly, type ReadonlyConnection, type ReadonlyOpenOptions } from './readonlyAccess.ts';
import { createReads } from './reads.ts';
import { fileError } from '../fileErrors.ts';
import { assertSchema, ledgerRequiredColumns } from './schemaCheck.ts';
import { registerSqliteHandle } from './sqliteHandle.ts';
import { LEDGER_APPLICATION_ID, MIN_READABLE_VERSION, SCHEMA_VERSION, migrate } from './schema.ts';

export interface OpenStoreOptions {
  /** Default true: audited files are opened read-only. */
  readonly?: boolean;
  /** Create a new empty store when the file does not exist (needs readonly: false). */
  create?: boolean;
  /**
   * For writing a fresh file that is discarded if interrupted (demo, import into a temp file):
   * skips fsync (synchronous = OFF; connectionTuning.ts has every writer setting), and a new file's
   * secondary indexes are built once at close instead of row by row (bulkIndexes.ts).
   */
  bulkLoad?: boolean;
  /** How a read-only open treats WAL-mode files (see readonlyAccess.ts); default 'snapshot'. */
  wal?: ReadonlyOpenOptions['wal'];
}

export type DetectedFormat = 'ledger' | 'emmett' | 'unknown';

export function detectFormat(db: Database.Database): { format: DetectedFormat; tables: string[] } {
  const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[]).filter(
    (name) => !name.startsWith('sqlite_'),
  );
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  if (applicationId === LEDGER_APPLICATION_ID || (tables.includes('events') && tables.includes('ledger_head'))) return { format: 'ledger', tables };
  if (tables.includes('emt_messages') && tables.includes('emt_streams')) return { format: 'emmett', tables };
  return { format: 'unknown', tables };
}

/**
 * Whether a path names something. Unlike fs.existsSync, only ENOENT means "no": a symlink loop or
 * a permission error is that error (fileErrors.ts), not "No file at".
 */
function pathExists(file: string): boolean {
  try {
    fs.statSync(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw fileError(error, file);
  }
}

/** Wraps SQLite failures during open into the store's typed errors. */
function translateOpenError(error: unknown, file: string): never {
  if (error instanceof LedgerError) throw error;
  const info = toErrorInfo(error);
  if (info.code === 'CORRUPT') throw new LedgerError('CORRUPT', words('errorWords.store.damaged', { path: file, error: (error as Error).message }), { path: file });
  if (info.code === 'NOT_SQLITE') throw new LedgerError('NOT_SQLITE', words('errorWords.store.notSqlite', { path: file }), { path: file });
  throw new LedgerError(info.code, words('errorWords.store.cannotOpen', { path: file, error: info.words ?? info.message }), { path: file, ...info.details });
}

export function openStore(file: string, options: OpenStoreOptions = {}): EventStore {
  const readonly = options.readonly ?? true;
  const absolute = path.resolve(file);
  const isNew = !pathExists(absolute);
  if (isNew && !(options.create && !readonly)) throw fileError(Object.assign(new Error('missing'), { code: 'ENOENT' }), absolute);
  if (!isNew) inspectSqliteFile(absolute);

  let db: Database.Database | undefined;
  let buildDeferredIndexes: (() => void) | undefined;
  // Read-only opens never create or change anything beside the file (WAL files: a private snapshot).
  let connection: ReadonlyConnection | undefined;
  try {
    if (readonly) {
      connection = openSqliteReadonly(absolute, { wal: options.wal });
      db = connection.db;
    } else db = new Database(absolute, { readonly, fileMustExist: !isNew });
    db.pragma('busy_timeout = 5000');
    if (readonly) db.pragma('query_only = 1');
    const { format, tables } = isNew ? { format: 'ledger' as const, tables: [] } : detectFormat(db);
    if (format === 'emmett') {
      throw new LedgerError('NOT_AN_EVENT_STORE', words('errorWords.store.emmett', { path: absolute }), { path: absolute, format });
    }
    if (format === 'unknown') {
      const names = `${tables.slice(0, 8).join(', ')}${tables.length > 8 ? ', …' : ''}`; // table names as stored, SQL's comma
      const shown = tables.length === 0 ? words('errorWords.store.noTables', {}) : words('errorWords.store.tables', { names });
      throw new LedgerError('NOT_AN_EVENT_STORE', words('errorWords.store.unknown', { path: absolute, tables: shown }), {
        path: absolute,
        tables,
      });
    }
    // A read-only open never migrates: an older version is read as it is (v1 lacks only
    // event_type_hours, which readers fall back without); migration happens on writable opens.
    let schemaVersion = SCHEMA_VERSION;
    if (readonly) {
      const version = db.pragma('user_version', { simple: true }) as number;
      schemaVersion = version;
      if (version > SCHEMA_VERSION || version < MIN_READABLE_VERSION) {
        const newer = version > SCHEMA_VERSION;
        throw new LedgerError(
          'UNSUPPORTED_VERSION',
          words(newer ? 'errorWords.store.newerSchema' : 'errorWords.store.olderSchema', { path: absolute, version, supported: SCHEMA_VERSION }),
          { path: absolute, schemaVersion: version },
        );
      }
    } else {
      // Bulk-load settings (no fsync, journal in memory) only for a file this open creates: an
      // existing store keeps the crash-safe WAL settings.
      tuneWriter(db, { bulkLoad: options.bulkLoad && isNew });
      migrate(db);
      if (options.bulkLoad && isNew) buildDeferredIndexes = deferSecondaryIndexes(db);
    }
    if (!isNew) assertSchema(db, ledgerRequiredColumns(), absolute, words('errorWords.schema.format.ledger', {}));
    // Touch the schema once so a damaged file fails here, not on the user's first click.
    db.prepare('SELECT last_position FROM ledger_head WHERE id = 1').get();
    const adapter =
      connection?.access === 'snapshot' ? words('errorWords.adapter.ledgerSnapshot', { schema: schemaVersion }) : words('errorWords.adapter.ledger', { schema: schemaVersion });
    return createEventStore(
      db,
      {
        path: absolute,
        format: 'ledger',
        ...describedAs(adapter),
        readonly,
        sizeBytes: fs.statSync(absolute).size,
        hasIntegrityChain: true,
        access: connection?.access ?? 'direct',
      },
      connection?.dispose,
      buildDeferredIndexes,
    );
  } catch (error) {
    db?.close();
    connection?.dispose();
    translateOpenError(error, absolute);
  }
}

/**
 * Writers use WAL while open (readers never block the writer, and a viewer can follow appends), but
 * a store at rest goes back to a rollback journal: SQLite then needs no -wal / -shm files, so a
 * read-only viewing session creates nothing beside the audited file. When another connection still
 * has the file open the switch is skipped, and the last writer to close does it.
 */
function leaveWalMode(db: Database.Database): void {
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('journal_mode = DELETE');
  } catch {
    // Busy: another connection is using the file; it stays in WAL until that one closes.
  }
}

export function createEventStore(db: Database.Database, info: StoreInfo, onClose?: () => void, beforeClose?: () => void): EventStore {
  const reads = createReads(db);
  const append = info.readonly ? null : createAppend(db);
  const writable = () => {
    if (!append) throw new LedgerError('READ_ONLY', words('errorWords.store.readOnly', { path: info.path }), { path: info.path });
    return append;
  };
  let closed = false;
  const store: EventStore = {
    info,
    ...reads,
    append: (streamId, events, options = {}) => writable().appendMany([{ streamId, events, expectedVersion: options.expectedVersion }])[0],
    appendMany: (batches) => writable().appendMany(batches),
    dataVersion: () => db.pragma('data_version', { simple: true }) as number,
    close: () => {
      if (closed) return;
      closed = true;
      try {
        beforeClose?.();
      } catch (error) {
        db.close();
        onClose?.();
        throw error;
      }
      if (!info.readonly) leaveWalMode(db);
      db.close();
      onClose?.();
    },
  };
  registerSqliteHandle(store, db);
  return store;
}
