// Runs one measurement in a child process (bench/worker.ts) and reads its result line.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { Measurement } from '../measures/types.ts';
import { REPO_DIR, WORKER } from './paths.ts';

export const RESULT_PREFIX = '@@bench-result ';

export interface ChildResult extends Measurement {
  peakRssMb: number;
}

/**
 * Each measurement loads the sources as the installed `ledger` command does (src/cli/ledger.mjs):
 * from Node's compile cache, so a row's peak RSS is the work's and not the ~30 MB of the TypeScript
 * stripper that a cold `node file.ts` loads into the process and into every worker thread. The app
 * runs bundled JavaScript and loads no stripper either. Operation and baseline alike.
 */
export function measureEnv(): NodeJS.ProcessEnv {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return process.env;
  return { ...process.env, NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? path.join(os.tmpdir(), 'node-compile-cache') };
}

export function runMeasure(measure: string, params: unknown): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, JSON.stringify({ measure, params })], { cwd: REPO_DIR, stdio: ['ignore', 'pipe', 'pipe'], env: measureEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || !line) {
        reject(new Error(`${measure} failed (exit ${code}): ${stderr.trim() || stdout.trim() || 'no output'}`));
        return;
      }
      resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as ChildResult);
    });
  });
}
