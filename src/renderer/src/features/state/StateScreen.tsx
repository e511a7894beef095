// State & time travel: the state of a stream after any version, with blame on every field. The
// slider moves freely; the fold is requested once the slider rests (debounced), older answers are
// dropped, and the previous state stays on screen meanwhile so scrubbing does not flicker.
import { useEffect, useMemo, useState } from 'react';
import type { PathSegment } from '../../../../shared/replay.ts';
import type { StreamSummary } from '../../../../shared/types.ts';
import { api } from '../../api.ts';
import { isTypingTarget } from '../../app/keyboard.ts';
import { hrefs, navigate } from '../../app/routes.ts';
import { ErrorView, Loading } from '../../components/StatusViews.tsx';
import { JsonTree } from '../../components/JsonTree.tsx';
import { actorOf, formatCount, formatTime, otherZoneTitle } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { useApi, useDebounced } from '../../lib/useApi.ts';
import { ErrorBoundary } from '../../ErrorBoundary.tsx';
import { StreamFrame } from '../stream/StreamFrame.tsx';
import { useStore } from '../../app/StoreContext.tsx';
import { affectedVersions } from '../verify/affectedEvents.ts';
import { BlameTreeView } from './BlameTreeView.tsx';
import { FieldHistoryPanel } from './FieldHistoryPanel.tsx';
import { buildBlameTree } from './blameTree.ts';
import { ProjectionPicker } from './ProjectionPicker.tsx';
import { SnapshotGate } from './SnapshotGate.tsx';
import { VersionScrubber } from './VersionScrubber.tsx';
import { InterruptedBanner } from '../projections/InterruptedBanner.tsx';
import { ProjectionOriginBadge } from '../projections/ProjectionOriginBadge.tsx';
import './state.css';
import { notesOnState, useCaseNotes } from '../notes/useCaseNotes.ts';
import { NoteMark } from '../notes/NoteMark.tsx';
import { TargetNotes } from '../notes/TargetNotes.tsx';
import { useT } from '../../i18n/index.ts';
import { Message } from '../../i18n/Message.tsx';

function EventAtVersion({ streamId, version, projection }: { streamId: string; version: number; projection: string | null }) {
  const t = useT();
  const event = useApi(() => (version > 0 ? api.readStream({ streamId, fromVersion: version, limit: 1 }) : Promise.resolve({ ok: true as const, value: { items: [], next: null } })), [streamId, version], {
    keepPrevious: true,
  });
  if (version === 0) return <span className="muted">{t('state.initial')}</span>;
  const e = event.value?.items[0];
  if (!e || e.version !== version) return <span className="muted">…</span>;
  const actor = actorOf(e.metadata);
  return (
    <span className="state-event" data-testid="state-event">
      <Message
        k={actor ? 'state.afterBy' : 'state.after'}
        values={{ time: formatTime(e.recordedAt) }}
        components={{
          event: (
            <a href={hrefs.stream(streamId, version)} className="type-name">
              {t('common.v', { version })} <SafeText text={e.type} max={80} />
            </a>
          ),
          diff: <a href={hrefs.diff(streamId, version - 1, version, projection)} data-testid="state-diff-link" />,
          at: <span title={otherZoneTitle(e.recordedAt)} />,
          actor: <SafeText text={actor ?? ''} max={80} />,
        }}
      />
    </span>
  );
}

function StateView({ stream, routeVersion, projection }: { stream: StreamSummary; routeVersion: number | null; projection: string | null }) {
  const t = useT();
  const max = stream.version;
  const initial = routeVersion === null ? max : Math.min(max, routeVersion);
  const [version, setVersion] = useState(initial);
  const [view, setView] = useState<'blame' | 'json'>('blame');
  const [field, setField] = useState<PathSegment[] | null>(null);
  const settled = useDebounced(version, 120);

  // A link or back/forward changed the version in the URL.
  useEffect(() => {
    if (routeVersion !== null && routeVersion !== settled) setVersion(Math.min(max, routeVersion));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [routeVersion]);
  // The settled version goes into the URL (replace: scrubbing makes no history entries).
  useEffect(() => {
    if (settled !== routeVersion) navigate(hrefs.state(stream.streamId, settled, projection), { replace: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled]);

  // [ and ] step through versions from anywhere on the screen.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target) || document.querySelector('dialog[open]')) return;
      if (event.key === '[') setVersion((v) => Math.max(0, v - 1));
      else if (event.key === ']') setVersion((v) => Math.min(max, v + 1));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [max]);

  // A saved projection file (hot reload) asks again in place: same version, same view.
  const { integrity, projectionsKey, store } = useStore();
  // Marten's is_skipped: such events replay as skipped, as Marten's own projections leave them out,
  // unless the auditor asks to see the state with them.
  const marksSkipped = store?.info.layout?.marksSkippedEvents === true;
  const [includeSkipped, setIncludeSkipped] = useState(false);
  const chosen = { ...(projection ? { projection } : {}), ...(includeSkipped ? { includeSkipped: true } : {}) };
  const state = useApi(() => api.stateAt({ streamId: stream.streamId, version: settled, ...chosen }), [stream.streamId, settled, projection, projectionsKey, includeSkipped], { keepPrevious: true });
  const blame = useApi(() => api.blame({ streamId: stream.streamId, version: settled, ...chosen }), [stream.streamId, settled, projection, projectionsKey, includeSkipped], { keepPrevious: true });
  const tree = useMemo(() => (blame.value ? buildBlameTree(blame.value.entries) : null), [blame.value]);
  const shownVersion = blame.value?.version ?? state.value?.version ?? settled;
  // An interrupted fold answers with the last good version, below the one asked for: that answer is
  // not stale, only earlier than asked.
  const interrupted = state.value?.interrupted ?? blame.value?.interrupted ?? null;
  const stale = version !== settled || state.loading || blame.loading || (version !== shownVersion && !interrupted);
  const affected = affectedVersions(integrity, stream.streamId, shownVersion);
  const stateNotes = notesOnState(useCaseNotes().notes, stream.streamId, shownVersion);

  return (
    <div className="state-view" data-testid="state-view">
      <VersionScrubber streamId={stream.streamId} version={version} max={max} onChange={setVersion} autoFocus exampleTime={stream.lastRecordedAt} />
      {affected.length > 0 && (
        <p className="integrity-banner" role="alert" data-testid="state-affected">
          <Message
            k="state.affected"
            values={{ more: affected.length > 20 ? t('state.affected.more', { count: affected.length - 20 }) : '' }}
            components={{
              list: (
                <>
                  {affected.slice(0, 20).map((v, i) => (
                    <span key={v}>
                      {i > 0 ? t('filters.listSeparator') : ''}
                      <a href={hrefs.stream(stream.streamId, v)}>{t('common.v', { version: v })}</a>
                    </span>
                  ))}
                </>
              ),
              findings: <a href={hrefs.verify()} />,
            }}
          />
        </p>
      )}
      <div className="state-summary">
        <h2 data-testid="state-heading">
          <Message k="state.heading" values={{ max }} components={{ version: <span data-testid="state-version">{formatCount(shownVersion)}</span> }} />
          <NoteMark notes={stateNotes} />
        </h2>
        <EventAtVersion streamId={stream.streamId} version={shownVersion} projection={projection} />
        {stale && <span className="spinner spinner-small" aria-label={t('state.updating')} data-testid="state-updating" />}
        <span className="toolbar-spacer" />
        <ProjectionPicker value={projection} active={state.value?.projection.name ?? null} onChange={(name) => navigate(hrefs.state(stream.streamId, version, name))} />
        {state.value && <ProjectionOriginBadge projection={state.value.projection} />}
        {state.value && state.value.startedFrom > 0 && <span className="muted small">{t('state.fromSnapshot', { version: state.value.startedFrom })}</span>}
        {marksSkipped && (
          <label className="small" title={t('state.includeSkipped.title')}>
            <input type="checkbox" checked={includeSkipped} onChange={(event) => setIncludeSkipped(event.target.checked)} data-testid="state-include-skipped" /> {t('state.includeSkipped')}
          </label>
        )}
        <div className="segmented" role="group" aria-label={t('state.view')}>
          <button type="button" aria-pressed={view === 'blame'} onClick={() => setView('blame')} data-testid="state-view-blame">
            {t('state.view.blame')}
          </button>
          <button type="button" aria-pressed={view === 'json'} onClick={() => setView('json')} data-testid="state-view-json">
            {t('state.view.json')}
          </button>
        </div>
      </div>
      {interrupted && <InterruptedBanner streamId={stream.streamId} interrupted={interrupted} />}
      {state.value && state.value.warningCount > 0 && (
        <details className="warnings" data-testid="state-warnings">
          <summary>
            {t('state.warnings', { count: state.value.warningCount })}
          </summary>
          <ul>
            {state.value.warnings.map((w) => (
              <li key={w.position}>
                <a href={hrefs.stream(stream.streamId, w.version)}>
                  {t('common.v', { version: w.version })} <SafeText text={w.type} max={80} />
                </a>
                : <SafeText text={w.message} max={300} />
              </li>
            ))}
          </ul>
        </details>
      )}
      <TargetNotes target={{ kind: 'state', streamId: stream.streamId, version: shownVersion, ...(projection ? { projection } : {}) }} notes={stateNotes} what={t('state.notesWhat', { version: shownVersion })} />
      <div className={`state-body${stale ? ' is-stale' : ''}`}>
        <ErrorBoundary what={t('state.theTree')} resetKey={String(shownVersion)}>
          {view === 'blame' ? (
            blame.error ? (
              <ErrorView error={blame.error} onRetry={blame.reload} />
            ) : !tree || !blame.value ? (
              <Loading label={t('state.replaying', { count: settled })} />
            ) : (
              <>
                {blame.value.truncated && (
                  <p className="status status-empty small">{t('state.truncated', { n: blame.value.entries.length })}</p>
                )}
                <BlameTreeView root={tree} streamId={stream.streamId} version={shownVersion} onPickField={setField} units={blame.value.projection.units} />
                <p className="muted small legend">
                  <Message k="state.legend" components={{ changed: <span className="legend-changed" /> }} />
                </p>
              </>
            )
          ) : state.error ? (
            <ErrorView error={state.error} onRetry={state.reload} />
          ) : !state.value ? (
            <Loading />
          ) : (
            <JsonTree value={state.value.state} openDepth={3} testId="state-json" units={state.value.projection.units} />
          )}
        </ErrorBoundary>
      </div>
      {field && (
        <ErrorBoundary what={t('state.theFieldHistory')} compact>
          <FieldHistoryPanel streamId={stream.streamId} segments={field} projection={projection} onClose={() => setField(null)} />
        </ErrorBoundary>
      )}
    </div>
  );
}

export function StateScreen({ streamId, version, projection }: { streamId: string; version: number | null; projection: string | null }) {
  return (
    <StreamFrame streamId={streamId} tab="state" version={version} projection={projection}>
      {(stream) => (
        <SnapshotGate stream={stream} projection={projection}>
          <StateView key={projection ?? ''} stream={stream} routeVersion={version} projection={projection} />
        </SnapshotGate>
      )}
    </StreamFrame>
  );
}
