// Random access to a stream's events by version, for a virtualized table over streams of 100k+
// events: fixed-size pages are fetched (keyset by version) only when rows near them are on screen,
// and kept. Versions are dense (1..N), so a row index is a version and scrolling never has to walk
// the pages before it.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/result.ts';
import type { StoredEvent } from '../../../../shared/types.ts';
import { api } from '../../api.ts';

export const EVENTS_PAGE = 100;

/** `upTo`: the stream's last version when the page was read; later versions are not known to be gaps. */
type PageState = { status: 'loading' } | { status: 'ok'; byVersion: Map<number, StoredEvent>; upTo: number } | { status: 'error'; error: ErrorInfo };

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
  const maxRef = useRef(maxVersion);
  maxRef.current = maxVersion;
  const [, setTick] = useState(0);
  const live = useRef(true);

  useEffect(() => {
    live.current = true;
    pages.current = new Map();
    setTick((t) => t + 1);
    return () => {
      live.current = false;
    };
  }, [streamId]);

  const load = useCallback(
    (page: number) => {
      const map = pages.current;
      map.set(page, { status: 'loading' });
      const fromVersion = page * EVENTS_PAGE + 1;
      const upTo = maxRef.current;
      void api.readStream({ streamId, fromVersion, direction: 'forward', limit: EVENTS_PAGE }).then((result) => {
        if (!live.current || pages.current !== map) return;
        if (result.ok) {
          const byVersion = new Map<number, StoredEvent>();
          for (const event of result.value.items) if (event.version < fromVersion + EVENTS_PAGE) byVersion.set(event.version, event);
          map.set(page, { status: 'ok', byVersion, upTo });
          // The stream grew while this page was on its way: read it again for the new versions.
          if (maxRef.current > upTo && byVersion.size < EVENTS_PAGE) setTimeout(() => live.current && pages.current === map && load(page), 0);
        } else {
          map.set(page, { status: 'error', error: result.error });
        }
        setTick((t) => t + 1);
      });
    },
    [streamId],
  );

  // Live tail: versions are immutable, so loaded pages stay valid when the stream grows; only the
  // page that held the old last version may have been partial. It is read again in the background
  // (its rows keep showing meanwhile); pages beyond it load when they come into view.
  const previousMax = useRef(maxVersion);
  useEffect(() => {
    const before = previousMax.current;
    previousMax.current = maxVersion;
    if (maxVersion <= before || before <= 0) return;
    const page = Math.floor((before - 1) / EVENTS_PAGE);
    const state = pages.current.get(page);
    if (state?.status !== 'ok' || state.byVersion.size >= EVENTS_PAGE) return;
    const map = pages.current;
    const fromVersion = page * EVENTS_PAGE + 1;
    const upTo = maxVersion;
    void api.readStream({ streamId, fromVersion, direction: 'forward', limit: EVENTS_PAGE }).then((result) => {
      if (!live.current || pages.current !== map || !result.ok) return;
      const byVersion = new Map<number, StoredEvent>();
      for (const event of result.value.items) if (event.version < fromVersion + EVENTS_PAGE) byVersion.set(event.version, event);
      map.set(page, { status: 'ok', byVersion, upTo });
      setTick((t) => t + 1);
    });
  }, [maxVersion, streamId]);

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
      return page.byVersion.get(version) ?? (version > page.upTo ? undefined : null);
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
