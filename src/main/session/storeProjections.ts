// The projections of one open store: its projections folder's catalog (loaded, watched for saved
// files, closed when the store closes or the folder changes) ahead of the built-in projections.
// The session re-creates the replay engine from `projections()` whenever `onChange` fires.
import path from 'node:path';
import type { ProjectionFolderView } from '../../shared/contract.ts';
import { checkFolder, loadProjectionFolder, type ProjectionCatalog } from '../projections/catalog.ts';
import { replayProjections } from '../projections/replayProjections.ts';
import type { Projection } from '../replay/projection.ts';

export type LoadProjectionFolder = (dir: string) => Promise<ProjectionCatalog>;

export interface StoreProjections {
  /** Modules of the folder first (a module applies to its streams ahead of the built-ins; one named like a built-in replaces it). */
  projections(): readonly Projection[];
  view(): ProjectionFolderView;
  /**
   * Loads `folder` instead of the current one (null: none). A folder that cannot be read throws and
   * the current one stays in use.
   */
  setFolder(folder: string | null): Promise<ProjectionFolderView>;
  /** Loads the remembered folder at opening: a folder that cannot be read becomes `problem`, not an error. */
  restore(folder: string): Promise<void>;
  reload(): Promise<ProjectionFolderView>;
  close(): Promise<void>;
}

async function closeQuietly(catalog: ProjectionCatalog | null): Promise<void> {
  try {
    await catalog?.close();
  } catch {
    // a closing catalog has nothing left to give back
  }
}

export function createStoreProjections(options: { load?: LoadProjectionFolder; onChange: () => void }): StoreProjections {
  const load = options.load ?? loadProjectionFolder;
  let catalog: ProjectionCatalog | null = null;
  let unwatch: (() => void) | null = null;
  let problem: string | null = null;
  /** A folder that could not be loaded at opening: shown, so the user sees why its modules are missing. */
  let missingFolder: string | null = null;
  let closed = false;

  const view = (): ProjectionFolderView =>
    catalog ? { ...catalog.info(), problem } : { folder: missingFolder, modules: [], watching: false, problem };

  async function use(folder: string | null): Promise<void> {
    let next: ProjectionCatalog | null = null;
    if (folder !== null) {
      // Missing, or a file: refused in people's words before anything is loaded.
      const resolved = path.resolve(folder);
      await checkFolder(resolved);
      next = await load(resolved);
    }
    if (closed) {
      await closeQuietly(next);
      return;
    }
    unwatch?.();
    const previous = catalog;
    catalog = next;
    problem = null;
    missingFolder = null;
    // A saved file reloads the catalog; the session then re-creates the engine and tells the views.
    unwatch = next ? next.watch(() => options.onChange()) : null;
    await closeQuietly(previous);
  }

  async function restore(folder: string): Promise<void> {
    try {
      await use(folder);
    } catch (error) {
      missingFolder = path.resolve(folder);
      problem = `The projections folder remembered for this store could not be loaded: ${(error as Error).message}`;
    }
  }

  return {
    projections: () => replayProjections(catalog?.projections ?? []),
    view,
    async setFolder(folder) {
      await use(folder);
      return view();
    },
    restore,
    async reload() {
      if (catalog) await catalog.reload();
      // The remembered folder was missing at opening: it may be back now.
      else if (missingFolder) await restore(missingFolder);
      return view();
    },
    async close() {
      closed = true;
      unwatch?.();
      unwatch = null;
      const previous = catalog;
      catalog = null;
      await closeQuietly(previous);
    },
  };
}
