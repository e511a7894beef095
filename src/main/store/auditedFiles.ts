// The files this process must never write: every store it has open read-only (the audited
// evidence) with its -wal, -shm and -journal, however a target names them — the same path, a
// symlink, `..`, or a hard link (same device and inode). Every writer of the app (exports,
// manifests, reports, imports) asks `assertWritableTarget` before it creates or replaces a file,
// so the rule holds for the CLI, the bridge and Electron's save dialog alike.
import fs from 'node:fs';
import path from 'node:path';
import { words } from '../../shared/errorWords/index.ts';
import { LedgerError } from '../errors.ts';

const SIDECARS = ['', '-wal', '-shm', '-journal'] as const;

/** Open read-only stores, counted (one file may be open twice, e.g. a re-open for live tail). */
const audited = new Map<string, number>();

/** Marks `file` as audited until the returned release is called (once). */
export function protectAuditedFile(file: string): () => void {
  const key = path.resolve(file);
  audited.set(key, (audited.get(key) ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (audited.get(key) ?? 1) - 1;
    if (left <= 0) audited.delete(key);
    else audited.set(key, left);
  };
}

function realpathOrNull(file: string): string | null {
  try {
    return fs.realpathSync(file);
  } catch {
    return null;
  }
}

/** Where a write to `file` would land: the link's target when it exists, else its folder's real path. */
function landingPath(file: string): string {
  const absolute = path.resolve(file);
  const real = realpathOrNull(absolute);
  if (real) return real;
  const folder = realpathOrNull(path.dirname(absolute));
  return folder ? path.join(folder, path.basename(absolute)) : absolute;
}

function identity(file: string): string | null {
  try {
    const stat = fs.statSync(file);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return null;
  }
}

/** Every name and inode of an audited store and its companions, as they are now. */
function protectedNames(store: string): { names: Set<string>; inodes: Set<string> } {
  const bases = new Set([store, realpathOrNull(store) ?? store]);
  const names = new Set<string>();
  const inodes = new Set<string>();
  for (const base of bases) {
    for (const suffix of SIDECARS) {
      const name = base + suffix;
      names.add(name);
      const real = realpathOrNull(name);
      if (real) names.add(real);
      const id = identity(name);
      if (id) inodes.add(id);
    }
  }
  return { names, inodes };
}

/**
 * Refuses (IO_ERROR, in people's words) a write whose target is an audited store, one of its
 * companions, or another name for either. `extra` protects files beyond the open stores, such as
 * an import's own input.
 */
export function assertWritableTarget(target: string, extra: string[] = []): void {
  const absolute = path.resolve(target);
  const landing = landingPath(absolute);
  const id = identity(absolute);
  for (const store of [...audited.keys(), ...extra.map((f) => path.resolve(f))]) {
    const { names, inodes } = protectedNames(store);
    if (names.has(absolute) || names.has(landing) || (id !== null && inodes.has(id))) {
      throw new LedgerError(
        'IO_ERROR',
        words('errorWords.audited.refuseWrite', { path: absolute, store }),
        { path: absolute, protected: store },
      );
    }
  }
}
