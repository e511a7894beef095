// Reads a file of a bundle folder only when it is a regular file of modest size: a folder is
// input like any other, and a FIFO or a device named signer.pub.pem must not hang the viewer.
import fs from 'node:fs';

export function readSmallFile(file: string, maxBytes: number): Buffer | null {
  try {
    const stat = fs.lstatSync(file, { throwIfNoEntry: false });
    if (!stat || !stat.isFile() || stat.size > maxBytes) return null;
    return fs.readFileSync(file);
  } catch {
    return null;
  }
}
