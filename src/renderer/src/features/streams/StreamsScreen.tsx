// Streams: every stream of the store in a virtualized list over keyset pages (smooth at 10k+),
// with search (contains / starts with), a category filter and sorting. The query lives in the URL.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { StreamSummary } from '../../../../shared/types.ts';
import { api } from '../../api.ts';
import { useListKeys } from '../../app/keyboard.ts';
import { rowsInView, useRovingRows, type RovingRows } from '../../components/useRovingRows.ts';
import { hrefs, navigate, routeHref, type StreamsQuery } from '../../app/routes.ts';
import { useStore } from '../../app/StoreContext.tsx';
import { EmptyState, ErrorView, Loading, MoreRowsNote } from '../../components/StatusViews.tsx';
import { formatCount, formatTimeShort, otherZoneTitle, clockName } from '../../lib/format.ts';
import { SafeText, visibleText } from '../../lib/safeText.tsx';
import { useDebounced } from '../../lib/useApi.ts';
import { useKeysetPages } from '../../lib/useKeysetPages.ts';
import { ReadingStatus } from '../timeline/ReadProgress.tsx';
import { ArchivedBadge } from './ArchivedBadge.tsx';
import { useT } from '../../i18n/index.ts';
import './streams.css';

const PAGE = 300;
const ROW_HEIGHT = 34;

function StreamRow({ stream, row }: { stream: StreamSummary; row: ReturnType<RovingRows<HTMLElement>['rowProps']> }) {
  return (
    <div
      className={`grid-row streams-grid${row['aria-selected'] ? ' selected' : ''}`}
      role="row"
      {...row}
      onClick={() => navigate(hrefs.stream(stream.streamId))}
      data-testid="stream-row"
      data-stream-id={stream.streamId}
      data-archived={stream.archived ? 'true' : undefined}
      title={visibleText(stream.streamId)}
    >
      <span role="gridcell" className="stream-id-cell">
        <span className="mono ellipsis">
          <SafeText text={stream.streamId} max={300} />
        </span>
        {stream.archived && <ArchivedBadge testId="stream-row-archived" />}
      </span>
      <span role="gridcell" className="ellipsis">
        <SafeText text={stream.category} max={60} />
      </span>
      <span role="gridcell" className="num">
        {formatCount(stream.eventCount)}
      </span>
      <span role="gridcell" className="num">
        {formatCount(stream.version)}
      </span>
      <span role="gridcell" className="time" title={otherZoneTitle(stream.firstRecordedAt)}>
        {formatTimeShort(stream.firstRecordedAt)}
      </span>
      <span role="gridcell" className="time" title={otherZoneTitle(stream.lastRecordedAt)}>
        {formatTimeShort(stream.lastRecordedAt)}
      </span>
    </div>
  );
}

export function StreamsScreen({ query }: { query: StreamsQuery }) {
  const { store } = useStore();
  const t = useT();
  const [text, setText] = useState(query.q);
  const typed = useDebounced(text, 180);
  const [selected, setSelected] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);

  const pushed = useRef(query.q);
  // Typing updates the URL (replace: no history entry per keystroke) once the user pauses.
  useEffect(() => {
    if (typed !== query.q) {
      pushed.current = typed;
      navigate(routeHref({ name: 'streams', query: { ...query, q: typed } }), { replace: true });
    }
  }, [typed, query]);
  // Back/forward or a link changed the query (not our own typing): show it in the field.
  useEffect(() => {
    if (query.q !== pushed.current) {
      pushed.current = query.q;
      setText(query.q);
    }
  }, [query.q]);

  const key = JSON.stringify([query.q, query.mode, query.category, query.sort]);
  const pages = useKeysetPages<StreamSummary, string>(key, (after) =>
    api.listStreams({
      ...(query.q ? (query.mode === 'prefix' ? { prefix: query.q } : { search: query.q }) : {}),
      ...(query.category ? { category: query.category } : {}),
      sort: query.sort,
      after,
      limit: PAGE,
    }),
  );
  useEffect(() => setSelected(0), [key]);

  // Live tail: load the list again in place. New or busier streams may move (sorted by last
  // activity): the selected stream stays selected, and the rows in view stay in view.
  const { tail } = useStore();
  const tailSeen = useRef(tail);
  const anchor = useRef<{ selectedId: string | null; topId: string | null; topOffset: number } | null>(null);
  useEffect(() => {
    if (tail === tailSeen.current) return;
    tailSeen.current = tail;
    const element = scroller.current;
    const top = element ? Math.floor(element.scrollTop / ROW_HEIGHT) : 0;
    anchor.current = {
      selectedId: pages.items[selected]?.streamId ?? null,
      topId: element && element.scrollTop > 0 ? (pages.items[top]?.streamId ?? null) : null,
      topOffset: element ? element.scrollTop - top * ROW_HEIGHT : 0,
    };
    pages.refresh();
  }, [tail, pages, selected]);
  useEffect(() => {
    const held = anchor.current;
    if (!held) return;
    anchor.current = null;
    if (held.selectedId !== null) {
      const index = pages.items.findIndex((s) => s.streamId === held.selectedId);
      if (index >= 0) setSelected(index);
    }
    if (held.topId !== null && scroller.current) {
      const index = pages.items.findIndex((s) => s.streamId === held.topId);
      if (index >= 0) scroller.current.scrollTop = index * ROW_HEIGHT + held.topOffset;
    }
  }, [pages.items]);

  const rows = pages.items.length + (pages.hasMore ? 1 : 0);
  const virtualizer = useVirtualizer({ count: rows, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const virtualItems = virtualizer.getVirtualItems();
  const lastIndex = virtualItems.length ? virtualItems[virtualItems.length - 1].index : 0;
  useEffect(() => {
    if (pages.hasMore && lastIndex >= pages.items.length - 40) pages.loadMore();
  }, [lastIndex, pages]);

  const open = (index: number) => {
    const stream = pages.items[index];
    if (stream) navigate(hrefs.stream(stream.streamId));
  };
  useListKeys({
    next: () => {
      const next = Math.min(selected + 1, pages.items.length - 1);
      setSelected(next);
      virtualizer.scrollToIndex(next, { align: 'auto' });
    },
    previous: () => {
      const next = Math.max(selected - 1, 0);
      setSelected(next);
      virtualizer.scrollToIndex(next, { align: 'auto' });
    },
    open: () => open(selected),
  });
  const roving = useRovingRows({
    count: pages.items.length,
    active: pages.items.length ? selected : null,
    onActive: setSelected,
    onOpen: open,
    scrollToIndex: (index) => virtualizer.scrollToIndex(index, { align: 'auto' }),
    scroller,
    pageSize: rowsInView(scroller, ROW_HEIGHT),
  });

  const update = (patch: Partial<StreamsQuery>) => navigate(routeHref({ name: 'streams', query: { ...query, q: text, ...patch } }), { replace: true });
  const categoryTotal = query.category ? store?.stats.categories.find((c) => c.category === query.category)?.streams : store?.stats.streams;
  const filtered = query.q !== '';
  const countText = !pages.ready
    ? t('common.loading')
    : pages.hasMore
      ? !filtered && categoryTotal !== undefined
        ? t('streams.count.loadedOf', { count: pages.items.length, total: categoryTotal })
        : t('streams.count.loadedMore', { count: pages.items.length })
      : filtered
        ? t('streams.count.match', { count: pages.items.length })
        : t('common.streams', { count: pages.items.length });

  return (
    <div className="screen streams-screen" data-testid="streams-screen">
      <div className="toolbar" role="search">
        <div className="search-field">
          <input
            type="search"
            placeholder={query.mode === 'prefix' ? t('streams.search.prefix') : t('streams.search.contains')}
            aria-label={t('streams.search.label')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && pages.items[0]) navigate(hrefs.stream(pages.items[selected]?.streamId ?? pages.items[0].streamId));
              if (e.key === 'ArrowDown' && pages.items.length > 0) {
                // Down from the search field: into the list, at its first row.
                e.preventDefault();
                setSelected(0);
                virtualizer.scrollToIndex(0);
                roving.focus();
              }
            }}
            spellCheck={false}
            data-search
            data-testid="streams-search"
          />
          <kbd className="search-hint">/</kbd>
        </div>
        <label className="toolbar-field">
          {t('streams.match')}
          <select value={query.mode} onChange={(e) => update({ mode: e.target.value as StreamsQuery['mode'] })} data-testid="streams-mode">
            <option value="contains">{t('streams.match.contains')}</option>
            <option value="prefix">{t('streams.match.prefix')}</option>
          </select>
        </label>
        <label className="toolbar-field">
          {t('streams.category')}
          <select value={query.category} onChange={(e) => update({ category: e.target.value })} data-testid="streams-category">
            <option value="">{t('streams.category.all')}</option>
            {store?.stats.categories.map((c) => (
              <option key={c.category} value={c.category}>
                {visibleText(c.category)} ({formatCount(c.streams)})
              </option>
            ))}
          </select>
        </label>
        <label className="toolbar-field">
          {t('streams.sort')}
          <select value={query.sort} onChange={(e) => update({ sort: e.target.value as StreamsQuery['sort'] })} data-testid="streams-sort">
            <option value="lastActivity">{t('streams.sort.lastActivity')}</option>
            <option value="id">{t('streams.sort.id')}</option>
            <option value="count">{t('streams.sort.count')}</option>
          </select>
        </label>
        <span className="toolbar-spacer" />
        <span className="muted small" data-testid="streams-count" aria-live="polite">
          {countText}
        </span>
      </div>
      {/* A search over a big streams table can take a while on a database: its time, and Cancel (the list then says it was cancelled). */}
      <div className="streams-progress">
        <ReadingStatus running={pages.loading} onCancelled={() => {}} testId="streams-reading" />
      </div>

      <div className="grid" role="grid" aria-label={t('streams.table')} aria-rowcount={pages.hasMore ? -1 : pages.items.length} {...roving.gridProps}>
        <div className="grid-head streams-grid" role="row">
          <span role="columnheader">{t('streams.col.stream')}</span>
          <span role="columnheader">{t('streams.col.category')}</span>
          <span role="columnheader" className="num">
            {t('streams.col.events')}
          </span>
          <span role="columnheader" className="num">
            {t('streams.col.version')}
          </span>
          <span role="columnheader">{t('streams.col.first', { clock: clockName() })}</span>
          <span role="columnheader">{t('streams.col.last', { clock: clockName() })}</span>
        </div>
        {pages.error && pages.items.length === 0 ? (
          <ErrorView error={pages.error} onRetry={pages.reload} />
        ) : !pages.ready ? (
          <Loading label={t('streams.loading')} />
        ) : pages.items.length === 0 ? (
          <EmptyState title={filtered || query.category ? t('streams.empty.noMatch') : t('streams.empty.none')} testId="streams-empty">
            {filtered || query.category ? (
              <button type="button" className="link-button" onClick={() => (setText(''), update({ q: '', category: '' }))}>
                {t('streams.empty.clear')}
              </button>
            ) : null}
          </EmptyState>
        ) : (
          <div className="grid-body" ref={scroller} data-testid="streams-list" role="rowgroup">
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualItems.map((item) => {
                const stream = pages.items[item.index];
                return (
                  <div key={item.key} className="virtual-row" style={{ height: item.size, transform: `translateY(${item.start}px)` }}>
                    {stream ? (
                      <StreamRow stream={stream} row={roving.rowProps(item.index)} />
                    ) : (
                      <MoreRowsNote error={pages.error} onRetry={pages.retryMore} what={t('streams.what')} />
                    )}
                  </div>
                );
              })}
            </div>
          </div>
        )}
      </div>
    </div>
  );
}
