// Long-running operations as seen by the UI: progress, outcome, cancellation.
import type { ErrorInfo } from './result.ts';

export type JobKind = 'export' | 'verify' | 'import' | 'snapshots' | 'search-index';
export type JobStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobState {
  id: string;
  kind: JobKind;
  title: string;
  status: JobStatus;
  done: number;
  total: number;
  message: string | null;
  startedAt: string;
  finishedAt: string | null;
  error: ErrorInfo | null;
  /** What the job works on, as facts: screens name it in their language (`title` is main's English). */
  subject?: JobSubject;
  /** The step it is on (a verify phase), for screens to say in their language; `message` is main's English. */
  phase?: string | null;
  /** What it has made so far where that is not `done` (events imported or copied while `done` counts bytes read). */
  items?: number;
  /** The step it is on, as facts (a report's state, diff or events), for screens to say; `message` is main's English. */
  step?: JobStep;
}

/** A job's current step as facts: versions are ids (said as v3), counts are grouped by the screen. */
export type JobStep =
  | { case: 'reportState'; version: number }
  | { case: 'reportDiff'; from: number; to: number }
  | { case: 'reportEvents'; listed: number; of: number };

/** The job's own facts, one case per kind of title (the store's path and stream ids are data, never translated). */
export type JobSubject =
  | { case: 'verify'; path: string }
  | { case: 'check'; path: string }
  | { case: 'searchIndex'; path: string }
  | { case: 'snapshots'; streamId: string }
  | { case: 'import'; file: string }
  | { case: 'copy'; source: string }
  | { case: 'exportEvents'; streamId: string | null; format: string }
  | { case: 'exportState'; streamId: string; version: number }
  | { case: 'exportDiff'; streamId: string; from: number; to: number }
  | { case: 'exportSearch'; q: string }
  | { case: 'report'; streamId: string; from: number; to: number };
