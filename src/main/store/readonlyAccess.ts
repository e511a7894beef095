// Opening an audited SQLite file so that nothing beside it is created or changed, on any medium.
//
// Measured with better-sqlite3 13.2 / SQLite 3.54 (built with SQLITE_USE_URI=0, so `immutable=1`
// URIs are unavailable, and its fd mode refuses WAL files):
//  - rollback-journal file, opened read-only: nothing is created, bytes unchanged (also on a
//    read-only mount). This is how our own stores rest (openStore's leaveWalMode).
//  - WAL-mode file at rest (no -wal/-shm), opened read-only: the first read creates -wal (0 bytes)
//    and -shm (32 KiB) beside it, and close leaves them. On a read-only mount: SQLITE_CANTOPEN.
//  - WAL-mode file with -wal and -shm left by a writer that died: a read-only reader rewrites -shm
//    (the wal-index); on a read-only mount with -shm missing: SQLITE_CANTOPEN.
//  - a hot rollback journal (a writer died mid-transaction): SQLITE_READONLY_ROLLBACK.
// Deleting the -wal/-shm we caused is not provably safe: a writer that opened the file meanwhile
// maps the same -shm, and unlinking it under that writer lets a later connection build a second
// wal-index, which corrupts the database. So those files are never created here. The policy:
//  - rollback journal, no hot journal: opened in place (nothing is created).
//  - WAL mode with both -wal and -shm present and a live connection holding the -shm's lock (see
//    walLocks.ts): opened in place, so a viewer follows the writer's appends (live tail); SQLite
//    maintains the shared -shm index as every reader does, and never writes the database or the
//    -wal. `wal: 'snapshot'` refuses even that. Where locks cannot be listed (not Linux), in place too.
//  - -wal and -shm left by a writer that died (no process holds a lock on the -shm): a reader in
//    place would rebuild the wal-index, rewriting -shm, so this is read from a private snapshot.
//  - WAL mode at rest (no -wal/-shm), a -wal without -shm, or a hot journal: read from a private
//    snapshot (the main file plus its -wal or -journal copied into a temporary folder, by reflink
//    where the filesystem can), which SQLite then treats as its own. The original is only read.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { words } from '../../shared/errorWords/index.ts';
import { LedgerError } from '../errors.ts';
import { protectAuditedFile } from './auditedFiles.ts';
import { walConnections } from './walLocks.ts';

export type ReadonlyAccess = 'direct' | 'snapshot';

export interface ReadonlyOpenOptions {
  /**
   * 'follow' (default): when a writer's -wal and -shm exist, read them in place to follow appends.
   * 'snapshot': every WAL-mode file is read from a private copy; not even -shm is touched.
   */
  wal?: 'follow' | 'snapshot';
}

export interface ReadonlyConnection {
  db: Database.Database;
  access: ReadonlyAccess;
  /** Why a snapshot was needed (null for direct access). */
  reason: string | null;
  /** Removes the snapshot folder; call after closing `db`. Idempotent. */
  dispose(): void;
}

export interface JournalState {
  walMode: boolean;
  wal: boolean;
  shm: boolean;
  /** A non-empty -journal beside the file: a writer died mid-transaction (or is writing right now). */
  hotJournal: boolean;
}

function sizeOf(file: string): number | null {
  try {
    return fs.statSync(file).size;
  } catch {
    return null;
  }
}

export function journalState(absolute: string): JournalState {
  const header = Buffer.alloc(20);
  const fd = fs.openSync(absolute, 'r');
  try {
    fs.readSync(fd, header, 0, 20, 0);
  } finally {
    fs.closeSync(fd);
  }
  const journal = sizeOf(`${absolute}-journal`);
  return {
    walMode: header[18] === 2 || header[19] === 2,
    wal: sizeOf(`${absolute}-wal`) !== null,
    shm: sizeOf(`${absolute}-shm`) !== null,
    hotJournal: journal !== null && journal > 0,
  };
}

function openDirect(file: string): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('query_only = 1');
  return db;
}

/**
 * The one door to an audited SQLite file. While the connection is open the file and its
 * companions are protected from every writer of this process (auditedFiles.ts).
 */
export function openSqliteReadonly(absolute: string, options: ReadonlyOpenOptions = {}): ReadonlyConnection {
  const release = protectAuditedFile(absolute);
  try {
    const connection = openAuditedFile(absolute, options);
    const dispose = connection.dispose;
    return {
      ...connection,
      dispose: () => {
        dispose();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

function openAuditedFile(absolute: string, options: ReadonlyOpenOptions): ReadonlyConnection {
  const state = journalState(absolute);
  const needsCompanions = state.walMode || state.wal;
  if (!needsCompanions && !state.hotJournal) return { db: openDirect(absolute), access: 'direct', reason: null, dispose: () => {} };
  const deadWriter = state.wal && state.shm && walConnections(`${absolute}-shm`) === 'none';
  if (options.wal !== 'snapshot' && state.wal && state.shm && !state.hotJournal && !deadWriter) {
    return { db: openDirect(absolute), access: 'direct', reason: null, dispose: () => {} };
  }
  const reason = state.hotJournal
    ? 'a writer stopped mid-transaction (hot journal): read from a snapshot rolled back privately'
    : deadWriter
      ? 'a write-ahead log left by a writer that is no longer running: read from a private snapshot, so its -shm is not rebuilt'
      : state.wal
      ? 'a WAL-mode file with a write-ahead log beside it: read from a private snapshot of both'
      : 'a WAL-mode file: SQLite would create -wal and -shm beside it, so it is read from a private snapshot';
  return openSnapshot(absolute, state, reason);
}

// ---- snapshots ----

const liveSnapshots = new Set<string>();
let exitHookInstalled = false;

function removeSnapshot(dir: string): void {
  liveSnapshots.delete(dir);
  fs.rmSync(dir, { recursive: true, force: true });
}

const SNAPSHOT_PREFIX = 'replay-ledger-ro-';

/** Snapshot folders of processes that were killed before they could remove theirs (named by pid). */
function sweepOrphans(): void {
  try {
    for (const name of fs.readdirSync(os.tmpdir())) {
      const pid = Number(/^replay-ledger-ro-(\d+)-/.exec(name)?.[1]);
      if (!pid || pid === process.pid) continue;
      try {
        process.kill(pid, 0);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ESRCH') fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
      }
    }
  } catch {
    // best effort: a sweep never stops an open
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  sweepOrphans();
  process.once('exit', () => {
    for (const dir of [...liveSnapshots]) {
      try {
        removeSnapshot(dir);
      } catch {
        // best effort at exit
      }
    }
  });
}

/** Identity of a file's committed state: size, mtime and SQLite's change counter (header bytes 24..27). */
function fileStamp(file: string, headerBytes: number): string | null {
  try {
    const stat = fs.statSync(file);
    const head = Buffer.alloc(headerBytes);
    const fd = fs.openSync(file, 'r');
    try {
      fs.readSync(fd, head, 0, headerBytes, 0);
    } finally {
      fs.closeSync(fd);
    }
    return `${stat.size}:${stat.mtimeMs}:${head.toString('hex')}`;
  } catch {
    return null;
  }
}

function copy(from: string, to: string): void {
  fs.copyFileSync(from, to, fs.constants.COPYFILE_FICLONE);
}

function openSnapshot(absolute: string, initial: JournalState, reason: string): ReadonlyConnection {
  let state = initial;
  installExitHook();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${SNAPSHOT_PREFIX}${process.pid}-`));
  liveSnapshots.add(dir);
  const target = path.join(dir, path.basename(absolute));
  try {
    let consistent = false;
    for (let attempt = 0; attempt < 5 && !consistent; attempt++) {
      // The main file must not change while it and its log are copied (a checkpoint would tear it);
      // the WAL may grow (a torn last frame fails its checksum and is ignored), but its header must
      // not change (a restart reuses the log from the start), nor may it appear or vanish.
      if (attempt > 0) state = journalState(absolute);
      const before = fileStamp(absolute, 100);
      const walBefore = state.wal ? fileStamp(`${absolute}-wal`, 32)?.split(':')[2] : null;
      fs.rmSync(`${target}-wal`, { force: true });
      fs.rmSync(`${target}-journal`, { force: true });
      try {
        copy(absolute, target);
        if (state.wal) copy(`${absolute}-wal`, `${target}-wal`);
        if (state.hotJournal) copy(`${absolute}-journal`, `${target}-journal`);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' && fs.existsSync(absolute)) continue; // a log came or went: again
        throw error;
      }
      const walAfter = state.wal ? (fileStamp(`${absolute}-wal`, 32)?.split(':')[2] ?? 'gone') : fs.existsSync(`${absolute}-wal`) ? 'appeared' : null;
      consistent = before !== null && before === fileStamp(absolute, 100) && walBefore === walAfter;
    }
    if (!consistent) {
      throw new LedgerError('IO_ERROR', words('errorWords.snapshot.busy', { path: absolute }), {
        path: absolute,
      });
    }
    if (state.hotJournal) {
      // Rolling back the interrupted transaction is a write: done on our copy, never the original.
      const recover = new Database(target, { fileMustExist: true });
      recover.prepare('SELECT count(*) FROM sqlite_schema').get();
      recover.close();
    }
    const db = openDirect(target);
    let disposed = false;
    return {
      db,
      access: 'snapshot',
      reason,
      dispose: () => {
        if (disposed) return;
        disposed = true;
        if (db.open) db.close();
        removeSnapshot(dir);
      },
    };
  } catch (error) {
    removeSnapshot(dir);
    if (error instanceof LedgerError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC') {
      throw new LedgerError('IO_ERROR', words('errorWords.snapshot.noSpace', { folder: os.tmpdir(), path: absolute, bytes: String(sizeOf(absolute)) }), {
        path: absolute,
      });
    }
    throw error;
  }
}
