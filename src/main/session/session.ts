// The viewing session: at most one open store (read-only) with its replay engine, the recent files,
// and notifications when the open store changes. Handlers reach the store only through here.
import type { OpenedStore, ProjectionFolderView, StoreAppended } from '../../shared/contract.ts';
import type { DemoOptions } from '../demo/generateDemo.ts';
import { LedgerError } from '../errors.ts';
import { createReplayEngine, snapshotOwner, type ReplayEngine } from '../replay/replayEngine.ts';
import type { EventStoreReader } from '../store/eventStore.ts';
import type { StoreStats } from '../../shared/types.ts';
import fs from 'node:fs';
import { openStoreTarget } from '../adapters/openStoreTarget.ts';
import { demoStorePath, ensureDemoStore } from './demoStore.ts';
import type { AppPaths } from './paths.ts';
import { createRecentStores } from './recentStores.ts';
import path from 'node:path';
import { createSnapshotCache, type SnapshotCache } from '../replay/snapshotCache.ts';
import type { Projection } from '../replay/projection.ts';
import { BUILT_IN_PROJECTIONS, genericProjection } from '../replay/projections/index.ts';
import { createProjectionFolders } from './projectionFolders.ts';
import { createStoreProjections, type LoadProjectionFolder, type StoreProjections } from './storeProjections.ts';
import { words } from '../../shared/errorWords/index.ts';

export interface SessionOptions {
  paths: AppPaths;
  /** How often to look for appends by other processes (the store's change token); 0 disables. Default 500 ms. */
  tailIntervalMs?: number;
  demoOptions?: DemoOptions;
  /** Opens a file (or database URL) as a store; defaults to read-only viewing of any supported format. */
  open?: (target: string) => EventStoreReader | Promise<EventStoreReader>;
  /** Loads a projections folder (tests give a fake catalog); defaults to the folder catalog. */
  loadProjections?: LoadProjectionFolder;
}

export interface Session {
  open(target: string): Promise<OpenedStore>;
  /** Opens a store made by `open` (a database reader); not remembered among recent files. */
  openWith(open: () => Promise<EventStoreReader>): Promise<OpenedStore>;
  openDemo(): Promise<OpenedStore>;
  current(): OpenedStore | null;
  close(): Promise<void>;
  /** The open store and engine, or NO_STORE_OPEN. */
  require(): { store: EventStoreReader; engine: ReplayEngine };
  /**
   * The open store for a long operation: it stays open until `release`, even if the user opens
   * another file meanwhile (an export must not fail because the view moved on).
   */
  lease(): { store: EventStoreReader; engine: ReplayEngine; release: () => void };
  recent(): ReturnType<ReturnType<typeof createRecentStores>['list']>;
  demoPath(): string;
  onChange(listener: (store: OpenedStore | null) => void): () => void;
  /** Live tail: called when another process appended to the open store. */
  onAppended(listener: (change: StoreAppended) => void): () => void;
  /** The open store's projections folder and its modules (NO_STORE_OPEN without a store). */
  projectionFolder(): ProjectionFolderView;
  /** Uses (and remembers for the open store) another projections folder; null: the built-ins only. */
  setProjectionFolder(folder: string | null): Promise<ProjectionFolderView>;
  reloadProjections(): Promise<ProjectionFolderView>;
  /** The projections changed (a saved file, another folder): the engine is new, views should ask again. */
  onProjectionsChanged(listener: (folder: ProjectionFolderView) => void): () => void;
  /** Stops watching the open store for appends. */
  dispose(): void;
  /** Checks the open store for appends now (the timer calls this; tests may too). */
  checkForAppends(): Promise<void>;
}

/** Closing a store that failed (a dropped connection) must not surface from a timer or a retire. */
async function closeQuietly(store: EventStoreReader): Promise<void> {
  try {
    await store.close();
  } catch {
    // nothing left to release
  }
}

export function createSession(options: SessionOptions): Session {
  // By default a running writer's log is read in place, so its appends show up (live tail).
  const open = async (target: string): Promise<EventStoreReader> => (options.open ? options.open(target) : openStoreTarget(target));
  const recent = createRecentStores(path.join(options.paths.config, 'recent.json'));
  const folders = createProjectionFolders(path.join(options.paths.config, 'projection-folders.json'));
  const listeners = new Set<(store: OpenedStore | null) => void>();
  const projectionListeners = new Set<(folder: ProjectionFolderView) => void>();
  const appendListeners = new Set<(change: StoreAppended) => void>();
  type Active = {
    /** Which opening this is (see OpenedStore.openId); a live-tail re-open keeps it. */
    openId: number;
    store: EventStoreReader;
    engine: ReplayEngine;
    /** The projections folder's modules and the built-ins; kept across a live-tail re-open. */
    projections: StoreProjections;
    /**
     * One snapshot cache per opening, shared by every engine made for it: a hot reload re-creates
     * the engine and only the edited module (whose cacheKey changed) starts over.
     */
    cache: SnapshotCache;
    leases: number;
    retired: boolean;
    changeToken: string;
    /** The stats last read: what `current()` reports without asking a database again. */
    stats: StoreStats;
    /**
     * No stats before this time (epoch ms): after a stats read that took d ms, the next waits 10·d,
     * so a big database under constant appends spends at most a tenth of its time on our counts.
     */
    nextStatsAt: number;
    /** Size and mtime of the file and its -wal: how changes show for a store read from a snapshot. */
    fileStamp: string;
    events: number;
    lastPosition: number | null;
  };

  const stampOf = (file: string): string =>
    ['', '-wal'].map((suffix) => {
      try {
        const stat = fs.statSync(file + suffix);
        return `${stat.size}:${stat.mtimeMs}`;
      } catch {
        return '-';
      }
    }).join('|');
  let active: Active | null = null;
  let opens = 0;

  const engineFor = (store: EventStoreReader, projections: StoreProjections, cache: SnapshotCache): ReplayEngine =>
    createReplayEngine(store, { projections: projections.projections(), cache });

  /** The catalog reloaded (a saved file): a new engine over the same cache, and the views are told. */
  const projectionsChanged = (projections: StoreProjections) => {
    if (!active || active.projections !== projections) return;
    active.engine = engineFor(active.store, projections, active.cache);
    // The saved file's old content: its snapshots go (the new content has a new key anyway).
    const live = new Set([...projections.projections(), ...BUILT_IN_PROJECTIONS, genericProjection].map((p) => snapshotOwner(p as Projection)));
    active.cache.retain((owner) => live.has(owner));
    const view = projections.view();
    for (const listener of projectionListeners) listener(view);
  };

  /** Closes a store once it is neither current nor leased. */
  const retire = (entry: Active | null) => {
    if (!entry) return;
    entry.retired = true;
    if (entry.leases === 0) void closeQuietly(entry.store);
  };

  const overview = (): OpenedStore | null => (active ? { openId: active.openId, info: active.store.info, stats: active.stats } : null);
  const notify = () => {
    const value = overview();
    for (const listener of listeners) listener(value);
  };

  /** Opens are serialized: a second open waits for the first, so the last one asked for wins. */
  let opening: Promise<unknown> = Promise.resolve();

  type Source = string | { file: () => Promise<string> } | { reader: () => Promise<EventStoreReader> };
  function replaceWith(target: Source, remember: boolean): Promise<OpenedStore> {
    const run = opening.then(() => replaceNow(target, remember));
    opening = run.catch(() => {});
    return run;
  }

  async function replaceNow(target: Source, remember: boolean): Promise<OpenedStore> {
    // Open the new store first: if it fails, the current one stays open and usable.
    const store = typeof target === 'string' ? await open(target) : 'file' in target ? await open(await target.file()) : await target.reader();
    let stats: StoreStats;
    let changeToken: string;
    try {
      stats = await store.stats();
      changeToken = await store.changeToken();
    } catch (error) {
      await closeQuietly(store);
      throw error;
    }
    // The folder remembered for this store is loaded before the store is announced, so the first
    // question already gets its modules. One that cannot be loaded is reported, not fatal.
    const projections: StoreProjections = createStoreProjections({ load: options.loadProjections, onChange: () => projectionsChanged(projections) });
    const remembered = folders.get(store.info.path);
    if (remembered) await projections.restore(remembered);
    const previous = active;
    retire(previous);
    void previous?.projections.close();
    const cache = createSnapshotCache();
    active = {
      openId: ++opens,
      store,
      engine: engineFor(store, projections, cache),
      projections,
      cache,
      leases: 0,
      retired: false,
      changeToken,
      stats,
      nextStatsAt: 0,
      fileStamp: store.info.kind === 'postgres' ? '' : stampOf(store.info.path),
      events: stats.events,
      lastPosition: stats.lastPosition,
    };
    if (remember && store.info.kind !== 'postgres') recent.add(store.info.path);
    notify();
    return overview() as OpenedStore;
  }

  /**
   * The store's change token (SQLite's PRAGMA data_version, a database's watermark) changes when
   * another connection commits: cheap enough to poll twice a second. One check at a time: a slow
   * database never piles up overlapping polls.
   */
  let checking: Promise<void> | null = null;
  function checkForAppends(): Promise<void> {
    checking ??= checkNow().finally(() => (checking = null));
    return checking;
  }

  async function checkNow(): Promise<void> {
    const current = active;
    if (!current || appendListeners.size === 0) return;
    try {
      if (current.store.info.access === 'snapshot') {
        // A private snapshot never changes by itself: re-open it when the original file does.
        const stamp = stampOf(current.store.info.path);
        if (stamp === current.fileStamp) return;
        const reopened = await open(current.store.info.path);
        if (active !== current) {
          await closeQuietly(reopened); // the user opened something else meanwhile
          return;
        }
        current.fileStamp = stamp;
        retire(current);
        // Another file content: snapshots start over, the projections folder stays.
        const cache = createSnapshotCache();
        active = { ...current, store: reopened, cache, engine: engineFor(reopened, current.projections, cache), leases: 0, retired: false, changeToken: await reopened.changeToken() };
        await checkGrowth(active);
        return;
      }
      // Throttled: the token is left as it was, so the change is still seen once the wait is over.
      if (Date.now() < current.nextStatsAt) return;
      const token = await current.store.changeToken();
      if (token === current.changeToken || active !== current) return;
      current.changeToken = token;
      await checkGrowth(current);
    } catch {
      // A store that became unreadable shows its error on the next user action, not from a timer.
    }
  }

  /** Tells listeners when the open store holds more (or other) events than last time. */
  async function checkGrowth(current: Active): Promise<void> {
    const started = Date.now();
    const stats = await current.store.stats();
    current.nextStatsAt = Date.now() + 10 * (Date.now() - started);
    if (active !== current) return;
    current.stats = stats;
    if (stats.events === current.events && stats.lastPosition === current.lastPosition) return;
    const previous = { events: current.events, lastPosition: current.lastPosition };
    current.events = stats.events;
    current.lastPosition = stats.lastPosition;
    for (const listener of appendListeners) listener({ stats, previous });
  }
  const interval = options.tailIntervalMs ?? 500;
  const timer = interval > 0 ? setInterval(() => void checkForAppends(), interval) : null;
  timer?.unref();

  function requireActive(): Active {
    if (!active) throw new LedgerError('NO_STORE_OPEN', words('errorWords.session.noStore', {}));
    return active;
  }

  return {
    open: (file) => replaceWith(file, true),
    openWith: (reader) => replaceWith({ reader }, false),
    openDemo: () => replaceWith({ file: async () => ensureDemoStore(options.paths.cache, options.demoOptions) }, false),
    current: overview,
    async close() {
      await opening;
      const previous = active;
      retire(previous);
      active = null;
      await previous?.projections.close();
      notify();
    },
    projectionFolder: () => requireActive().projections.view(),
    setProjectionFolder(folder) {
      // Serialized with opens: the folder is set on the store that is open once earlier opens are done.
      const run = opening.then(async () => {
        const entry = requireActive();
        const view = await entry.projections.setFolder(folder);
        folders.set(entry.store.info.path, folder === null ? null : view.folder);
        projectionsChanged(entry.projections);
        return view;
      });
      opening = run.catch(() => {});
      return run;
    },
    async reloadProjections() {
      const entry = requireActive();
      const view = await entry.projections.reload();
      projectionsChanged(entry.projections);
      return view;
    },
    onProjectionsChanged(listener) {
      projectionListeners.add(listener);
      return () => projectionListeners.delete(listener);
    },
    require: requireActive,
    lease() {
      const entry = requireActive();
      entry.leases++;
      let released = false;
      return {
        store: entry.store,
        engine: entry.engine,
        release: () => {
          if (released) return;
          released = true;
          entry.leases--;
          if (entry.retired && entry.leases === 0) void closeQuietly(entry.store);
        },
      };
    },
    recent: () => recent.list(),
    demoPath: () => demoStorePath(options.paths.cache, options.demoOptions),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onAppended(listener) {
      appendListeners.add(listener);
      return () => appendListeners.delete(listener);
    },
    dispose() {
      if (timer) clearInterval(timer);
    },
    checkForAppends,
  };
}
