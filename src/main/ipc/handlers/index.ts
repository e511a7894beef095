// All IPC handlers, composed from per-area factories. The same map serves Electron and the bridge.
import type { Handlers } from '../../../shared/contract.ts';
import type { JobRegistry } from '../../jobs/jobRegistry.ts';
import type { Session } from '../../session/session.ts';
import type { BackgroundVerify } from '../../verify/backgroundVerify.ts';
import { createEventHandlers } from './eventHandlers.ts';
import { createExportHandlers } from './exportHandlers.ts';
import { createImportHandlers } from './importHandlers.ts';
import type { Host } from './host.ts';
import { createPathGrants, type PathGrants } from './pathGrants.ts';
import { createStoreHandlers } from './storeHandlers.ts';
import { createProjectionHandlers } from './projectionHandlers.ts';
import { createStreamHandlers } from './streamHandlers.ts';
import { createSearchHandlers } from './searchHandlers.ts';
import { createDatabaseHandlers, type DatabaseSession } from './databaseHandlers.ts';
import type { RecentConnections } from '../../session/recentConnections.ts';
import type { SearchIndexes } from '../../session/searchIndexes.ts';
import type { HistogramCaches } from '../../session/histogramCaches.ts';

export interface HandlerDeps {
  session: Session;
  jobs: JobRegistry;
  host: Host;
  /** Background verification of the open store (absent in tests that do not need it). */
  integrity?: BackgroundVerify;
  /** The connection form's services (databases) and its remembered connections. */
  databases: DatabaseSession;
  recent: RecentConnections;
  /** The open store's sidecar search index. */
  searchIndexes?: SearchIndexes;
  /** The open store's hour cache (cheap histograms, pages from a time); absent: the store answers alone. */
  histograms?: HistogramCaches;
}

/** The open store's projections folder (remembered by main, or confirmed when it was set). */
function projectionFolderOf(session: Session): string[] {
  if (!session.current()) return [];
  const folder = session.projectionFolder().folder;
  return folder ? [folder] : [];
}

/** Paths main vouches for on its own: the recent list, the demo store, the open store and its projections folder. */
function createSessionPathGrants(session: Session, host: Host): PathGrants {
  return createPathGrants({
    confine: host.confinesPaths,
    trusted: () => {
      const open = session.current()?.info.path;
      return [...session.recent().map((entry) => entry.path), session.demoPath(), ...(open ? [open] : []), ...projectionFolderOf(session)];
    },
    confirm: (file, purpose) => host.confirmPath(file, purpose),
  });
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const withGrants = { ...deps, grants: createSessionPathGrants(deps.session, deps.host) };
  return {
    ...createStoreHandlers(withGrants),
    ...createStreamHandlers(deps),
    ...createProjectionHandlers(withGrants),
    ...createEventHandlers(deps),
    ...createExportHandlers(deps),
    ...createSearchHandlers(deps),
    ...createImportHandlers(withGrants),
    ...createDatabaseHandlers({ session: deps.databases, recent: deps.recent }),
  };
}
