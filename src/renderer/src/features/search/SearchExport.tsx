// Export of a search's results: every matching event as NDJSON (the stored bytes, as every event
// export writes them), with a manifest beside the file that records the query. The timeline's
// export dialog cannot carry a search (its scope is the log's filters), so this is a small dialog
// of its own over the same job machinery (progress, cancel, download, the jobs tray).
import { useT } from '../../i18n/index.ts';
import { Message } from '../../i18n/Message.tsx';
import { useEffect, useId, useRef, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/result.ts';
import { api, mode } from '../../api.ts';
import { ErrorView } from '../../components/StatusViews.tsx';
import { SafeText } from '../../lib/safeText.tsx';
import { JobProgress } from '../export/JobProgress.tsx';
import { useJobs } from '../export/JobsContext.tsx';
import { SignSwitch, useSignChoice } from '../export/SignSwitch.tsx';
import '../export/export.css';

function SearchExportDialog({ q, literal, matching, onClose }: { q: string; literal: boolean; matching: number | null; onClose: () => void }) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const name = useId();
  const { jobs, startJob } = useJobs();
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [starting, setStarting] = useState(false);
  const signing = useSignChoice();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const tracked = jobId ? jobs.find((j) => j.job.id === jobId) : undefined;
  const running = tracked?.job.status === 'running';
  const start = async () => {
    setError(null);
    setStarting(true);
    // Tracked by the jobs context, which downloads the file in browser mode once it is written.
    const result = await startJob(() => api.exportSearch({ q, literal, ...(signing.sign ? { sign: true } : {}) }));
    setStarting(false);
    if (result.ok) setJobId(result.value.id);
    else if (result.error.code !== 'CANCELLED') setError(result.error);
  };
  const close = () => {
    ref.current?.close();
    onClose();
  };
  return (
    <dialog
      ref={ref}
      className="dialog export-dialog"
      aria-labelledby={`${name}-title`}
      data-testid="export-dialog"
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
    >
      <header className="dialog-head">
        <h2 id={`${name}-title`}>{t('searchExport.title')}</h2>
      </header>
      <div className="dialog-body">
        <p>
          <Message
            k="searchExport.body"
            values={{ literal: literal ? t('searchExport.literal') : '', matching: matching !== null ? t('searchExport.matching', { events: t('common.events', { count: matching }) }) : '' }}
            components={{ query: <span className="mono">{<SafeText text={q.length > 200 ? `${q.slice(0, 200)}…` : q} />}</span> }}
          />
        </p>
        <SignSwitch choice={signing} />
        <p className="muted small">{mode === 'electron' ? t('searchExport.electron') : t('searchExport.browser')}</p>
        {error && <ErrorView error={error} testId="export-error" />}
        {tracked && <JobProgress tracked={tracked} />}
      </div>
      <footer className="dialog-foot">
        <button type="button" onClick={close} data-testid="export-close">
          {running ? t('searchExport.hide') : t('common.close')}
        </button>
        <button type="button" className="primary" disabled={starting || running} onClick={start} data-testid="export-start">
          {starting ? t('job.starting') : tracked && !running ? t('searchExport.again') : t('searchExport.export')}
        </button>
      </footer>
    </dialog>
  );
}

export function SearchExportButton({ q, literal, matching }: { q: string; literal: boolean; matching: number | null }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} data-testid="search-export">
        {t('searchExport.button')}
      </button>
      {open && <SearchExportDialog q={q} literal={literal} matching={matching} onClose={() => setOpen(false)} />}
    </>
  );
}
