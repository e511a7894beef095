// A stand-in for the folder catalog in session and handler tests: a folder "loads" one in-process
// module projection for carts whose state names the revision of the file, `save()` plays a saved
// file (a new revision and cacheKey, the watchers called), and it records closes and watchers.
import type { ProjectionFolderInfo } from '../../shared/projections.ts';
import type { ProjectionCatalog, ReloadReport } from '../projections/catalog.ts';
import type { Projection } from '../replay/projection.ts';
import type { ReplayEvent } from '../store/eventStore.ts';

export interface FakeCatalog extends ProjectionCatalog {
  revision: number;
  closed: boolean;
  watchers: number;
  /** A saved file: the next revision of the module, then every watcher called. */
  save(): void;
}

function moduleProjection(revision: number): Projection<{ revision: number; seen: string[] }> {
  return {
    name: 'shop-cart',
    version: 1,
    description: 'A test module for carts',
    appliesTo: (_streamId, category) => category === 'cart',
    initialState: () => ({ revision, seen: [] }),
    handles: 'all',
    evolve: (state, event: ReplayEvent) => ({ ...state, seen: [...state.seen, event.type] }),
    origin: { kind: 'module', file: 'shop.projection.js', contentHash: `rev${revision}` },
    cacheKey: `rev${revision}`,
  };
}

export function createFakeCatalogs() {
  const loaded: FakeCatalog[] = [];
  const load = async (dir: string): Promise<ProjectionCatalog> => {
    const listeners = new Set<(report: ReloadReport) => void>();
    const report = (): ReloadReport => ({ files: ['shop.projection.js'], changed: [], info: catalog.info() });
    const catalog: FakeCatalog = {
      folder: dir,
      revision: 1,
      get projections() {
        return [moduleProjection(this.revision)];
      },
      closed: false,
      watchers: 0,
      info: (): ProjectionFolderInfo => ({
        folder: dir,
        watching: listeners.size > 0,
        modules: [
          {
            file: 'shop.projection.js',
            kind: 'module',
            name: 'shop-cart',
            version: 1,
            description: null,
            appliesTo: 'categories: cart',
            contentHash: `rev${catalog.revision}`,
            error: null,
            loadedAt: '2026-01-01T00:00:00.000Z',
          },
        ],
      }),
      reload: async () => {
        catalog.revision++;
        return report();
      },
      watch: (onChange) => {
        listeners.add(onChange);
        catalog.watchers = listeners.size;
        return () => {
          listeners.delete(onChange);
          catalog.watchers = listeners.size;
        };
      },
      close: async () => {
        catalog.closed = true;
      },
      save: () => {
        catalog.revision++;
        for (const listener of listeners) listener(report());
      },
    };
    loaded.push(catalog);
    return catalog;
  };
  return { load, loaded };
}
