// One event as a row of a global-log list (the timeline, search results): position, time, stream,
// version, type with its colour, actor; and the virtualized list of such rows.
import type { Virtualizer } from '@tanstack/react-virtual';
import type { RefObject } from 'react';
import type { StoredEvent } from '../../../../shared/types.ts';
import { MoreRowsNote } from '../../components/StatusViews.tsx';
import type { KeysetPages } from '../../lib/useKeysetPages.ts';
import { actorOf, formatCount, formatTime, localTimeTitle } from '../../lib/format.ts';
import { SafeText, visibleText } from '../../lib/safeText.tsx';
import { typeColor } from './palette.ts';

export function LogRow({ event, selected, onSelect, allTypes, testId }: { event: StoredEvent; selected: boolean; onSelect: () => void; allTypes: readonly string[]; testId: string }) {
  const actor = actorOf(event.metadata);
  return (
    <button type="button" className={`grid-row timeline-grid${selected ? ' selected' : ''}`} role="row" aria-selected={selected} onClick={onSelect} data-testid={testId} data-position={event.position}>
      <span role="cell" className="mono num muted">
        {formatCount(event.position)}
      </span>
      <span role="cell" className="time" title={localTimeTitle(event.recordedAt)}>
        {formatTime(event.recordedAt)}
      </span>
      <span role="cell" className="mono ellipsis" title={visibleText(event.streamId)}>
        <SafeText text={event.streamId} max={200} />
      </span>
      <span role="cell" className="mono num">
        {formatCount(event.version)}
      </span>
      <span role="cell" className="ellipsis type-name" title={visibleText(event.type)}>
        <span className="swatch" style={{ background: typeColor(event.type, allTypes) }} />
        <SafeText text={event.type} max={120} />
      </span>
      <span role="cell" className="ellipsis" title={actor ? visibleText(actor) : undefined}>
        {actor ? <SafeText text={actor} max={120} /> : <span className="muted">—</span>}
      </span>
    </button>
  );
}

/** The virtualized body of a global-log list: one LogRow per loaded event, the "more" row after them. */
export function LogRows({
  scroller,
  virtualizer,
  pages,
  selected,
  onSelect,
  allTypes,
  listTestId,
  rowTestId,
}: {
  scroller: RefObject<HTMLDivElement | null>;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  pages: Pick<KeysetPages<StoredEvent>, 'items' | 'error' | 'retryMore'>;
  selected: number | null;
  onSelect: (index: number) => void;
  allTypes: readonly string[];
  listTestId: string;
  rowTestId: string;
}) {
  return (
    <div className="grid-body" ref={scroller} data-testid={listTestId} role="rowgroup">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const event = pages.items[item.index];
          return (
            <div key={item.key} className="virtual-row" style={{ height: item.size, transform: `translateY(${item.start}px)` }}>
              {event ? (
                <LogRow testId={rowTestId} event={event} selected={item.index === selected} onSelect={() => onSelect(item.index)} allTypes={allTypes} />
              ) : (
                <MoreRowsNote error={pages.error} onRetry={pages.retryMore} />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
