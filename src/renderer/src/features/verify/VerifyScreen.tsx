// Integrity: verify the open store's hash chain (progress, cancel) and show a verdict an auditor can
// quote — untouched, or every finding grouped by kind with links to the events at their positions.
// An optional chain head recorded earlier (an export manifest, a report) also reveals a rewritten
// chain. Stores without a chain (Emmett files, databases) get the checks that can be made without
// one, said plainly, and a verified copy (ChainlessIntegrity.tsx).
import { useId, useState, type FormEvent } from 'react';
import type { JobState } from '../../../../shared/jobs.ts';
import { NO_RECORDED_HEAD_CAVEAT, VERIFY_FINDING_KINDS, type VerifyReport } from '../../../../shared/verify.ts';
import { hrefs } from '../../app/routes.ts';
import { useStore } from '../../app/StoreContext.tsx';
import { CopyButton } from '../../components/CopyButton.tsx';
import { JobRunning } from '../../components/JobRunning.tsx';
import { ErrorView } from '../../components/StatusViews.tsx';
import { formatCount, formatDuration, formatTime, plural } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { ChainlessIntegrity } from './ChainlessIntegrity.tsx';
import { useVerifyRun } from './useVerifyRun.ts';
import { Findings } from './Findings.tsx';
import { checkChainHead } from './chainHead.ts';
import { FINDING_LABELS } from './findingKinds.ts';
import './verify.css';

function Verdict({ report }: { report: VerifyReport }) {
  const { store } = useStore();
  const total = VERIFY_FINDING_KINDS.reduce((n, kind) => n + report.findingCounts[kind], 0);
  const expected = report.expectedHead;
  // Without a head recorded outside the store, a chain rewritten to its end looks intact too.
  const headConfirmed = expected !== null && expected.foundAt !== null;
  // Live tail: events appended after this verification are not covered by its verdict.
  const since = store && store.stats.lastPosition !== null && report.lastPosition !== null ? store.stats.lastPosition - report.lastPosition : 0;
  return (
    <section className={`card verdict ${report.ok ? 'verdict-ok' : 'verdict-bad'}`} data-testid="verify-verdict" data-ok={String(report.ok)} aria-live="polite">
      <div className="verdict-head">
        <span className="verdict-mark" aria-hidden="true">
          {report.ok ? '✓' : '✗'}
        </span>
        <div>
          <h2 data-testid="verify-verdict-title">
            {report.ok ? (headConfirmed ? 'Untouched' : 'Chain intact (untouched unless rewritten to its end)') : `${plural(total, 'finding')}: this store was changed after it was recorded`}
          </h2>
          <p className="verdict-summary">
            {report.ok
              ? `Every one of the ${formatCount(report.eventsChecked)} events matches the hash chain; stream versions are continuous, the store's summaries agree with its events and SQLite's integrity check passed.`
              : report.lastGoodPosition !== null
                ? `The chain verifies from the first event up to position ${formatCount(report.lastGoodPosition)}; after that, see the findings below.`
                : 'The chain does not verify from its first event; see the findings below.'}
          </p>
          {report.ok && !headConfirmed && (
            <p className="verdict-summary" data-testid="verify-caveat">
              {NO_RECORDED_HEAD_CAVEAT} Enter a chain head recorded earlier (an export manifest, an audit report) to rule it out.
            </p>
          )}
          {!report.ok && (
            <div className="verdict-kinds">
              {VERIFY_FINDING_KINDS.filter((k) => report.findingCounts[k] > 0).map((k) => (
                <span key={k} className={`badge finding-badge finding-badge-${k}`} data-testid="verify-kind-count" data-kind={k}>
                  {FINDING_LABELS[k].title} · {formatCount(report.findingCounts[k])}
                </span>
              ))}
            </div>
          )}
        </div>
      </div>
      {since > 0 && (
        <p className="verdict-stale" data-testid="verify-stale">
          {plural(since, 'event')} appended since this verification: verify again to include {since === 1 ? 'it' : 'them'}.
        </p>
      )}
      <dl className="facts verdict-facts">
        <dt>Chain head</dt>
        <dd className="mono break" data-testid="verify-chain-head">
          {report.chainHead ? (
            <>
              {report.chainHead} <CopyButton text={report.chainHead} label="Copy chain head" />
            </>
          ) : (
            <span className="muted">{report.findingCounts['corrupt-page'] > 0 ? '— (none could be read: a damaged page)' : '— (no events)'}</span>
          )}
        </dd>
        <dt>Events checked</dt>
        <dd data-testid="verify-events-checked">{formatCount(report.eventsChecked)}</dd>
        <dt>Streams checked</dt>
        <dd>{formatCount(report.streamsChecked)}</dd>
        <dt>Positions</dt>
        <dd>{report.firstPosition === null ? '—' : `${formatCount(report.firstPosition)} … ${formatCount(report.lastPosition ?? 0)}`}</dd>
        {!report.ok && (
          <>
            <dt>Last good position</dt>
            <dd data-testid="verify-last-good">{report.lastGoodPosition === null ? 'none' : formatCount(report.lastGoodPosition)}</dd>
          </>
        )}
        <dt>Time taken</dt>
        <dd data-testid="verify-duration">{formatDuration(report.durationMs)}</dd>
        <dt>Verified at</dt>
        <dd>{formatTime(report.startedAt)}</dd>
        <dt>SQLite integrity</dt>
        <dd>{!report.integrity.ran ? <span className="muted">not run</span> : report.integrity.ok ? 'ok' : <SafeText text={report.integrity.messages.join('; ')} max={1000} />}</dd>
        {expected && (
          <>
            <dt>Expected head</dt>
            <dd data-testid="verify-expected-head" data-found={String(expected.foundAt !== null)}>
              <span className="mono break">{expected.hash}</span>
              <br />
              {expected.foundAt !== null ? (
                <span>
                  in the chain at <a href={hrefs.event(expected.foundAt)}>position {formatCount(expected.foundAt)}</a>
                  {expected.appendedSince ? ` · ${plural(expected.appendedSince, 'event')} appended since` : ' · nothing appended since'}
                </span>
              ) : (
                <strong className="text-danger">not in the chain: history up to it was rewritten or truncated</strong>
              )}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

function VerifyPanel({ storePath }: { storePath: string }) {
  const id = useId();
  const key = `verify:${storePath}`;
  const [headText, setHeadText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { jobId, job, result, lost, startError, starting, running, start } = useVerifyRun(key);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const head = checkChainHead(headText);
    setProblem(head.problem);
    if (head.problem) return;
    await start(head.value ? { expectHead: head.value } : {});
  }

  return (
    <>
      <section className="card" aria-labelledby={`${id}-title`} data-testid="verify-panel">
        <header className="card-head">
          <h2 id={`${id}-title`}>Verify integrity</h2>
        </header>
        <p className="muted">
          Walks the hash chain from the first event to the last and checks every hash, continuous positions and stream versions, the store's summaries, and SQLite's own
          integrity check. Read-only: nothing in the file changes.
        </p>
        <form className="verify-form" onSubmit={submit} noValidate>
          <label htmlFor={`${id}-head`}>Expected chain head (optional)</label>
          <input
            id={`${id}-head`}
            type="text"
            className="mono"
            placeholder="hash or hash@position (64 hexadecimal characters), e.g. from an export manifest"
            value={headText}
            onChange={(e) => {
              setHeadText(e.target.value);
              if (problem) setProblem(checkChainHead(e.target.value).problem);
            }}
            aria-invalid={problem !== null}
            aria-describedby={`${id}-head-help`}
            spellCheck={false}
            autoComplete="off"
            data-testid="verify-expected-head-input"
          />
          <p id={`${id}-head-help`} className="muted small">
            A chain head recorded earlier (in an export manifest or an audit report). A chain rewritten from the middle with recomputed hashes is consistent again; only a head
            recorded outside the store reveals it.
          </p>
          {problem && (
            <p className="field-error" data-testid="verify-expected-head-error">
              {problem}
            </p>
          )}
          <div className="card-actions">
            <button type="submit" className="primary" disabled={running} data-testid="verify-start">
              {starting ? 'Starting…' : job && job.status !== 'running' ? 'Verify again' : 'Verify integrity'}
            </button>
          </div>
        </form>
        {startError && <ErrorView error={startError} testId="verify-error" />}
        {lost && jobId && <p className="muted small">The last verification is no longer known to the viewer service; run it again.</p>}
        {job && <JobOutcome job={job} />}
      </section>
      {job?.status === 'succeeded' && result && (
        <>
          <Verdict report={result} />
          {!result.ok && <Findings report={result} />}
        </>
      )}
    </>
  );
}

function JobOutcome({ job }: { job: JobState }) {
  if (job.status === 'running') return <JobRunning job={job} label="Verification progress" testId="verify-job" />;
  if (job.status === 'cancelled')
    return (
      <p className="muted" data-testid="verify-cancelled">
        Verification cancelled: no verdict.
      </p>
    );
  if (job.status === 'failed' && job.error) return <ErrorView error={job.error} testId="verify-error" />;
  return null;
}

export function VerifyScreen() {
  const { store } = useStore();
  if (!store) return null;
  return (
    <div className="screen page-screen" data-testid="verify-screen">
      <div className="page-column">
        <header className="page-head">
          <h1>Integrity</h1>
          <span className="mono muted break" title={store.info.path}>
            <SafeText text={store.info.path} max={300} />
          </span>
          <span className="muted" data-testid="verify-format">
            {store.info.adapter}
          </span>
        </header>
        {store.info.hasIntegrityChain ? <VerifyPanel storePath={store.info.path} /> : <ChainlessIntegrity store={store} />}
      </div>
    </div>
  );
}
