// What an import (or a verified copy) produced: the new store, its counts and chain head, every
// skipped line with the field and what was wrong, the report saved beside it, and a way to open it.
import { useState } from 'react';
import type { ImportSummary } from '../../../../shared/contract.ts';
import type { ErrorInfo } from '../../../../shared/result.ts';
import { api } from '../../api.ts';
import { useStore } from '../../app/StoreContext.tsx';
import { CopyButton } from '../../components/CopyButton.tsx';
import { ErrorView } from '../../components/StatusViews.tsx';
import { formatCount, formatDuration, plural } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';

export interface BadLine {
  line: number;
  field: string | null;
  message: string;
}

/** Line-precise problems: line number, field, what was expected. */
export function BadLines({ lines, total, testId }: { lines: BadLine[]; total: number; testId: string }) {
  return (
    <div className="bad-lines" data-testid={testId}>
      <table className="mini-table">
        <thead>
          <tr>
            <th className="num">Line</th>
            <th>Field</th>
            <th>Problem</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((bad, i) => (
            <tr key={i} data-testid={`${testId}-row`} data-line={bad.line} data-field={bad.field ?? ''}>
              <td className="num mono">{formatCount(bad.line)}</td>
              <td className="mono">{bad.field ?? <span className="muted">—</span>}</td>
              <td className="break">
                <SafeText text={bad.message} max={600} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > lines.length && <p className="muted small">and {formatCount(total - lines.length)} more (the first {formatCount(lines.length)} are listed).</p>}
    </div>
  );
}

export function ImportResult({ summary, openLabel, onOpened, testId = 'import-result' }: { summary: ImportSummary; openLabel: string; onOpened?: () => void; testId?: string }) {
  const { store, setStore } = useStore();
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
        <span className="badge badge-succeeded">done</span>{' '}
        <strong data-testid={`${testId}-events`}>{plural(summary.events, 'event')}</strong> in {plural(summary.streams, 'stream')} from {plural(summary.records, 'record')}
        {' · '}
        {formatDuration(summary.seconds * 1000)}
      </p>
      <dl className="facts">
        <dt>New store</dt>
        <dd className="mono break" data-testid={`${testId}-out`}>
          <SafeText text={summary.out} /> <CopyButton text={summary.out} label="Copy path" />
        </dd>
        <dt>Chain head</dt>
        <dd className="mono break" data-testid={`${testId}-chain-head`}>
          {summary.chainHead ? (
            <>
              {summary.chainHead} <CopyButton text={summary.chainHead} label="Copy chain head" />
            </>
          ) : (
            <span className="muted">— (no events)</span>
          )}
        </dd>
        <dt>Duplicates</dt>
        <dd data-testid={`${testId}-duplicates`}>{summary.duplicates === 0 ? 'none' : `${formatCount(summary.duplicates)} (same event id and content: imported once)`}</dd>
        {summary.timeDefaulted > 0 && (
          <>
            <dt>Without a time</dt>
            <dd>{plural(summary.timeDefaulted, 'event')} recorded at the time of the import</dd>
          </>
        )}
        {summary.renumberedStreams > 0 && (
          <>
            <dt>Renumbered</dt>
            <dd>{plural(summary.renumberedStreams, 'stream')} whose first version was not 1 now start at version 1</dd>
          </>
        )}
        <dt>Skipped</dt>
        <dd data-testid={`${testId}-skipped-count`}>{summary.skippedCount === 0 ? 'none' : plural(summary.skippedCount, 'bad line')}</dd>
        {summary.reportPath && (
          <>
            <dt>Report</dt>
            <dd className="mono break" data-testid={`${testId}-report`}>
              <SafeText text={summary.reportPath} /> <CopyButton text={summary.reportPath} label="Copy report path" />
            </dd>
          </>
        )}
      </dl>
      {summary.skipped.length > 0 && <BadLines lines={summary.skipped} total={summary.skippedCount} testId={`${testId}-skipped`} />}
      <div className="card-actions">
        <button type="button" className="primary" onClick={() => void open()} disabled={opening || isOpen} data-testid={`${testId}-open`}>
          {isOpen ? 'Open now' : opening ? 'Opening…' : openLabel}
        </button>
      </div>
      {error && <ErrorView error={error} />}
    </div>
  );
}
