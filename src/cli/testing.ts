// Test helpers for the CLI: run a command in-process (fast) or as the real binary (exit codes, pipes).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { CliIo } from './io.ts';
import { runCli } from './run.ts';

/** The installed command (package.json "bin"): the launcher that turns on the compile cache, then main.ts. */
export const CLI_MAIN = path.resolve(import.meta.dirname, 'ledger.mjs');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `ledger …` in this process with captured output. */
export async function cli(...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), interactive: false };
  // English whatever the developer's locale (the tests read the English words); --lang still chooses.
  const code = await runCli(argv, io, { ...process.env, LEDGER_LANG: 'en' });
  return { code, stdout, stderr };
}

/** Runs `ledger …` as a child process, as a user would. */
export function spawnCli(...argv: string[]): CliRun {
  return spawnCliWith({ LEDGER_LANG: 'en' }, ...argv);
}

/** The real binary with these environment variables on top of the test's (a locale, LEDGER_LANG). */
export function spawnCliWith(env: Record<string, string | undefined>, ...argv: string[]): CliRun {
  const result = spawnSync(process.execPath, [CLI_MAIN, ...argv], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
