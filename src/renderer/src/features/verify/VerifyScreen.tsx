// Integrity: verify the open store's hash chain (progress, cancel) and show a verdict an auditor can
// quote — untouched, or every finding grouped by kind with links to the events at their positions.
// An optional chain head recorded earlier (an export manifest, a report) also reveals a rewritten
// chain. Stores without a chain (Emmett files, databases) get the checks that can be made without
// one, said plainly, and a verified copy (ChainlessIntegrity.tsx).
import { useT } from '../../i18n/index.ts';
import { useId, useState, type FormEvent } from 'react';
import type { JobState } from '../../../../shared/jobs.ts';
import { NO_RECORDED_HEAD_CAVEAT, VERIFY_FINDING_KINDS, type VerifyReport } from '../../../../shared/verify.ts';
import { hrefs } from '../../app/routes.ts';
import { useStore } from '../../app/StoreContext.tsx';
import { CopyButton } from '../../components/CopyButton.tsx';
import { JobRunning } from '../../components/JobRunning.tsx';
import { ErrorView } from '../../components/StatusViews.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { formatCount, formatDuration, formatTime, plural } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { ChainlessIntegrity } from './ChainlessIntegrity.tsx';
import { useVerifyRun } from './useVerifyRun.ts';
import { Findings } from './Findings.tsx';
import { checkChainHead } from './chainHead.ts';
import { findingExplain, findingTitle } from './findingKinds.ts';
import './verify.css';

function Verdict({ report }: { report: VerifyReport }) {
  const { store } = useStore();
  const t = useT();
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
            {report.ok ? (headConfirmed ? t('verify.untouched') : t('verify.intact')) : t('verify.changed', { findings: t('integrity.findings', { count: total }) })}
          </h2>
          <p className="verdict-summary">
            {report.ok
              ? t('verify.ok.summary', { count: report.eventsChecked })
              : report.lastGoodPosition !== null
                ? t('verify.upTo', { position: report.lastGoodPosition })
                : t('verify.fromFirst')}
          </p>
          {report.ok && !headConfirmed && (
            <p className="verdict-summary" data-testid="verify-caveat">
              {NO_RECORDED_HEAD_CAVEAT} {t('verify.caveat.action')}
            </p>
          )}
          {!report.ok && (
            <div className="verdict-kinds">
              {VERIFY_FINDING_KINDS.filter((k) => report.findingCounts[k] > 0).map((k) => (
                <span key={k} className={`badge finding-badge finding-badge-${k}`} data-testid="verify-kind-count" data-kind={k}>
                  {findingTitle(k)} · {formatCount(report.findingCounts[k])}
                </span>
              ))}
            </div>
          )}
        </div>
      </div>
      {since > 0 && (
        <p className="verdict-stale" data-testid="verify-stale">
          {t('verify.stale', { count: since })}
        </p>
      )}
      <dl className="facts verdict-facts">
        <dt>{t('verify.chainHead')}</dt>
        <dd className="mono break" data-testid="verify-chain-head">
          {report.chainHead ? (
            <>
              {report.chainHead} <CopyButton text={report.chainHead} label={t('verify.copyHead')} />
            </>
          ) : (
            <span className="muted">{report.findingCounts['corrupt-page'] > 0 ? t('verify.head.damaged') : t('verify.head.none')}</span>
          )}
        </dd>
        <dt>{t('verify.eventsChecked')}</dt>
        <dd data-testid="verify-events-checked">{formatCount(report.eventsChecked)}</dd>
        <dt>{t('verify.streamsChecked')}</dt>
        <dd>{formatCount(report.streamsChecked)}</dd>
        <dt>{t('verify.positions')}</dt>
        <dd>{report.firstPosition === null ? '—' : `${formatCount(report.firstPosition)} … ${formatCount(report.lastPosition ?? 0)}`}</dd>
        {!report.ok && (
          <>
            <dt>{t('verify.lastGood')}</dt>
            <dd data-testid="verify-last-good">{report.lastGoodPosition === null ? t('verify.none') : formatCount(report.lastGoodPosition)}</dd>
          </>
        )}
        <dt>{t('verify.timeTaken')}</dt>
        <dd data-testid="verify-duration">{formatDuration(report.durationMs)}</dd>
        <dt>{t('verify.verifiedAt')}</dt>
        <dd>{formatTime(report.startedAt)}</dd>
        <dt>{t('verify.sqlite')}</dt>
        <dd>{!report.integrity.ran ? <span className="muted">{t('verify.notRun')}</span> : report.integrity.ok ? t('verify.ok') : <SafeText text={report.integrity.messages.join('; ')} max={1000} />}</dd>
        {expected && (
          <>
            <dt>{t('verify.expectedHead')}</dt>
            <dd data-testid="verify-expected-head" data-found={String(expected.foundAt !== null)}>
              <span className="mono break">{expected.hash}</span>
              <br />
              {expected.foundAt !== null ? (
                <span>
                  {t('verify.inChainAt')}<a href={hrefs.event(expected.foundAt)}>{t('findings.position', { position: expected.foundAt })}</a>
                  {expected.appendedSince ? t('verify.appendedSince', { count: expected.appendedSince }) : t('verify.nothingSince')}
                </span>
              ) : (
                <strong className="text-danger">{t('verify.notInChain')}</strong>
              )}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

function VerifyPanel({ storePath }: { storePath: string }) {
  const t = useT();
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
          <h2 id={`${id}-title`}>{t('verify.run')}</h2>
        </header>
        <p className="muted">
          {t('verify.about')}
        </p>
        <form className="verify-form" onSubmit={submit} noValidate>
          <label htmlFor={`${id}-head`}>{t('verify.head.label')}</label>
          <input
            id={`${id}-head`}
            type="text"
            className="mono"
            placeholder={t('verify.head.placeholder')}
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
            {t('verify.head.help')}
          </p>
          {problem && (
            <p className="field-error" data-testid="verify-expected-head-error">
              {problem}
            </p>
          )}
          <div className="card-actions">
            <button type="submit" className="primary" disabled={running} data-testid="verify-start">
              {starting ? t('job.starting') : job && job.status !== 'running' ? t('verify.again') : t('verify.run')}
            </button>
          </div>
        </form>
        {startError && <ErrorView error={startError} testId="verify-error" />}
        {lost && jobId && <p className="muted small">{t('verify.lost')}</p>}
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
  const t = useT();
  if (job.status === 'running') return <JobRunning job={job} label={t('verify.progress')} testId="verify-job" />;
  if (job.status === 'cancelled')
    return (
      <p className="muted" data-testid="verify-cancelled">
        {t('verify.cancelled')}
      </p>
    );
  if (job.status === 'failed' && job.error) return <ErrorView error={job.error} testId="verify-error" />;
  return null;
}

export function VerifyScreen() {
  const { store } = useStore();
  const t = useT();
  if (!store) return null;
  return (
    <div className="screen page-screen" data-testid="verify-screen">
      <div className="page-column">
        <header className="page-head">
          <h1>{t('verify.screen')}</h1>
          <span className="mono muted break" title={store.info.path}>
            <SafeText text={store.info.path} max={300} />
          </span>
          <span className="muted" data-testid="verify-format">
            {errorMessage({ message: store.info.adapter, words: store.info.adapterWords })}
          </span>
        </header>
        {store.info.hasIntegrityChain ? <VerifyPanel storePath={store.info.path} /> : <ChainlessIntegrity store={store} />}
      </div>
    </div>
  );
}
