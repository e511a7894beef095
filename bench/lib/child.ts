// Runs one measurement in a child process (bench/worker.ts) and reads its result line.
import { spawn } from 'node:child_process';
import type { Measurement } from '../measures/types.ts';
import { REPO_DIR, WORKER } from './paths.ts';

export const RESULT_PREFIX = '@@bench-result ';

export interface ChildResult extends Measurement {
  peakRssMb: number;
}

export function runMeasure(measure: string, params: unknown): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, JSON.stringify({ measure, params })], { cwd: REPO_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
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
