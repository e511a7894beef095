// "Report…": a printable report of the stream in view (range, the versions whose states it shows,
// the projection of the view), written by main as an export job with its manifest. Browser mode
// downloads it (open it and use the browser's Print); the desktop app can also save it as PDF.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ReportPdf, ReportRequest } from '../../../../shared/contract.ts';
import type { ErrorInfo } from '../../../../shared/result.ts';
import type { StreamSummary } from '../../../../shared/types.ts';
import { api, mode } from '../../api.ts';
import { SignSwitch, useSignChoice } from '../export/SignSwitch.tsx';
import { ErrorView } from '../../components/StatusViews.tsx';
import { formatBytes } from '../../lib/format.ts';
import { currentLanguage, useT } from '../../i18n/index.ts';
import { Message } from '../../i18n/Message.tsx';
import { SafeText } from '../../lib/safeText.tsx';
import { JobProgress } from '../export/JobProgress.tsx';
import { useJobs } from '../export/JobsContext.tsx';
import { reportRequestOf } from './reportForm.ts';
import '../export/export.css';

export interface ReportContext {
  stream: StreamSummary;
  /** The version in view (state screen), offered as the state to show. */
  version?: number | null;
  projection?: string | null;
}

export function ReportDialog({ context, onClose }: { context: ReportContext; onClose: () => void }) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const name = useId();
  const { jobs, startJob } = useJobs();
  const { stream } = context;
  const [fromText, setFromText] = useState('1');
  const [toText, setToText] = useState(String(stream.version));
  const [versionsText, setVersionsText] = useState(context.version != null && context.version !== stream.version ? String(context.version) : '');
  const [allEvents, setAllEvents] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [starting, setStarting] = useState(false);
  const [pdf, setPdf] = useState<ReportPdf | null>(null);
  const [printing, setPrinting] = useState(false);
  // "Sign this report": on by default when a signing key exists, as for exports.
  const signing = useSignChoice();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const tracked = jobId ? jobs.find((j) => j.job.id === jobId) : undefined;
  const running = tracked?.job.status === 'running';
  const done = tracked?.job.status === 'succeeded' && tracked.result !== null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const built = reportRequestOf(stream, { fromText, toText, versionsText, allEvents, projection: context.projection ?? null });
    if (typeof built === 'string') {
      setError({ code: 'INVALID_INPUT', message: built });
      return;
    }
    setError(null);
    setPdf(null);
    setStarting(true);
    // Tracked by the jobs context, which downloads the report in browser mode once it is written.
    // Written in the language the reader has chosen here (main says the report's words in it).
    const request: ReportRequest = { ...built, language: currentLanguage(), ...(signing.sign ? { sign: true } : {}) };
    const result = await startJob(() => api.createReport(request));
    setStarting(false);
    if (result.ok) {
      setJobId(result.value.id);
    } else if (result.error.code !== 'CANCELLED') setError(result.error);
  }

  async function savePdf() {
    if (!jobId) return;
    setPrinting(true);
    const result = await api.reportPdf({ jobId });
    setPrinting(false);
    if (result.ok) setPdf(result.value);
    else if (result.error.code !== 'CANCELLED') setError(result.error);
  }

  const close = () => {
    ref.current?.close();
    onClose();
  };

  return (
    <dialog
      ref={ref}
      className="dialog export-dialog"
      aria-labelledby={`${name}-title`}
      data-testid="report-dialog"
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
    >
      <form onSubmit={submit}>
        <header className="dialog-head">
          <h2 id={`${name}-title`}>{t('report.title')}</h2>
          <span className="mono muted dialog-subject">
            <SafeText text={stream.streamId} max={120} />
          </span>
        </header>
        <div className="dialog-body">
          <p className="small">{t('report.about')}</p>
          <fieldset>
            <legend>{t('report.events')}</legend>
            <div className="inline-fields">
              <label>
                {t('report.fromV')}
                <input type="number" min={1} max={stream.version} value={fromText} onChange={(e) => setFromText(e.target.value)} data-testid="report-from" />
              </label>
              <label>
                {t('report.toV')}
                <input type="number" min={1} max={stream.version} value={toText} onChange={(e) => setToText(e.target.value)} data-testid="report-to" />
              </label>
              <span className="muted small">{t('report.of', { last: stream.version })}</span>
            </div>
            <label className="radio">
              <input type="checkbox" checked={allEvents} onChange={(e) => setAllEvents(e.target.checked)} data-testid="report-all-events" />
              <Message k="report.allEvents" components={{ muted: <span className="muted" /> }} />
            </label>
          </fieldset>
          <fieldset>
            <legend>{t('report.states')}</legend>
            <label className="inline-fields">
              {t('report.atVersions')}
              <input type="text" inputMode="numeric" placeholder={t('report.atVersions.placeholder', { version: toText || stream.version })} value={versionsText} onChange={(e) => setVersionsText(e.target.value)} data-testid="report-versions" />
            </label>
            <span className="muted small">{t('report.atVersions.hint')}</span>
            {context.projection && (
              <p className="muted small" data-testid="report-projection">
                <Message k="report.projection" components={{ name: <span className="mono">{context.projection}</span> }} />
              </p>
            )}
          </fieldset>
          <SignSwitch choice={signing} />
          <p className="muted small">
            {mode === 'electron' ? t('report.electron') : t('report.browser')}
          </p>
          {error && <ErrorView error={error} testId="report-error" />}
          {tracked && <JobProgress tracked={tracked} />}
          {pdf && (
            <div className="mono small" data-testid="report-pdf-path">
              {t('report.pdfSaved', { path: pdf.path, size: formatBytes(pdf.bytes) })}
            </div>
          )}
        </div>
        <footer className="dialog-foot">
          <button type="button" onClick={close} data-testid="report-close">
            {running ? t('report.hide') : t('common.close')}
          </button>
          {mode === 'electron' && done && (
            <button type="button" onClick={savePdf} disabled={printing} data-testid="report-pdf">
              {printing ? t('report.makingPdf') : t('report.savePdf')}
            </button>
          )}
          <button type="submit" className="primary" disabled={starting || running} data-testid="report-create">
            {starting ? t('job.starting') : tracked && !running ? t('report.again') : t('report.create')}
          </button>
        </footer>
      </form>
    </dialog>
  );
}

/** "Report…" beside Export… on a stream's views. */
export function ReportButton({ context }: { context: ReportContext }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} data-testid="report-open">
        {t('report.open')}
      </button>
      {open && <ReportDialog context={context} onClose={() => setOpen(false)} />}
    </>
  );
}
