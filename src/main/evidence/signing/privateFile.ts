// Owner-only files for the signing folder: written to a fresh temporary name (exclusive create,
// mode 0600, no link followed), fsynced and renamed into place, so a key or a chain record is
// never half-written and never readable by other users, whatever the umask.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cannotWrite } from '../../fileErrors.ts';

const CREATE_EXCLUSIVE = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW;

export function writeFileAtomic(target: string, bytes: Buffer | string, mode = 0o600): void {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.partial`);
  let fd: number | null = null;
  try {
    fd = fs.openSync(temp, CREATE_EXCLUSIVE, mode);
    fs.fchmodSync(fd, mode); // the umask may have taken bits away; never added, but be exact
    const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
    let offset = 0;
    while (offset < data.length) offset += fs.writeSync(fd, data, offset);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(temp, target);
  } catch (error) {
    // Cleaning up must not hide why the write failed: when the folder is a file (ENOTDIR) or gone,
    // removing the temporary file fails too, and the user is to hear "cannot write", not that.
    try {
      if (fd !== null) fs.closeSync(fd);
      fs.rmSync(temp, { force: true });
    } catch {
      // nothing was created that could be left behind
    }
    throw cannotWrite(target, error);
  }
}
