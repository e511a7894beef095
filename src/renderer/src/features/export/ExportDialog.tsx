// The export dialog: what to export (events of a stream, a version range, or the filtered global
// log; the state at a version; a diff), in which format, then the job's progress with cancel. The
// file is always written by main: a save dialog in Electron, a download in browser mode.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ExportRequest } from '../../../../shared/contract.ts';
import type { ErrorInfo } from '../../../../shared/result.ts';
import type { StreamSummary } from '../../../../shared/types.ts';
import { mode } from '../../api.ts';
import { SignSwitch, useSignChoice } from './SignSwitch.tsx';
import { ErrorView } from '../../components/StatusViews.tsx';
import { useT } from '../../i18n/index.ts';
import { Message } from '../../i18n/Message.tsx';
import { SafeText } from '../../lib/safeText.tsx';
import type { GlobalQuery } from '../timeline/timelineQuery.ts';
import { JobProgress } from './JobProgress.tsx';
import { useJobs } from './JobsContext.tsx';
import './export.css';

export type ExportContext =
  | {
      kind: 'stream';
      stream: StreamSummary;
      version?: number | null;
      diff?: { from: number; to: number } | null;
      initial?: 'events' | 'state' | 'diff';
      /** The projection of the state / diff in view; absent: the engine's choice. */
      projection?: string | null;
    }
  | { kind: 'global'; query: GlobalQuery; description: string | null; matching: number | null };

type What = 'events' | 'state' | 'diff';
type EventFormat = 'ndjson' | 'json' | 'csv';

function Radio<T extends string>({ name, value, current, onChange, children, testId }: { name: string; value: T; current: T; onChange: (v: T) => void; children: ReactNode; testId?: string }) {
  return (
    <label className="radio">
      <input type="radio" name={name} value={value} checked={current === value} onChange={() => onChange(value)} data-testid={testId} />
      {children}
    </label>
  );
}

function clampVersion(text: string, max: number): number | null {
  if (!/^\d+$/.test(text.trim())) return null;
  const n = Number(text);
  return n >= 0 && n <= max ? n : null;
}

/** The job's title in the reader's language (main's own title is English). */
export function ExportDialog({ context, onClose }: { context: ExportContext; onClose: () => void }) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const name = useId();
  const { jobs, start } = useJobs();
  const stream = context.kind === 'stream' ? context.stream : null;
  const latest = stream?.version ?? 0;
  const [what, setWhat] = useState<What>(context.kind === 'stream' ? (context.initial ?? 'events') : 'events');
  const [scope, setScope] = useState<'stream' | 'range' | 'all'>(context.kind === 'stream' ? 'stream' : 'all');
  const [format, setFormat] = useState<EventFormat>('ndjson');
  const [diffFormat, setDiffFormat] = useState<'json' | 'html'>('html');
  const [fromText, setFromText] = useState(String(context.kind === 'stream' && context.diff ? context.diff.from : 1));
  const [toText, setToText] = useState(String(context.kind === 'stream' && context.diff ? context.diff.to : latest));
  const [versionText, setVersionText] = useState(String(context.kind === 'stream' ? (context.version ?? latest) : 0));
  // Global log: an optional range of positions on top of the timeline's filters.
  const [fromPosition, setFromPosition] = useState('');
  const [toPosition, setToPosition] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [starting, setStarting] = useState(false);
  // "Sign this export": on by default when a signing key exists.
  const signing = useSignChoice();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const tracked = jobId ? jobs.find((j) => j.job.id === jobId) : undefined;
  const running = tracked?.job.status === 'running';

  const projectionOption = context.kind === 'stream' && context.projection ? { projection: context.projection } : {};

  function request(): ExportRequest | string {
    if (what === 'events') {
      if (scope === 'all') {
        const query = context.kind === 'global' ? context.query : {};
        const position = (text: string) => (/^\d+$/.test(text.trim()) && Number(text) >= 1 ? Number(text) : text.trim() === '' ? undefined : null);
        const first = position(fromPosition);
        const last = position(toPosition);
        if (first === null || last === null) return t('export.invalid.positions');
        if (first !== undefined && last !== undefined && first > last) return t('export.invalid.positionOrder');
        return {
          what: 'events',
          format,
          scope: { kind: 'all', ...query, ...(first !== undefined ? { fromPosition: first } : {}), ...(last !== undefined ? { toPosition: last } : {}) },
        };
      }
      if (!stream) return t('export.invalid.noStream');
      if (scope === 'stream') return { what: 'events', format, scope: { kind: 'stream', streamId: stream.streamId } };
      const from = clampVersion(fromText, latest);
      const to = clampVersion(toText, latest);
      if (from === null || to === null || from < 1) return t('export.invalid.versionsFrom1', { latest });
      if (from > to) return t('export.invalid.versionOrder');
      return { what: 'events', format, scope: { kind: 'stream', streamId: stream.streamId, fromVersion: from, toVersion: to } };
    }
    if (!stream) return t('export.invalid.noStream');
    if (what === 'state') {
      const version = clampVersion(versionText, latest);
      if (version === null) return t('export.invalid.version', { latest });
      return { what: 'state', streamId: stream.streamId, version, ...projectionOption };
    }
    const from = clampVersion(fromText, latest);
    const to = clampVersion(toText, latest);
    if (from === null || to === null) return t('export.invalid.versionsFrom0', { latest });
    return { what: 'diff', streamId: stream.streamId, from, to, format: diffFormat, ...projectionOption };
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const built = request();
    if (typeof built === 'string') {
      setError({ code: 'INVALID_INPUT', message: built });
      return;
    }
    setError(null);
    setStarting(true);
    const result = await start(signing.sign ? { ...built, sign: true } : built);
    setStarting(false);
    // Main names the job with its facts (subject): jobTitles.ts says them in the reader's language.
    if (result.ok) setJobId(result.value.id);
    else if (result.error.code !== 'CANCELLED') setError(result.error);
    // CANCELLED here means the user closed the save dialog: nothing to report.
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
      data-testid="export-dialog"
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
    >
      <form onSubmit={submit}>
        <header className="dialog-head">
          <h2 id={`${name}-title`}>{t('export.title')}</h2>
          {stream && (
            <span className="mono muted dialog-subject">
              <SafeText text={stream.streamId} max={120} />
            </span>
          )}
        </header>
        <div className="dialog-body">
          {stream && (
            <fieldset>
              <legend>{t('export.what')}</legend>
              <Radio name={`${name}-what`} value="events" current={what} onChange={setWhat} testId="export-what-events">
                {t('export.what.events')}
              </Radio>
              <Radio name={`${name}-what`} value="state" current={what} onChange={setWhat} testId="export-what-state">
                {t('export.what.state')}
              </Radio>
              <Radio name={`${name}-what`} value="diff" current={what} onChange={setWhat} testId="export-what-diff">
                {t('export.what.diff')}
              </Radio>
            </fieldset>
          )}

          {what === 'events' && (
            <>
              <fieldset>
                <legend>{t('export.which')}</legend>
                {stream && (
                  <>
                    <Radio name={`${name}-scope`} value="stream" current={scope} onChange={setScope} testId="export-scope-stream">
                      {t('export.scope.stream', { events: t('common.events', { count: stream.eventCount }) })}
                    </Radio>
                    <Radio name={`${name}-scope`} value="range" current={scope} onChange={setScope} testId="export-scope-range">
                      {t('export.scope.range')}
                    </Radio>
                    {scope === 'range' && (
                      <div className="inline-fields">
                        <label>
                          {t('export.fromV')}
                          <input type="number" min={1} max={latest} value={fromText} onChange={(e) => setFromText(e.target.value)} data-testid="export-from" />
                        </label>
                        <label>
                          {t('export.toV')}
                          <input type="number" min={1} max={latest} value={toText} onChange={(e) => setToText(e.target.value)} data-testid="export-to" />
                        </label>
                      </div>
                    )}
                  </>
                )}
                {context.kind === 'global' ? (
                  <>
                    <Radio name={`${name}-scope`} value="all" current={scope} onChange={setScope} testId="export-scope-all">
                      {context.description ? t('export.scope.globalWhere', { filters: context.description }) : t('export.scope.globalAll')}
                      {context.matching !== null && t('export.scope.matching', { events: t('common.events', { count: context.matching }) })}
                    </Radio>
                    <div className="inline-fields">
                      <label>
                        {t('export.fromPosition')}
                        <input type="number" min={1} placeholder={t('export.position.first')} value={fromPosition} onChange={(e) => setFromPosition(e.target.value)} data-testid="export-from-position" />
                      </label>
                      <label>
                        {t('export.toPosition')}
                        <input type="number" min={1} placeholder={t('export.position.last')} value={toPosition} onChange={(e) => setToPosition(e.target.value)} data-testid="export-to-position" />
                      </label>
                      <span className="muted small">{t('export.position.hint')}</span>
                    </div>
                  </>
                ) : null}
              </fieldset>
              <fieldset>
                <legend>{t('export.format')}</legend>
                <Radio name={`${name}-format`} value="ndjson" current={format} onChange={setFormat} testId="export-format-ndjson">
                  <Message k="export.format.ndjson" components={{ muted: <span className="muted" /> }} />
                </Radio>
                <Radio name={`${name}-format`} value="json" current={format} onChange={setFormat} testId="export-format-json">
                  <Message k="export.format.json" components={{ muted: <span className="muted" /> }} />
                </Radio>
                <Radio name={`${name}-format`} value="csv" current={format} onChange={setFormat} testId="export-format-csv">
                  <Message k="export.format.csv" components={{ muted: <span className="muted" /> }} />
                </Radio>
              </fieldset>
            </>
          )}

          {what === 'state' && (
            <fieldset>
              <legend>{t('export.version')}</legend>
              <label className="inline-fields">
                {t('export.stateAfter')}
                <input type="number" min={0} max={latest} value={versionText} onChange={(e) => setVersionText(e.target.value)} data-testid="export-version" />
                <span className="muted">{t('export.stateOf', { latest })}</span>
              </label>
            </fieldset>
          )}

          {what === 'diff' && (
            <>
              <fieldset>
                <legend>{t('export.versions')}</legend>
                <div className="inline-fields">
                  <label>
                    {t('export.fromV')}
                    <input type="number" min={0} max={latest} value={fromText} onChange={(e) => setFromText(e.target.value)} data-testid="export-from" />
                  </label>
                  <label>
                    {t('export.toV')}
                    <input type="number" min={0} max={latest} value={toText} onChange={(e) => setToText(e.target.value)} data-testid="export-to" />
                  </label>
                </div>
              </fieldset>
              <fieldset>
                <legend>{t('export.format')}</legend>
                <Radio name={`${name}-dformat`} value="html" current={diffFormat} onChange={setDiffFormat} testId="export-format-html">
                  <Message k="export.format.html" components={{ muted: <span className="muted" /> }} />
                </Radio>
                <Radio name={`${name}-dformat`} value="json" current={diffFormat} onChange={setDiffFormat} testId="export-format-json">
                  {t('export.format.jsonPlain')}
                </Radio>
              </fieldset>
            </>
          )}

          <SignSwitch choice={signing} />

          <p className="muted small">
            {mode === 'electron' ? t('export.electron') : t('export.browser')}
          </p>
          {error && <ErrorView error={error} testId="export-error" />}
          {tracked && <JobProgress tracked={tracked} />}
        </div>
        <footer className="dialog-foot">
          <button type="button" onClick={close} data-testid="export-close">
            {running ? t('export.hide') : t('common.close')}
          </button>
          <button type="submit" className="primary" disabled={starting || running} data-testid="export-start">
            {starting ? t('job.starting') : tracked && !running ? t('export.again') : t('export.start')}
          </button>
        </footer>
      </form>
    </dialog>
  );
}

/** A button that opens the export dialog for `context`. */
export function ExportButton({ context, label, testId = 'export-open' }: { context: ExportContext; label?: string; testId?: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} data-testid={testId}>
        {label ?? t('export.open')}
      </button>
      {open && <ExportDialog context={context} onClose={() => setOpen(false)} />}
    </>
  );
}
