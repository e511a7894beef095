// One export job: progress bar and cancel while running; the written file (name, size, sha256, and
// a download link in browser mode or the saved path in Electron) when done; the error otherwise.
import { downloadHref, mode } from '../../api.ts';
import { ErrorView } from '../../components/StatusViews.tsx';
import { formatBytes } from '../../lib/format.ts';
import { useT, type MessageKey } from '../../i18n/index.ts';
import type { JobStatus } from '../../../../shared/jobs.ts';
import { useJobs, type TrackedJob } from './JobsContext.tsx';
import { SignedBundle } from './SignedBundle.tsx';
import { jobProgressOf, jobTitleOf } from './jobTitles.ts';

const STATUS: Record<JobStatus, MessageKey> = {
  running: 'job.status.running' satisfies MessageKey,
  succeeded: 'job.status.succeeded' satisfies MessageKey,
  failed: 'job.status.failed' satisfies MessageKey,
  cancelled: 'job.status.cancelled' satisfies MessageKey,
};

export function JobProgress({ tracked, compact = false }: { tracked: TrackedJob; compact?: boolean }) {
  const t = useT();
  const { cancel, download } = useJobs();
  const { job, result } = tracked;
  // A file name, not words: the manifest is always named after the file it describes.
  const manifestName = result ? `${result.fileName}.manifest.json` : '';
  const percent = job.total > 0 ? Math.min(100, Math.round((job.done / job.total) * 100)) : null;
  return (
    <div className={`job job-${job.status}${compact ? ' job-compact' : ''}`} data-testid="export-job" data-status={job.status} data-job-id={job.id}>
      <div className="job-head">
        <span className="job-title">{jobTitleOf(job, t)}</span>
        <span className={`badge badge-${job.status}`} data-testid="export-status">
          {t(STATUS[job.status])}
        </span>
      </div>
      {job.status === 'running' && (
        <>
          <div
            className="progress"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent ?? undefined}
            aria-label={t('job.progress')}
            data-testid="export-progress"
          >
            <div className={`progress-bar${percent === null ? ' progress-indeterminate' : ''}`} style={{ width: `${percent ?? 30}%` }} />
          </div>
          <div className="job-foot">
            <span className="muted">{jobProgressOf(job, t) ?? t('job.starting')}</span>
            <button type="button" onClick={() => cancel(job.id)} data-testid="export-cancel">
              {t('common.cancel')}
            </button>
          </div>
        </>
      )}
      {job.status === 'succeeded' && !result && <div className="muted">{t('job.finishing')}</div>}
      {job.status === 'succeeded' && result && (
        <div className="job-result" data-testid="export-result">
          <div>
            <strong>{result.fileName}</strong> · {formatBytes(result.bytes)}
            {result.events !== null && t('job.events', { count: result.events })}
          </div>
          {!compact && (
            <div className="mono small" title={t('job.sha256.title')}>
              {t('job.sha256', { hash: result.sha256 })}
            </div>
          )}
          {mode === 'browser' && result.downloadUrl ? (
            <button type="button" className="link-button" onClick={() => download(result)} data-testid="export-download">
              {t('job.downloadAgain')}
            </button>
          ) : (
            <div className="mono small" data-testid="export-path">
              {t('job.savedTo', { path: result.path })}
            </div>
          )}
          {/* The manifest beside the file: its sha256, the query, the chain head at export time. */}
          <div className="job-manifest small" data-testid="export-manifest" title={t('job.manifest.title')}>
            <span className="muted">{t('job.manifest')}</span>
            {mode === 'browser' && result.manifestDownloadUrl ? (
              <a href={downloadHref(result.manifestDownloadUrl)} download={manifestName} rel="noopener" data-testid="export-manifest-download">
                {manifestName}
              </a>
            ) : (
              <span className="mono" data-testid="export-manifest-path">
                {result.manifestPath}
              </span>
            )}
          </div>
          {result.maskingSecretFile && (
            <div className="small" data-testid="export-masking-secret" title={t('job.masked.title')}>
              <span className="muted">{t('job.masked')}</span>
              <span className="mono">{result.maskingSecretFile}</span>
            </div>
          )}
          {!compact && <SignedBundle result={result} />}
        </div>
      )}
      {job.status === 'cancelled' && <div className="muted">{t('job.cancelled')}</div>}
      {job.status === 'failed' && job.error && <ErrorView error={job.error} />}
    </div>
  );
}
