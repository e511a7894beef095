// Opening an import input. Only regular files are read: a FIFO, a character device (/dev/zero),
// a socket or a folder is refused before a byte is read. The open is O_NONBLOCK so a FIFO without
// a writer cannot block the event loop (or a libuv thread) waiting for one; fstat on the open
// descriptor then tells what it really is.
import fs from 'node:fs';
import { LedgerError } from '../errors.ts';
import { words } from '../../shared/errorWords/index.ts';
import { describeFileKind, fileError } from '../fileErrors.ts';

/** An open descriptor on a regular file (the caller closes it) and the file's size. */
export function openRegularFile(file: string): { fd: number; size: number } {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    throw fileError(error, file);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new LedgerError('INVALID_INPUT', words('errorWords.file.notImportable', { path: file, kind: describeFileKind(stat) }), { path: file });
    return { fd, size: stat.size };
  } catch (error) {
    fs.closeSync(fd);
    throw fileError(error, file);
  }
}

/** Size of an import input (the same checks and messages as opening it). */
export function inputSize(file: string): number {
  const { fd, size } = openRegularFile(file);
  fs.closeSync(fd);
  return size;
}
