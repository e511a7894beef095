// One module's sandbox: a worker thread (see workerSource.ts) started lazily, one call at a time,
// with a watchdog. A call that stops making progress past the time limit (an endless loop), runs
// out of memory or crashes the worker ends that worker; the next call starts a fresh one and loads
// the module into it again, so one bad event never leaves the projection unusable.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { ProjectionFailure } from '../../../shared/projections.ts';
import type { SandboxLimits } from '../types.ts';
import { SANDBOX_WORKER_SOURCE } from './workerSource.ts';

/** A worker that does not say it is ready in this long is broken (ses failed to load…), not slow user code. */
const STARTUP_TIMEOUT_MS = 15_000;
const STACK_SIZE_MB = 4;

export type SandboxOp = 'load' | 'fold' | 'appliesTo';

/** What the worker answered, or why the call ended without an answer. */
export type CallResult<T> = { ok: true; value: T } | { ok: false; failure: ProjectionFailure; /** Event index being evolved when it ended (fold). */ index: number };

/** Who was running when a limit was hit, for the message: "evolve", "the module", "appliesTo". */
const WHO: Record<SandboxOp, string> = { load: 'the module', fold: 'evolve', appliesTo: 'appliesTo' };

interface Pending {
  id: number;
  op: SandboxOp;
  resolve: (result: CallResult<unknown>) => void;
  stopWatch: () => void;
}

let sesPath: string | null = null;
const resolveSes = () => (sesPath ??= createRequire(import.meta.url).resolve('ses'));

export class SandboxWorker {
  private worker: Worker | null = null;
  private ready: Promise<CallResult<void>> | null = null;
  private pending: Pending | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private progress = new Int32Array(new SharedArrayBuffer(8));
  /** The load request a fresh worker replays before its first call (set once the module loaded). */
  private loadRequest: Record<string, unknown> | null = null;
  /** Bumped per worker: a state kept in an ended worker is gone. */
  generation = 0;
  private disposed = false;
  private readonly limits: SandboxLimits;

  constructor(limits: SandboxLimits) {
    this.limits = limits;
  }

  /** Remembers how to load the module into a fresh worker (after a timeout or a crash). */
  setLoadRequest(request: Record<string, unknown>): void {
    this.loadRequest = request;
  }

  /** Calls are queued: the watchdog times one call, and the worker answers one at a time anyway. */
  /**
   * `more` gives further parts of the same request (a fold's events): each is made and posted only
   * after the one before it was posted, so the worker works on one while the next is encoded.
   */
  call<T>(op: SandboxOp, payload: Record<string, unknown>, more?: () => Iterable<Record<string, unknown>>): Promise<CallResult<T>> {
    const run = this.queue.then(() => this.callNow<T>(op, payload, more));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** dispose() ran: the module was unloaded (its file reloaded or removed, the store closed). */
  get unloaded(): boolean {
    return this.disposed;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.fail({ kind: 'crashed', message: 'the projection was unloaded' });
    await this.end();
  }

  /** Ends the call in progress (a cancelled fold): the worker goes, the next call gets a fresh one. */
  cancel(): void {
    this.fail({ kind: 'crashed', message: 'cancelled' });
  }

  private async callNow<T>(op: SandboxOp, payload: Record<string, unknown>, more?: () => Iterable<Record<string, unknown>>): Promise<CallResult<T>> {
    if (this.disposed) return { ok: false, failure: { kind: 'crashed', message: 'the projection was unloaded' }, index: -1 };
    const fresh = !this.worker;
    const started = await this.start();
    if (!started.ok) return started;
    if (fresh && this.loadRequest && op !== 'load') {
      const reloaded = await this.send<{ ok: boolean; failure?: ProjectionFailure }>('load', this.loadRequest);
      if (!reloaded.ok) return reloaded;
      if (!reloaded.value.ok) return { ok: false, failure: reloaded.value.failure ?? { kind: 'crashed', message: 'the module did not load again' }, index: -1 };
    }
    return this.send<T>(op, payload, more);
  }

  private start(): Promise<CallResult<void>> {
    if (this.ready) return this.ready;
    this.generation++;
    let worker: Worker;
    try {
      worker = new Worker(SANDBOX_WORKER_SOURCE, {
        eval: true,
        workerData: { ses: resolveSes(), progress: this.progress },
        resourceLimits: {
          maxOldGenerationSizeMb: this.limits.memoryMb,
          maxYoungGenerationSizeMb: Math.max(4, Math.min(64, Math.round(this.limits.memoryMb / 8))),
          stackSizeMb: STACK_SIZE_MB,
        },
        stdout: true,
        stderr: true,
      });
    } catch (error) {
      return Promise.resolve({ ok: false, failure: { kind: 'crashed', message: `the sandbox could not start: ${(error as Error).message}` }, index: -1 });
    }
    this.worker = worker;
    // An idle sandbox must not keep the process alive (a CLI run that never disposed it would not
    // exit); during a call the watchdog's timer does.
    worker.unref();
    // Output of the module (there is none: its console is silent) or of the worker is not ours to show.
    worker.stdout.resume();
    worker.stderr.resume();
    this.ready = new Promise<CallResult<void>>((resolve) => {
      const timer = setTimeout(() => {
        void this.end();
        resolve({ ok: false, failure: { kind: 'crashed', message: 'the sandbox did not start' }, index: -1 });
      }, STARTUP_TIMEOUT_MS);
      worker.once('message', () => {
        clearTimeout(timer);
        resolve({ ok: true, value: undefined });
      });
      worker.once('exit', () => {
        clearTimeout(timer);
        resolve({ ok: false, failure: { kind: 'crashed', message: 'the sandbox stopped while starting' }, index: -1 });
      });
    });
    worker.on('message', (reply: { id?: number; ok: boolean; value?: unknown; failure?: ProjectionFailure }) => {
      if (worker !== this.worker || reply.id === undefined || reply.id !== this.pending?.id) return;
      this.settle(reply.ok ? { ok: true, value: reply.value } : { ok: false, failure: reply.failure!, index: this.progress[1] });
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (worker !== this.worker) return;
      const who = this.pending ? WHO[this.pending.op] : 'the projection';
      const failure: ProjectionFailure =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? { kind: 'out-of-memory', message: `${who} ran out of memory (the sandbox may use ${this.limits.memoryMb} MB)` }
          : { kind: 'crashed', message: `the sandbox stopped: ${error.message}` };
      this.fail(failure);
    });
    worker.on('exit', () => {
      if (worker !== this.worker) return;
      this.fail({ kind: 'crashed', message: 'the sandbox stopped unexpectedly' });
    });
    return this.ready;
  }

  private send<T>(op: SandboxOp, payload: Record<string, unknown>, more?: () => Iterable<Record<string, unknown>>): Promise<CallResult<T>> {
    const worker = this.worker!;
    const id = this.nextId++;
    return new Promise<CallResult<T>>((resolve) => {
      const stopWatch = this.watch(op);
      this.pending = { id, op, resolve: resolve as (result: CallResult<unknown>) => void, stopWatch };
      try {
        worker.postMessage({ ...payload, op, id });
        if (more) {
          for (const part of more()) {
            // The call already ended (the worker failed on an earlier part): the rest is not needed.
            if (this.pending?.id !== id || this.worker !== worker) break;
            worker.postMessage({ ...part, op: `${op}More`, foldId: id });
          }
        }
      } catch (error) {
        this.settle({ ok: false, failure: { kind: 'crashed', message: `the events could not be sent to the sandbox: ${(error as Error).message}` }, index: -1 });
      }
    });
  }

  /**
   * Ends the worker when the progress counter stops moving for longer than the limit: the worker
   * ticks at every call and every event, so a slow chunk of many fast events is never cut short.
   */
  private watch(op: SandboxOp): () => void {
    const limit = this.limits.callTimeoutMs;
    let seen = Atomics.load(this.progress, 0);
    let since = performance.now();
    const timer = setInterval(
      () => {
        const now = Atomics.load(this.progress, 0);
        if (now !== seen) {
          seen = now;
          since = performance.now();
          return;
        }
        if (performance.now() - since < limit) return;
        const message =
          op === 'load'
            ? `the module took longer than ${limit} ms to load (an endless loop at its top level?)`
            : `${WHO[op]} took longer than ${limit} ms${op === 'fold' ? ' on one event' : ''} (an endless loop?)`;
        this.fail({ kind: 'timeout', message });
      },
      Math.max(5, Math.min(50, Math.round(limit / 4))),
    );
    return () => clearInterval(timer);
  }

  private settle(result: CallResult<unknown>): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    pending.stopWatch();
    pending.resolve(result);
  }

  /** Ends the worker and fails the call in progress (if any) with `failure`. */
  private fail(failure: ProjectionFailure): void {
    const index = this.progress[1];
    void this.end();
    this.settle({ ok: false, failure, index });
  }

  private async end(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.ready = null;
    if (worker) await worker.terminate();
  }
}
