// Integrity of a store without a hash chain (an Emmett file, every PostgreSQL layout). There is no
// verdict of "untouched" to give, so the screen says so, then (a) runs the checks that CAN be made
// without a chain — versions, positions, ids, summaries, read-back — with their findings, and says
// plainly what they cannot see; and (b) offers a verified copy that pins the history from now on.
import { useId } from 'react';
import type { OpenedStore } from '../../../../shared/contract.ts';
import { VERIFY_FINDING_KINDS, type VerifyReport } from '../../../../shared/verify.ts';
import { JobRunning } from '../../components/JobRunning.tsx';
import { ErrorView } from '../../components/StatusViews.tsx';
import { formatCount, formatDuration, formatTime, plural } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { useVerifyRun } from './useVerifyRun.ts';
import { Findings } from './Findings.tsx';
import { FINDING_LABELS } from './findingKinds.ts';
import { VerifiedCopy } from './VerifiedCopy.tsx';

/** "An Emmett SQLite store", "This Marten database", … */
function storeWords(store: OpenedStore): string {
  if (store.info.format === 'emmett') return 'An Emmett SQLite store';
  if (store.info.kind === 'postgres') return `This ${store.info.layout?.name ?? 'PostgreSQL'} database`;
  return 'This store';
}

function NoChain({ store }: { store: OpenedStore }) {
  return (
    <section className="card verdict verdict-none" data-testid="verify-no-chain">
      <div className="verdict-head">
        <span className="verdict-mark" aria-hidden="true">
          ∅
        </span>
        <div>
          <h2>No integrity chain</h2>
          <p className="verdict-summary">
            {storeWords(store)} keeps no hash chain, so no check can prove that an event was not edited after it was written: a changed amount in an event that keeps its
            place looks like any other event. What can be checked without a chain is checked below, and a verified copy pins the history from now on.
          </p>
        </div>
      </div>
      <dl className="facts verdict-facts">
        <dt>Format</dt>
        <dd data-testid="verify-no-chain-format">{store.info.adapter}</dd>
        <dt>Events</dt>
        <dd>{formatCount(store.stats.events)}</dd>
        <dt>Streams</dt>
        <dd>{formatCount(store.stats.streams)}</dd>
      </dl>
    </section>
  );
}

function CheckVerdict({ report }: { report: VerifyReport }) {
  const total = VERIFY_FINDING_KINDS.reduce((n, kind) => n + report.findingCounts[kind], 0);
  return (
    <section className={`card verdict ${report.ok ? 'verdict-ok' : 'verdict-bad'}`} data-testid="verify-check-verdict" data-ok={String(report.ok)} aria-live="polite">
      <div className="verdict-head">
        <span className="verdict-mark" aria-hidden="true">
          {report.ok ? '✓' : '✗'}
        </span>
        <div>
          <h2 data-testid="verify-check-title">
            {report.ok ? 'Consistent, as far as a store without a chain can show' : `${plural(total, 'finding')}: this store does not agree with itself`}
          </h2>
          <p className="verdict-summary">
            {report.ok
              ? `All ${formatCount(report.eventsChecked)} events were read: global positions are unique and increasing, event ids unique, every stream's versions run 1…n without gaps or repeats, the stream summaries match the events and each stream reads back the same through its own path.`
              : 'Some events, versions or summaries contradict each other: see the findings below. Each links to the event or the stream it is about.'}
          </p>
          {!report.ok && (
            <div className="verdict-kinds">
              {VERIFY_FINDING_KINDS.filter((k) => report.findingCounts[k] > 0).map((k) => (
                <span key={k} className={`badge finding-badge finding-badge-${k}`} data-testid="verify-check-kind-count" data-kind={k}>
                  {FINDING_LABELS[k].title} · {formatCount(report.findingCounts[k])}
                </span>
              ))}
            </div>
          )}
        </div>
      </div>
      <div className="verdict-limits" data-testid="verify-check-limits">
        <h3>What these checks cannot see</h3>
        <ul>
          {report.integrity.messages.map((message, i) => (
            <li key={i} data-testid="verify-check-limit">
              <SafeText text={message} max={1000} />
            </li>
          ))}
        </ul>
      </div>
      <dl className="facts verdict-facts">
        <dt>Chain head</dt>
        <dd className="muted" data-testid="verify-check-chain-head">
          none: the store keeps no chain (a verified copy has one)
        </dd>
        <dt>Events checked</dt>
        <dd data-testid="verify-check-events">{formatCount(report.eventsChecked)}</dd>
        <dt>Streams checked</dt>
        <dd>{formatCount(report.streamsChecked)}</dd>
        <dt>Positions</dt>
        <dd>{report.firstPosition === null ? '—' : `${formatCount(report.firstPosition)} … ${formatCount(report.lastPosition ?? 0)}`}</dd>
        <dt>Time taken</dt>
        <dd>{formatDuration(report.durationMs)}</dd>
        <dt>Checked at</dt>
        <dd>{formatTime(report.startedAt)}</dd>
      </dl>
    </section>
  );
}

function CheckPanel({ storePath }: { storePath: string }) {
  const id = useId();
  const key = `check:${storePath}`;
  const { jobId, job, result, lost, startError, starting, running, start } = useVerifyRun(key);

  return (
    <>
      <section className="card" aria-labelledby={`${id}-title`} data-testid="verify-check">
        <header className="card-head">
          <h2 id={`${id}-title`}>Check what can be checked</h2>
        </header>
        <p className="muted">
          Reads every event in the store's order and checks that global positions are unique (and increasing, where the layout reads in position order), event ids unique, and each stream's versions continuous; compares
          the store's stream summaries with its events; and reads each stream again through its own path to see that it gives the same events. Read-only: nothing in the
          store changes.
        </p>
        <div className="card-actions">
          <button type="button" className="primary" disabled={running} onClick={() => void start({})} data-testid="verify-check-start">
            {starting ? 'Starting…' : job && job.status !== 'running' ? 'Check again' : 'Check what can be checked'}
          </button>
        </div>
        {startError && <ErrorView error={startError} testId="verify-check-error" />}
        {lost && jobId && <p className="muted small">The last check is no longer known to the viewer service; run it again.</p>}
        {job?.status === 'running' && <JobRunning job={job} label="Check progress" testId="verify-check-job" />}
        {job?.status === 'cancelled' && (
          <p className="muted" data-testid="verify-check-cancelled">
            Check cancelled: no verdict.
          </p>
        )}
        {job?.status === 'failed' && job.error && <ErrorView error={job.error} testId="verify-check-error" />}
      </section>
      {job?.status === 'succeeded' && result && (
        <>
          <CheckVerdict report={result} />
          {!result.ok && <Findings report={result} />}
        </>
      )}
    </>
  );
}

export function ChainlessIntegrity({ store }: { store: OpenedStore }) {
  return (
    <>
      <NoChain store={store} />
      <CheckPanel storePath={store.info.path} />
      <VerifiedCopy store={store} />
    </>
  );
}
