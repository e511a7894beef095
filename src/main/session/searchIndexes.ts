// The open store's sidecar search index (src/main/search/index): opened lazily, built as a job the
// first time a large store is searched (or when asked), kept up to date with live tail, and
// removed with "clear caches". Searches never wait for it: until it is ready they scan.
import type { JobState } from '../../shared/jobs.ts';
import type { JobRegistry } from '../jobs/jobRegistry.ts';
import { clearSearchIndexes, openSearchIndex, type SearchIndex } from '../search/index/searchIndex.ts';
import type { SearchAccelerator } from '../search/types.ts';
import type { EventStoreReader } from '../store/eventStore.ts';
import type { Session } from './session.ts';

/** Below this many events a scan answers fast enough; above it the first search builds the index. */
export const AUTO_INDEX_EVENTS = 500_000;

export interface SearchIndexes {
  /** The ready index of `store`, brought up to its newest events; null while there is none. */
  acceleratorFor(store: EventStoreReader): Promise<SearchAccelerator | null>;
  /** Starts building the open store's index (a job); the running job when one is under way. */
  build(): JobState;
  status(): Promise<ReturnType<SearchIndex['status']> & { jobId: string | null }>;
  /** Closes the open index and removes every index file; the bytes freed. */
  clear(): Promise<{ bytes: number }>;
}

export function createSearchIndexes(deps: { session: Session; jobs: JobRegistry; cacheDir: string; autoIndexEvents?: number }): SearchIndexes {
  const { session, jobs, cacheDir } = deps;
  const autoIndex = deps.autoIndexEvents ?? AUTO_INDEX_EVENTS;
  let current: { store: EventStoreReader; index: Promise<SearchIndex>; job: JobState | null } | null = null;

  const entryFor = (store: EventStoreReader) => {
    if (current?.store !== store) {
      const previous = current;
      void previous?.index.then((index) => index.close()).catch(() => {});
      current = { store, index: openSearchIndex(store, { cacheDir }), job: null };
    }
    return current;
  };
  // A store that is closed or replaced takes its index with it.
  session.onChange(() => {
    const open = session.current();
    if (current && (!open || open.info.path !== current.store.info.path)) {
      void current.index.then((index) => index.close()).catch(() => {});
      current = null;
    }
  });

  function startBuild(store: EventStoreReader): JobState {
    const entry = entryFor(store);
    if (entry.job && jobs.get(entry.job.id)?.status === 'running') return jobs.get(entry.job.id)!;
    const lease = session.lease();
    const job = jobs.start('search-index', `Build the search index of ${store.info.path}`, async (ctx) => {
      const index = await entry.index;
      return index.build({ signal: ctx.signal, onProgress: (done, total) => ctx.progress(done, total, `${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} events indexed`) });
    }, { case: 'searchIndex', path: store.info.path });
    entry.job = job;
    void jobs.wait(job.id).finally(lease.release);
    return job;
  }

  return {
    async acceleratorFor(store) {
      const entry = entryFor(store);
      const index = await entry.index;
      const status = index.status();
      if (status.state === 'ready') {
        const last = session.current()?.stats.lastPosition ?? null;
        // Live tail saw newer events: index them first (a few, usually) so none is scanned twice.
        if (last !== null && last > status.indexedUpTo) await index.update();
        return index.status().state === 'ready' ? index : null;
      }
      const events = session.current()?.stats.events ?? 0;
      if (status.state === 'none' && events >= autoIndex && !entry.job) startBuild(store);
      return null;
    },
    build: () => startBuild(session.require().store),
    async status() {
      const { store } = session.require();
      const entry = entryFor(store);
      const running = entry.job && jobs.get(entry.job.id)?.status === 'running' ? entry.job.id : null;
      return { ...(await entry.index).status(), jobId: running };
    },
    async clear() {
      if (current) {
        if (current.job) jobs.cancel(current.job.id);
        await current.index.then((index) => index.close()).catch(() => {});
        current = null;
      }
      return { bytes: clearSearchIndexes(cacheDir) };
    },
  };
}
