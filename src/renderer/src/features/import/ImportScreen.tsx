// Import: a file (NDJSON, JSON array, CSV, or another store) into a NEW store of the user's. The
// preview shows the detected format, the fields seen, how each target is resolved and the first
// records as events (or line-precise errors); a mapping editor picks a source field per target and
// previews again; then the import runs as a job with progress and cancel. Nothing is written when it
// fails: the bad lines are listed instead (or skipped on request, then listed in a report).
import { currentLanguage, t as translate, useT, type MessageKey } from '../../i18n/index.ts';
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { IMPORT_TARGETS, type ImportPreview, type ImportSummary, type ImportTarget } from '../../../../shared/contract.ts';
import type { ErrorInfo } from '../../../../shared/result.ts';
import { api } from '../../api.ts';
import { hrefs, navigate } from '../../app/routes.ts';
import { useStore } from '../../app/StoreContext.tsx';
import { JobRunning } from '../../components/JobRunning.tsx';
import { PathInput } from '../../components/PathInput.tsx';
import { ErrorView, Loading } from '../../components/StatusViews.tsx';
import { besidePath, formatCount, formatTime, clockName } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { useApi, useDebounced } from '../../lib/useApi.ts';
import { rememberedJob, rememberJob, useJob } from '../../lib/useJob.ts';
import { BadLines, ImportResult, type BadLine } from './ImportResult.tsx';
import { errorMessage } from '../../lib/errors.ts';
import './import.css';

type FormatChoice = 'auto' | ImportPreview['format'];
type Mapping = Partial<Record<ImportTarget, string>>;

// Catalog keys (i18n/en/importing.ts); the target names themselves (streamId, …) are shown as code.
const FORMAT_NAMES: Record<ImportPreview['format'], MessageKey> = {
  ndjson: 'import.format.ndjson',
  json: 'import.format.json',
  csv: 'import.format.csv',
  store: 'import.format.store',
};

const TARGET_INFO: Record<ImportTarget, { label: MessageKey; help: MessageKey }> = {
  streamId: { label: 'import.target.streamId', help: 'import.help.required' },
  type: { label: 'import.target.type', help: 'import.help.required' },
  data: { label: 'import.target.data', help: 'import.help.data' },
  metadata: { label: 'import.target.metadata', help: 'import.help.metadata' },
  version: { label: 'import.target.version', help: 'import.help.version' },
  eventId: { label: 'import.target.eventId', help: 'import.help.eventId' },
  time: { label: 'import.target.time', help: 'import.help.time' },
  actor: { label: 'import.target.actor', help: 'import.help.actor' },
  correlationId: { label: 'import.target.correlationId', help: 'import.help.copied' },
  causationId: { label: 'import.target.causationId', help: 'import.help.copied' },
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
  return {
    title: bad.records !== null ? translate('import.invalidOf', { count: bad.total, records: bad.records }) : translate('import.invalid', { count: bad.total }),
    error: { ...error, message: translate('import.nothingImported', { count: bad.total }) },
  };
}

function MappingEditor({ preview: p, mapping, onChange }: { preview: ImportPreview; mapping: Mapping; onChange: (m: Mapping) => void }) {
  const t = useT();
  return (
    <table className="mini-table mapping-table" data-testid="import-mapping">
      <thead>
        <tr>
          <th>{t('import.col.target')}</th>
          <th>{t('import.col.source')}</th>
          <th>{t('modules.status')}</th>
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
                <span className="mapping-target">{t(TARGET_INFO[target].label)}</span> <code className="muted">{target}</code>
                <div className="muted small">{t(TARGET_INFO[target].help)}</div>
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
                  aria-label={t('import.sourceFor', { target: t(TARGET_INFO[target].label) })}
                  aria-invalid={missing}
                  data-testid={`import-map-${target}`}
                >
                  <option value="">{resolved && !explicit ? t('import.recognisedAs', { field: resolved }) : t('import.notMapped')}</option>
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
                  <span className="badge badge-running">{t('import.status.mapped')}</span>
                ) : status === 'recognised' ? (
                  <span className="badge badge-added">{t('import.status.recognised')}</span>
                ) : status === 'missing' ? (
                  <span className="badge badge-danger">{t('import.status.missing')}</span>
                ) : (
                  <span className="muted small">{t('import.status.none')}</span>
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
  const t = useT();
  if (p.sample.length === 0) return <p className="muted">{t('import.noRecords')}</p>;
  return (
    <div className="sample-scroll">
      <table className="mini-table sample-table" data-testid="import-sample">
        <thead>
          <tr>
            <th className="num">{t('badLines.line')}</th>
            <th>{t('timeline.col.stream')}</th>
            <th className="num">{t('timeline.col.version')}</th>
            <th>{t('timeline.col.type')}</th>
            <th>{t('timeline.col.recorded', { clock: clockName() })}</th>
            <th>{t('search.detail.data')}</th>
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
                <td className="num mono">{row.event.version ?? <span className="muted">{t('import.auto')}</span>}</td>
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
                  <span className="badge badge-danger">{row.field ?? t('import.record')}</span> <SafeText text={row.error === undefined ? t('import.invalidRecord') : errorMessage({ message: row.error, ...(row.words ? { words: row.words } : {}) })} max={600} />
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
  const t = useT();
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
      setFormError({ code: 'INVALID_INPUT', message: t('import.typePath') });
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
      setStartError({ code: 'INVALID_INPUT', message: t('copy.typePath') });
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
          <h1>{t('import.title')}</h1>
          <span className="muted">{t('import.subtitle')}</span>
        </header>

        <section className="card" aria-labelledby={`${id}-file`}>
          <header className="card-head">
            <h2 id={`${id}-file`}>{t('import.step.file')}</h2>
          </header>
          {canChoose && (
            <div className="open-actions">
              <button type="button" className="primary" onClick={() => void choose()} data-testid="import-choose">
                {t('start.choose')}
              </button>
            </div>
          )}
          <form className="open-path" onSubmit={submitPath}>
            <label htmlFor={`${id}-path`}>{canChoose ? t('import.orType') : t('import.pathLabel')}</label>
            <div className="input-row">
              {/* i18n-verbatim: a sample path */}
              <PathInput id={`${id}-path`} placeholder="/home/me/exports/orders.ndjson" value={pathText} onChange={setPathText} testId="import-path" search />
              <button type="submit" data-testid="import-preview">
                {t('import.preview')}
              </button>
            </div>
          </form>
          <label className="import-format">
            {t('chainless.format')}
            <select value={format} onChange={(e) => setFormat(e.target.value as FormatChoice)} data-testid="import-format">
              <option value="auto">{t('import.format.auto')}</option>
              {(Object.keys(FORMAT_NAMES) as ImportPreview['format'][]).map((f) => (
                <option key={f} value={f}>
                  {t(FORMAT_NAMES[f])}
                </option>
              ))}
            </select>
          </label>
          {formError && <ErrorView error={formError} testId="import-form-error" />}
        </section>

        {path && (
          <section className="card" aria-labelledby={`${id}-preview`} data-testid="import-preview-card" aria-busy={updating}>
            <header className="card-head">
              <h2 id={`${id}-preview`}>{mappable ? t('import.step.previewMapping') : t('import.step.preview')}</h2>
              {updating && <span className="spinner spinner-small" aria-hidden="true" data-testid="import-preview-updating" />}
            </header>
            {shown.error ? (
              <ErrorView error={shown.error} onRetry={shown.reload} testId="import-preview-error" />
            ) : !p ? (
              <Loading label={t('import.reading')} />
            ) : (
              <>
                <dl className="facts">
                  <dt>{t('modules.file')}</dt>
                  <dd className="mono break">
                    <SafeText text={p.path} />
                  </dd>
                  <dt>{t('chainless.format')}</dt>
                  <dd data-testid="import-detected-format" data-format={p.format}>
                    {t(FORMAT_NAMES[p.format])} {format === 'auto' ? <span className="muted">{t('import.detected')}</span> : <span className="muted">{t('import.chosen')}</span>}
                  </dd>
                  {mappable && (
                    <>
                      <dt>{t('import.fields')}</dt>
                      <dd className="field-chips" data-testid="import-fields">
                        {p.fields.length === 0 ? (
                          <span className="muted">{t('verify.none')}</span>
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
                    <h3 className="section-title">{t('import.mapping')}</h3>
                    <p className="muted small">
                      {t('import.mapping.about')}
                    </p>
                    {p.missing.length > 0 && (
                      <p className="import-missing" data-testid="import-missing">
                        {t('import.mapMissing', { count: p.missing.length, targets: new Intl.ListFormat(currentLanguage(), { type: 'conjunction' }).format(p.missing.map((m) => t(TARGET_INFO[m].label).toLowerCase())) })}
                      </p>
                    )}
                    <MappingEditor preview={p} mapping={mapping} onChange={setMapping} />
                  </>
                )}
                <h3 className="section-title">
                  {t('import.firstRecords', { count: p.sample.length })}
                </h3>
                <Sample preview={p} />
              </>
            )}
          </section>
        )}

        {path && (
          <section className="card" aria-labelledby={`${id}-run`} data-testid="import-run">
            <header className="card-head">
              <h2 id={`${id}-run`}>{t('import.step.import')}</h2>
            </header>
            <div className="open-path">
              <label htmlFor={`${id}-out`}>{canChoose ? t('copy.out.choose') : t('import.out.path')}</label>
              <PathInput
                id={`${id}-out`}
                value={out}
                onChange={(value) => {
                  setOut(value);
                  setOutEdited(true);
                }}
                testId="import-out"
              />
              <span className="muted small">{t('import.out.new')}</span>
            </div>
            <label className="checkbox">
              <input type="checkbox" checked={skipBad} onChange={(e) => setSkipBad(e.target.checked)} data-testid="import-skip-bad" />
              <span>
                {t('import.skipBad')} <span className="muted small">{t('import.skipBad.about')}</span>
              </span>
            </label>
            <div className="card-actions">
              <button type="button" className="primary" onClick={() => void start()} disabled={running || !p || shown.error !== null || p.missing.length > 0} data-testid="import-start">
                {starting ? t('job.starting') : t('import.import')}
              </button>
              {p && p.missing.length > 0 && <span className="muted small">{t('import.mapFirst')}</span>}
            </div>
            {startError && <ErrorView error={startError} testId="import-error" />}
            {job?.status === 'running' && <JobRunning job={job} label={t('import.progress')} testId="import-job" />}
            {job?.status === 'cancelled' && (
              <p className="muted" data-testid="import-cancelled">
                {t('import.cancelled')}
              </p>
            )}
            {job?.status === 'failed' && job.error && (
              <div data-testid="import-failed">
                <ErrorView {...failureFor(job.error, failedLines)} testId="import-error">
                  <span>{t('import.nothingWritten')}</span>
                </ErrorView>
                {failedLines && <BadLines lines={failedLines.lines} total={failedLines.total} testId="import-bad-lines" />}
              </div>
            )}
            {job?.status === 'succeeded' && result && <ImportResult summary={result} openLabel={t('import.openNew')} onOpened={() => navigate(hrefs.start())} />}
          </section>
        )}
      </div>
    </div>
  );
}
