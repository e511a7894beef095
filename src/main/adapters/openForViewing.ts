// Opens any supported store file read-only for viewing: our own format or Emmett's, detected from
// the file's schema. Every other SQLite file is NOT_AN_EVENT_STORE, naming the tables it found.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describedAs, englishError, words } from '../../shared/errorWords/index.ts';
import { LedgerError, toErrorInfo } from '../errors.ts';
import type { EventStoreReader } from '../store/eventStore.ts';
import { toAsyncReader } from '../store/asyncReader.ts';
import { inspectSqliteFile } from '../store/fileChecks.ts';
import { detectFormat, openStore } from '../store/openStore.ts';
import { openSqliteReadonly, type ReadonlyConnection, type ReadonlyOpenOptions } from '../store/readonlyAccess.ts';
import { LEDGER_APPLICATION_ID } from '../store/schema.ts';
import { EMMETT_REQUIRED_COLUMNS, assertSchema } from '../store/schemaCheck.ts';
import { createEmmettReader } from './emmett/emmettReader.ts';

export interface ViewingOptions {
  /** 'follow' (default) reads a running writer's log in place; 'snapshot' always copies (see readonlyAccess.ts). */
  wal?: ReadonlyOpenOptions['wal'];
}

/** Opens a SQLite store file read-only, as the asynchronous reader every service uses. */
export function openForViewing(file: string, options: ViewingOptions = {}): EventStoreReader {
  const absolute = path.resolve(file);
  const header = inspectSqliteFile(absolute);
  // Our files say so in their header: no need to open (and perhaps snapshot) the file twice.
  if (header.applicationId === LEDGER_APPLICATION_ID) return toAsyncReader(openStore(absolute, { readonly: true, wal: options.wal }));
  let db: Database.Database | undefined;
  // Never creates or changes anything beside the file: WAL-mode files (Emmett's) are read from a
  // private snapshot, since SQLite would otherwise leave -wal/-shm beside them (readonlyAccess.ts).
  let connection: ReadonlyConnection | undefined;
  try {
    connection = openSqliteReadonly(absolute, { wal: options.wal });
    db = connection.db;
    db.pragma('busy_timeout = 5000');
    const { format } = detectFormat(db);
    if (format !== 'emmett') {
      db.close();
      db = undefined;
      connection.dispose();
      return toAsyncReader(openStore(absolute, { readonly: true, wal: options.wal }));
    }
    assertSchema(db, EMMETT_REQUIRED_COLUMNS, absolute, words('errorWords.schema.format.emmett', {}));
    db.prepare('SELECT count(*) FROM emt_messages WHERE 0').get(); // fail now if damaged
    const reader = createEmmettReader(db, {
      path: absolute,
      format: 'emmett',
      ...describedAs(connection.access === 'snapshot' ? words('errorWords.adapter.emmettSnapshot', {}) : words('errorWords.adapter.emmett', {})),
      readonly: true,
      sizeBytes: fs.statSync(absolute).size,
      hasIntegrityChain: false,
      access: connection.access,
    });
    const closeReader = reader.close.bind(reader);
    const dispose = connection.dispose;
    reader.close = () => {
      closeReader();
      dispose();
    };
    return toAsyncReader(reader);
  } catch (error) {
    if (db?.open) db.close();
    connection?.dispose();
    if (error instanceof LedgerError) throw error;
    const info = toErrorInfo(error);
    // The inner error's words when they still say its message (SQLite's own text stays as written inside them).
    const inner = info.words && englishError(info.words) === info.message ? info.words : info.message;
    throw new LedgerError(info.code, words('errorWords.store.cannotOpen', { path: absolute, error: inner }), { path: absolute });
  }
}
