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
import { createReportHandlers, type ReportEvidence } from './reportHandlers.ts';
import type { RecentConnections } from '../../session/recentConnections.ts';
import type { SearchIndexes } from '../../session/searchIndexes.ts';
import { createKeyHandlers } from './keyHandlers.ts';
import type { EvidenceDeps } from './bundleEvidence.ts';
import { createSigningKeys } from '../../evidence/signing/signingKeys.ts';
import type { ViewerRecords } from '../../activity/viewerRecords.ts';
import { openStoreFacts, withActivityRecording } from '../../activity/recordActivity.ts';
import { createRecordHandlers } from './activityHandlers.ts';
import type { ActivityRecorder } from '../../evidence/services.ts';
import { createScreenMasking, type ScreenMasking } from '../../masking/screenMasking.ts';
import { createMaskingHandlers } from './maskingHandlers.ts';
import { withScreenMasking } from './screenMasking.ts';
import type { HistogramCaches } from '../../session/histogramCaches.ts';

/** signing: the local signing key (issue 14); activity / notes: put into every export bundle when composed. */
export interface HandlerDeps extends EvidenceDeps {
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
  /** Notes, masking and the signer for printable reports (absent: none of them). */
  reportEvidence?: ReportEvidence;
  /** The viewer's activity log and case notes (activity/viewerRecords.ts). */
  records: ViewerRecords;
  /** The header's masking switch (issue 14); a switched-off one is made when absent. */
  masking?: ScreenMasking;
  /** The viewer's activity log, when there is one: records showing an event unmasked. */
  activity?: ActivityRecorder;
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
  const masking = deps.masking ?? createScreenMasking();
  const withGrants = { ...deps, masking, grants: createSessionPathGrants(deps.session, deps.host) };
  const facts = openStoreFacts(deps.session);
  const handlers: Handlers = {
    ...createStoreHandlers(withGrants),
    ...createStreamHandlers(deps),
    ...createProjectionHandlers(withGrants),
    ...createEventHandlers(deps),
    ...createExportHandlers(withGrants),
    ...createSearchHandlers(withGrants),
    ...createImportHandlers(withGrants),
    ...createDatabaseHandlers({ session: deps.databases, recent: deps.recent }),
    ...createKeyHandlers({ signing: deps.signing ?? createSigningKeys() }),
    ...createReportHandlers({ ...deps, evidence: deps.reportEvidence }),
    ...createRecordHandlers({ session: deps.session, host: deps.host, records: deps.records, facts }),
    ...createMaskingHandlers({ session: deps.session, masking, activity: deps.activity ?? deps.records.activity }),
  };
  // Searches, verifications and exports leave an entry in the viewer's activity log; while the
  // masking switch is on, every answer that carries event data is masked.
  return withScreenMasking(withActivityRecording(handlers, { session: deps.session, jobs: deps.jobs, activity: deps.records.activity, facts }), masking);
}
