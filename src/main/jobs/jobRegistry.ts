// Long operations (export, verify, import, snapshot building) run as jobs: each has an id, progress,
// a result or an error, and can be cancelled. Listeners get every update (IPC push / bridge SSE).
import type { ErrorInfo } from '../../shared/result.ts';
import type { JobKind, JobState, JobStep, JobSubject } from '../../shared/jobs.ts';
import { toErrorInfo } from '../errors.ts';

export interface JobContext {
  signal: AbortSignal;
  /**
   * `message` is the English line; `phase` the step's code when the job has steps (screens say it);
   * `items` what it made so far when `done` counts something else; `step` the step as facts (a report's).
   */
  progress(done: number, total: number, message?: string, phase?: string, items?: number, step?: JobStep): void;
}

export type JobListener = (job: JobState) => void;

export interface JobRegistry {
  start<T>(kind: JobKind, title: string, run: (ctx: JobContext) => Promise<T>, subject?: JobSubject): JobState;
  get(id: string): JobState | undefined;
  /** The result value of a finished job (kept until the job is forgotten). */
  result<T = unknown>(id: string): T | undefined;
  cancel(id: string): boolean;
  list(): JobState[];
  subscribe(listener: JobListener): () => void;
  /** Resolves when the job leaves the running state. */
  wait(id: string): Promise<JobState>;
}

const MAX_FINISHED = 50;
const PROGRESS_INTERVAL_MS = 100;

export function createJobRegistry(): JobRegistry {
  const jobs = new Map<string, { state: JobState; controller: AbortController; result?: unknown; done: Promise<JobState> }>();
  const listeners = new Set<JobListener>();
  let sequence = 0;

  const emit = (state: JobState) => {
    for (const listener of listeners) {
      try {
        listener(state);
      } catch {
        // a broken listener must not break the job
      }
    }
  };

  const forgetOldJobs = () => {
    const finished = [...jobs.values()].filter((j) => j.state.status !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - MAX_FINISHED))) jobs.delete(job.state.id);
  };

  return {
    start(kind, title, run, subject) {
      const id = `job-${++sequence}-${Date.now().toString(36)}`;
      const controller = new AbortController();
      const state: JobState = { id, kind, title, status: 'running', done: 0, total: 0, message: null, startedAt: new Date().toISOString(), finishedAt: null, error: null, ...(subject ? { subject } : {}) };
      let lastEmit = 0;
      const entry = { state, controller, result: undefined as unknown, done: Promise.resolve(state) };
      entry.done = (async (): Promise<JobState> => {
        await Promise.resolve(); // let the caller receive the job id first
        try {
          entry.result = await run({
            signal: controller.signal,
            progress(done, total, message, phase, items, step) {
              entry.state = { ...entry.state, done, total, message: message ?? entry.state.message, ...(phase !== undefined ? { phase } : {}), ...(items !== undefined ? { items } : {}), ...(step !== undefined ? { step } : {}) };
              const now = Date.now();
              if (now - lastEmit >= PROGRESS_INTERVAL_MS || done === total) {
                lastEmit = now;
                emit(entry.state);
              }
            },
          });
          entry.state = { ...entry.state, status: 'succeeded', finishedAt: new Date().toISOString() };
        } catch (error) {
          const info: ErrorInfo = toErrorInfo(error);
          const status = info.code === 'CANCELLED' ? 'cancelled' : 'failed';
          entry.state = { ...entry.state, status, error: info, finishedAt: new Date().toISOString() };
        }
        emit(entry.state);
        forgetOldJobs();
        return entry.state;
      })();
      jobs.set(id, entry);
      emit(state);
      return state;
    },
    get: (id) => jobs.get(id)?.state,
    result: <T>(id: string) => jobs.get(id)?.result as T | undefined,
    cancel(id) {
      const job = jobs.get(id);
      if (!job || job.state.status !== 'running') return false;
      job.controller.abort();
      return true;
    },
    list: () => [...jobs.values()].map((j) => j.state),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    wait(id) {
      const job = jobs.get(id);
      return job ? job.done : Promise.reject(new Error(`No job ${id}`));
    },
  };
}
