// Import: a file (NDJSON, JSON array, CSV, or another store) into a NEW store of the user's. The
// preview shows the detected format, the fields seen, how each target is resolved and the first
// records as events (or line-precise errors); a mapping editor picks a source field per target and
// previews again; then the import runs as a job with progress and cancel. Nothing is written when it
// fails: the bad lines are listed instead (or skipped on request, then listed in a report).
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { IMPORT_TARGETS, type ImportPreview, type ImportSummary, type ImportTarget } from '../../../../shared/contract.ts';
import type { ErrorInfo } from '../../../../shared/result.ts';
import { api } from '../../api.ts';
import { hrefs, navigate } from '../../app/routes.ts';
import { useStore } from '../../app/StoreContext.tsx';
import { JobRunning } from '../../components/JobRunning.tsx';
import { PathInput } from '../../components/PathInput.tsx';
import { ErrorView, Loading } from '../../components/StatusViews.tsx';
import { besidePath, formatCount, formatTime } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { useApi, useDebounced } from '../../lib/useApi.ts';
import { rememberedJob, rememberJob, useJob } from '../../lib/useJob.ts';
import { BadLines, ImportResult, type BadLine } from './ImportResult.tsx';
import './import.css';

type FormatChoice = 'auto' | ImportPreview['format'];
type Mapping = Partial<Record<ImportTarget, string>>;

const FORMAT_NAMES: Record<ImportPreview['format'], string> = {
  ndjson: 'NDJSON (one JSON object per line)',
  json: 'JSON array',
  csv: 'CSV (header row, one event per row)',
  store: 'another store (SQLite: Replay Ledger or Emmett)',
};

const TARGET_INFO: Record<ImportTarget, { label: string; help: string }> = {
  streamId: { label: 'Stream id', help: 'required' },
  type: { label: 'Event type', help: 'required' },
  data: { label: 'Data', help: 'JSON; without it, the unmapped fields become the data' },
  metadata: { label: 'Metadata', help: 'a JSON object' },
  version: { label: 'Version', help: 'in the stream; derived from file order when absent' },
  eventId: { label: 'Event id', help: 'repeats with the same content are imported once' },
  time: { label: 'Recorded time', help: 'the time of the import when absent' },
  actor: { label: 'Actor', help: 'copied into metadata.actor' },
  correlationId: { label: 'Correlation id', help: 'copied into metadata' },
  causationId: { label: 'Causation id', help: 'copied into metadata' },
};

const REQUIRED: readonly ImportTarget[] = ['streamId', 'type'];

function preview(text: unknown, max = 140): string {
  let json: string;
  try {
    json = JSON.stringify(text) ?? 'undefined';
  } catch {
    json = String(text);
  }
  return json.length > max ? `${json.slice(0, max)}…` : json;
}

function badRecordsOf(error: ErrorInfo | null): { lines: BadLine[]; total: number; records: number | null } | null {
  const details = error?.details as { badRecords?: BadLine[]; badCount?: number; records?: number } | undefined;
  if (!details || !Array.isArray(details.badRecords) || details.badRecords.length === 0) return null;
  return {
    lines: details.badRecords,
    total: typeof details.badCount === 'number' ? details.badCount : details.badRecords.length,
    records: typeof details.records === 'number' ? details.records : null,
  };
}

/** The engine's message speaks CLI (--map, --skip-bad); here the same advice points at the screen. */
function failureFor(error: ErrorInfo, bad: ReturnType<typeof badRecordsOf>): { error: ErrorInfo; title?: string } {
  if (!bad) return { error };
  const of = bad.records !== null ? ` of ${formatCount(bad.records)}` : '';
  return {
    title: `${formatCount(bad.total)}${of} records are invalid`,
    error: {
      ...error,
      message: `Nothing was imported because of ${bad.total === 1 ? 'this line' : 'these lines'}. Fix the file, map the fields above, or tick "Skip bad lines" to import the rest.`,
    },
  };
}

function MappingEditor({ preview: p, mapping, onChange }: { preview: ImportPreview; mapping: Mapping; onChange: (m: Mapping) => void }) {
  return (
    <table className="mini-table mapping-table" data-testid="import-mapping">
      <thead>
        <tr>
          <th>Target</th>
          <th>Source field</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {IMPORT_TARGETS.map((target) => {
          const explicit = mapping[target];
          const resolved = p.resolved[target];
          const missing = p.missing.includes(target);
          const status = explicit ? 'mapped' : resolved ? 'recognised' : missing ? 'missing' : 'none';
          return (
            <tr key={target} data-testid="import-mapping-row" data-target={target} data-status={status}>
              <td>
                <span className="mapping-target">{TARGET_INFO[target].label}</span> <code className="muted">{target}</code>
                <div className="muted small">{TARGET_INFO[target].help}</div>
              </td>
              <td>
                <select
                  value={explicit ?? ''}
                  onChange={(e) => {
                    const next = { ...mapping };
                    if (e.target.value) next[target] = e.target.value;
                    else delete next[target];
                    onChange(next);
                  }}
                  aria-label={`Source field for ${TARGET_INFO[target].label}`}
                  aria-invalid={missing}
                  data-testid={`import-map-${target}`}
                >
                  <option value="">{resolved && !explicit ? `recognised: ${resolved}` : '— not mapped —'}</option>
                  {p.fields.map((field) => (
                    <option key={field} value={field}>
                      {field}
                    </option>
                  ))}
                  {explicit && !p.fields.includes(explicit) && <option value={explicit}>{explicit}</option>}
                </select>
              </td>
              <td>
                {status === 'mapped' ? (
                  <span className="badge badge-running">mapped</span>
                ) : status === 'recognised' ? (
                  <span className="badge badge-added">recognised</span>
                ) : status === 'missing' ? (
                  <span className="badge badge-danger">missing</span>
                ) : (
                  <span className="muted small">not used</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Sample({ preview: p }: { preview: ImportPreview }) {
  if (p.sample.length === 0) return <p className="muted">The file has no records.</p>;
  return (
    <div className="sample-scroll">
      <table className="mini-table sample-table" data-testid="import-sample">
        <thead>
          <tr>
            <th className="num">Line</th>
            <th>Stream</th>
            <th className="num">Version</th>
            <th>Type</th>
            <th>Recorded (UTC)</th>
            <th>Data</th>
          </tr>
        </thead>
        <tbody>
          {p.sample.map((row, i) =>
            row.event ? (
              <tr key={i} data-testid="import-sample-row" data-line={row.line} data-ok="true">
                <td className="num mono">{formatCount(row.line)}</td>
                <td className="mono ellipsis-cell">
                  <SafeText text={row.event.streamId} max={80} />
                </td>
                <td className="num mono">{row.event.version ?? <span className="muted">auto</span>}</td>
                <td className="ellipsis-cell">
                  <SafeText text={row.event.type} max={80} />
                </td>
                <td className="mono nowrap">{formatTime(row.event.time)}</td>
                <td className="mono ellipsis-cell data-cell">
                  <SafeText text={preview(row.event.data)} />
                </td>
              </tr>
            ) : (
              <tr key={i} className="sample-error" data-testid="import-sample-row" data-line={row.line} data-ok="false" data-field={row.field ?? ''}>
                <td className="num mono">{formatCount(row.line)}</td>
                <td colSpan={5}>
                  <span className="badge badge-danger">{row.field ?? 'record'}</span> <SafeText text={row.error ?? 'invalid record'} max={600} />
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

export function ImportScreen() {
  const id = useId();
  const { appInfo } = useStore();
  const canChoose = appInfo?.canChooseFiles ?? false;
  const [pathText, setPathText] = useState('');
  const [path, setPath] = useState<string | null>(null);
  const [format, setFormat] = useState<FormatChoice>('auto');
  const [mapping, setMapping] = useState<Mapping>({});
  const [out, setOut] = useState('');
  const [outEdited, setOutEdited] = useState(false);
  const [skipBad, setSkipBad] = useState(false);
  const [formError, setFormError] = useState<ErrorInfo | null>(null);
  const [startError, setStartError] = useState<ErrorInfo | null>(null);
  const [starting, setStarting] = useState(false);
  const [jobId, setJobId] = useState<string | null>(() => rememberedJob('import'));
  const { job, result } = useJob<ImportSummary>(jobId);
  const running = starting || job?.status === 'running';

  // Re-preview as the mapping changes, once the user pauses.
  const previewKey = useDebounced(JSON.stringify({ path, format, mapping }), 250);
  const request = useMemo(() => JSON.parse(previewKey) as { path: string | null; format: FormatChoice; mapping: Mapping }, [previewKey]);
  const shown = useApi(
    request.path
      ? () =>
          api.previewImport({
            path: request.path as string,
            ...(request.format !== 'auto' ? { format: request.format } : {}),
            ...(Object.keys(request.mapping).length ? { mapping: request.mapping } : {}),
          })
      : null,
    [previewKey],
    { keepPrevious: true },
  );
  const p = path ? (shown.value ?? null) : null;
  const updating = shown.loading || previewKey !== JSON.stringify({ path, format, mapping });

  useEffect(() => {
    if (path && !outEdited) setOut(besidePath(path));
  }, [path, outEdited]);

  function selectPath(next: string) {
    setPath(next);
    setPathText(next);
    setMapping({});
    setFormError(null);
  }

  function submitPath(event: FormEvent) {
    event.preventDefault();
    const target = pathText.trim();
    if (!target) {
      setFormError({ code: 'INVALID_INPUT', message: 'Type the full path of the file to import first.' });
      return;
    }
    selectPath(target);
  }

  async function choose() {
    const chosen = await api.chooseStoreFile();
    if (!chosen.ok) setFormError(chosen.error);
    else if (chosen.value.path) selectPath(chosen.value.path);
  }

  async function start() {
    if (!path) return;
    const target = out.trim();
    if (!target && !canChoose) {
      setStartError({ code: 'INVALID_INPUT', message: 'Type the path of the new store to create.' });
      return;
    }
    setStartError(null);
    setStarting(true);
    const started = await api.startImport({
      input: path,
      ...(target ? { out: target } : {}),
      ...(format !== 'auto' ? { format } : {}),
      ...(Object.keys(mapping).length ? { mapping } : {}),
      ...(skipBad ? { skipBad: true } : {}),
    });
    setStarting(false);
    if (!started.ok) {
      if (started.error.code !== 'CANCELLED') setStartError(started.error);
      return;
    }
    rememberJob('import', started.value.id);
    setJobId(started.value.id);
  }

  const failedLines = job?.status === 'failed' ? badRecordsOf(job.error) : null;
  const mappable = p && p.format !== 'store';

  return (
    <div className="screen page-screen" data-testid="import-screen">
      <div className="page-column">
        <header className="page-head">
          <h1>Import events</h1>
          <span className="muted">into a new store of yours; the file you import from is only read</span>
        </header>

        <section className="card" aria-labelledby={`${id}-file`}>
          <header className="card-head">
            <h2 id={`${id}-file`}>1 · File</h2>
          </header>
          {canChoose && (
            <div className="open-actions">
              <button type="button" className="primary" onClick={() => void choose()} data-testid="import-choose">
                Choose a file…
              </button>
            </div>
          )}
          <form className="open-path" onSubmit={submitPath}>
            <label htmlFor={`${id}-path`}>{canChoose ? 'Or type the path of the file' : 'Path of the file on this machine'}</label>
            <div className="input-row">
              <PathInput id={`${id}-path`} placeholder="/home/me/exports/orders.ndjson" value={pathText} onChange={setPathText} testId="import-path" search />
              <button type="submit" data-testid="import-preview">
                Preview
              </button>
            </div>
          </form>
          <label className="import-format">
            Format
            <select value={format} onChange={(e) => setFormat(e.target.value as FormatChoice)} data-testid="import-format">
              <option value="auto">detect from the file</option>
              {(Object.keys(FORMAT_NAMES) as ImportPreview['format'][]).map((f) => (
                <option key={f} value={f}>
                  {FORMAT_NAMES[f]}
                </option>
              ))}
            </select>
          </label>
          {formError && <ErrorView error={formError} testId="import-form-error" />}
        </section>

        {path && (
          <section className="card" aria-labelledby={`${id}-preview`} data-testid="import-preview-card" aria-busy={updating}>
            <header className="card-head">
              <h2 id={`${id}-preview`}>2 · Preview{mappable ? ' and mapping' : ''}</h2>
              {updating && <span className="spinner spinner-small" aria-hidden="true" data-testid="import-preview-updating" />}
            </header>
            {shown.error ? (
              <ErrorView error={shown.error} onRetry={shown.reload} testId="import-preview-error" />
            ) : !p ? (
              <Loading label="Reading the beginning of the file…" />
            ) : (
              <>
                <dl className="facts">
                  <dt>File</dt>
                  <dd className="mono break">
                    <SafeText text={p.path} />
                  </dd>
                  <dt>Format</dt>
                  <dd data-testid="import-detected-format" data-format={p.format}>
                    {FORMAT_NAMES[p.format]} {format === 'auto' ? <span className="muted">(detected)</span> : <span className="muted">(chosen)</span>}
                  </dd>
                  {mappable && (
                    <>
                      <dt>Fields seen</dt>
                      <dd className="field-chips" data-testid="import-fields">
                        {p.fields.length === 0 ? (
                          <span className="muted">none</span>
                        ) : (
                          p.fields.map((f) => (
                            <code key={f} className="chip">
                              <SafeText text={f} max={60} />
                            </code>
                          ))
                        )}
                      </dd>
                    </>
                  )}
                </dl>
                {mappable && (
                  <>
                    <h3 className="section-title">Mapping</h3>
                    <p className="muted small">
                      Common layouts (EventStoreDB, Emmett, Marten and our own exports) are recognised by field name. Pick a source field for a target whose name differs;
                      the preview follows.
                    </p>
                    {p.missing.length > 0 && (
                      <p className="import-missing" data-testid="import-missing">
                        Map a field to {p.missing.map((t) => TARGET_INFO[t].label.toLowerCase()).join(' and ')}: {p.missing.length === 1 ? 'it is' : 'they are'} required.
                      </p>
                    )}
                    <MappingEditor preview={p} mapping={mapping} onChange={setMapping} />
                  </>
                )}
                <h3 className="section-title">
                  First {formatCount(p.sample.length)} record{p.sample.length === 1 ? '' : 's'} as events
                </h3>
                <Sample preview={p} />
              </>
            )}
          </section>
        )}

        {path && (
          <section className="card" aria-labelledby={`${id}-run`} data-testid="import-run">
            <header className="card-head">
              <h2 id={`${id}-run`}>3 · Import</h2>
            </header>
            <div className="open-path">
              <label htmlFor={`${id}-out`}>{canChoose ? 'New store (leave empty to choose with a save dialog)' : 'Path of the new store to create'}</label>
              <PathInput
                id={`${id}-out`}
                value={out}
                onChange={(value) => {
                  setOut(value);
                  setOutEdited(true);
                }}
                testId="import-out"
              />
              <span className="muted small">Always a new file: an import never writes into an existing store or the file it reads.</span>
            </div>
            <label className="checkbox">
              <input type="checkbox" checked={skipBad} onChange={(e) => setSkipBad(e.target.checked)} data-testid="import-skip-bad" />
              <span>
                Skip bad lines <span className="muted small">— import the good ones and list the skipped lines in a report saved beside the new store. Otherwise one bad line stops the import and nothing is written.</span>
              </span>
            </label>
            <div className="card-actions">
              <button type="button" className="primary" onClick={() => void start()} disabled={running || !p || shown.error !== null || p.missing.length > 0} data-testid="import-start">
                {starting ? 'Starting…' : 'Import'}
              </button>
              {p && p.missing.length > 0 && <span className="muted small">Map the required fields first.</span>}
            </div>
            {startError && <ErrorView error={startError} testId="import-error" />}
            {job?.status === 'running' && <JobRunning job={job} label="Import progress" testId="import-job" />}
            {job?.status === 'cancelled' && (
              <p className="muted" data-testid="import-cancelled">
                Cancelled: nothing was written.
              </p>
            )}
            {job?.status === 'failed' && job.error && (
              <div data-testid="import-failed">
                <ErrorView {...failureFor(job.error, failedLines)} testId="import-error">
                  <span>Nothing was written: no store was created.</span>
                </ErrorView>
                {failedLines && <BadLines lines={failedLines.lines} total={failedLines.total} testId="import-bad-lines" />}
              </div>
            )}
            {job?.status === 'succeeded' && result && <ImportResult summary={result} openLabel="Open the new store" onOpened={() => navigate(hrefs.start())} />}
          </section>
        )}
      </div>
    </div>
  );
}
