// Random access to a stream's events by version, for a virtualized table over streams of 100k+
// events: fixed-size pages are fetched (keyset by version) only when rows near them are on screen,
// and kept. Versions are dense (1..N), so a row index is a version and scrolling never has to walk
// the pages before it.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/result.ts';
import type { StoredEvent } from '../../../../shared/types.ts';
import { api } from '../../api.ts';

export const EVENTS_PAGE = 100;

type PageState = { status: 'loading' } | { status: 'ok'; byVersion: Map<number, StoredEvent> } | { status: 'error'; error: ErrorInfo };

export interface StreamEvents {
  /** The event at `version`: undefined while its page loads; null when the store has none there. */
  get(version: number): StoredEvent | null | undefined;
  errorAt(version: number): ErrorInfo | null;
  /** Loads the pages covering versions from..to (inclusive). */
  ensure(from: number, to: number): void;
  retry(version: number): void;
}

export function useStreamEvents(streamId: string, maxVersion: number): StreamEvents {
  const pages = useRef(new Map<number, PageState>());
  const [, setTick] = useState(0);
  const live = useRef(true);

  useEffect(() => {
    live.current = true;
    pages.current = new Map();
    setTick((t) => t + 1);
    return () => {
      live.current = false;
    };
  }, [streamId, maxVersion]);

  const load = useCallback(
    (page: number) => {
      const map = pages.current;
      map.set(page, { status: 'loading' });
      const fromVersion = page * EVENTS_PAGE + 1;
      void api.readStream({ streamId, fromVersion, direction: 'forward', limit: EVENTS_PAGE }).then((result) => {
        if (!live.current || pages.current !== map) return;
        if (result.ok) {
          const byVersion = new Map<number, StoredEvent>();
          for (const event of result.value.items) if (event.version < fromVersion + EVENTS_PAGE) byVersion.set(event.version, event);
          map.set(page, { status: 'ok', byVersion });
        } else {
          map.set(page, { status: 'error', error: result.error });
        }
        setTick((t) => t + 1);
      });
    },
    [streamId],
  );

  const ensure = useCallback(
    (from: number, to: number) => {
      if (maxVersion <= 0) return;
      const first = Math.floor((Math.max(1, from) - 1) / EVENTS_PAGE);
      const last = Math.floor((Math.min(maxVersion, Math.max(from, to)) - 1) / EVENTS_PAGE);
      for (let page = first; page <= last; page++) if (!pages.current.has(page)) load(page);
    },
    [load, maxVersion],
  );

  const pageOf = (version: number) => pages.current.get(Math.floor((version - 1) / EVENTS_PAGE));

  return {
    get(version) {
      const page = pageOf(version);
      if (!page || page.status !== 'ok') return undefined;
      return page.byVersion.get(version) ?? null;
    },
    errorAt(version) {
      const page = pageOf(version);
      return page?.status === 'error' ? page.error : null;
    },
    ensure,
    retry(version) {
      load(Math.floor((version - 1) / EVENTS_PAGE));
    },
  };
}
