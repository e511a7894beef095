// Building a stream's snapshots as a job: progress and cancel through the job registry; the
// SnapshotBuild is the job's result once it succeeded. The renderer starts one before it first
// asks for a state, blame or diff on a long stream, so the first answer does not keep the main
// process busy for seconds with nothing on screen but a spinner.
import type { JobState } from '../../shared/jobs.ts';
import type { JobRegistry } from '../jobs/jobRegistry.ts';
import type { ReplayEngine } from './replayEngine.ts';

export function startSnapshotJob(jobs: JobRegistry, engine: ReplayEngine, streamId: string, projection?: string): JobState {
  const count = (n: number) => n.toLocaleString('en-US');
  return jobs.start('snapshots', `Build snapshots of ${streamId}`, (ctx) =>
    engine.buildSnapshots(streamId, {
      projection,
      signal: ctx.signal,
      onProgress: (version, total) => ctx.progress(version, total, `replayed to version ${count(version)} of ${count(total)}`),
    }),
    { case: 'snapshots', streamId },
  );
}
