// Pure conversions of a verify report into the open store's integrity status, and of that status
// into what an export manifest records. Kept apart from the background job so both are testable.
import type { IntegrityAffectedEvent, IntegrityStatus, IntegrityWhy, ManifestIntegrity, VerifyFindingKind, VerifyReport } from '../../shared/verify.ts';
import { NO_RECORDED_HEAD_CAVEAT } from '../../shared/verify.ts';

/** At most this many affected events travel to the renderer and into manifests. */
export const MAX_AFFECTED = 200;

export function emptyStatus(openId: number, status: IntegrityStatus['status'], reason: string | null = null, why?: IntegrityWhy): IntegrityStatus {
  return { openId, status, done: 0, total: 0, checkedAt: null, findingCount: 0, findingKinds: {}, affected: [], affectedTruncated: false, chainHead: null, lastPosition: null, caveat: null, reason, ...(why ? { why } : {}) };
}

/** Finds the stream and version of the event at a position (null when there is none, e.g. deleted). */
export type LocateEvent = (position: number) => { streamId: string; version: number } | null;

export function statusFromReport(openId: number, report: VerifyReport, checkedAt = new Date().toISOString(), locate?: LocateEvent): IntegrityStatus {
  const kinds: Partial<Record<VerifyFindingKind, number>> = {};
  let count = 0;
  for (const [kind, n] of Object.entries(report.findingCounts) as [VerifyFindingKind, number][]) {
    if (n > 0) {
      kinds[kind] = n;
      count += n;
    }
  }
  const affected: IntegrityAffectedEvent[] = report.findings
    .filter((f) => f.position !== null || f.streamId !== undefined)
    .slice(0, MAX_AFFECTED)
    .map((f) => {
      // Chain findings name positions only; the state view needs the stream and version too.
      const where = f.streamId === undefined && f.position !== null && locate ? locate(f.position) : null;
      const streamId = f.streamId ?? where?.streamId;
      const version = f.version ?? where?.version;
      return { position: f.position, ...(f.toPosition !== undefined ? { toPosition: f.toPosition } : {}), ...(streamId !== undefined ? { streamId } : {}), ...(version !== undefined ? { version } : {}), kind: f.kind };
    });
  const located = report.findings.filter((f) => f.position !== null || f.streamId !== undefined).length;
  const verified = count === 0;
  // Only a recorded head that was found in the chain rules out a rewrite up to that head.
  const headConfirmed = report.expectedHead !== null && report.expectedHead.foundAt !== null;
  return {
    openId,
    status: verified ? 'verified' : 'findings',
    done: 1,
    total: 1,
    checkedAt,
    findingCount: count,
    findingKinds: kinds,
    affected,
    affectedTruncated: report.truncated || located > affected.length,
    chainHead: report.chainHead,
    lastPosition: report.lastPosition,
    caveat: verified && !headConfirmed ? NO_RECORDED_HEAD_CAVEAT : null,
    reason: null,
  };
}

/** Whether a position lies in one of the affected events or ranges. */
export function isAffectedPosition(affected: readonly IntegrityAffectedEvent[], position: number): boolean {
  return affected.some((a) => a.position !== null && position >= a.position && position <= (a.toPosition ?? a.position));
}

export function manifestIntegrity(status: IntegrityStatus | null, expectedHead?: string): ManifestIntegrity {
  if (!status) return { status: 'not-checked', reason: 'no verification ran for this store' };
  if (status.status === 'no-chain') return { status: 'no-chain' };
  if (status.status === 'checking') return { status: 'not-checked', reason: 'verification was still running when the export was written' };
  if (status.status === 'not-checked' || status.checkedAt === null) return { status: 'not-checked', ...(status.reason ? { reason: status.reason } : {}) };
  const positions = status.affected.flatMap((a) => (a.position === null ? [] : [a.position]));
  return {
    status: status.status,
    checkedAt: status.checkedAt,
    findings: { count: status.findingCount, kinds: status.findingKinds, positions, positionsTruncated: status.affectedTruncated },
    chainHead: status.chainHead,
    lastPosition: status.lastPosition,
    ...(expectedHead ? { expectedHead } : {}),
    ...(status.caveat ? { caveat: status.caveat } : {}),
  };
}
