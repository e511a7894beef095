// Timeline: the global event log across streams, filtered by type, time range, actor, stream prefix
// (and correlation / causation from event links), with a plot of events over time by type. Filters
// live in the URL; the log is a virtualized list over keyset pages by global position. On a
// database store a changed filter is first shown to the planner (useScanGate): one that would read
// a whole big table waits for "Run it"; a read that takes a while shows its time and Cancel.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ActorSummary } from '../../../../shared/actorFilter.ts';
import type { StoredEvent } from '../../../../shared/types.ts';
import { api } from '../../api.ts';
import { EMPTY_TIMELINE_FILTERS, navigate, routeHref, type TimelineFilters } from '../../app/routes.ts';
import { useStore } from '../../app/StoreContext.tsx';
import { EmptyState, ErrorView, Loading, sameError } from '../../components/StatusViews.tsx';
import { ErrorBoundary } from '../../ErrorBoundary.tsx';
import { useFormDraft } from '../../lib/formDraft.ts';
import { useApi } from '../../lib/useApi.ts';
import { useKeysetPages } from '../../lib/useKeysetPages.ts';
import { EventDetail } from '../events/EventDetail.tsx';
import { ExportButton } from '../export/ExportDialog.tsx';
import { HistogramPlot } from './HistogramPlot.tsx';
import { PartialCountNote } from './PartialCountNote.tsx';
import { ActorNote, TimeRangeNote } from './FilterNotes.tsx';
import { describeFilters, timelineQuery, timelineRange, type GlobalQuery } from './timelineQuery.ts';
import { CancelledNote, ReadingStatus, ScanNotice } from './ReadProgress.tsx';
import { useScanGate, type Gated } from './useScanGate.ts';
import { TypePicker } from './TypePicker.tsx';
import './timeline.css';
import { LogRows } from './LogRow.tsx';
import { useT } from '../../i18n/index.ts';
import { Message } from '../../i18n/Message.tsx';
import { clockName } from '../../lib/format.ts';
import { useEventLogList } from './useEventLogList.ts';

const ROW_HEIGHT = 30;
const PAGE = 300;

const ACTOR_LIST_ID = 'timeline-actor-list';

function FilterBar({ filters, onApply, actors }: { filters: TimelineFilters; onApply: (f: TimelineFilters) => void; actors: ActorSummary | undefined }) {
  const { store } = useStore();
  const t = useT();
  const [draft, setDraft] = useFormDraft(filters);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(draft);
  };
  const field = (key: 'prefix' | 'actor' | 'from' | 'to', label: string, placeholder: string, testId: string, extra: Record<string, unknown> = {}) => (
    <label className="toolbar-field">
      {label}
      <input
        type="text"
        value={draft[key]}
        placeholder={placeholder}
        onChange={(e) => {
          const value = e.target.value;
          setDraft((d) => ({ ...d, [key]: value }));
        }}
        onBlur={() => draft[key] !== filters[key] && onApply(draft)}
        spellCheck={false}
        data-testid={testId}
        {...extra}
      />
    </label>
  );
  const active = describeFilters(filters);
  return (
    <form className="toolbar timeline-filters" onSubmit={submit} role="search">
      <label className="toolbar-field">
        {t('timeline.types')}
        <TypePicker
          types={store?.stats.types ?? []}
          selected={draft.types}
          onChange={(types) => {
            // Shown checked at once: the applied filters only arrive after the hash change.
            setDraft((d) => ({ ...d, types }));
            onApply({ ...draft, types });
          }}
        />
      </label>
      {field('prefix', t('timeline.prefix'), t('timeline.prefix.placeholder'), 'timeline-prefix', { 'data-search': true, className: 'mono' })}
      {field('actor', t('timeline.actor'), t('timeline.actor.placeholder'), 'timeline-actor', {
        list: ACTOR_LIST_ID,
        title: t('timeline.actor.title'),
      })}
      <datalist id={ACTOR_LIST_ID} data-testid="timeline-actor-list">
        {actors?.actors.map((a) => (
          <option key={a.actor} value={a.actor}>
            {t('common.events', { count: a.count })}
          </option>
        ))}
      </datalist>
      {field('from', t('timeline.from'), '2026-04-01', 'timeline-from', { className: 'mono' })}
      {field('to', t('timeline.to'), '2026-04-30', 'timeline-to', { className: 'mono', title: t('timeline.to.title') })}
      <button type="submit" className="primary" data-testid="timeline-apply">
        {t('timeline.apply')}
      </button>
      {active && (
        <button type="button" className="link-button" onClick={() => onApply(EMPTY_TIMELINE_FILTERS)} data-testid="timeline-clear">
          {t('timeline.clearFilters')}
        </button>
      )}
      {(filters.correlation || filters.causation) && (
        <span className="chip" data-testid="timeline-link-filter">
          {filters.correlation ? t('filters.correlation', { id: filters.correlation.slice(0, 40) }) : t('filters.causation', { id: filters.causation.slice(0, 40) })}
          <button type="button" className="chip-remove" aria-label={t('timeline.removeFilter')} onClick={() => onApply({ ...filters, correlation: '', causation: '' })}>
            ×
          </button>
        </span>
      )}
    </form>
  );
}

/** The filter field to put the cursor in for "Change the filter": the one most likely to blame. */
function blameField(query: GlobalQuery): string {
  if (query.actor) return 'timeline-actor';
  if (query.streamPrefix) return 'timeline-prefix';
  if (query.fromTime || query.toTime) return 'timeline-from';
  if (query.types) return 'timeline-types';
  return 'timeline-prefix';
}

type Cancelled = { filters: TimelineFilters; key: string; reverted: boolean };

export function TimelineScreen({ filters }: { filters: TimelineFilters }) {
  const { store } = useStore();
  const t = useT();
  const allTypes = (store?.stats.types ?? []).map((c) => c.type);
  const wanted = timelineQuery(filters);
  const gate = useScanGate<TimelineFilters, GlobalQuery>({ key: JSON.stringify(wanted), filters, query: wanted }, store?.info.kind === 'postgres');
  // The reads use the filter the gate let through; the filter bar shows the one asked for.
  const ran = gate.ran;
  const query = ran?.query ?? {};
  const key = ran?.key ?? '';
  const [cancelled, setCancelled] = useState<Cancelled | null>(null);
  const apply = (next: TimelineFilters) => {
    setCancelled(null);
    navigate(routeHref({ name: 'timeline', filters: next }));
  };
  const range = timelineRange(filters);

  const { tail } = useStore();
  const actors = useApi(ran ? () => api.listActors({ ...(query.actor ? { actor: query.actor } : {}), limit: 200 }) : null, [query.actor ?? '', tail, ran !== null], { keepPrevious: true });
  const histogram = useApi(ran ? () => api.eventHistogram({ ...query, buckets: 120 }) : null, [key, tail], { keepPrevious: true });
  const pages = useKeysetPages<StoredEvent, number>(key, (cursor) =>
    ran ? api.readAll({ ...query, ...(cursor ? { fromPosition: cursor } : {}), limit: PAGE }) : Promise.resolve({ ok: true as const, value: { items: [], next: null } }),
  );

  // The last filter whose plot and first page arrived: what Cancel goes back to.
  const shown = useRef<Gated<TimelineFilters, GlobalQuery> | null>(null);
  const started = useRef<string | null>(null);
  useEffect(() => {
    if (!ran) return;
    // In the commit where the filter changes, the reads' states still describe the previous one.
    if (started.current !== ran.key) {
      started.current = ran.key;
      return;
    }
    if (pages.ready && !pages.loading && !pages.error && !histogram.loading && !histogram.error) shown.current = ran;
  }, [ran, pages.ready, pages.loading, pages.error, histogram.loading, histogram.error]);
  // Asking the planner can wait too (a table locked by a writer): it has the same Cancel.
  const reading = gate.checking || (ran !== null && (histogram.loading || pages.loading || actors.loading));
  const onCancelled = () => {
    const stopped = gate.checking ? { filters, key: JSON.stringify(wanted) } : ran;
    if (!stopped) return;
    const previous = shown.current;
    const reverted = previous !== null && previous.key !== stopped.key;
    setCancelled({ filters: stopped.filters, key: stopped.key, reverted });
    if (reverted) {
      // Back to the filter whose results were on screen (its reads are agreed to already).
      gate.allow(previous.key);
      navigate(routeHref({ name: 'timeline', filters: previous.filters }));
    }
  };
  const runAgain = (what: Cancelled) => {
    setCancelled(null);
    gate.allow(what.key);
    if (what.reverted) navigate(routeHref({ name: 'timeline', filters: what.filters }));
    else {
      histogram.reload();
      actors.reload();
      pages.reload();
    }
  };
  const changeFilter = () => document.querySelector<HTMLElement>(`[data-testid="${blameField(wanted)}"]`)?.focus();
  // Live tail: the log is in position order, so appended events come after the last one loaded.
  const tailSeen = useRef(tail);
  useEffect(() => {
    if (tail === tailSeen.current) return;
    tailSeen.current = tail;
    const last = pages.items[pages.items.length - 1];
    if (last) pages.extend(last.position + 1);
    else pages.refresh();
  }, [tail, pages]);
  const { selected, scroller, virtualizer, roving } = useEventLogList(pages, key, ROW_HEIGHT);

  const total = histogram.value?.total ?? null;
  // Said of what is shown: while a filter waits for "Run it" the previous one's results stay.
  // While the next plot loads the previous one stays, and so does what it is of.
  const plotted = histogram.loading && shown.current ? shown.current : ran;
  const plotDescription = plotted ? describeFilters(plotted.filters) : null;
  const description = ran ? describeFilters(ran.filters) : null;
  const selectedEvent = selected !== null ? pages.items[selected] : undefined;

  return (
    <div className="screen timeline-screen" data-testid="timeline-screen">
      <FilterBar filters={filters} onApply={apply} actors={actors.value} />
      <div className="filter-notes">
        <TimeRangeNote range={range} />
        <ActorNote match={query.actor && actors.value?.match?.text === query.actor ? actors.value.match : null} onChoose={(actor) => apply({ ...filters, actor })} />
        {gate.notice && <ScanNotice key={gate.notice.key} scans={gate.notice.scans} onRun={gate.runAnyway} onChange={changeFilter} />}
        {gate.checking && (
          <p className="filter-note" role="status" data-testid="scan-checking">
            {t('timeline.askingPlanner')}
          </p>
        )}
        <ReadingStatus running={reading} onCancelled={onCancelled} testId="timeline-reading" />
        <PartialCountNote histogram={histogram.value ?? null} onReload={histogram.reload} />
        {cancelled && (
          <CancelledNote
            what={
              cancelled.reverted
                ? t('timeline.cancelled.reverted', { filter: describeFilters(cancelled.filters) ?? t('timeline.cancelled.newFilter') })
                : t('timeline.cancelled.stopped')
            }
            onRetry={() => runAgain(cancelled)}
            testId="timeline-cancelled"
          />
        )}
      </div>
      <section className="timeline-plot-card" aria-label={t('timeline.plot')}>
        <div className="plot-head">
          <h2>
            {total === null ? t('timeline.plot') : <span data-testid="timeline-total">{t('common.events', { count: total })}</span>}
            {plotDescription && <span className="muted small">{t('timeline.where', { filters: plotDescription })}</span>}
          </h2>
          <span className="toolbar-spacer" />
          {(filters.from || filters.to) && (
            <button type="button" className="link-button" onClick={() => apply({ ...filters, from: '', to: '' })}>
              {t('timeline.resetRange')}
            </button>
          )}
          <ExportButton context={{ kind: 'global', query, description, matching: total }} label={t('timeline.export')} testId="timeline-export" />
        </div>
        <ErrorBoundary what={t('timeline.thePlot')} compact resetKey={key}>
          {histogram.error ? (
            <ErrorView error={histogram.error} onRetry={histogram.reload} />
          ) : !histogram.value ? (
            <Loading label={t('timeline.drawing')} />
          ) : histogram.value.total === 0 ? null : (
            <HistogramPlot
              histogram={histogram.value}
              allTypes={allTypes}
              selectedTypes={filters.types}
              onRange={(from, to) => apply({ ...filters, from, to })}
              onReset={() => apply({ ...filters, from: '', to: '' })}
              onToggleType={(type) => apply({ ...filters, types: filters.types.includes(type) ? filters.types.filter((s) => s !== type) : [...filters.types, type] })}
            />
          )}
        </ErrorBoundary>
      </section>
      <div className="split timeline-split">
        <div className="split-main">
          <div className="grid grid-fill" role="grid" aria-label={t('timeline.log')} {...roving.gridProps}>
            <div className="grid-head timeline-grid" role="row">
              <span role="columnheader" className="num">
                {t('timeline.col.position')}
              </span>
              <span role="columnheader">{t('timeline.col.recorded', { clock: clockName() })}</span>
              <span role="columnheader">{t('timeline.col.stream')}</span>
              <span role="columnheader" className="num">
                {t('timeline.col.version')}
              </span>
              <span role="columnheader">{t('timeline.col.type')}</span>
              <span role="columnheader">{t('timeline.col.actor')}</span>
            </div>
            {pages.error && pages.items.length === 0 ? (
              sameError(pages.error, histogram.error) ? (
                <EmptyState title={t('timeline.noEvents')} testId="timeline-error-above">
                  {t('timeline.filtersUnusable')}
                </EmptyState>
              ) : (
                <ErrorView error={pages.error} onRetry={pages.reload} />
              )
            ) : !ran || !pages.ready ? (
              <Loading label={ran ? t('timeline.loadingEvents') : t('timeline.checkingFilter')} />
            ) : pages.items.length === 0 ? (
              <EmptyState title={t('timeline.noMatch')} testId="timeline-empty">
                {description ? (
                  <button type="button" className="link-button" onClick={() => apply(EMPTY_TIMELINE_FILTERS)}>
                    {t('timeline.clearTheFilters')}
                  </button>
                ) : (
                  t('timeline.storeEmpty')
                )}
              </EmptyState>
            ) : (
              <LogRows scroller={scroller} virtualizer={virtualizer} pages={pages} rowProps={roving.rowProps} allTypes={allTypes} listTestId="timeline-list" rowTestId="timeline-row" />
            )}
          </div>
        </div>
        <aside className="split-side" aria-label={t('timeline.detail')}>
          <ErrorBoundary what={t('timeline.theDetail')} resetKey={String(selectedEvent?.position)}>
            {selectedEvent ? (
              <EventDetail event={selectedEvent} showStream />
            ) : (
              <EmptyState title={t('timeline.select')}>
                <Message k="timeline.select.hint" components={{ kbd: <kbd /> }} />
              </EmptyState>
            )}
          </ErrorBoundary>
        </aside>
      </div>
    </div>
  );
}

