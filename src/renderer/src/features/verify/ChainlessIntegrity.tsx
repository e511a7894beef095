// Integrity of a store without a hash chain (an Emmett file, every PostgreSQL layout). There is no
// verdict of "untouched" to give, so the screen says so, then (a) runs the checks that CAN be made
// without a chain — versions, positions, ids, summaries, read-back — with their findings, and says
// plainly what they cannot see; and (b) offers a verified copy that pins the history from now on.
import { t as translate, useT } from '../../i18n/index.ts';
import { useId } from 'react';
import type { OpenedStore } from '../../../../shared/contract.ts';
import { VERIFY_FINDING_KINDS, type VerifyReport } from '../../../../shared/verify.ts';
import { JobRunning } from '../../components/JobRunning.tsx';
import { ErrorView } from '../../components/StatusViews.tsx';
import { formatCount, formatDuration, formatTime, plural } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useVerifyRun } from './useVerifyRun.ts';
import { Findings } from './Findings.tsx';
import { findingExplain, findingTitle } from './findingKinds.ts';
import { VerifiedCopy } from './VerifiedCopy.tsx';

/** "An Emmett SQLite store", "This Marten database", … */
function storeWords(store: OpenedStore): string {
  if (store.info.format === 'emmett') return translate('chainless.emmett');
  if (store.info.kind === 'postgres') return translate('chainless.database', { layout: store.info.layout?.name ?? 'PostgreSQL' });
  return translate('chainless.store');
}

function NoChain({ store }: { store: OpenedStore }) {
  const t = useT();
  return (
    <section className="card verdict verdict-none" data-testid="verify-no-chain">
      <div className="verdict-head">
        <span className="verdict-mark" aria-hidden="true">
          ∅
        </span>
        <div>
          <h2>{t('chainless.title')}</h2>
          <p className="verdict-summary">
            {t('chainless.summary', { store: storeWords(store) })}
          </p>
        </div>
      </div>
      <dl className="facts verdict-facts">
        <dt>{t('chainless.format')}</dt>
        <dd data-testid="verify-no-chain-format">{store.info.adapter}</dd>
        <dt>{t('streams.col.events')}</dt>
        <dd>{formatCount(store.stats.events)}</dd>
        <dt>{t('chainless.streams')}</dt>
        <dd>{formatCount(store.stats.streams)}</dd>
      </dl>
    </section>
  );
}

function CheckVerdict({ report }: { report: VerifyReport }) {
  const t = useT();
  const total = VERIFY_FINDING_KINDS.reduce((n, kind) => n + report.findingCounts[kind], 0);
  return (
    <section className={`card verdict ${report.ok ? 'verdict-ok' : 'verdict-bad'}`} data-testid="verify-check-verdict" data-ok={String(report.ok)} aria-live="polite">
      <div className="verdict-head">
        <span className="verdict-mark" aria-hidden="true">
          {report.ok ? '✓' : '✗'}
        </span>
        <div>
          <h2 data-testid="verify-check-title">
            {report.ok ? t('chainless.ok') : t('chainless.bad', { findings: t('integrity.findings', { count: total }) })}
          </h2>
          <p className="verdict-summary">
            {report.ok
              ? t('chainless.ok.summary', { count: report.eventsChecked })
              : t('chainless.bad.summary')}
          </p>
          {!report.ok && (
            <div className="verdict-kinds">
              {VERIFY_FINDING_KINDS.filter((k) => report.findingCounts[k] > 0).map((k) => (
                <span key={k} className={`badge finding-badge finding-badge-${k}`} data-testid="verify-check-kind-count" data-kind={k}>
                  {findingTitle(k)} · {formatCount(report.findingCounts[k])}
                </span>
              ))}
            </div>
          )}
        </div>
      </div>
      <div className="verdict-limits" data-testid="verify-check-limits">
        <h3>{t('chainless.limits')}</h3>
        <ul>
          {report.integrity.messages.map((message, i) => (
            <li key={i} data-testid="verify-check-limit">
              <SafeText text={errorMessage({ message, words: report.integrity.words?.[i] })} max={1000} />
            </li>
          ))}
        </ul>
      </div>
      <dl className="facts verdict-facts">
        <dt>{t('verify.chainHead')}</dt>
        <dd className="muted" data-testid="verify-check-chain-head">
          {t('chainless.noHead')}
        </dd>
        <dt>{t('verify.eventsChecked')}</dt>
        <dd data-testid="verify-check-events">{formatCount(report.eventsChecked)}</dd>
        <dt>{t('verify.streamsChecked')}</dt>
        <dd>{formatCount(report.streamsChecked)}</dd>
        <dt>{t('verify.positions')}</dt>
        <dd>{report.firstPosition === null ? '—' : `${formatCount(report.firstPosition)} … ${formatCount(report.lastPosition ?? 0)}`}</dd>
        <dt>{t('verify.timeTaken')}</dt>
        <dd>{formatDuration(report.durationMs)}</dd>
        <dt>{t('chainless.checkedAt')}</dt>
        <dd>{formatTime(report.startedAt)}</dd>
      </dl>
    </section>
  );
}

function CheckPanel({ storePath }: { storePath: string }) {
  const t = useT();
  const id = useId();
  const key = `check:${storePath}`;
  const { jobId, job, result, lost, startError, starting, running, start } = useVerifyRun(key);

  return (
    <>
      <section className="card" aria-labelledby={`${id}-title`} data-testid="verify-check">
        <header className="card-head">
          <h2 id={`${id}-title`}>{t('chainless.check')}</h2>
        </header>
        <p className="muted">
          {t('chainless.check.about')}
        </p>
        <div className="card-actions">
          <button type="button" className="primary" disabled={running} onClick={() => void start({})} data-testid="verify-check-start">
            {starting ? t('job.starting') : job && job.status !== 'running' ? t('chainless.again') : t('chainless.check')}
          </button>
        </div>
        {startError && <ErrorView error={startError} testId="verify-check-error" />}
        {lost && jobId && <p className="muted small">{t('chainless.lost')}</p>}
        {job?.status === 'running' && <JobRunning job={job} label={t('chainless.progress')} testId="verify-check-job" />}
        {job?.status === 'cancelled' && (
          <p className="muted" data-testid="verify-check-cancelled">
            {t('chainless.cancelled')}
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
