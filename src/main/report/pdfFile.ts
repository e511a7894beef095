// Writes the PDF of a report (bytes from Electron's printToPDF) as exports are written: into a new
// exclusive temporary file beside the target, synced, renamed into place; never over an audited store.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LedgerError } from '../errors.ts';
import { cannotWrite } from '../fileErrors.ts';
import { createExclusiveTemp, type WrittenFile } from '../export/fileWriter.ts';
import { assertWritableTarget } from '../store/auditedFiles.ts';

export function writeBytesAtomically(target: string, bytes: Uint8Array): WrittenFile {
  const resolved = path.resolve(target);
  assertWritableTarget(resolved);
  let temp: { path: string; fd: number } | null = null;
  try {
    fs.mkdirSync(path.dirname(resolved), { recursive: true });
    temp = createExclusiveTemp(resolved, 'partial');
    let offset = 0;
    while (offset < bytes.length) offset += fs.writeSync(temp.fd, bytes, offset);
    fs.fsyncSync(temp.fd);
    fs.closeSync(temp.fd);
    assertWritableTarget(resolved);
    fs.renameSync(temp.path, resolved);
  } catch (error) {
    if (temp) {
      try {
        fs.closeSync(temp.fd);
      } catch {
        // already closed
      }
      fs.rmSync(temp.path, { force: true });
    }
    if (error instanceof LedgerError) throw error;
    throw cannotWrite(resolved, error);
  }
  return { path: resolved, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}
