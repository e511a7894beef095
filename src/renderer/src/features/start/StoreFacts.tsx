// Facts of the open store: what an auditor writes at the top of a report. A database store shows
// its URL, the layout found, the tables read, what the viewer does differently there, and the rows
// it hides (counted apart) instead of a file's path and size.
import type { OpenedStore } from '../../../../shared/contract.ts';
import type { StoreLayoutFacts } from '../../../../shared/types.ts';
import { hrefs } from '../../app/routes.ts';
import { formatBytes, formatCount, formatDuration, formatTime, localTimeTitle } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { CopyButton } from '../../components/CopyButton.tsx';
import { accessText, hiddenRowsText, isDatabase, readonlyBadgeTitle } from './storeFactsText.ts';
import './storeFacts.css';

function LayoutFacts({ layout }: { layout: StoreLayoutFacts }) {
  return (
    <>
      <dt>Layout</dt>
      <dd data-testid="fact-layout">{layout.name}</dd>
      <dt>Tables read</dt>
      <dd data-testid="fact-tables">
        {layout.tables.length === 0 ? (
          <span className="muted">—</span>
        ) : (
          <ul className="fact-list fact-tables">
            {layout.tables.map((t) => (
              <li key={t} className="mono break">
                <SafeText text={t} max={200} />
              </li>
            ))}
          </ul>
        )}
      </dd>
      {layout.hiddenRows && layout.hiddenRows.length > 0 && (
        <>
          <dt>Hidden rows</dt>
          <dd data-testid="fact-hidden">
            <ul className="fact-list">
              {layout.hiddenRows.map((row) => (
                <li key={row.what} data-testid="fact-hidden-row" data-count={row.count}>
                  {hiddenRowsText(row)}
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
      {layout.timeMeaning && (
        <>
          <dt>Event time</dt>
          <dd data-testid="fact-time-meaning">{layout.timeMeaning}</dd>
        </>
      )}
      {layout.notes.length > 0 && (
        <>
          <dt>Notes</dt>
          <dd data-testid="fact-notes">
            <ul className="fact-list fact-notes">
              {layout.notes.map((note) => (
                <li key={note} data-testid="fact-note">
                  {note}
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
    </>
  );
}

export function StoreFacts({ store }: { store: OpenedStore }) {
  const { info, stats } = store;
  const database = isDatabase(info);
  const span =
    stats.firstRecordedAt && stats.lastRecordedAt ? Date.parse(stats.lastRecordedAt) - Date.parse(stats.firstRecordedAt) : null;
  return (
    <section className="card" data-testid="store-facts" aria-labelledby="facts-title">
      <header className="card-head">
        <h2 id="facts-title">Open store</h2>
        {info.readonly ? (
          <span className="badge badge-readonly" data-testid="facts-readonly" title={readonlyBadgeTitle(info)}>
            read-only
          </span>
        ) : (
          <span className="badge badge-warning">writable</span>
        )}
      </header>
      <dl className="facts">
        <dt>{database ? 'Database' : 'Path'}</dt>
        <dd className="mono break" data-testid="fact-path" data-kind={database ? 'database' : 'file'}>
          <SafeText text={info.path} /> <CopyButton text={info.path} label={database ? 'Copy database URL' : 'Copy path'} />
        </dd>
        <dt>Format</dt>
        <dd data-testid="fact-format">{info.adapter}</dd>
        {info.layout && <LayoutFacts layout={info.layout} />}
        <dt>{database ? 'Size of the tables' : 'Size'}</dt>
        <dd data-testid="fact-size">{database && info.sizeBytes === 0 ? (
            <span className="muted" title="The server reported no size: a role that may not see table sizes, or partitioned tables whose size sits in their partitions.">
              unknown
            </span>
          ) : (
            formatBytes(info.sizeBytes)
          )}</dd>
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
        {!database && (
          <>
            <dt>Schema version</dt>
            <dd data-testid="fact-schema">{stats.schemaVersion}</dd>
          </>
        )}
        <dt>{database ? 'Hash chain' : 'Integrity chain'}</dt>
        <dd data-testid="fact-integrity">
          {info.hasIntegrityChain ? (
            'yes — every event is hash-linked to the one before'
          ) : database ? (
            <>
              no hash chain (this layout has none) · <a href={hrefs.verify()}>checks and a verified copy on the Integrity screen</a>
            </>
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
        <dd data-testid="fact-access">{accessText(info)}</dd>
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
          {info.hasIntegrityChain ? 'Verify integrity' : database ? 'Integrity: checks and a verified copy' : 'Integrity: make a verified copy'}
        </a>
      </div>
    </section>
  );
}
