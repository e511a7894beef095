// The last line of defence of a long-running process (Electron main, browser mode's service): an
// error nobody caught is logged and reported to the window, and the process keeps running, so one
// bug does not close the window and lose the user's place. Plain Node, unit-tested with a fake.
import fs from 'node:fs';
import path from 'node:path';
import type { AppProblem } from '../shared/contract.ts';

interface ProcessLike {
  on(event: 'uncaughtException', listener: (error: unknown) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'uncaughtException' | 'unhandledRejection', listener: (value: unknown) => void): unknown;
}

export interface CrashGuardOptions {
  /** Appended with one JSON line per problem; null keeps them in memory and stderr only. */
  logFile: string | null;
  /** Tell the user (a push to the window). Must not throw; a throw here is swallowed. */
  report(problem: AppProblem): void;
  now?: () => Date;
  stderr?: (line: string) => void;
}

function describe(value: unknown): { message: string; stack?: string } {
  if (value instanceof Error) return { message: value.message || value.name, stack: value.stack };
  try {
    return { message: typeof value === 'string' ? value : JSON.stringify(value) ?? String(value) };
  } catch {
    return { message: String(value) };
  }
}

export function installCrashGuard(target: ProcessLike, options: CrashGuardOptions): () => void {
  let count = 0;
  const stderr = options.stderr ?? ((line: string) => process.stderr.write(line + '\n'));
  const handle = (kind: AppProblem['kind']) => (value: unknown) => {
    const { message, stack } = describe(value);
    const problem: AppProblem = {
      id: ++count,
      kind,
      at: (options.now?.() ?? new Date()).toISOString(),
      message: `Something went wrong inside the viewer (${message.slice(0, 500)}). What you were doing may not have finished; the rest of the app keeps working.`,
      logFile: options.logFile,
    };
    try {
      stderr(`[replay-ledger] ${kind}: ${stack ?? message}`);
      if (options.logFile) {
        fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
        fs.appendFileSync(options.logFile, JSON.stringify({ ...problem, detail: stack ?? message }) + '\n');
      }
    } catch {
      // A full disk must not turn a reported problem into a crash.
    }
    try {
      options.report(problem);
    } catch {
      // Nor may a window that is gone.
    }
  };
  const onUncaught = handle('uncaughtException');
  const onRejection = handle('unhandledRejection');
  target.on('uncaughtException', onUncaught);
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('uncaughtException', onUncaught);
    target.off('unhandledRejection', onRejection);
  };
}
