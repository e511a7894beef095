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
import { actorOf, formatCount, formatTime, localTimeTitle } from '../../lib/format.ts';
import { SafeText } from '../../lib/safeText.tsx';
import { useStore } from '../../app/StoreContext.tsx';
import { EventDetail } from '../events/EventDetail.tsx';
import { differingSourceVersion, sourceVersionTitle } from '../events/sourceVersion.ts';
import { isAffectedEvent } from '../verify/affectedEvents.ts';
import { StreamFrame } from './StreamFrame.tsx';
import { useStreamEvents, type StreamEvents } from './useStreamEvents.ts';
import { notesOnEvent, useCaseNotes } from '../notes/useCaseNotes.ts';
import { NoteMark } from '../notes/NoteMark.tsx';

const ROW_HEIGHT = 30;

function EventRow({ version, events, row, onSelect }: { version: number; events: StreamEvents; row: ReturnType<RovingRows<HTMLElement>['rowProps']>; onSelect: () => void }) {
  const selected = row['aria-selected'];
  const { integrity, store } = useStore();
  const { notes: allNotes } = useCaseNotes();
  const event = events.get(version);
  const error = events.errorAt(version);
  if (error) {
    return (
      <div className="grid-row events-grid grid-row-note" role="row">
        <span className="mono">v{version}</span>
        <span>
          Could not load: {error.message}{' '}
          <button type="button" className="link-button" onClick={() => events.retry(version)}>
            Try again
          </button>
        </span>
      </div>
    );
  }
  if (event === undefined) {
    return (
      <div className="grid-row events-grid placeholder" role="row" aria-busy="true">
        <span className="mono">v{formatCount(version)}</span>
        <span className="skeleton" />
        <span className="skeleton" />
        <span className="skeleton" />
      </div>
    );
  }
  if (event === null) {
    return (
      <div className="grid-row events-grid grid-row-note" role="row" data-testid="event-gap" data-version={version}>
        <span className="mono">v{formatCount(version)}</span>
        <span className="muted">no event recorded at this version</span>
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
        {event.decodeError && <span className="badge badge-danger">undecodable</span>}
        {affected && (
          <span className="badge badge-danger" title="Verification found a problem with this event: see Integrity." data-testid="event-affected">
            failed verification
          </span>
        )}
        <NoteMark notes={notes} />
      </span>
      <span role="gridcell" className="time" title={localTimeTitle(event.recordedAt)}>
        {formatTime(event.recordedAt)}
      </span>
      <span role="gridcell" className="ellipsis">
        {actor ? <SafeText text={actor} max={120} /> : <span className="muted">—</span>}
      </span>
    </div>
  );
}

function GoToVersion({ max, onGo }: { max: number; onGo: (version: number) => void }) {
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
        Go to version
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
      {invalid && <span className="field-error">Enter a version from 1 to {formatCount(max)}.</span>}
    </form>
  );
}

function EventsView({ stream, version }: { stream: StreamSummary; version: number | null }) {
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

  if (max === 0) return <EmptyState title="This stream has no events" />;
  const selectedEvent = selected !== null ? events.get(selected) : undefined;
  const selectedError = selected !== null ? events.errorAt(selected) : null;

  return (
    <div className="split">
      <div className="split-main">
        <div className="toolbar toolbar-tight">
          <GoToVersion max={max} onGo={(v) => select(v)} />
          <span className="toolbar-spacer" />
          <span className="muted small">
            {formatCount(max)} versions · <kbd>j</kbd>/<kbd>k</kbd> to step
          </span>
        </div>
        <div className="grid grid-fill" role="grid" aria-label="Events" aria-rowcount={max} {...roving.gridProps}>
          <div className="grid-head events-grid" role="row">
            <span role="columnheader" className="num" title="The viewer's 1-based version; in brackets the source system's own number, where it differs">
              Version
            </span>
            <span role="columnheader">Type</span>
            <span role="columnheader">Recorded (UTC)</span>
            <span role="columnheader">Actor</span>
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
      <aside className="split-side" aria-label="Event detail">
        <ErrorBoundary what="the event detail" resetKey={String(selected)}>
          {selected === null ? (
            <EmptyState title="Select an event" testId="no-event-selected">
              Click a row, or press <kbd>j</kbd> to start at version 1. The detail shows the event's data and metadata, and the events linked to it.
            </EmptyState>
          ) : selectedError ? (
            <ErrorView error={selectedError} onRetry={() => events.retry(selected)} />
          ) : selectedEvent === undefined ? (
            <Loading label={`Loading version ${formatCount(selected)}…`} />
          ) : selectedEvent === null ? (
            <EmptyState title={`No event at version ${formatCount(selected)}`} />
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
