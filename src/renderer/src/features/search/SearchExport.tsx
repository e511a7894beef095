// Export of a search's results: every matching event as NDJSON (the stored bytes, as every event
// export writes them), with a manifest beside the file that records the query. The timeline's
// export dialog cannot carry a search (its scope is the log's filters), so this is a small dialog
// of its own over the same job machinery (progress, cancel, download, the jobs tray).
import { useEffect, useId, useRef, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/result.ts';
import { api, mode } from '../../api.ts';
import { ErrorView } from '../../components/StatusViews.tsx';
import { formatCount } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { JobProgress } from '../export/JobProgress.tsx';
import { useJobs } from '../export/JobsContext.tsx';
import { SignSwitch, useSignChoice } from '../export/SignSwitch.tsx';
import '../export/export.css';

function SearchExportDialog({ q, literal, matching, onClose }: { q: string; literal: boolean; matching: number | null; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const name = useId();
  const { jobs, download } = useJobs();
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [starting, setStarting] = useState(false);
  const downloaded = useRef(new Set<string>());
  const signing = useSignChoice();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const tracked = jobId ? jobs.find((t) => t.job.id === jobId) : undefined;
  const running = tracked?.job.status === 'running';
  // Browser mode: the file is written by the viewer service, then downloaded once.
  useEffect(() => {
    const result = tracked?.result;
    if (mode !== 'browser' || !result || !jobId || downloaded.current.has(jobId)) return;
    downloaded.current.add(jobId);
    download(result);
  }, [tracked?.result, jobId, download]);

  const start = async () => {
    setError(null);
    setStarting(true);
    const result = await api.exportSearch({ q, literal, ...(signing.sign ? { sign: true } : {}) });
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
        <h2 id={`${name}-title`}>Export the search results</h2>
      </header>
      <div className="dialog-body">
        <p>
          Every event matching <span className="mono">{<SafeText text={q.length > 200 ? `${q.slice(0, 200)}…` : q} />}</span>
          {literal ? ' (the whole text, literally)' : ''}
          {matching !== null && <> ({formatCount(matching)} events)</>}, as NDJSON: one event per line, as stored. The manifest beside the file records the query, the file's
          sha256 and the store's chain head.
        </p>
        <SignSwitch choice={signing} />
        <p className="muted small">{mode === 'electron' ? 'You choose where to save the file; the app writes it.' : 'The file is written by the viewer service, then downloaded by your browser.'}</p>
        {error && <ErrorView error={error} testId="export-error" />}
        {tracked && <JobProgress tracked={tracked} />}
      </div>
      <footer className="dialog-foot">
        <button type="button" onClick={close} data-testid="export-close">
          {running ? 'Hide (keeps running)' : 'Close'}
        </button>
        <button type="button" className="primary" disabled={starting || running} onClick={start} data-testid="export-start">
          {starting ? 'Starting…' : tracked && !running ? 'Export again' : 'Export'}
        </button>
      </footer>
    </dialog>
  );
}

export function SearchExportButton({ q, literal, matching }: { q: string; literal: boolean; matching: number | null }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} data-testid="search-export">
        Export these results…
      </button>
      {open && <SearchExportDialog q={q} literal={literal} matching={matching} onClose={() => setOpen(false)} />}
    </>
  );
}
