// One mapping from a file-system error to the message people read, shared by every command and
// handler that opens a file (stores, import inputs), so a symlink loop or a missing file reads the
// same everywhere instead of "ELOOP" in one place and "No file at" in another.
import type fs from 'node:fs';
import { LedgerError } from './errors.ts';

/** What a path that is not a regular file is, in people's words ("a named pipe (FIFO)"). */
export function describeFileKind(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice()) return 'a device (like /dev/zero)';
  if (stat.isBlockDevice()) return 'a disk device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

export function fileError(error: unknown, file: string): LedgerError {
  if (error instanceof LedgerError) return error;
  const code = (error as NodeJS.ErrnoException)?.code;
  const details = { path: file, ...(code ? { errno: code } : {}) };
  switch (code) {
    case 'ENOENT':
      return new LedgerError('FILE_NOT_FOUND', `No file at ${file}.`, details);
    case 'ENOTDIR':
      return new LedgerError('FILE_NOT_FOUND', `No file at ${file} (a part of the path is not a folder).`, details);
    case 'ELOOP':
      return new LedgerError('IO_ERROR', `${file} cannot be opened: its symbolic links form a loop.`, details);
    case 'EACCES':
    case 'EPERM':
      return new LedgerError('IO_ERROR', `${file} cannot be read: permission denied.`, details);
    case 'EISDIR':
      return new LedgerError('INVALID_INPUT', `${file} is a folder, not a file.`, details);
    case 'ENAMETOOLONG':
      return new LedgerError('INVALID_INPUT', `${file} is not a usable path: it is too long.`, details);
    default:
      return new LedgerError('IO_ERROR', `Cannot read ${file}: ${(error as Error)?.message ?? String(error)}`, details);
  }
}
