// The header's view of export jobs: a count while something runs, and a list with progress,
// cancel and the finished files, so an export started on one screen can be followed from any other.
import { useEffect, useRef, useState } from 'react';
import { JobProgress } from './JobProgress.tsx';
import { useJobs } from './JobsContext.tsx';
import { useT } from '../../i18n/index.ts';

export function JobsTray() {
  const t = useT();
  const { jobs, dismiss } = useJobs();
  const [open, setOpen] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const running = jobs.filter((t) => t.job.status === 'running').length;

  useEffect(() => {
    if (!open) return;
    const onDown = (event: MouseEvent) => {
      if (panel.current && !panel.current.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    window.addEventListener('mousedown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('mousedown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);

  if (jobs.length === 0) return null;
  return (
    <div className="jobs-tray" ref={panel}>
      <button type="button" className="header-button" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="jobs-button">
        {running > 0 ? <span className="spinner spinner-small" aria-hidden="true" /> : null}
        {running > 0 ? t('jobs.running', { count: running }) : t('jobs.count', { count: jobs.length })}
      </button>
      {open && (
        <div className="jobs-panel" role="dialog" aria-label={t('jobs.panel')} data-testid="jobs-panel">
          {jobs.map((tracked) => (
            <div key={tracked.job.id} className="jobs-item">
              <JobProgress tracked={tracked} compact />
              {tracked.job.status !== 'running' && (
                <button type="button" className="link-button small" onClick={() => dismiss(tracked.job.id)}>
                  {t('common.dismiss')}
                </button>
              )}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
