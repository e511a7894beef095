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
import { formatCount } from '../../lib/format.ts';
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

export function ExportDialog({ context, onClose }: { context: ExportContext; onClose: () => void }) {
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

  const tracked = jobId ? jobs.find((t) => t.job.id === jobId) : undefined;
  const running = tracked?.job.status === 'running';

  const projectionOption = context.kind === 'stream' && context.projection ? { projection: context.projection } : {};

  function request(): ExportRequest | string {
    if (what === 'events') {
      if (scope === 'all') {
        const query = context.kind === 'global' ? context.query : {};
        const position = (text: string) => (/^\d+$/.test(text.trim()) && Number(text) >= 1 ? Number(text) : text.trim() === '' ? undefined : null);
        const first = position(fromPosition);
        const last = position(toPosition);
        if (first === null || last === null) return 'Positions are whole numbers from 1.';
        if (first !== undefined && last !== undefined && first > last) return 'The first position must not be after the last one.';
        return {
          what: 'events',
          format,
          scope: { kind: 'all', ...query, ...(first !== undefined ? { fromPosition: first } : {}), ...(last !== undefined ? { toPosition: last } : {}) },
        };
      }
      if (!stream) return 'No stream selected.';
      if (scope === 'stream') return { what: 'events', format, scope: { kind: 'stream', streamId: stream.streamId } };
      const from = clampVersion(fromText, latest);
      const to = clampVersion(toText, latest);
      if (from === null || to === null || from < 1) return `Versions must be between 1 and ${latest}.`;
      if (from > to) return 'The first version must not be after the last one.';
      return { what: 'events', format, scope: { kind: 'stream', streamId: stream.streamId, fromVersion: from, toVersion: to } };
    }
    if (!stream) return 'No stream selected.';
    if (what === 'state') {
      const version = clampVersion(versionText, latest);
      if (version === null) return `The version must be between 0 and ${latest}.`;
      return { what: 'state', streamId: stream.streamId, version, ...projectionOption };
    }
    const from = clampVersion(fromText, latest);
    const to = clampVersion(toText, latest);
    if (from === null || to === null) return `Versions must be between 0 and ${latest}.`;
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
          <h2 id={`${name}-title`}>Export</h2>
          {stream && (
            <span className="mono muted dialog-subject">
              <SafeText text={stream.streamId} max={120} />
            </span>
          )}
        </header>
        <div className="dialog-body">
          {stream && (
            <fieldset>
              <legend>What</legend>
              <Radio name={`${name}-what`} value="events" current={what} onChange={setWhat} testId="export-what-events">
                Events
              </Radio>
              <Radio name={`${name}-what`} value="state" current={what} onChange={setWhat} testId="export-what-state">
                State at a version (JSON)
              </Radio>
              <Radio name={`${name}-what`} value="diff" current={what} onChange={setWhat} testId="export-what-diff">
                Diff between two versions
              </Radio>
            </fieldset>
          )}

          {what === 'events' && (
            <>
              <fieldset>
                <legend>Which events</legend>
                {stream && (
                  <>
                    <Radio name={`${name}-scope`} value="stream" current={scope} onChange={setScope} testId="export-scope-stream">
                      The whole stream ({formatCount(stream.eventCount)} events)
                    </Radio>
                    <Radio name={`${name}-scope`} value="range" current={scope} onChange={setScope} testId="export-scope-range">
                      A version range
                    </Radio>
                    {scope === 'range' && (
                      <div className="inline-fields">
                        <label>
                          from v
                          <input type="number" min={1} max={latest} value={fromText} onChange={(e) => setFromText(e.target.value)} data-testid="export-from" />
                        </label>
                        <label>
                          to v
                          <input type="number" min={1} max={latest} value={toText} onChange={(e) => setToText(e.target.value)} data-testid="export-to" />
                        </label>
                      </div>
                    )}
                  </>
                )}
                {context.kind === 'global' ? (
                  <>
                    <Radio name={`${name}-scope`} value="all" current={scope} onChange={setScope} testId="export-scope-all">
                      {context.description ? `Global log: events where ${context.description}` : 'The whole global log (every stream)'}
                      {context.matching !== null && <> ({formatCount(context.matching)} events)</>}
                    </Radio>
                    <div className="inline-fields">
                      <label>
                        from position
                        <input type="number" min={1} placeholder="first" value={fromPosition} onChange={(e) => setFromPosition(e.target.value)} data-testid="export-from-position" />
                      </label>
                      <label>
                        to position
                        <input type="number" min={1} placeholder="last" value={toPosition} onChange={(e) => setToPosition(e.target.value)} data-testid="export-to-position" />
                      </label>
                      <span className="muted small">optional: a slice of the log by global position</span>
                    </div>
                  </>
                ) : null}
              </fieldset>
              <fieldset>
                <legend>Format</legend>
                <Radio name={`${name}-format`} value="ndjson" current={format} onChange={setFormat} testId="export-format-ndjson">
                  NDJSON <span className="muted">one event per line</span>
                </Radio>
                <Radio name={`${name}-format`} value="json" current={format} onChange={setFormat} testId="export-format-json">
                  JSON <span className="muted">one array</span>
                </Radio>
                <Radio name={`${name}-format`} value="csv" current={format} onChange={setFormat} testId="export-format-csv">
                  CSV <span className="muted">for spreadsheets; data and metadata as JSON cells</span>
                </Radio>
              </fieldset>
            </>
          )}

          {what === 'state' && (
            <fieldset>
              <legend>Version</legend>
              <label className="inline-fields">
                State after version
                <input type="number" min={0} max={latest} value={versionText} onChange={(e) => setVersionText(e.target.value)} data-testid="export-version" />
                <span className="muted">of {formatCount(latest)} (0 = initial state)</span>
              </label>
            </fieldset>
          )}

          {what === 'diff' && (
            <>
              <fieldset>
                <legend>Versions</legend>
                <div className="inline-fields">
                  <label>
                    from v
                    <input type="number" min={0} max={latest} value={fromText} onChange={(e) => setFromText(e.target.value)} data-testid="export-from" />
                  </label>
                  <label>
                    to v
                    <input type="number" min={0} max={latest} value={toText} onChange={(e) => setToText(e.target.value)} data-testid="export-to" />
                  </label>
                </div>
              </fieldset>
              <fieldset>
                <legend>Format</legend>
                <Radio name={`${name}-dformat`} value="html" current={diffFormat} onChange={setDiffFormat} testId="export-format-html">
                  HTML report <span className="muted">readable, self-contained</span>
                </Radio>
                <Radio name={`${name}-dformat`} value="json" current={diffFormat} onChange={setDiffFormat} testId="export-format-json">
                  JSON
                </Radio>
              </fieldset>
            </>
          )}

          <SignSwitch choice={signing} />

          <p className="muted small">
            {mode === 'electron' ? 'You choose where to save the file; the app writes it.' : 'The file is written by the viewer service, then downloaded by your browser.'}
          </p>
          {error && <ErrorView error={error} testId="export-error" />}
          {tracked && <JobProgress tracked={tracked} />}
        </div>
        <footer className="dialog-foot">
          <button type="button" onClick={close} data-testid="export-close">
            {running ? 'Hide (keeps running)' : 'Close'}
          </button>
          <button type="submit" className="primary" disabled={starting || running} data-testid="export-start">
            {starting ? 'Starting…' : tracked && !running ? 'Export again' : 'Export'}
          </button>
        </footer>
      </form>
    </dialog>
  );
}

/** A button that opens the export dialog for `context`. */
export function ExportButton({ context, label = 'Export…', testId = 'export-open' }: { context: ExportContext; label?: string; testId?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} data-testid={testId}>
        {label}
      </button>
      {open && <ExportDialog context={context} onClose={() => setOpen(false)} />}
    </>
  );
}
