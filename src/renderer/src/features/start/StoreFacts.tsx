// File facts of the open store: what an auditor writes at the top of a report.
import type { OpenedStore } from '../../../../shared/contract.ts';
import { hrefs } from '../../app/routes.ts';
import { formatBytes, formatCount, formatDuration, formatTime, localTimeTitle } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { CopyButton } from '../../components/CopyButton.tsx';

export function StoreFacts({ store }: { store: OpenedStore }) {
  const { info, stats } = store;
  const span =
    stats.firstRecordedAt && stats.lastRecordedAt ? Date.parse(stats.lastRecordedAt) - Date.parse(stats.firstRecordedAt) : null;
  return (
    <section className="card" data-testid="store-facts" aria-labelledby="facts-title">
      <header className="card-head">
        <h2 id="facts-title">Open store</h2>
        {info.readonly ? (
          <span className="badge badge-readonly" data-testid="facts-readonly">
            read-only
          </span>
        ) : (
          <span className="badge badge-warning">writable</span>
        )}
      </header>
      <dl className="facts">
        <dt>Path</dt>
        <dd className="mono break" data-testid="fact-path">
          <SafeText text={info.path} /> <CopyButton text={info.path} label="Copy path" />
        </dd>
        <dt>Format</dt>
        <dd data-testid="fact-format">{info.adapter}</dd>
        <dt>Size</dt>
        <dd data-testid="fact-size">{formatBytes(info.sizeBytes)}</dd>
        <dt>Events</dt>
        <dd data-testid="fact-events">{formatCount(stats.events)}</dd>
        <dt>Streams</dt>
        <dd data-testid="fact-streams">{formatCount(stats.streams)}</dd>
        <dt>Time range</dt>
        <dd data-testid="fact-time-range">
          {stats.firstRecordedAt ? (
            <>
              <span title={localTimeTitle(stats.firstRecordedAt)}>{formatTime(stats.firstRecordedAt)}</span> →{' '}
              <span title={localTimeTitle(stats.lastRecordedAt)}>{formatTime(stats.lastRecordedAt)}</span>
              {span !== null && <span className="muted"> ({formatDuration(span)})</span>}
            </>
          ) : (
            <span className="muted">no events</span>
          )}
        </dd>
        <dt>Positions</dt>
        <dd>{stats.firstPosition === null ? '—' : `${formatCount(stats.firstPosition)} … ${formatCount(stats.lastPosition ?? 0)}`}</dd>
        <dt>Schema version</dt>
        <dd data-testid="fact-schema">{stats.schemaVersion}</dd>
        <dt>Integrity chain</dt>
        <dd data-testid="fact-integrity">
          {info.hasIntegrityChain ? (
            'yes — every event is hash-linked to the one before'
          ) : (
            <>
              no integrity chain (this format has none) · <a href={hrefs.verify()}>make a verified copy</a>
            </>
          )}
        </dd>
        <dt>Chain head</dt>
        <dd className="mono break" data-testid="fact-chain-head">
          {stats.chainHead ? (
            <>
              {stats.chainHead} <CopyButton text={stats.chainHead} label="Copy chain head" />
            </>
          ) : (
            <span className="muted">—</span>
          )}
        </dd>
        <dt>Access</dt>
        <dd>{info.readonly ? 'Read-only: the viewer cannot change this file.' : 'Writable'}</dd>
      </dl>
      <div className="facts-breakdown">
        <div>
          <h3>Categories</h3>
          {stats.categories.length === 0 ? (
            <p className="muted">None</p>
          ) : (
            <table className="mini-table">
              <thead>
                <tr>
                  <th>Category</th>
                  <th className="num">Streams</th>
                  <th className="num">Events</th>
                </tr>
              </thead>
              <tbody>
                {stats.categories.slice(0, 50).map((c) => (
                  <tr key={c.category}>
                    <td>
                      <a href={hrefs.streams({ category: c.category })}>
                        <SafeText text={c.category} max={60} />
                      </a>
                    </td>
                    <td className="num">{formatCount(c.streams)}</td>
                    <td className="num">{formatCount(c.events)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div>
          <h3>Event types</h3>
          {stats.types.length === 0 ? (
            <p className="muted">None</p>
          ) : (
            <table className="mini-table">
              <thead>
                <tr>
                  <th>Type</th>
                  <th className="num">Events</th>
                </tr>
              </thead>
              <tbody>
                {stats.types.slice(0, 50).map((t) => (
                  <tr key={t.type}>
                    <td>
                      <a href={hrefs.timeline({ types: [t.type] })}>
                        <SafeText text={t.type} max={60} />
                      </a>
                    </td>
                    <td className="num">{formatCount(t.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {stats.types.length > 50 && <p className="muted small">and {stats.types.length - 50} more types</p>}
        </div>
      </div>
      <div className="card-actions">
        <a className="button primary" href={hrefs.streams()} data-testid="browse-streams">
          Browse streams
        </a>
        <a className="button" href={hrefs.timeline()}>
          Open the timeline
        </a>
        <a className="button" href={hrefs.verify()} data-testid="facts-verify">
          {info.hasIntegrityChain ? 'Verify integrity' : 'Integrity: make a verified copy'}
        </a>
      </div>
    </section>
  );
}
