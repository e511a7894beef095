// The viewer's own activity log (issue 14): which stores were opened, what was searched, verified
// and exported, by which OS user and when. One JSON entry per line in <ledger home>/activity.jsonl,
// hash-chained (activityChain.ts), appended under a lock file so the CLI and the app can write at
// the same time. Recording never throws: a log that cannot be written is reported once (a warning
// and `problem()` for the UI) and the action itself goes on.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ActivityListing, ActivityVerdict } from '../../shared/activity.ts';
import type { ActivityEntry, ActivityInput } from '../../shared/evidence.ts';
import type { ActivityRecorder } from '../evidence/services.ts';
import { activityHash, entryLine, GENESIS_HASH, looksLikeEntry } from './activityChain.ts';
import { withFileLock } from './fileLock.ts';
import { unreadableVerdict, verifyActivityText, type ActivityHead } from './verifyActivity.ts';

export interface ActivityLog extends ActivityRecorder {
  readonly file: string;
  /** Entries, newest first; with a storeKey only those concerning that store. */
  list(options?: { storeKey?: string | null; limit?: number }): ActivityListing;
  verify(): ActivityVerdict;
  /** Why the last recording failed, in people's words; null once one succeeded again. */
  problem(): string | null;
  /** Told when recording starts failing (once per run of failures), e.g. to show a banner. */
  onProblem(listener: (message: string) => void): () => void;
}

export interface ActivityLogOptions {
  /** The ledger home (evidence/home.ts ledgerHome()). */
  home: string;
  /** Defaults to the OS user running the viewer. */
  user?: string;
  now?: () => Date;
  lockTimeoutMs?: number;
}

export function osUser(env: NodeJS.ProcessEnv = process.env): string {
  try {
    const name = os.userInfo().username;
    if (name) return name;
  } catch {
    /* no passwd entry (containers): fall back to the environment */
  }
  return env.USER || env.USERNAME || env.LOGNAME || 'unknown';
}

export function activityFile(home: string): string {
  return path.join(home, 'activity.jsonl');
}

const TAIL_CHUNK = 64 * 1024;

/** The last whole entry of the log, read from its end (the log only grows), and whether the file ends mid-line. */
function readTail(file: string): { last: ActivityEntry | null; endsMidLine: boolean } {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { last: null, endsMidLine: false };
    throw error;
  }
  try {
    const size = fs.fstatSync(fd).size;
    if (size === 0) return { last: null, endsMidLine: false };
    const endByte = Buffer.alloc(1);
    fs.readSync(fd, endByte, 0, 1, size - 1);
    const endsMidLine = endByte[0] !== 0x0a;
    for (let chunk = TAIL_CHUNK; ; chunk *= 4) {
      const start = Math.max(0, size - chunk);
      const buffer = Buffer.alloc(size - start);
      fs.readSync(fd, buffer, 0, buffer.length, start);
      const lines = buffer.toString('utf8').split('\n');
      if (start > 0) lines.shift(); // may begin mid-line
      for (let i = lines.length - 1; i >= 0; i--) {
        try {
          const value: unknown = JSON.parse(lines[i]);
          if (looksLikeEntry(value)) return { last: value, endsMidLine };
        } catch {
          /* a damaged line: the chain goes on from the last whole entry, and verify reports this one */
        }
      }
      if (start === 0) return { last: null, endsMidLine };
    }
  } finally {
    fs.closeSync(fd);
  }
}

function readHead(file: string): ActivityHead | null {
  try {
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as ActivityHead;
    return Number.isSafeInteger(value?.seq) && typeof value.hash === 'string' ? value : null;
  } catch {
    return null;
  }
}

function writeAtomically(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, text, { mode: 0o600 });
  fs.renameSync(temp, file);
}

function readEntries(file: string): ActivityEntry[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const entries: ActivityEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      const value: unknown = JSON.parse(line);
      if (looksLikeEntry(value)) entries.push(value);
    } catch {
      /* verify() reports it */
    }
  }
  return entries;
}

/** Details as plain JSON (no undefined, no functions): what the hash covers must survive a round trip through the file. */
function plainDetails(details: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!details) return {};
  return JSON.parse(JSON.stringify(details)) as Record<string, unknown>;
}

export function createActivityLog(options: ActivityLogOptions): ActivityLog {
  const file = activityFile(options.home);
  const headFile = path.join(options.home, 'activity.head.json');
  const user = options.user ?? osUser();
  const now = options.now ?? (() => new Date());
  const listeners = new Set<(message: string) => void>();
  let problem: string | null = null;

  const fail = (error: unknown) => {
    const message = `The activity log (${file}) could not be written: ${(error as Error)?.message ?? String(error)}. What you do is not being recorded.`;
    if (problem === null) {
      console.warn(`[activity] ${message}`);
      for (const listener of listeners) listener(message);
    }
    problem = message;
  };

  const append = (input: ActivityInput): ActivityEntry => {
    fs.mkdirSync(options.home, { recursive: true, mode: 0o700 });
    return withFileLock(
      file,
      () => {
        // The tail is read under the lock: another process may have appended since we last looked.
        const { last, endsMidLine } = readTail(file);
        const body: Omit<ActivityEntry, 'hash'> = {
          seq: (last?.seq ?? 0) + 1,
          at: now().toISOString(),
          user,
          action: input.action,
          storeKey: input.storeKey ?? null,
          storeLabel: input.storeLabel ?? null,
          chainHead: input.chainHead ?? null,
          details: plainDetails(input.details),
          prevHash: last?.hash ?? GENESIS_HASH,
        };
        const entry: ActivityEntry = { ...body, hash: activityHash(body) };
        // A line cut off by a crash stays (verify reports it); the new entry starts on a line of its own.
        const fd = fs.openSync(file, 'a', 0o600);
        try {
          fs.writeSync(fd, (endsMidLine ? '\n' : '') + entryLine(entry));
          fs.fsyncSync(fd);
        } finally {
          fs.closeSync(fd);
        }
        writeAtomically(headFile, JSON.stringify({ seq: entry.seq, hash: entry.hash } satisfies ActivityHead) + '\n');
        return entry;
      },
      { timeoutMs: options.lockTimeoutMs },
    );
  };

  return {
    file,
    record(input) {
      try {
        const entry = append(input);
        problem = null;
        return entry;
      } catch (error) {
        fail(error);
        return null;
      }
    },
    excerpt(storeKey) {
      try {
        return readEntries(file).filter((e) => e.storeKey === storeKey);
      } catch (error) {
        fail(error);
        return [];
      }
    },
    list({ storeKey = null, limit } = {}) {
      let entries: ActivityEntry[] = [];
      let readProblem: string | null = null;
      try {
        entries = readEntries(file);
      } catch (error) {
        readProblem = `The activity log (${file}) could not be read: ${(error as Error).message}.`;
      }
      const chosen = (storeKey ? entries.filter((e) => e.storeKey === storeKey) : entries).reverse();
      return { file, entries: limit ? chosen.slice(0, limit) : chosen, problem: readProblem ?? problem, storeKey };
    },
    verify() {
      let text = '';
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
          return unreadableVerdict(file, (error as Error).message);
        }
      }
      return verifyActivityText(text, file, readHead(headFile));
    },
    problem: () => problem,
    onProblem(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
