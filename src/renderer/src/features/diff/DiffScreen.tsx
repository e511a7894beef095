// Diff: what changed in a stream's state between two versions (or two instants), each change
// coloured and linked to the event that made it, next to the events in between. The pair of versions
// is in the URL: #/diff/<id>/<a>..<b>.
import { useT } from '../../i18n/index.ts';
import { Message } from '../../i18n/Message.tsx';
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
  const t = useT();
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
      const valid = (text: string) => /^\d+$/.test(text.trim()) && Number(text) <= max;
      if (!valid(a) || !valid(b)) {
        setError({ code: 'INVALID_INPUT', message: t('diff.picker.range', { max }) });
        return;
      }
      go(Number(a), Number(b));
      return;
    }
    if (!ta.trim() || !tb.trim()) {
      setError({ code: 'INVALID_INPUT', message: t('diff.picker.bothTimes') });
      return;
    }
    const [ra, rb] = await Promise.all([api.stateAt({ streamId: stream.streamId, time: ta.trim() }), api.stateAt({ streamId: stream.streamId, time: tb.trim() })]);
    if (!ra.ok) return setError(ra.error);
    if (!rb.ok) return setError(rb.error);
    go(ra.value.version, rb.value.version);
  };

  return (
    <form className="diff-picker" onSubmit={(e) => void submit(e)} data-testid="diff-picker">
      <div className="segmented" role="group" aria-label={t('diff.picker.by')}>
        <button type="button" aria-pressed={mode === 'versions'} onClick={() => setMode('versions')} data-testid="diff-mode-versions">
          {t('diff.picker.versions')}
        </button>
        <button type="button" aria-pressed={mode === 'times'} onClick={() => setMode('times')} data-testid="diff-mode-times">
          {t('diff.picker.times')}
        </button>
      </div>
      {mode === 'versions' ? (
        <>
          <label>
            {t('diff.picker.fromV')}
            <input type="text" inputMode="numeric" value={a} onChange={(e) => setA(e.target.value)} data-search data-testid="diff-from" />
          </label>
          <button type="button" className="icon-button" onClick={() => (setA(b), setB(a))} aria-label={t('diff.picker.swap.label')} title={t('diff.picker.swap')}>
            ⇄
          </button>
          <label>
            {t('diff.picker.toV')}
            <input type="text" inputMode="numeric" value={b} onChange={(e) => setB(e.target.value)} data-testid="diff-to" />
          </label>
          <span className="muted small">{t('diff.picker.hint', { max })}</span>
        </>
      ) : (
        <>
          <label>
            {t('diff.picker.from')}
            {/* i18n-verbatim: an ISO-8601 sample */}
            <input type="text" className="mono" placeholder="2026-04-15T00:00:00Z" value={ta} onChange={(e) => setTa(e.target.value)} data-search data-testid="diff-from-time" />
          </label>
          <label>
            {t('diff.picker.to')}
            {/* i18n-verbatim: an ISO-8601 sample */}
            <input type="text" className="mono" placeholder="2026-04-18T00:00:00Z" value={tb} onChange={(e) => setTb(e.target.value)} data-testid="diff-to-time" />
          </label>
          <span className="muted small">{t('diff.picker.timesHint')}</span>
        </>
      )}
      <button type="submit" className="primary" data-testid="diff-compare">
        {t('diff.picker.compare')}
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
  const t = useT();
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
        <Loading label={t('diff.comparing')} />
      ) : (
        <div className="split split-diff">
          <div className="split-main diff-main">
            {diff.value.interrupted && <InterruptedBanner streamId={stream.streamId} interrupted={diff.value.interrupted} what={t('diff.theDiff')} />}
            <div className="diff-summary" data-testid="diff-summary">
              <h2>
                {t('diff.title', { from: diff.value.from.version, to: diff.value.to.version })}
              </h2>
              <span className="muted">
                {formatTime(diff.value.from.recordedAt)} → {formatTime(diff.value.to.recordedAt)} · {t('common.events', { count: diff.value.eventCount })} · {t('diff.changes', { count: diff.value.totalChanges })}
              </span>
              <span className="toolbar-spacer" />
              <ExportButton
                context={{ kind: 'stream', stream, diff: { from, to }, version: to, initial: 'diff', projection }}
                label={t('diff.export')}
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
                  {t(`diff.kind.${kind}`)} {formatCount(counts[kind])}
                </button>
              ))}
              <input
                type="search"
                placeholder={t('diff.filter.placeholder')}
                aria-label={t('diff.filter.label')}
                value={pathFilter}
                onChange={(e) => setPathFilter(e.target.value)}
                className="path-filter"
              />
            </div>
            {diff.value.truncated && (
              <p className="status status-empty small">
                {t('diff.truncated', { shown: diff.value.changes.length, total: diff.value.totalChanges, max: 100_000 })}
              </p>
            )}
            <ErrorBoundary what={t('diff.theChangeList')} resetKey={`${from}..${to}`}>
              {diff.value.changes.length === 0 ? (
                <EmptyState title={t('diff.none')} testId="diff-no-changes">
                  {t(to > from ? (diff.value.reverted.length > 0 ? 'diff.none.reverted' : 'diff.none.untouched') : 'diff.none.same', { from, to })}
                </EmptyState>
              ) : shown.length === 0 ? (
                <EmptyState title={t('diff.filter.none')} />
              ) : (
                <ChangeList changes={shown} streamId={stream.streamId} source={{ walked: diff.value.historyWalked, from, to, projection }} amounts={{ units: diff.value.projection.units, currencies: diff.value.currencies }} />
              )}
              <RevertedList entries={diff.value.reverted} streamId={stream.streamId} amounts={{ units: diff.value.projection.units, currencies: diff.value.currencies }} />
              {!diff.value.historyWalked && (
                <p className="muted small" data-testid="diff-history-deferred">
                  <Message k="diff.deferred" values={{ events: t('common.events', { count: diff.value.eventCount }), max: 5000 }} components={{ code: <code /> }} />
                </p>
              )}
            </ErrorBoundary>
          </div>
          <aside className="split-side diff-side" aria-label={t('diff.between')}>
            <h3>
              {t('diff.between')} <span className="muted">{t('diff.between.range', { from: from + 1, to })}</span>
            </h3>
            <ErrorBoundary what={t('diff.theEventsList')} compact>
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
