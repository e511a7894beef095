// The open store's hour cache (store/hourCache.ts), for the timeline: its histogram and its pages
// from a time. Opened lazily for the store on screen, closed (and written out) when another store
// replaces it. Nothing waits for the cache: until it has counted, answers come partial (histogram)
// or straight from the store (pages).
import type { Histogram, HistogramQuery, Page, ReadAllQuery, StoredEvent } from '../../shared/types.ts';
import type { EventStoreReader, ReadOptions } from '../store/eventStore.ts';
import { clearHourCaches, openHourCache, type HourCache } from '../store/hourCache.ts';
import type { Session } from './session.ts';

export interface HistogramCaches {
  histogram(store: EventStoreReader, query: HistogramQuery, buckets: number, options?: ReadOptions): Promise<Histogram>;
  /** A page of the log; one from a time starts where the cache's zone map says the time begins. */
  readAll(store: EventStoreReader, query: ReadAllQuery, options?: ReadOptions): Promise<Page<StoredEvent, number>>;
  close(): Promise<void>;
  /** Closes the open cache and removes every hour cache file; the bytes freed ("clear caches"). */
  clear(): Promise<{ bytes: number }>;
}

export function createHistogramCaches(deps: { session: Session; cacheDir: string }): HistogramCaches {
  let current: { store: EventStoreReader; cache: Promise<HourCache | null> } | null = null;

  const closeCurrent = () => {
    const previous = current;
    current = null;
    return previous?.cache.then((cache) => cache?.close()).catch(() => {});
  };
  const cacheFor = (store: EventStoreReader): Promise<HourCache | null> => {
    if (current?.store !== store) {
      void closeCurrent();
      // A cache that cannot be opened (no hour reads, an unreadable folder) leaves the store to answer alone.
      current = { store, cache: openHourCache(store, { cacheDir: deps.cacheDir }).catch(() => null) };
    }
    return current.cache;
  };
  deps.session.onChange(() => {
    const open = deps.session.current();
    if (current && (!open || open.info.path !== current.store.info.path)) void closeCurrent();
    // Read the store's cache file (if any) now, so the timeline's first answers need not wait for it.
    if (open && !current) {
      try {
        void cacheFor(deps.session.require().store);
      } catch {
        // no store after all
      }
    }
  });

  return {
    async histogram(store, query, buckets, options) {
      const cache = await cacheFor(store);
      return cache ? cache.histogram(query, buckets, options) : store.histogram(query, buckets, options);
    },
    async readAll(store, query, options) {
      if (query.fromTime === undefined && query.toTime === undefined) return store.readAll(query, options);
      const cache = await cacheFor(store);
      if (!cache) return store.readAll(query, options);
      // The first page from a time starts the count (in the background), so the next ones seek.
      if (cache.status().state === 'empty') void cache.refresh().catch(() => {});
      return store.readAll(cache.seek(query), options);
    },
    close: async () => {
      await closeCurrent();
    },
    clear: async () => {
      await closeCurrent();
      return { bytes: clearHourCaches(deps.cacheDir) };
    },
  };
}
