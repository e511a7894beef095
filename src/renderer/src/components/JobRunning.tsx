// A running job's progress bar, its latest message and a Cancel button (verify, import). The
// finished states are each screen's own: they differ too much to share.
import type { JobState } from '../../../shared/jobs.ts';
import { api } from '../api.ts';
import { formatDuration } from '../lib/format.ts';
import { useT } from '../i18n/index.ts';
import { jobProgressOf, jobTitleOf } from '../features/export/jobTitles.ts';
import '../features/export/export.css';

export function JobRunning({ job, label, testId }: { job: JobState; label: string; testId: string }) {
  const t = useT();
  const percent = job.total > 0 ? Math.min(100, Math.round((job.done / job.total) * 100)) : null;
  const elapsed = Date.now() - Date.parse(job.startedAt);
  return (
    <div className="job job-running" data-testid={testId} data-status={job.status} data-job-id={job.id}>
      <div className="job-head">
        <span className="job-title">{jobTitleOf(job, t)}</span>
        <span className="badge badge-running">{percent === null ? t('job.running') : `${percent}%`}</span>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-label={label}
        data-testid={`${testId}-progress`}
      >
        <div className={`progress-bar${percent === null ? ' progress-indeterminate' : ''}`} style={{ width: `${percent ?? 30}%` }} />
      </div>
      <div className="job-foot">
        <span className="muted">
          {jobProgressOf(job, t) ?? t('job.starting')}
          {Number.isFinite(elapsed) && elapsed > 1500 ? ` · ${formatDuration(elapsed)}` : ''}
        </span>
        <button type="button" onClick={() => void api.cancelJob({ id: job.id })} data-testid={`${testId}-cancel`}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
