// What an import (or a verified copy) produced: the new store, its counts and chain head, every
// skipped line with the field and what was wrong, the report saved beside it, and a way to open it.
import { Message } from '../../i18n/Message.tsx';
import { useT } from '../../i18n/index.ts';
import { useState } from 'react';
import type { ImportSummary } from '../../../../shared/contract.ts';
import type { ErrorInfo } from '../../../../shared/result.ts';
import { api } from '../../api.ts';
import { useStore } from '../../app/StoreContext.tsx';
import { CopyButton } from '../../components/CopyButton.tsx';
import { ErrorView } from '../../components/StatusViews.tsx';
import { formatCount, formatDuration, plural } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { errorMessage } from '../../lib/errors.ts';
import type { ErrorWords } from '../../../../shared/errorWords/index.ts';

export interface BadLine {
  line: number;
  field: string | null;
  message: string;
  /** main's words for the message, said in the reader's language. */
  words?: ErrorWords;
}

/** Line-precise problems: line number, field, what was expected. */
export function BadLines({ lines, total, testId }: { lines: BadLine[]; total: number; testId: string }) {
  const t = useT();
  return (
    <div className="bad-lines" data-testid={testId}>
      <table className="mini-table">
        <thead>
          <tr>
            <th className="num">{t('badLines.line')}</th>
            <th>{t('badLines.field')}</th>
            <th>{t('badLines.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((bad, i) => (
            <tr key={i} data-testid={`${testId}-row`} data-line={bad.line} data-field={bad.field ?? ''}>
              <td className="num mono">{formatCount(bad.line)}</td>
              <td className="mono">{bad.field ?? <span className="muted">—</span>}</td>
              <td className="break">
                <SafeText text={errorMessage(bad)} max={600} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > lines.length && <p className="muted small">{t('badLines.more', { count: total - lines.length, listed: lines.length })}</p>}
    </div>
  );
}

export function ImportResult({ summary, openLabel, onOpened, testId = 'import-result' }: { summary: ImportSummary; openLabel: string; onOpened?: () => void; testId?: string }) {
  const { store, setStore } = useStore();
  const t = useT();
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const isOpen = store?.info.path === summary.out;

  async function open() {
    setOpening(true);
    setError(null);
    const result = await api.openStore({ path: summary.out });
    setOpening(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setStore(result.value);
    onOpened?.();
  }

  return (
    <div className="import-result" data-testid={testId}>
      <p className="import-result-head">
        <span className="badge badge-succeeded">{t('importResult.done')}</span>{' '}
        <Message
          k="importResult.head"
          values={{ events: t('common.events', { count: summary.events }), streams: t('common.streams', { count: summary.streams }), records: t('importResult.records', { count: summary.records }) }}
          components={{ events: <strong data-testid={`${testId}-events`} /> }}
        />
        {' · '}
        {formatDuration(summary.seconds * 1000)}
      </p>
      <dl className="facts">
        <dt>{t('importResult.newStore')}</dt>
        <dd className="mono break" data-testid={`${testId}-out`}>
          <SafeText text={summary.out} /> <CopyButton text={summary.out} label={t('facts.copyPath')} />
        </dd>
        <dt>{t('verify.chainHead')}</dt>
        <dd className="mono break" data-testid={`${testId}-chain-head`}>
          {summary.chainHead ? (
            <>
              {summary.chainHead} <CopyButton text={summary.chainHead} label={t('verify.copyHead')} />
            </>
          ) : (
            <span className="muted">{t('verify.head.none')}</span>
          )}
        </dd>
        <dt>{t('importResult.duplicates')}</dt>
        <dd data-testid={`${testId}-duplicates`}>{summary.duplicates === 0 ? t('verify.none') : t('importResult.duplicates.count', { count: summary.duplicates })}</dd>
        {summary.timeDefaulted > 0 && (
          <>
            <dt>{t('importResult.noTime')}</dt>
            <dd>{t('importResult.noTime.count', { count: summary.timeDefaulted })}</dd>
          </>
        )}
        {summary.renumberedStreams > 0 && (
          <>
            <dt>{t('importResult.renumbered')}</dt>
            <dd>{t('importResult.renumbered.count', { count: summary.renumberedStreams })}</dd>
          </>
        )}
        <dt>{t('importResult.skipped')}</dt>
        <dd data-testid={`${testId}-skipped-count`}>{summary.skippedCount === 0 ? t('verify.none') : t('importResult.badLines', { count: summary.skippedCount })}</dd>
        {summary.reportPath && (
          <>
            <dt>{t('importResult.report')}</dt>
            <dd className="mono break" data-testid={`${testId}-report`}>
              <SafeText text={summary.reportPath} /> <CopyButton text={summary.reportPath} label={t('importResult.copyReport')} />
            </dd>
          </>
        )}
      </dl>
      {summary.skipped.length > 0 && <BadLines lines={summary.skipped} total={summary.skippedCount} testId={`${testId}-skipped`} />}
      <div className="card-actions">
        <button type="button" className="primary" onClick={() => void open()} disabled={opening || isOpen} data-testid={`${testId}-open`}>
          {isOpen ? t('importResult.openNow') : opening ? t('importResult.opening') : openLabel}
        </button>
      </div>
      {error && <ErrorView error={error} />}
    </div>
  );
}
