// Infinite scroll over keyset pages: the first page loads when the query changes, the next one when
// the list nears its end. An answer for an older query is dropped.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorInfo, Result } from '../../../shared/result.ts';
import type { Page } from '../../../shared/types.ts';

export interface KeysetPages<T, C = unknown> {
  items: T[];
  /** More pages exist beyond `items`. */
  hasMore: boolean;
  loading: boolean;
  error: ErrorInfo | null;
  /** True once the first page for the current query arrived. */
  ready: boolean;
  loadMore: () => void;
  /** After a failed page: asks for the same page again. */
  retryMore: () => void;
  reload: () => void;
  /**
   * Live tail: loads the first pages again, as many items as are loaded now, and swaps them in at
   * once (no loading state, so the list keeps its scroll position). For lists whose order puts new
   * items anywhere (streams by last activity).
   */
  refresh: () => void;
  /** Live tail for ascending logs: when the end was reached, loads what comes after `from`. */
  extend: (from: C) => void;
}

export function useKeysetPages<T, C>(
  queryKey: string,
  loadPage: (cursor: C | null) => Promise<Result<Page<T, C>>>,
): KeysetPages<T, C> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<C | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [generation, setGeneration] = useState(0);
  const request = useRef(0);
  const inFlight = useRef(false);
  const loader = useRef(loadPage);
  loader.current = loadPage;
  const loaded = useRef(0);
  loaded.current = items.length;

  const fetchPage = useCallback((from: C | null, reset: boolean) => {
    const id = ++request.current;
    inFlight.current = true;
    setLoading(true);
    if (reset) setError(null);
    loader.current(from).then(
      (result) => {
        if (id !== request.current) return;
        inFlight.current = false;
        setLoading(false);
        setReady(true);
        if (!result.ok) {
          setError(result.error);
          if (reset) {
            setItems([]);
            setHasMore(false);
          }
          return;
        }
        setError(null);
        setItems((current) => (reset ? result.value.items : current.concat(result.value.items)));
        setCursor(result.value.next);
        setHasMore(result.value.next !== null);
      },
      (e: unknown) => {
        if (id !== request.current) return;
        inFlight.current = false;
        setLoading(false);
        setError({ code: 'INTERNAL', message: String((e as Error)?.message ?? e) });
      },
    );
  }, []);

  useEffect(() => {
    setReady(false);
    setItems([]);
    setCursor(null);
    setHasMore(false);
    fetchPage(null, true);
  }, [queryKey, generation, fetchPage]);

  const loadMore = useCallback(() => {
    if (inFlight.current || !hasMore || error) return;
    fetchPage(cursor, false);
  }, [cursor, hasMore, error, fetchPage]);

  const retryMore = useCallback(() => {
    if (!inFlight.current) fetchPage(cursor, false);
  }, [cursor, fetchPage]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  const refresh = useCallback(() => {
    const id = ++request.current;
    const target = Math.max(1, loaded.current);
    inFlight.current = true;
    void (async () => {
      let all: T[] = [];
      let next: C | null = null;
      do {
        const result: Result<Page<T, C>> = await loader.current(next);
        if (id !== request.current) return;
        if (!result.ok) {
          // Keep what is shown; the next append or a scroll tries again.
          inFlight.current = false;
          return;
        }
        all = all.concat(result.value.items);
        next = result.value.next;
      } while (next !== null && all.length < target);
      inFlight.current = false;
      setItems(all);
      setCursor(next);
      setHasMore(next !== null);
      setError(null);
      setReady(true);
    })();
  }, []);

  const extend = useCallback(
    (from: C) => {
      if (inFlight.current || hasMore) return;
      fetchPage(from, false);
    },
    [hasMore, fetchPage],
  );

  return { items, hasMore, loading, error, ready, loadMore, retryMore, reload, refresh, extend };
}
