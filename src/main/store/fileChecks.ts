// Checks a file before SQLite sees it, so the user gets "not an SQLite database" or "truncated at
// N of M bytes" instead of a raw SQLITE_NOTADB later. Reads only the 100-byte header.
import fs from 'node:fs';
import { words } from '../../shared/errorWords/index.ts';
import { LedgerError } from '../errors.ts';
import { describeFileKind, fileError } from '../fileErrors.ts';

const SQLITE_MAGIC = 'SQLite format 3\u0000';

export interface SqliteHeader {
  pageSize: number;
  pageCount: number;
  sizeBytes: number;
  applicationId: number;
  userVersion: number;
}

export function inspectSqliteFile(path: string): SqliteHeader {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch (error) {
    throw fileError(error, path);
  }
  if (stat.isDirectory()) throw new LedgerError('NOT_SQLITE', words('errorWords.store.folder', { path }), { path });
  // A FIFO or device would block or never end the header read below; only regular files are stores.
  if (!stat.isFile()) throw new LedgerError('NOT_SQLITE', words('errorWords.store.notAFile', { path, kind: describeFileKind(stat) }), { path });
  if (stat.size === 0) throw new LedgerError('EMPTY_FILE', words('errorWords.store.empty', { path }), { path });

  const header = Buffer.alloc(100);
  let bytesRead = 0;
  try {
    const fd = fs.openSync(path, 'r');
    try {
      bytesRead = fs.readSync(fd, header, 0, 100, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    throw fileError(error, path);
  }
  if (header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    throw new LedgerError('NOT_SQLITE', words('errorWords.store.noSignature', { path }), {
      path,
      sizeBytes: stat.size,
    });
  }
  if (bytesRead < 100) {
    throw new LedgerError('CORRUPT', words('errorWords.store.shorterThanHeader', { path, size: stat.size }), { path, sizeBytes: stat.size });
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const validPageSize = pageSize >= 512 && pageSize <= 65536 && (pageSize & (pageSize - 1)) === 0;
  if (!validPageSize) throw new LedgerError('CORRUPT', words('errorWords.store.damagedHeader', { path, pageSize: rawPageSize }), { path });
  const changeCounter = header.readUInt32BE(24);
  const pageCount = header.readUInt32BE(28);
  const validFor = header.readUInt32BE(92);
  // The in-header page count is only authoritative when "version-valid-for" matches the change counter,
  // and only without a write-ahead log: a checkpoint writes page 1 (with the new count) before the
  // pages after it, so a store caught mid-checkpoint looks short while its -wal still completes it.
  if (pageCount > 0 && validFor === changeCounter && stat.size < pageCount * pageSize && !hasWal(path)) {
    throw new LedgerError(
      'CORRUPT',
      words('errorWords.store.truncated', { path, expected: pageCount * pageSize, size: stat.size }),
      { path, expectedBytes: pageCount * pageSize, sizeBytes: stat.size },
    );
  }
  return { pageSize, pageCount, sizeBytes: stat.size, applicationId: header.readInt32BE(68), userVersion: header.readUInt32BE(60) };
}

function hasWal(file: string): boolean {
  try {
    return fs.statSync(`${file}-wal`).size > 0;
  } catch {
    return false;
  }
}
