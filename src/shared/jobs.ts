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
}
