// One export job: progress bar and cancel while running; the written file (name, size, sha256, and
// a download link in browser mode or the saved path in Electron) when done; the error otherwise.
import { downloadHref, mode } from '../../api.ts';
import { ErrorView } from '../../components/StatusViews.tsx';
import { formatBytes, formatCount } from '../../lib/format.ts';
import { useJobs, type TrackedJob } from './JobsContext.tsx';
import { SignedBundle } from './SignedBundle.tsx';

export function JobProgress({ tracked, compact = false }: { tracked: TrackedJob; compact?: boolean }) {
  const { cancel, download } = useJobs();
  const { job, result } = tracked;
  const percent = job.total > 0 ? Math.min(100, Math.round((job.done / job.total) * 100)) : null;
  return (
    <div className={`job job-${job.status}${compact ? ' job-compact' : ''}`} data-testid="export-job" data-status={job.status} data-job-id={job.id}>
      <div className="job-head">
        <span className="job-title">{job.title}</span>
        <span className={`badge badge-${job.status}`} data-testid="export-status">
          {job.status}
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
            aria-label="Export progress"
            data-testid="export-progress"
          >
            <div className={`progress-bar${percent === null ? ' progress-indeterminate' : ''}`} style={{ width: `${percent ?? 30}%` }} />
          </div>
          <div className="job-foot">
            <span className="muted">{job.message ?? 'Starting…'}</span>
            <button type="button" onClick={() => cancel(job.id)} data-testid="export-cancel">
              Cancel
            </button>
          </div>
        </>
      )}
      {job.status === 'succeeded' && !result && <div className="muted">Finishing…</div>}
      {job.status === 'succeeded' && result && (
        <div className="job-result" data-testid="export-result">
          <div>
            <strong>{result.fileName}</strong> · {formatBytes(result.bytes)}
            {result.events !== null && <> · {formatCount(result.events)} events</>}
          </div>
          {!compact && (
            <div className="mono small" title="SHA-256 of the written file">
              sha256 {result.sha256}
            </div>
          )}
          {mode === 'browser' && result.downloadUrl ? (
            <button type="button" className="link-button" onClick={() => download(result)} data-testid="export-download">
              Download again
            </button>
          ) : (
            <div className="mono small" data-testid="export-path">
              Saved to {result.path}
            </div>
          )}
          {/* The manifest beside the file: its sha256, the query, the chain head at export time. */}
          <div className="job-manifest small" data-testid="export-manifest" title="Written beside the file: its sha256, the query that produced it and the store's chain head at export time">
            <span className="muted">Manifest </span>
            {mode === 'browser' && result.manifestDownloadUrl ? (
              <a href={downloadHref(result.manifestDownloadUrl)} download={`${result.fileName}.manifest.json`} rel="noopener" data-testid="export-manifest-download">
                {result.fileName}.manifest.json
              </a>
            ) : (
              <span className="mono" data-testid="export-manifest-path">
                {result.manifestPath}
              </span>
            )}
          </div>
          {result.maskingSecretFile && (
            <div className="small" data-testid="export-masking-secret" title="Masked with the masking switch on. The secret is not in the bundle: keep it to link or check tokens later.">
              <span className="muted">Masked; its secret is kept at </span>
              <span className="mono">{result.maskingSecretFile}</span>
            </div>
          )}
          {!compact && <SignedBundle result={result} />}
        </div>
      )}
      {job.status === 'cancelled' && <div className="muted">Cancelled — no file was kept.</div>}
      {job.status === 'failed' && job.error && <ErrorView error={job.error} />}
    </div>
  );
}
