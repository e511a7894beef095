// A lock file beside a file the viewer appends to (the activity log, a notes file), so the CLI and
// the app writing at the same moment take turns. Created with O_EXCL (exactly one creator wins);
// a lock left by a process that died, or held far longer than any append takes, is taken over.
import fs from 'node:fs';
import os from 'node:os';

export interface LockOptions {
  /** Give up after this long (ms): the caller reports the log as unwritable rather than hanging. */
  timeoutMs?: number;
  /** A lock older than this (ms) is stale whoever holds it: an append takes milliseconds. */
  staleMs?: number;
}

interface LockOwner {
  pid: number;
  host: string;
  at: number;
}

const pause = new Int32Array(new SharedArrayBuffer(4));
/** A short synchronous wait: record() is synchronous, and a busy loop would starve the holder. */
function sleep(ms: number): void {
  Atomics.wait(pause, 0, 0, ms);
}

function readOwner(lockFile: string): { owner: LockOwner | null; text: string; mtimeMs: number } | null {
  try {
    const text = fs.readFileSync(lockFile, 'utf8');
    const mtimeMs = fs.statSync(lockFile).mtimeMs;
    try {
      const parsed = JSON.parse(text) as LockOwner;
      return { owner: typeof parsed?.pid === 'number' ? parsed : null, text, mtimeMs };
    } catch {
      return { owner: null, text, mtimeMs };
    }
  } catch {
    return null; // gone meanwhile: try again
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isStale(found: { owner: LockOwner | null; mtimeMs: number }, staleMs: number): boolean {
  if (Date.now() - found.mtimeMs > staleMs) return true;
  // Same machine and the holder is gone: it died between taking and releasing the lock.
  return found.owner !== null && found.owner.host === os.hostname() && found.owner.pid !== process.pid && !alive(found.owner.pid);
}

/** Removes a stale lock only if it is still the one judged stale (another process may have taken over already). */
function breakStale(lockFile: string, staleText: string): void {
  const aside = `${lockFile}.stale-${process.pid}-${Math.random().toString(16).slice(2)}`;
  try {
    fs.renameSync(lockFile, aside);
  } catch {
    return;
  }
  try {
    if (fs.readFileSync(aside, 'utf8') !== staleText) {
      // We moved someone's fresh lock: put it back (link fails if yet another lock exists — then both stand aside).
      try {
        fs.linkSync(aside, lockFile);
      } catch {
        /* another process holds the lock now */
      }
    }
  } finally {
    fs.rmSync(aside, { force: true });
  }
}

export class LockTimeoutError extends Error {
  constructor(lockFile: string, holder: LockOwner | null) {
    super(`${lockFile} is held by another process${holder ? ` (pid ${holder.pid})` : ''}: it was not released in time.`);
    this.name = 'LockTimeoutError';
  }
}

/** Runs `work` holding `${file}.lock`; throws LockTimeoutError when the lock cannot be had in time. */
export function withFileLock<T>(file: string, work: () => T, options: LockOptions = {}): T {
  const lockFile = `${file}.lock`;
  const timeoutMs = options.timeoutMs ?? 5000;
  const staleMs = options.staleMs ?? 30_000;
  const me = JSON.stringify({ pid: process.pid, host: os.hostname(), at: Date.now() } satisfies LockOwner);
  const deadline = Date.now() + timeoutMs;
  let fd: number | null = null;
  let wait = 2;
  while (fd === null) {
    try {
      fd = fs.openSync(lockFile, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, 0o600);
      fs.writeSync(fd, me);
    } catch (error) {
      if (fd !== null) {
        fs.closeSync(fd);
        fs.rmSync(lockFile, { force: true });
        throw error;
      }
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const found = readOwner(lockFile);
      if (found && isStale(found, staleMs)) {
        breakStale(lockFile, found.text);
        continue;
      }
      if (Date.now() > deadline) throw new LockTimeoutError(lockFile, found?.owner ?? null);
      sleep(wait + Math.random() * wait);
      wait = Math.min(wait * 2, 50);
    }
  }
  try {
    return work();
  } finally {
    fs.closeSync(fd);
    // Only our own lock: had we held it past staleMs, another process may have taken it over.
    let still = false;
    try {
      still = fs.readFileSync(lockFile, 'utf8') === me;
    } catch {
      still = false;
    }
    if (still) fs.rmSync(lockFile, { force: true });
  }
}
