// Stream → Events: a virtualized table of every event (version, type, time, actor) beside the
// selected event's detail. The URL holds the selection (#/stream/<id>@<version>), j/k step through
// events, and "Go to version" jumps anywhere in a 100k-event stream.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { StreamSummary } from '../../../../shared/types.ts';
import { ErrorBoundary } from '../../ErrorBoundary.tsx';
import { useListKeys } from '../../app/keyboard.ts';
import { rowsInView, useRovingRows, type RovingRows } from '../../components/useRovingRows.ts';
import { hrefs, navigate } from '../../app/routes.ts';
import { EmptyState, ErrorView, Loading } from '../../components/StatusViews.tsx';
import { actorOf, formatCount, formatTime, otherZoneTitle } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { useStore } from '../../app/StoreContext.tsx';
import { EventDetail } from '../events/EventDetail.tsx';
import { differingSourceVersion, sourceVersionTitle } from '../events/sourceVersion.ts';
import { isAffectedEvent } from '../verify/affectedEvents.ts';
import { StreamFrame } from './StreamFrame.tsx';
import { useStreamEvents, type StreamEvents } from './useStreamEvents.ts';
import { notesOnEvent, useCaseNotes } from '../notes/useCaseNotes.ts';
import { NoteMark } from '../notes/NoteMark.tsx';
import { useT } from '../../i18n/index.ts';
import { Message } from '../../i18n/Message.tsx';
import { errorMessage } from '../../lib/errors.ts';

const ROW_HEIGHT = 30;

function EventRow({ version, events, row, onSelect }: { version: number; events: StreamEvents; row: ReturnType<RovingRows<HTMLElement>['rowProps']>; onSelect: () => void }) {
  const selected = row['aria-selected'];
  const t = useT();
  const { integrity, store } = useStore();
  const { notes: allNotes } = useCaseNotes();
  const event = events.get(version);
  const error = events.errorAt(version);
  if (error) {
    return (
      <div className="grid-row events-grid grid-row-note" role="row">
        <span className="mono">{t('common.v', { version })}</span>
        <span>
          {t('stream.row.couldNotLoad', { message: errorMessage(error) })}{' '}
          <button type="button" className="link-button" onClick={() => events.retry(version)}>
            {t('common.tryAgain')}
          </button>
        </span>
      </div>
    );
  }
  if (event === undefined) {
    return (
      <div className="grid-row events-grid placeholder" role="row" aria-busy="true">
        <span className="mono">{t('common.v', { version })}</span>
        <span className="skeleton" />
        <span className="skeleton" />
        <span className="skeleton" />
      </div>
    );
  }
  if (event === null) {
    return (
      <div className="grid-row events-grid grid-row-note" role="row" data-testid="event-gap" data-version={version}>
        <span className="mono">{t('common.v', { version })}</span>
        <span className="muted">{t('stream.row.gap')}</span>
      </div>
    );
  }
  const actor = actorOf(event.metadata);
  const affected = isAffectedEvent(integrity, event);
  const source = differingSourceVersion(event);
  const notes = notesOnEvent(allNotes, event.position);
  return (
    <div
      className={`grid-row events-grid${selected ? ' selected' : ''}${affected ? ' integrity-affected' : ''}`}
      role="row"
      {...row}
      onClick={onSelect}
      data-testid="event-row"
      data-version={version}
    >
      <span role="gridcell" className="mono num" title={sourceVersionTitle(event, store?.info.layout?.name)}>
        {formatCount(version)}
        {source !== null && (
          <span className="source-version" data-testid="event-row-source-version">
            {' '}
            ({formatCount(source)})
          </span>
        )}
      </span>
      <span role="gridcell" className="ellipsis type-name">
        <SafeText text={event.type} max={120} />
        {event.decodeError && <span className="badge badge-danger">{t('stream.row.undecodable')}</span>}
        {affected && (
          <span className="badge badge-danger" title={t('stream.row.affected.title')} data-testid="event-affected">
            {t('stream.row.affected')}
          </span>
        )}
        <NoteMark notes={notes} />
      </span>
      <span role="gridcell" className="time" title={otherZoneTitle(event.recordedAt)}>
        {formatTime(event.recordedAt)}
      </span>
      <span role="gridcell" className="ellipsis">
        {actor ? <SafeText text={actor} max={120} /> : <span className="muted">—</span>}
      </span>
    </div>
  );
}

function GoToVersion({ max, onGo }: { max: number; onGo: (version: number) => void }) {
  const t = useT();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(text);
    if (!/^\d+$/.test(text.trim()) || n < 1 || n > max) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    onGo(n);
  };
  return (
    <form className="goto" onSubmit={submit}>
      <label>
        {t('stream.goto')}
        <input
          type="text"
          inputMode="numeric"
          value={text}
          placeholder={`1–${max}`}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={invalid}
          data-search
          data-testid="goto-version"
        />
      </label>
      {invalid && <span className="field-error">{t('stream.goto.invalid', { max })}</span>}
    </form>
  );
}

function EventsView({ stream, version }: { stream: StreamSummary; version: number | null }) {
  const t = useT();
  const scroller = useRef<HTMLDivElement>(null);
  const max = stream.version;
  const events = useStreamEvents(stream.streamId, max);
  const selected = version !== null && version >= 1 && version <= max ? version : null;

  const virtualizer = useVirtualizer({ count: max, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 20 });
  const items = virtualizer.getVirtualItems();
  const firstVisible = items.length ? items[0].index + 1 : 1;
  const lastVisible = items.length ? items[items.length - 1].index + 1 : 1;
  useEffect(() => {
    events.ensure(firstVisible, lastVisible);
  }, [firstVisible, lastVisible, events]);
  // The selected event's page, even when it is not on screen yet (deep links into long streams).
  useEffect(() => {
    if (selected !== null) events.ensure(selected, selected);
  }, [selected, events]);

  // Bring the selected version into view: centred when arriving by a link, minimally when stepping.
  const arrived = useRef(false);
  useEffect(() => {
    if (selected === null) return;
    virtualizer.scrollToIndex(selected - 1, { align: arrived.current ? 'auto' : 'center' });
    arrived.current = true;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selected]);

  const select = (v: number) => navigate(hrefs.stream(stream.streamId, Math.min(max, Math.max(1, v))), { replace: true });
  useListKeys({ next: () => select(selected === null ? 1 : selected + 1), previous: () => select(selected === null ? 1 : selected - 1) });
  // One Tab stop: ↑/↓, Home/End, PageUp/PageDown select; Enter opens the state after the event.
  const roving = useRovingRows({
    count: max,
    active: selected === null ? null : selected - 1,
    onActive: (index) => select(index + 1),
    onOpen: (index) => navigate(hrefs.state(stream.streamId, index + 1)),
    scrollToIndex: (index) => virtualizer.scrollToIndex(index, { align: 'auto' }),
    scroller,
    pageSize: rowsInView(scroller, ROW_HEIGHT),
  });

  if (max === 0) return <EmptyState title={t('stream.noEvents')} />;
  const selectedEvent = selected !== null ? events.get(selected) : undefined;
  const selectedError = selected !== null ? events.errorAt(selected) : null;

  return (
    <div className="split">
      <div className="split-main">
        <div className="toolbar toolbar-tight">
          <GoToVersion max={max} onGo={(v) => select(v)} />
          <span className="toolbar-spacer" />
          <span className="muted small">
            <Message k="stream.versions" values={{ count: max }} components={{ kbd: <kbd /> }} />
          </span>
        </div>
        <div className="grid grid-fill" role="grid" aria-label={t('stream.events')} aria-rowcount={max} {...roving.gridProps}>
          <div className="grid-head events-grid" role="row">
            <span role="columnheader" className="num" title={t('stream.col.version.title')}>
              {t('stream.col.version')}
            </span>
            <span role="columnheader">{t('stream.col.type')}</span>
            <span role="columnheader">{t('stream.col.recorded')}</span>
            <span role="columnheader">{t('stream.col.actor')}</span>
          </div>
          <div className="grid-body" ref={scroller} data-testid="events-table" role="rowgroup">
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => (
                <div key={item.key} className="virtual-row" style={{ height: item.size, transform: `translateY(${item.start}px)` }}>
                  <EventRow version={item.index + 1} events={events} row={roving.rowProps(item.index)} onSelect={() => select(item.index + 1)} />
                </div>
              ))}
            </div>
          </div>
        </div>
      </div>
      <aside className="split-side" aria-label={t('stream.detail')}>
        <ErrorBoundary what={t('stream.theDetail')} resetKey={String(selected)}>
          {selected === null ? (
            <EmptyState title={t('stream.select')} testId="no-event-selected">
              <Message k="stream.select.hint" components={{ kbd: <kbd /> }} />
            </EmptyState>
          ) : selectedError ? (
            <ErrorView error={selectedError} onRetry={() => events.retry(selected)} />
          ) : selectedEvent === undefined ? (
            <Loading label={t('stream.loadingVersion', { version: selected })} />
          ) : selectedEvent === null ? (
            <EmptyState title={t('stream.noEventAt', { version: selected })} />
          ) : (
            <EventDetail event={selectedEvent} />
          )}
        </ErrorBoundary>
      </aside>
    </div>
  );
}

export function StreamScreen({ streamId, version }: { streamId: string; version: number | null }) {
  return (
    <StreamFrame streamId={streamId} tab="events" version={version}>
      {(stream) => <EventsView stream={stream} version={version} />}
    </StreamFrame>
  );
}
