// The keyboard and scrolling of a virtualized global-log list (the timeline and search results):
// the selected row, j/k and arrows, Enter opens the event in its stream at its version, more pages
// loaded as the end comes into view. One hook so both lists behave the same.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { StoredEvent } from '../../../../shared/types.ts';
import { useListKeys } from '../../app/keyboard.ts';
import { hrefs, navigate } from '../../app/routes.ts';
import { rowsInView, useRovingRows } from '../../components/useRovingRows.ts';
import type { KeysetPages } from '../../lib/useKeysetPages.ts';

export function useEventLogList<C>(pages: KeysetPages<StoredEvent, C>, queryKey: string, rowHeight: number) {
  const [selected, setSelected] = useState<number | null>(null);
  useEffect(() => setSelected(null), [queryKey]);
  const scroller = useRef<HTMLDivElement>(null);
  const rows = pages.items.length + (pages.hasMore ? 1 : 0);
  const virtualizer = useVirtualizer({ count: rows, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 15 });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1].index : 0;
  useEffect(() => {
    if (pages.hasMore && lastIndex >= pages.items.length - 50) pages.loadMore();
  }, [lastIndex, pages]);
  const step = (delta: number) => {
    if (pages.items.length === 0) return;
    const next = Math.min(pages.items.length - 1, Math.max(0, (selected ?? -1) + delta));
    setSelected(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  // Enter opens the selected event in its stream, at its version (the detail's "Open in its stream").
  const openEvent = (index: number) => {
    const event = pages.items[index];
    if (event) navigate(hrefs.stream(event.streamId, event.version));
  };
  useListKeys({ next: () => step(1), previous: () => step(-1), open: () => selected !== null && openEvent(selected) });
  const roving = useRovingRows({
    count: pages.items.length,
    active: selected,
    onActive: setSelected,
    onOpen: openEvent,
    scrollToIndex: (index) => virtualizer.scrollToIndex(index, { align: 'auto' }),
    scroller,
    pageSize: rowsInView(scroller, rowHeight),
  });
  return { selected, scroller, virtualizer, roving };
}
