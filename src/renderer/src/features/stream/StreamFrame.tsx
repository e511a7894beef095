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
import { formatCount, formatTime, otherZoneTitle } from '../../lib/format.ts';
import { SafeText, visibleText } from '../../lib/safeText.tsx';
import { useApi } from '../../lib/useApi.ts';
import { ExportButton, type ExportContext } from '../export/ExportDialog.tsx';
import { ReportButton } from '../report/ReportDialog.tsx';
import { ArchivedBadge } from '../streams/ArchivedBadge.tsx';
import { differingSourceVersion, sourceVersionTitle } from '../events/sourceVersion.ts';
import { missingVersion } from './missingVersion.ts';
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
        <nav className="breadcrumbs" aria-label="Breadcrumb">
          <a href={hrefs.streams()}>Streams</a>
          <span aria-hidden="true"> / </span>
          {stream && (
            <>
              {stream.category ? (
                <a href={hrefs.streams({ category: stream.category })}>
                  <SafeText text={stream.category} max={60} />
                </a>
              ) : (
                <span className="muted">(no category)</span>
              )}
              <span aria-hidden="true"> / </span>
            </>
          )}
        </nav>
        <div className="stream-title-row">
          <h1 className="stream-title mono" title={visibleText(streamId)} data-testid="stream-title">
            <SafeText text={streamId} max={400} />
          </h1>
          <CopyButton text={streamId} label="Copy stream id" />
          {stream?.archived && <ArchivedBadge />}
          {stream && (
            <div className="stream-stats">
              <span>
                <strong>{formatCount(stream.eventCount)}</strong> events
              </span>
              <span data-testid="stream-version">
                version {formatCount(stream.version)}
                {lastSource !== null && lastEvent && (
                  <span title={sourceVersionTitle(lastEvent, store?.info.layout?.name)} data-testid="stream-source-version">
                    {' '}
                    (source {formatCount(lastSource)})
                  </span>
                )}
              </span>
              <span title={otherZoneTitle(stream.firstRecordedAt)}>from {formatTime(stream.firstRecordedAt)}</span>
              <span title={otherZoneTitle(stream.lastRecordedAt)}>to {formatTime(stream.lastRecordedAt)}</span>
            </div>
          )}
          <span className="toolbar-spacer" />
          {exportContext && <ExportButton context={exportContext} />}
          {stream && <ReportButton context={{ stream, version: v, projection }} />}
        </div>
        <nav className="tabs" aria-label="Stream views">
          <a href={hrefs.stream(streamId, v)} className={`tab${tab === 'events' ? ' active' : ''}`} aria-current={tab === 'events' ? 'page' : undefined} data-testid="tab-events">
            Events
          </a>
          <a href={hrefs.state(streamId, v, projection)} className={`tab${tab === 'state' ? ' active' : ''}`} aria-current={tab === 'state' ? 'page' : undefined} data-testid="tab-state">
            State &amp; time travel
          </a>
          <a
            href={hrefs.diff(streamId, diffFrom, diffTo, projection)}
            className={`tab${tab === 'diff' ? ' active' : ''}`}
            aria-current={tab === 'diff' ? 'page' : undefined}
            data-testid="tab-diff"
          >
            Diff
          </a>
          <a href={hrefs.whatIf(streamId, v, projection)} className={`tab${tab === 'whatif' ? ' active' : ''}`} aria-current={tab === 'whatif' ? 'page' : undefined} data-testid="tab-whatif">
            What-if
          </a>
          <a href={hrefs.drift(streamId, v, projection)} className={`tab${tab === 'drift' ? ' active' : ''}`} aria-current={tab === 'drift' ? 'page' : undefined} data-testid="tab-drift">
            Drift
          </a>
        </nav>
      </div>
      <div className="stream-body">
        {summary.error && !stream ? (
          <ErrorView error={summary.error} onRetry={summary.reload} testId="stream-error">
            <a href={hrefs.streams()}>Back to the streams</a>
          </ErrorView>
        ) : !stream ? (
          <Loading label="Loading stream…" />
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
              <EmptyState title="No such version" testId="version-missing">
                <span data-testid="version-missing-message">{missing.message}</span>{' '}
                <a href={last} data-testid="version-missing-last">
                  Show the last version (v{formatCount(missing.last)})
                </a>
              </EmptyState>
            );
          })()
        )}
      </div>
    </div>
  );
}
