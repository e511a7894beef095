// Is some process connected to a WAL-mode file right now? Every open SQLite connection in WAL mode
// holds a POSIX (fcntl) read lock on the "DMS" byte of the -shm for as long as it has the wal-index
// mapped; a writer that died holds none (the kernel drops a process's locks when it ends). Linux lists
// every POSIX/OFD lock in /proc/locks with the file's device and inode, so a lock on the -shm's inode
// means a live connection. Node has no fcntl, so elsewhere this answers 'unknown'.
import fs from 'node:fs';

export type WalConnections = 'live' | 'none' | 'unknown';

export function walConnections(shmFile: string, locksFile = '/proc/locks'): WalConnections {
  let table: string;
  let stat: fs.Stats;
  try {
    table = fs.readFileSync(locksFile, 'utf8');
    stat = fs.statSync(shmFile);
  } catch {
    return 'unknown';
  }
  // Matched by inode alone: a stacked filesystem (overlayfs) may report another device in stat()
  // than in /proc/locks. A same-numbered inode on another device only makes us read in place, as before.
  const inode = String(stat.ino);
  for (const line of table.split('\n')) {
    // "1: POSIX  ADVISORY  READ 31952 fe:00:2147889 128 128" (blocked waiters start with "->")
    const fields = line.trim().split(/\s+/);
    const id = fields.find((field) => /^[0-9a-f]+:[0-9a-f]+:\d+$/.test(field));
    if (id?.split(':')[2] === inode) return 'live';
  }
  return 'none';
}
