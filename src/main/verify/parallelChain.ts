// The hashing workers of a parallel chain walk. Each row stores its prev_hash and hash, so whether a
// row hashes correctly needs that row only: workers (chainHashWorker.ts, each with its own read-only
// connection) recompute the hashes of position ranges side by side, while the walk on the main
// connection follows the links in order and classifies breaks exactly as the sequential walk does.
// Ranges are handed out in order, at most MAX_AHEAD ranges before the one the walk is at, so the
// answers waiting in memory stay few. A worker that cannot start or fails answers "not ok" for its
// ranges; the walk then checks those ranges itself, so the result never depends on the workers.
import { Worker } from 'node:worker_threads';
import type { RangeAnswer, RangeTask } from './chainRange.ts';

/** From source (node runs the .ts) the worker is the .ts beside this file; in the bundle, its own entry (electron.vite.config.ts). */
const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './chainHashWorker.ts' : './chainHashWorker.js', import.meta.url);

const MAX_AHEAD = 8;

export interface PositionRange {
  /** Positions in (after, upTo]. */
  after: number;
  upTo: number;
}

export interface ChainHashPool {
  /** The workers' answer for ranges[index] (ask in order). */
  answer(index: number): Promise<RangeAnswer>;
  close(): Promise<void>;
}

export function createChainHashPool(file: string, ranges: readonly PositionRange[], workers: number): ChainHashPool {
  const waiting = new Map<number, (answer: RangeAnswer) => void>();
  const answers = new Map<number, RangeAnswer>();
  const threads: Worker[] = [];
  let next = 0;
  let consumed = 0;
  let closed = false;

  const settle = (answer: RangeAnswer) => {
    const resolve = waiting.get(answer.id);
    if (resolve) {
      waiting.delete(answer.id);
      resolve(answer);
    } else answers.set(answer.id, answer);
  };

  const dispatch = (worker: Worker) => {
    if (closed || next >= ranges.length || next >= consumed + MAX_AHEAD) return false;
    const id = next++;
    const task: RangeTask = { id, ...ranges[id] };
    (worker as Worker & { busy?: number }).busy = id;
    worker.postMessage(task);
    return true;
  };

  const idle: Worker[] = [];
  const fill = () => {
    while (idle.length > 0 && dispatch(idle[idle.length - 1])) idle.pop();
  };

  for (let i = 0; i < workers; i++) {
    let worker: Worker;
    try {
      // A small heap: a worker holds one range at a time, and a store read beside the UI must not
      // double the viewer's memory (without limits each worker's heap grew past 150 MB). A row too
      // big for it makes the worker fail and the walk check that range itself. The young generation
      // is 32 MB: at 16 a worker spent a fifth of its time in scavenges (a page of rows is ~1 MB).
      worker = new Worker(WORKER_URL, { workerData: { file, chainHashWorker: true }, resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 32 } });
    } catch {
      continue;
    }
    worker.unref();
    worker.on('message', (answer: RangeAnswer) => {
      settle(answer);
      (worker as Worker & { busy?: number }).busy = undefined;
      if (!dispatch(worker)) idle.push(worker);
    });
    // A worker that dies fails its range (the walk checks it itself); the others carry on.
    worker.on('error', (error) => {
      const busy = (worker as Worker & { busy?: number }).busy;
      if (busy !== undefined) settle({ id: busy, ok: false, message: String(error?.message ?? error) });
      const at = threads.indexOf(worker);
      if (at >= 0) threads.splice(at, 1);
      const idleAt = idle.indexOf(worker);
      if (idleAt >= 0) idle.splice(idleAt, 1);
      if (threads.length === 0) failRemaining('no hashing worker is running');
    });
    threads.push(worker);
    idle.push(worker);
  }

  function failRemaining(message: string): void {
    for (let id = next; id < ranges.length; id++) settle({ id, ok: false, message });
    next = ranges.length;
  }

  if (threads.length === 0) failRemaining('no hashing worker could start');
  fill();

  return {
    answer(index) {
      consumed = Math.max(consumed, index);
      fill();
      const ready = answers.get(index);
      if (ready) {
        answers.delete(index);
        return Promise.resolve(ready);
      }
      return new Promise((resolve) => waiting.set(index, resolve));
    },
    async close() {
      closed = true;
      for (const resolve of waiting.values()) resolve({ id: -1, ok: false, message: 'closed' });
      waiting.clear();
      await Promise.all(threads.map((worker) => worker.terminate()));
    },
  };
}

/** Ranges of about `rows` positions covering (first - 1, last]; the first starts below any position. */
export function positionRanges(first: number, last: number, rows: number): PositionRange[] {
  const ranges: PositionRange[] = [];
  let after = Number.MIN_SAFE_INTEGER;
  let upTo = first - 1 + rows;
  for (;;) {
    if (upTo >= last) {
      ranges.push({ after, upTo: last });
      return ranges;
    }
    ranges.push({ after, upTo });
    after = upTo;
    upTo += rows;
  }
}
