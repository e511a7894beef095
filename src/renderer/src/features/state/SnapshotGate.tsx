// Long streams get their snapshots built first, as a job with progress and cancel, before the state,
// blame or diff views ask their first question. Without it the first fold of a 100k-event stream
// keeps main busy for a second or more behind a spinner; with it every later question starts within
// one snapshot interval of its version. The job is remembered per store, stream and projection, so
// coming back to the stream does not build again. Cancelling (or a failure) is said on screen and the
// views still work, folding as they go.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { SnapshotBuild } from '../../../../shared/replay.ts';
import type { ErrorInfo } from '../../../../shared/result.ts';
import type { StreamSummary } from '../../../../shared/types.ts';
import { api } from '../../api.ts';
import { useStore } from '../../app/StoreContext.tsx';
import { JobRunning } from '../../components/JobRunning.tsx';
import { ErrorView, Loading } from '../../components/StatusViews.tsx';
import { formatDuration } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { rememberedJob, rememberJob, useJob } from '../../lib/useJob.ts';
import { useT } from '../../i18n/index.ts';
import { Message } from '../../i18n/Message.tsx';
import './state.css';
import { errorMessage } from '../../lib/errors.ts';

/** Streams shorter than this fold in tens of milliseconds: no job, no progress bar. */
export const BUILD_SNAPSHOTS_FROM = 2_000;

export function SnapshotGate({ stream, projection, children }: { stream: StreamSummary; projection: string | null; children: ReactNode }) {
  const t = useT();
  const { store, projectionsKey } = useStore();
  const needed = stream.version >= BUILD_SNAPSHOTS_FROM;
  // A saved projection file (hot reload) is another projection: its snapshots are built again.
  const key = `snapshots\u0000${store?.info.path ?? ''}\u0000${stream.streamId}\u0000${projection ?? ''}\u0000${projectionsKey}`;
  const [jobId, setJobId] = useState<string | null>(() => (needed ? rememberedJob(key) : null));
  const [startError, setStartError] = useState<ErrorInfo | null>(null);
  const tracked = useJob<SnapshotBuild>(jobId);
  const currentKey = useRef(key);
  currentKey.current = key;

  const start = () => {
    setStartError(null);
    const startedFor = key;
    void api.buildSnapshots({ streamId: stream.streamId, ...(projection ? { projection } : {}) }).then((r) => {
      if (r.ok) rememberJob(startedFor, r.value.id);
      if (currentKey.current !== startedFor) return; // another stream or projection is on screen now
      if (r.ok) setJobId(r.value.id);
      else setStartError(r.error);
    });
  };
  useEffect(() => {
    const remembered = rememberedJob(key);
    if (!needed) setJobId(null);
    else if (remembered) setJobId(remembered);
    else start();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, needed]);
  // Main forgot the job (a restart, or many jobs since): build again; it resumes from what is cached.
  useEffect(() => {
    if (tracked.lost && jobId) {
      rememberJob(key, null);
      start();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tracked.lost]);

  if (!needed) return <>{children}</>;
  if (startError) {
    return (
      <>
        <div className="snapshot-gate">
          <ErrorView error={startError} onRetry={start} title={t('snapshots.error')} testId="snapshot-error" />
        </div>
        {children}
      </>
    );
  }
  const { job, result } = tracked;
  if (!job || (job.status === 'succeeded' && !result) || job.status === 'running') {
    return (
      <div className="snapshot-gate">
        {job?.status === 'running' ? <JobRunning job={job} label={t('snapshots.progress')} testId="snapshot-job" /> : <Loading label={t('snapshots.preparing')} testId="snapshot-preparing" />}
      </div>
    );
  }
  if (job.status !== 'succeeded' || !result) {
    const cancelled = job.status === 'cancelled';
    return (
      <>
        <div className="snapshot-note snapshot-skipped" data-testid="snapshot-skipped" data-status={job.status}>
          {cancelled ? t('snapshots.cancelled') : <Message k="snapshots.failed" components={{ message: <SafeText text={job.error ? errorMessage(job.error) : t('snapshots.unknownError')} max={500} /> }} />}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              rememberJob(key, null);
              start();
            }}
            data-testid="snapshot-rebuild"
          >
            {t('snapshots.build')}
          </button>
        </div>
        {children}
      </>
    );
  }
  return (
    <>
      <p className="muted snapshot-note" data-testid="snapshot-ready" title={t('snapshots.ready.title', { count: result.eventsApplied, from: result.startedFrom })}>
        {result.snapshotEvery > 0 ? t('snapshots.every', { count: result.snapshotEvery, version: result.version }) : t('snapshots.off')}
        {result.eventsApplied > 0 ? t('snapshots.builtIn', { duration: formatDuration(result.ms) }) : ''}
      </p>
      {children}
    </>
  );
}
