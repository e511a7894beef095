// One event as a row of a global-log list (the timeline, search results): position, time, stream,
// version, type with its colour, actor; and the virtualized list of such rows (rows of a grid that
// is one Tab stop: useRovingRows in the screen).
import type { Virtualizer } from '@tanstack/react-virtual';
import type { RefObject } from 'react';
import type { StoredEvent } from '../../../../shared/types.ts';
import { MoreRowsNote } from '../../components/StatusViews.tsx';
import type { KeysetPages } from '../../lib/useKeysetPages.ts';
import { actorOf, formatCount, formatTime, otherZoneTitle } from '../../lib/format.ts';
import { SafeText, visibleText } from '../../lib/safeText.tsx';
import { typeColor } from './palette.ts';
import type { RovingRows } from '../../components/useRovingRows.ts';

type RowProps = ReturnType<RovingRows<HTMLElement>['rowProps']>;

export function LogRow({ event, row, allTypes, testId }: { event: StoredEvent; row: RowProps; allTypes: readonly string[]; testId: string }) {
  const actor = actorOf(event.metadata);
  return (
    <div className={`grid-row timeline-grid${row['aria-selected'] ? ' selected' : ''}`} role="row" {...row} data-testid={testId} data-position={event.position}>
      <span role="gridcell" className="mono num muted">
        {formatCount(event.position)}
      </span>
      <span role="gridcell" className="time" title={otherZoneTitle(event.recordedAt)}>
        {formatTime(event.recordedAt)}
      </span>
      <span role="gridcell" className="mono ellipsis" title={visibleText(event.streamId)}>
        <SafeText text={event.streamId} max={200} />
      </span>
      <span role="gridcell" className="mono num">
        {formatCount(event.version)}
      </span>
      <span role="gridcell" className="ellipsis type-name" title={visibleText(event.type)}>
        <span className="swatch" style={{ background: typeColor(event.type, allTypes) }} />
        <SafeText text={event.type} max={120} />
      </span>
      <span role="gridcell" className="ellipsis" title={actor ? visibleText(actor) : undefined}>
        {actor ? <SafeText text={actor} max={120} /> : <span className="muted">—</span>}
      </span>
    </div>
  );
}

/** The virtualized body of a global-log list: one LogRow per loaded event, the "more" row after them. */
export function LogRows({
  scroller,
  virtualizer,
  pages,
  rowProps,
  allTypes,
  listTestId,
  rowTestId,
}: {
  scroller: RefObject<HTMLDivElement | null>;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  pages: Pick<KeysetPages<StoredEvent>, 'items' | 'error' | 'retryMore'>;
  rowProps: (index: number) => RowProps;
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
                <LogRow testId={rowTestId} event={event} row={rowProps(item.index)} allTypes={allTypes} />
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
