// Diff: what changed in a stream's state between two versions (or two instants), each change
// coloured and linked to the event that made it, next to the events in between. The pair of versions
// is in the URL: #/diff/<id>/<a>..<b>.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { ChangeKind } from '../../../../shared/replay.ts';
import type { ErrorInfo } from '../../../../shared/result.ts';
import type { StreamSummary } from '../../../../shared/types.ts';
import { api } from '../../api.ts';
import { hrefs, navigate } from '../../app/routes.ts';
import { EmptyState, ErrorView, Loading } from '../../components/StatusViews.tsx';
import { ErrorBoundary } from '../../ErrorBoundary.tsx';
import { formatCount, formatTime } from '../../lib/format.ts';
import { useApi } from '../../lib/useApi.ts';
import { ExportButton } from '../export/ExportDialog.tsx';
import { SnapshotGate } from '../state/SnapshotGate.tsx';
import { StreamFrame } from '../stream/StreamFrame.tsx';
import { ChangeList, RevertedList } from './ChangeList.tsx';
import { EventsBetween } from './EventsBetween.tsx';
import { useStore } from '../../app/StoreContext.tsx';
import { InterruptedBanner } from '../projections/InterruptedBanner.tsx';
import { ProjectionPicker } from '../state/ProjectionPicker.tsx';
import './diff.css';

type Mode = 'versions' | 'times';

function DiffPicker({ stream, from, to, projection, active }: { stream: StreamSummary; from: number; to: number; projection: string | null; active: string | null }) {
  const max = stream.version;
  const [mode, setMode] = useState<Mode>('versions');
  const [a, setA] = useState(String(from));
  const [b, setB] = useState(String(to));
  const [ta, setTa] = useState('');
  const [tb, setTb] = useState('');
  const [error, setError] = useState<ErrorInfo | null>(null);
  useEffect(() => {
    setA(String(from));
    setB(String(to));
  }, [from, to]);

  const go = (x: number, y: number) => {
    setError(null);
    navigate(hrefs.diff(stream.streamId, Math.min(x, y), Math.max(x, y), projection));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (mode === 'versions') {
      const valid = (t: string) => /^\d+$/.test(t.trim()) && Number(t) <= max;
      if (!valid(a) || !valid(b)) {
        setError({ code: 'INVALID_INPUT', message: `Versions go from 0 (the initial state) to ${formatCount(max)}.` });
        return;
      }
      go(Number(a), Number(b));
      return;
    }
    if (!ta.trim() || !tb.trim()) {
      setError({ code: 'INVALID_INPUT', message: 'Enter both times (ISO-8601, e.g. 2026-04-15T00:25:00Z).' });
      return;
    }
    const [ra, rb] = await Promise.all([api.stateAt({ streamId: stream.streamId, time: ta.trim() }), api.stateAt({ streamId: stream.streamId, time: tb.trim() })]);
    if (!ra.ok) return setError(ra.error);
    if (!rb.ok) return setError(rb.error);
    go(ra.value.version, rb.value.version);
  };

  return (
    <form className="diff-picker" onSubmit={(e) => void submit(e)} data-testid="diff-picker">
      <div className="segmented" role="group" aria-label="Compare by">
        <button type="button" aria-pressed={mode === 'versions'} onClick={() => setMode('versions')} data-testid="diff-mode-versions">
          Versions
        </button>
        <button type="button" aria-pressed={mode === 'times'} onClick={() => setMode('times')} data-testid="diff-mode-times">
          Times
        </button>
      </div>
      {mode === 'versions' ? (
        <>
          <label>
            from v
            <input type="text" inputMode="numeric" value={a} onChange={(e) => setA(e.target.value)} data-search data-testid="diff-from" />
          </label>
          <button type="button" className="icon-button" onClick={() => (setA(b), setB(a))} aria-label="Swap versions" title="Swap">
            ⇄
          </button>
          <label>
            to v
            <input type="text" inputMode="numeric" value={b} onChange={(e) => setB(e.target.value)} data-testid="diff-to" />
          </label>
          <span className="muted small">0 = initial state · latest is {formatCount(max)}</span>
        </>
      ) : (
        <>
          <label>
            from
            <input type="text" className="mono" placeholder="2026-04-15T00:00:00Z" value={ta} onChange={(e) => setTa(e.target.value)} data-search data-testid="diff-from-time" />
          </label>
          <label>
            to
            <input type="text" className="mono" placeholder="2026-04-18T00:00:00Z" value={tb} onChange={(e) => setTb(e.target.value)} data-testid="diff-to-time" />
          </label>
          <span className="muted small">each time picks the last version recorded at or before it (UTC)</span>
        </>
      )}
      <button type="submit" className="primary" data-testid="diff-compare">
        Compare
      </button>
      <span className="toolbar-spacer" />
      <ProjectionPicker value={projection} active={active} onChange={(name) => navigate(hrefs.diff(stream.streamId, from, to, name))} />
      {error && (
        <span className="field-error" role="alert" data-testid="diff-picker-error">
          {error.message}
        </span>
      )}
    </form>
  );
}

const KINDS: ChangeKind[] = ['added', 'removed', 'changed'];

function DiffView({ stream, from, to, projection }: { stream: StreamSummary; from: number; to: number; projection: string | null }) {
  // A saved projection file (hot reload) compares again in place.
  const { projectionsKey } = useStore();
  const diff = useApi(() => api.diff({ streamId: stream.streamId, from, to, ...(projection ? { projection } : {}) }), [stream.streamId, from, to, projection, projectionsKey]);
  const [kinds, setKinds] = useState<Set<ChangeKind>>(new Set(KINDS));
  const [pathFilter, setPathFilter] = useState('');
  const counts = useMemo(() => {
    const c: Record<ChangeKind, number> = { added: 0, removed: 0, changed: 0 };
    for (const change of diff.value?.changes ?? []) c[change.kind]++;
    return c;
  }, [diff.value]);
  const shown = useMemo(() => {
    const needle = pathFilter.trim().toLowerCase();
    return (diff.value?.changes ?? []).filter((c) => kinds.has(c.kind) && (!needle || c.path.toLowerCase().includes(needle)));
  }, [diff.value, kinds, pathFilter]);

  const toggle = (kind: ChangeKind) =>
    setKinds((current) => {
      const next = new Set(current);
      if (next.has(kind)) next.delete(kind);
      else next.add(kind);
      return next.size === 0 ? new Set(KINDS) : next;
    });

  return (
    <div className="diff-view" data-testid="diff-view" data-from={from} data-to={to}>
      <DiffPicker stream={stream} from={from} to={to} projection={projection} active={diff.value?.projection.name ?? null} />
      {diff.error ? (
        <ErrorView error={diff.error} onRetry={diff.reload} />
      ) : !diff.value ? (
        <Loading label="Comparing…" />
      ) : (
        <div className="split split-diff">
          <div className="split-main diff-main">
            {diff.value.interrupted && <InterruptedBanner streamId={stream.streamId} interrupted={diff.value.interrupted} what="The diff" />}
            <div className="diff-summary" data-testid="diff-summary">
              <h2>
                v{formatCount(diff.value.from.version)} → v{formatCount(diff.value.to.version)}
              </h2>
              <span className="muted">
                {formatTime(diff.value.from.recordedAt)} → {formatTime(diff.value.to.recordedAt)} · {formatCount(diff.value.eventCount)} event
                {diff.value.eventCount === 1 ? '' : 's'} · {formatCount(diff.value.totalChanges)} change{diff.value.totalChanges === 1 ? '' : 's'}
              </span>
              <span className="toolbar-spacer" />
              <ExportButton
                context={{ kind: 'stream', stream, diff: { from, to }, version: to, initial: 'diff', projection }}
                label="Export diff…"
                testId="diff-export"
              />
            </div>
            <div className="toolbar toolbar-tight">
              {KINDS.map((kind) => (
                <button
                  key={kind}
                  type="button"
                  className={`chip chip-${kind}`}
                  aria-pressed={kinds.has(kind)}
                  onClick={() => toggle(kind)}
                  data-testid={`diff-filter-${kind}`}
                >
                  {kind} {formatCount(counts[kind])}
                </button>
              ))}
              <input
                type="search"
                placeholder="Filter paths…"
                aria-label="Filter changed paths"
                value={pathFilter}
                onChange={(e) => setPathFilter(e.target.value)}
                className="path-filter"
              />
            </div>
            {diff.value.truncated && (
              <p className="status status-empty small">
                Showing the first {formatCount(diff.value.changes.length)} of {formatCount(diff.value.totalChanges)} changes. The exported diff has up to 100,000.
              </p>
            )}
            <ErrorBoundary what="the change list" resetKey={`${from}..${to}`}>
              {diff.value.changes.length === 0 ? (
                <EmptyState title="No changes" testId="diff-no-changes">
                  The state is the same at v{formatCount(from)} and v{formatCount(to)}
                  {to > from ? (diff.value.reverted.length > 0 ? ' (the events in between changed the paths below and changed them back).' : ' (the events in between did not touch the state).') : '.'}
                </EmptyState>
              ) : shown.length === 0 ? (
                <EmptyState title="No change matches the filter" />
              ) : (
                <ChangeList changes={shown} streamId={stream.streamId} source={{ walked: diff.value.historyWalked, from, to, projection }} />
              )}
              <RevertedList entries={diff.value.reverted} streamId={stream.streamId} />
              {!diff.value.historyWalked && (
                <p className="muted small" data-testid="diff-history-deferred">
                  This range has {formatCount(diff.value.eventCount)} events: each change’s history is replayed when you open it, and paths that changed and changed back
                  are not listed. Compare a shorter range (up to 5,000 events) to see them, or run <code>ledger diff</code>.
                </p>
              )}
            </ErrorBoundary>
          </div>
          <aside className="split-side diff-side" aria-label="Events in between">
            <h3>
              Events in between <span className="muted">(v{formatCount(from + 1)}…v{formatCount(to)})</span>
            </h3>
            <ErrorBoundary what="the events list" compact>
              <EventsBetween streamId={stream.streamId} from={from} to={to} />
            </ErrorBoundary>
          </aside>
        </div>
      )}
    </div>
  );
}

export function DiffScreen({ streamId, from, to, projection }: { streamId: string; from: number | null; to: number | null; projection: string | null }) {
  return (
    <StreamFrame
      streamId={streamId}
      tab="diff"
      version={to}
      diff={from !== null && to !== null ? { from: Math.min(from, to), to: Math.max(from, to) } : null}
      projection={projection}
    >
      {(stream) => {
        const a = from === null || to === null ? 0 : Math.min(from, to, stream.version);
        const b = from === null || to === null ? stream.version : Math.min(Math.max(from, to), stream.version);
        return (
          <SnapshotGate stream={stream} projection={projection}>
            <DiffView stream={stream} from={a} to={b} projection={projection} />
          </SnapshotGate>
        );
      }}
    </StreamFrame>
  );
}
