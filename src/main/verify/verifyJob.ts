// Verification as a job: progress and cancel through the job registry; the VerifyReport is the
// job's result (jobs.result(id)) once its state is 'succeeded'.
import type { JobState } from '../../shared/jobs.ts';
import type { JobRegistry } from '../jobs/jobRegistry.ts';
import type { EventStoreReader, LocalStoreReader } from '../store/eventStore.ts';
import { verify, type VerifyOptions } from './verify.ts';

const PHASE_LABELS = { chain: 'checking the hash chain', streams: 'checking stream versions and summaries', types: 'checking event types', summaries: 'checking the chain head', integrity: "running SQLite's integrity check", done: 'done' } as const;

export function startVerifyJob(jobs: JobRegistry, store: EventStoreReader | LocalStoreReader, options: Omit<VerifyOptions, 'signal' | 'onProgress'> = {}): JobState {
  return jobs.start(
    'verify',
    `Verify ${store.info.path}`,
    (ctx) => verify(store, { ...options, signal: ctx.signal, onProgress: (p) => ctx.progress(p.done, p.total, PHASE_LABELS[p.phase], p.phase) }),
    { case: 'verify', path: store.info.path },
  );
}
