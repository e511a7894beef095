// Opens any supported store file read-only for viewing: our own format or Emmett's, detected from
// the file's schema. Every other SQLite file is NOT_AN_EVENT_STORE, naming the tables it found.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { LedgerError, toErrorInfo } from '../errors.ts';
import type { EventStoreReader } from '../store/eventStore.ts';
import { inspectSqliteFile } from '../store/fileChecks.ts';
import { detectFormat, openStore } from '../store/openStore.ts';
import { createEmmettReader } from './emmett/emmettReader.ts';

export function openForViewing(file: string): EventStoreReader {
  const absolute = path.resolve(file);
  inspectSqliteFile(absolute);
  let db: Database.Database | undefined;
  try {
    db = new Database(absolute, { readonly: true, fileMustExist: true });
    db.pragma('query_only = 1');
    db.pragma('busy_timeout = 5000');
    const { format } = detectFormat(db);
    if (format !== 'emmett') {
      db.close();
      db = undefined;
      return openStore(absolute, { readonly: true });
    }
    db.prepare('SELECT count(*) FROM emt_messages WHERE 0').get(); // fail now if damaged
    return createEmmettReader(db, {
      path: absolute,
      format: 'emmett',
      adapter: 'Emmett SQLite event store (read-only adapter)',
      readonly: true,
      sizeBytes: fs.statSync(absolute).size,
      hasIntegrityChain: false,
    });
  } catch (error) {
    db?.close();
    if (error instanceof LedgerError) throw error;
    const info = toErrorInfo(error);
    throw new LedgerError(info.code, `Cannot open ${absolute}: ${info.message}`, { path: absolute });
  }
}
