// One mapping from a file-system error to the message people read, shared by every command and
// handler that opens a file (stores, import inputs), so a symlink loop or a missing file reads the
// same everywhere instead of "ELOOP" in one place and "No file at" in another.
import type fs from 'node:fs';
import { words, type ErrorWords } from '../shared/errorWords/index.ts';
import { LedgerError } from './errors.ts';

/** What a path that is not a regular file is, in people's words ("a named pipe (FIFO)"). */
export function describeFileKind(stat: fs.Stats): ErrorWords {
  if (stat.isDirectory()) return words('errorWords.file.kind.folder', {});
  if (stat.isFIFO()) return words('errorWords.file.kind.fifo', {});
  if (stat.isCharacterDevice()) return words('errorWords.file.kind.characterDevice', {});
  if (stat.isBlockDevice()) return words('errorWords.file.kind.blockDevice', {});
  if (stat.isSocket()) return words('errorWords.file.kind.socket', {});
  return words('errorWords.file.kind.other', {});
}

/** A file this tool writes (an export, an import's new store) could not be written. */
export function cannotWrite(file: string, error: unknown): LedgerError {
  return new LedgerError('IO_ERROR', words('errorWords.file.cannotWrite', { path: file, error: (error as Error)?.message ?? String(error) }), { path: file });
}

export function fileError(error: unknown, file: string): LedgerError {
  if (error instanceof LedgerError) return error;
  const code = (error as NodeJS.ErrnoException)?.code;
  const details = { path: file, ...(code ? { errno: code } : {}) };
  switch (code) {
    case 'ENOENT':
      return new LedgerError('FILE_NOT_FOUND', words('errorWords.file.missing', { path: file }), details);
    case 'ENOTDIR':
      return new LedgerError('FILE_NOT_FOUND', words('errorWords.file.missingPart', { path: file }), details);
    case 'ELOOP':
      return new LedgerError('IO_ERROR', words('errorWords.file.symlinkLoop', { path: file }), details);
    case 'EACCES':
    case 'EPERM':
      return new LedgerError('IO_ERROR', words('errorWords.file.permissionDenied', { path: file }), details);
    case 'EISDIR':
      return new LedgerError('INVALID_INPUT', words('errorWords.file.isFolder', { path: file }), details);
    case 'ENAMETOOLONG':
      return new LedgerError('INVALID_INPUT', words('errorWords.file.pathTooLong', { path: file }), details);
    default:
      return new LedgerError('IO_ERROR', words('errorWords.file.cannotRead', { path: file, error: (error as Error)?.message ?? String(error) }), details);
  }
}
