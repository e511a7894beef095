// Facts of the open store: what an auditor writes at the top of a report. A database store shows
// its URL, the layout found, the tables read, what the viewer does differently there, and the rows
// it hides (counted apart) instead of a file's path and size.
import { Message } from '../../i18n/Message.tsx';
import { useT } from '../../i18n/index.ts';
import type { OpenedStore } from '../../../../shared/contract.ts';
import type { StoreLayoutFacts } from '../../../../shared/types.ts';
import { hrefs } from '../../app/routes.ts';
import { formatBytes, formatCount, formatDuration, formatTime, otherZoneTitle } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { CopyButton } from '../../components/CopyButton.tsx';
import { accessText, hiddenRowsText, isDatabase, readonlyBadgeTitle } from './storeFactsText.ts';
import './storeFacts.css';

function LayoutFacts({ layout }: { layout: StoreLayoutFacts }) {
  const t = useT();
  return (
    <>
      <dt>{t('facts.layout')}</dt>
      <dd data-testid="fact-layout">{layout.name}</dd>
      <dt>{t('facts.tables')}</dt>
      <dd data-testid="fact-tables">
        {layout.tables.length === 0 ? (
          <span className="muted">—</span>
        ) : (
          <ul className="fact-list fact-tables">
            {layout.tables.map((table) => (
              <li key={table} className="mono break">
                <SafeText text={table} max={200} />
              </li>
            ))}
          </ul>
        )}
      </dd>
      {layout.hiddenRows && layout.hiddenRows.length > 0 && (
        <>
          <dt>{t('facts.hiddenRows')}</dt>
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
          <dt>{t('facts.eventTime')}</dt>
          <dd data-testid="fact-time-meaning">{layout.timeMeaning}</dd>
        </>
      )}
      {layout.notes.length > 0 && (
        <>
          <dt>{t('facts.notes')}</dt>
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
  const t = useT();
  const { info, stats } = store;
  const database = isDatabase(info);
  const span =
    stats.firstRecordedAt && stats.lastRecordedAt ? Date.parse(stats.lastRecordedAt) - Date.parse(stats.firstRecordedAt) : null;
  return (
    <section className="card" data-testid="store-facts" aria-labelledby="facts-title">
      <header className="card-head">
        <h2 id="facts-title">{t('facts.title')}</h2>
        {info.readonly ? (
          <span className="badge badge-readonly" data-testid="facts-readonly" title={readonlyBadgeTitle(info)}>
            {t('facts.readOnly')}
          </span>
        ) : (
          <span className="badge badge-warning">{t('facts.writable')}</span>
        )}
      </header>
      <dl className="facts">
        <dt>{database ? t('facts.database') : t('facts.path')}</dt>
        <dd className="mono break" data-testid="fact-path" data-kind={database ? 'database' : 'file'}>
          <SafeText text={info.path} /> <CopyButton text={info.path} label={database ? t('facts.copyUrl') : t('facts.copyPath')} />
        </dd>
        <dt>{t('chainless.format')}</dt>
        <dd data-testid="fact-format">{info.adapter}</dd>
        {info.layout && <LayoutFacts layout={info.layout} />}
        <dt>{database ? t('facts.tableSize') : t('facts.size')}</dt>
        <dd data-testid="fact-size">{database && info.sizeBytes === 0 ? (
            <span className="muted" title={t('facts.unknownSize.title')}>
              {t('facts.unknownSize')}
            </span>
          ) : (
            formatBytes(info.sizeBytes)
          )}</dd>
        <dt>{t('streams.col.events')}</dt>
        <dd data-testid="fact-events">{formatCount(stats.events)}</dd>
        <dt>{t('chainless.streams')}</dt>
        <dd data-testid="fact-streams">{formatCount(stats.streams)}</dd>
        <dt>{t('facts.timeRange')}</dt>
        <dd data-testid="fact-time-range">
          {stats.firstRecordedAt ? (
            <>
              <span title={otherZoneTitle(stats.firstRecordedAt)}>{formatTime(stats.firstRecordedAt)}</span> →{' '}
              <span title={otherZoneTitle(stats.lastRecordedAt)}>{formatTime(stats.lastRecordedAt)}</span>
              {span !== null && <span className="muted"> ({formatDuration(span)})</span>}
            </>
          ) : (
            <span className="muted">{t('facts.noEvents')}</span>
          )}
        </dd>
        <dt>{t('verify.positions')}</dt>
        <dd>{stats.firstPosition === null ? '—' : `${formatCount(stats.firstPosition)} … ${formatCount(stats.lastPosition ?? 0)}`}</dd>
        {!database && (
          <>
            <dt>{t('facts.schema')}</dt>
            <dd data-testid="fact-schema">{stats.schemaVersion}</dd>
          </>
        )}
        <dt>{database ? t('facts.hashChain') : t('facts.integrityChain')}</dt>
        <dd data-testid="fact-integrity">
          {info.hasIntegrityChain ? (
            t('facts.chain.yes')
          ) : database ? (
            <>
              <Message k="facts.chain.noDatabase" components={{ verify: <a href={hrefs.verify()} /> }} />
            </>
          ) : (
            <>
              <Message k="facts.chain.noFile" components={{ verify: <a href={hrefs.verify()} /> }} />
            </>
          )}
        </dd>
        <dt>{t('verify.chainHead')}</dt>
        <dd className="mono break" data-testid="fact-chain-head">
          {stats.chainHead ? (
            <>
              {stats.chainHead} <CopyButton text={stats.chainHead} label={t('verify.copyHead')} />
            </>
          ) : (
            <span className="muted">—</span>
          )}
        </dd>
        <dt>{t('facts.access')}</dt>
        <dd data-testid="fact-access">{accessText(info)}</dd>
      </dl>
      <div className="facts-breakdown">
        <div>
          <h3>{t('facts.categories')}</h3>
          {stats.categories.length === 0 ? (
            <p className="muted">{t('facts.none')}</p>
          ) : (
            <table className="mini-table">
              <thead>
                <tr>
                  <th>{t('streams.col.category')}</th>
                  <th className="num">{t('chainless.streams')}</th>
                  <th className="num">{t('streams.col.events')}</th>
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
          <h3>{t('types.label')}</h3>
          {stats.types.length === 0 ? (
            <p className="muted">{t('facts.none')}</p>
          ) : (
            <table className="mini-table">
              <thead>
                <tr>
                  <th>{t('timeline.col.type')}</th>
                  <th className="num">{t('streams.col.events')}</th>
                </tr>
              </thead>
              <tbody>
                {stats.types.slice(0, 50).map((c) => (
                  <tr key={c.type}>
                    <td>
                      <a href={hrefs.timeline({ types: [c.type] })}>
                        <SafeText text={c.type} max={60} />
                      </a>
                    </td>
                    <td className="num">{formatCount(c.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {stats.types.length > 50 && <p className="muted small">{t('facts.moreTypes', { count: stats.types.length - 50 })}</p>}
        </div>
      </div>
      <div className="card-actions">
        <a className="button primary" href={hrefs.streams()} data-testid="browse-streams">
          {t('facts.browse')}
        </a>
        <a className="button" href={hrefs.timeline()}>
          {t('facts.timeline')}
        </a>
        <a className="button" href={hrefs.verify()} data-testid="facts-verify">
          {info.hasIntegrityChain ? t('verify.run') : database ? t('facts.verify.database') : t('facts.verify.file')}
        </a>
      </div>
    </section>
  );
}
