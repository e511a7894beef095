// The frame shared by a stream's three views (events, state, diff): which stream, its size and time
// span, tabs that keep the version you are looking at, and export. The stream summary is loaded
// once here and handed to the view.
import type { ReactNode } from 'react';
import type { StreamSummary } from '../../../../shared/types.ts';
import { api } from '../../api.ts';
import { hrefs } from '../../app/routes.ts';
import { useStore } from '../../app/StoreContext.tsx';
import { CopyButton } from '../../components/CopyButton.tsx';
import { EmptyState, ErrorView, Loading } from '../../components/StatusViews.tsx';
import { formatTime, otherZoneTitle } from '../../lib/format.ts';
import { SafeText, visibleText } from '../../lib/safeText.tsx';
import { useApi } from '../../lib/useApi.ts';
import { ExportButton, type ExportContext } from '../export/ExportDialog.tsx';
import { ReportButton } from '../report/ReportDialog.tsx';
import { ArchivedBadge } from '../streams/ArchivedBadge.tsx';
import { differingSourceVersion, sourceVersionTitle } from '../events/sourceVersion.ts';
import { missingVersion } from './missingVersion.ts';
import { useT } from '../../i18n/index.ts';
import { Message } from '../../i18n/Message.tsx';
import './stream.css';

export type StreamTab = 'events' | 'state' | 'diff' | 'whatif' | 'drift';

export interface StreamFrameProps {
  streamId: string;
  tab: StreamTab;
  /** The version in view, carried over when switching tabs. */
  version: number | null;
  diff?: { from: number; to: number } | null;
  /** The projection chosen on the state or diff tab (null: the engine's choice). */
  projection?: string | null;
  children: (stream: StreamSummary) => ReactNode;
}

export function StreamFrame({ streamId, tab, version, diff, projection = null, children }: StreamFrameProps) {
  const t = useT();
  // Live tail: read the summary again when events were appended (the views grow with it).
  const { tail, store } = useStore();
  const summary = useApi(() => api.getStream({ streamId }), [streamId, tail], { keepPrevious: true });
  const stream = summary.value;
  // A database layout may number versions its own way (Message DB from 0): the last event tells the
  // source's number for the stream's version. One indexed read, and only for database stores.
  const lastVersion = stream?.version ?? 0;
  const database = store?.info.kind === 'postgres';
  const last = useApi(
    database && lastVersion > 0 ? () => api.readStream({ streamId, fromVersion: lastVersion, toVersion: lastVersion, limit: 1 }) : null,
    [streamId, lastVersion, database],
  );
  const lastEvent = last.value?.items[0];
  const lastSource = lastEvent && lastEvent.version === lastVersion ? differingSourceVersion(lastEvent) : null;
  const v = version ?? stream?.version ?? null;
  const diffTo = diff?.to ?? v;
  const diffFrom = diff?.from ?? (diffTo !== null ? Math.max(0, diffTo - 1) : null);
  const exportContext: ExportContext | null = stream
    ? { kind: 'stream', stream, version: v, diff: diffFrom !== null && diffTo !== null ? { from: diffFrom, to: diffTo } : null, initial: tab === 'state' ? 'state' : tab === 'diff' ? 'diff' : 'events', projection }
    : null;

  return (
    <div className="screen stream-screen" data-testid="stream-frame" data-stream-id={streamId}>
      <div className="stream-head">
        <nav className="breadcrumbs" aria-label={t('stream.breadcrumb')}>
          <a href={hrefs.streams()}>{t('stream.crumb.streams')}</a>
          <span aria-hidden="true"> / </span>
          {stream && (
            <>
              {stream.category ? (
                <a href={hrefs.streams({ category: stream.category })}>
                  <SafeText text={stream.category} max={60} />
                </a>
              ) : (
                <span className="muted">{t('stream.noCategory')}</span>
              )}
              <span aria-hidden="true"> / </span>
            </>
          )}
        </nav>
        <div className="stream-title-row">
          <h1 className="stream-title mono" title={visibleText(streamId)} data-testid="stream-title">
            <SafeText text={streamId} max={400} />
          </h1>
          <CopyButton text={streamId} label={t('stream.copyId')} />
          {stream?.archived && <ArchivedBadge />}
          {stream && (
            <div className="stream-stats">
              <span>
                <Message k="stream.stats.events" values={{ count: stream.eventCount }} components={{ strong: <strong /> }} />
              </span>
              <span data-testid="stream-version">
                {t('stream.stats.version', { version: stream.version })}
                {lastSource !== null && lastEvent && (
                  <span title={sourceVersionTitle(lastEvent, store?.info.layout?.name)} data-testid="stream-source-version">
                    {' '}
                    {t('sourceVersion.source', { source: lastSource })}
                  </span>
                )}
              </span>
              <span title={otherZoneTitle(stream.firstRecordedAt)}>{t('stream.stats.from', { time: formatTime(stream.firstRecordedAt) })}</span>
              <span title={otherZoneTitle(stream.lastRecordedAt)}>{t('stream.stats.to', { time: formatTime(stream.lastRecordedAt) })}</span>
            </div>
          )}
          <span className="toolbar-spacer" />
          {exportContext && <ExportButton context={exportContext} />}
          {stream && <ReportButton context={{ stream, version: v, projection }} />}
        </div>
        <nav className="tabs" aria-label={t('stream.tabs')}>
          <a href={hrefs.stream(streamId, v)} className={`tab${tab === 'events' ? ' active' : ''}`} aria-current={tab === 'events' ? 'page' : undefined} data-testid="tab-events">
            {t('stream.tab.events')}
          </a>
          <a href={hrefs.state(streamId, v, projection)} className={`tab${tab === 'state' ? ' active' : ''}`} aria-current={tab === 'state' ? 'page' : undefined} data-testid="tab-state">
            {t('stream.tab.state')}
          </a>
          <a
            href={hrefs.diff(streamId, diffFrom, diffTo, projection)}
            className={`tab${tab === 'diff' ? ' active' : ''}`}
            aria-current={tab === 'diff' ? 'page' : undefined}
            data-testid="tab-diff"
          >
            {t('stream.tab.diff')}
          </a>
          <a href={hrefs.whatIf(streamId, v, projection)} className={`tab${tab === 'whatif' ? ' active' : ''}`} aria-current={tab === 'whatif' ? 'page' : undefined} data-testid="tab-whatif">
            {t('stream.tab.whatif')}
          </a>
          <a href={hrefs.drift(streamId, v, projection)} className={`tab${tab === 'drift' ? ' active' : ''}`} aria-current={tab === 'drift' ? 'page' : undefined} data-testid="tab-drift">
            {t('stream.tab.drift')}
          </a>
        </nav>
      </div>
      <div className="stream-body">
        {summary.error && !stream ? (
          <ErrorView error={summary.error} onRetry={summary.reload} testId="stream-error">
            <a href={hrefs.streams()}>{t('stream.back')}</a>
          </ErrorView>
        ) : !stream ? (
          <Loading label={t('stream.loading')} />
        ) : (
          (() => {
            const missing = missingVersion(stream, [version, diff?.from, diff?.to]);
            if (!missing) return children(stream);
            const last =
              tab === 'events'
                ? hrefs.stream(streamId, missing.last)
                : tab === 'state'
                  ? hrefs.state(streamId, missing.last, projection)
                  : tab === 'whatif'
                    ? hrefs.whatIf(streamId, missing.last, projection)
                    : tab === 'drift'
                      ? hrefs.drift(streamId, missing.last, projection)
                      : hrefs.diff(streamId, Math.min(diff?.from ?? 0, missing.last), missing.last, projection);
            return (
              <EmptyState title={t('stream.missing.title')} testId="version-missing">
                <span data-testid="version-missing-message">{missing.message}</span>{' '}
                <a href={last} data-testid="version-missing-last">
                  {t('stream.missing.showLast', { version: missing.last })}
                </a>
              </EmptyState>
            );
          })()
        )}
      </div>
    </div>
  );
}
