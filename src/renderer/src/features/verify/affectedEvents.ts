// Which events background verification named in its findings: the marks on event rows, the event
// detail and the state view. Positions are authoritative; stream + version where the finding (or
// main's lookup) located it.
import type { IntegrityStatus } from '../../../../shared/verify.ts';

export function isAffectedEvent(integrity: IntegrityStatus | null, event: { position: number; streamId: string; version: number }): boolean {
  if (!integrity || integrity.status !== 'findings') return false;
  return integrity.affected.some(
    (a) =>
      (a.position !== null && event.position >= a.position && event.position <= (a.toPosition ?? a.position)) ||
      (a.streamId === event.streamId && a.version === event.version),
  );
}

/** Versions of a stream, up to and including `upTo`, that findings name (sorted, unique). */
export function affectedVersions(integrity: IntegrityStatus | null, streamId: string, upTo: number): number[] {
  if (!integrity || integrity.status !== 'findings') return [];
  const versions = new Set<number>();
  for (const a of integrity.affected) if (a.streamId === streamId && a.version !== undefined && a.version <= upTo) versions.add(a.version);
  return [...versions].sort((x, y) => x - y);
}
