// TEMPORARY placeholder (branch i12-ui only): the real folder catalog comes from branch i12-catalog;
// the lead replaces this file when merging. It has the catalog's exports and no real logic: a
// folder loads as empty, so the session and the Projections panel can be built and tested.
import type { ProjectionFolderInfo } from '../../shared/projections.ts';
import type { Projection } from '../replay/projection.ts';

export interface ProjectionCatalog {
  folder: string;
  projections: readonly Projection[];
  info(): ProjectionFolderInfo;
  reload(): Promise<void>;
  watch(onChange: () => void): () => void;
  close(): Promise<void>;
}

export async function loadProjectionFolder(dir: string): Promise<ProjectionCatalog> {
  return {
    folder: dir,
    projections: [],
    info: () => ({ folder: dir, modules: [], watching: false }),
    reload: async () => {},
    watch: () => () => {},
    close: async () => {},
  };
}
