// In-memory snapshots of folded states, per (projection, stream). The audited file is never written,
// so snapshots live here. States are immutable and kept by reference; blame trees are clones.
// Bounded: least recently used streams are dropped past a stream count or a blame-node budget.
import type { ReplayWarning } from '../../shared/replay.ts';
import type { BlameNode } from './blameTree.ts';

export interface Snapshot {
  version: number;
  recordedAtMs: number | null;
  state: unknown;
  blame: BlameNode | null;
  blameNodes: number;
  warnings: ReplayWarning[];
  warningCount: number;
}

export interface SnapshotCacheOptions {
  maxStreams?: number;
  maxBlameNodes?: number;
}

export interface SnapshotCache {
  /** The latest snapshot at or before `version` (with a blame tree when `needBlame`). */
  nearest(key: string, version: number, needBlame: boolean): Snapshot | undefined;
  get(key: string, version: number): Snapshot | undefined;
  put(key: string, snapshot: Snapshot): void;
  clear(): void;
  /**
   * Drops the snapshots of every projection `keep` says no to (given the key's projection part,
   * snapshotOwner): an edited module's old content is of no use once the file is saved.
   */
  retain(keep: (owner: string) => boolean): void;
  size(): { streams: number; snapshots: number; blameNodes: number };
}

export function createSnapshotCache(options: SnapshotCacheOptions = {}): SnapshotCache {
  const maxStreams = options.maxStreams ?? 200;
  const maxBlameNodes = options.maxBlameNodes ?? 2_000_000;
  /** Map order is recency: touched series are moved to the end. */
  const series = new Map<string, Snapshot[]>();
  let blameNodes = 0;

  const touch = (key: string): Snapshot[] | undefined => {
    const list = series.get(key);
    if (list) {
      series.delete(key);
      series.set(key, list);
    }
    return list;
  };

  const evict = () => {
    for (const [key, list] of series) {
      if (series.size <= maxStreams && blameNodes <= maxBlameNodes) return;
      if (series.size === 1) return; // never drop the series being built
      series.delete(key);
      for (const snapshot of list) blameNodes -= snapshot.blameNodes;
    }
  };

  /** Index of the last snapshot with version <= `version`, or -1. */
  const floorIndex = (list: Snapshot[], version: number): number => {
    let low = 0;
    let high = list.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (list[mid].version <= version) {
        found = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    return found;
  };

  return {
    nearest(key, version, needBlame) {
      const list = touch(key);
      if (!list) return undefined;
      for (let i = floorIndex(list, version); i >= 0; i--) if (!needBlame || list[i].blame) return list[i];
      return undefined;
    },
    get(key, version) {
      const list = series.get(key);
      if (!list) return undefined;
      const i = floorIndex(list, version);
      return i >= 0 && list[i].version === version ? list[i] : undefined;
    },
    put(key, snapshot) {
      let list = touch(key);
      if (!list) {
        list = [];
        series.set(key, list);
      }
      const i = floorIndex(list, snapshot.version);
      if (i >= 0 && list[i].version === snapshot.version) {
        blameNodes -= list[i].blameNodes;
        list[i] = snapshot;
      } else list.splice(i + 1, 0, snapshot);
      blameNodes += snapshot.blameNodes;
      evict();
    },
    clear() {
      series.clear();
      blameNodes = 0;
    },
    retain(keep) {
      for (const [key, list] of series) {
        const owner = key.slice(0, key.indexOf('\u0000')).replace(/\+skipped$/, '');
        if (keep(owner)) continue;
        series.delete(key);
        for (const snapshot of list) blameNodes -= snapshot.blameNodes;
      }
    },
    size() {
      let snapshots = 0;
      for (const list of series.values()) snapshots += list.length;
      return { streams: series.size, snapshots, blameNodes };
    },
  };
}
