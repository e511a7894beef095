// The viewing session: at most one open store (read-only) with its replay engine, the recent files,
// and notifications when the open store changes. Handlers reach the store only through here.
import type { OpenedStore } from '../../shared/contract.ts';
import type { DemoOptions } from '../demo/generateDemo.ts';
import { LedgerError } from '../errors.ts';
import { createReplayEngine, type ReplayEngine } from '../replay/replayEngine.ts';
import type { EventStoreReader } from '../store/eventStore.ts';
import { openForViewing } from '../adapters/openForViewing.ts';
import { demoStorePath, ensureDemoStore } from './demoStore.ts';
import type { AppPaths } from './paths.ts';
import { createRecentStores } from './recentStores.ts';
import path from 'node:path';

export interface SessionOptions {
  paths: AppPaths;
  demoOptions?: DemoOptions;
  /** Opens a file as a store; defaults to read-only viewing of any supported format. */
  open?: (file: string) => EventStoreReader;
}

export interface Session {
  open(file: string): OpenedStore;
  openDemo(): OpenedStore;
  current(): OpenedStore | null;
  close(): void;
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
}

export function createSession(options: SessionOptions): Session {
  const open = options.open ?? openForViewing;
  const recent = createRecentStores(path.join(options.paths.config, 'recent.json'));
  const listeners = new Set<(store: OpenedStore | null) => void>();
  type Active = { store: EventStoreReader; engine: ReplayEngine; leases: number; retired: boolean };
  let active: Active | null = null;

  /** Closes a store once it is neither current nor leased. */
  const retire = (entry: Active | null) => {
    if (!entry) return;
    entry.retired = true;
    if (entry.leases === 0) entry.store.close();
  };

  const overview = (): OpenedStore | null => (active ? { info: active.store.info, stats: active.store.stats() } : null);
  const notify = () => {
    const value = overview();
    for (const listener of listeners) listener(value);
  };

  function replaceWith(file: string, remember: boolean): OpenedStore {
    // Open the new store first: if it fails, the current one stays open and usable.
    const store = open(file);
    retire(active);
    active = { store, engine: createReplayEngine(store), leases: 0, retired: false };
    if (remember) recent.add(store.info.path);
    notify();
    return overview() as OpenedStore;
  }

  function requireActive(): Active {
    if (!active) throw new LedgerError('NO_STORE_OPEN', 'No store is open. Open a file or the demo store first.');
    return active;
  }

  return {
    open: (file) => replaceWith(file, true),
    openDemo: () => replaceWith(ensureDemoStore(options.paths.cache, options.demoOptions), false),
    current: overview,
    close() {
      retire(active);
      active = null;
      notify();
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
          if (entry.retired && entry.leases === 0) entry.store.close();
        },
      };
    },
    recent: () => recent.list(),
    demoPath: () => demoStorePath(options.paths.cache, options.demoOptions),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
