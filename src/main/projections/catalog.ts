// A projections folder, loaded: every *.projection.{js,mjs,ts,mts,json} beside each other (not in
// subfolders), in file-name order, each loaded on its own so one bad file only costs itself.
// Reloads (a call, or the folder watch) re-read only the files named and report which projections
// changed, so the session can drop just their snapshots and refresh the views that use them.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ProjectionFolderInfo, ProjectionModuleInfo } from '../../shared/projections.ts';
import { LedgerError } from '../errors.ts';
import type { Projection } from '../replay/projection.ts';
import { watchFolder, type FolderWatcher } from './folderWatcher.ts';
import { DEFAULT_LOADERS, loadProjectionText, readProjectionFile, type ProjectionLoaders } from './loadFile.ts';
import { isBuiltInName } from './replayProjections.ts';
import { DEFAULT_SANDBOX_LIMITS, projectionFileKind, type LoadedProjection, type SandboxLimits } from './types.ts';
import { words } from '../../shared/errorWords/index.ts';

export interface ProjectionFolderOptions {
  limits?: Partial<SandboxLimits>;
  /** Tests inject fakes; by default modules go to the sandbox and *.projection.json to the declarative loader. */
  loaders?: Partial<ProjectionLoaders>;
  /** Quiet time after a file event before the watch reloads (editors write a file in several steps). */
  debounceMs?: number;
}

/** One projection whose fold is not what it was: its snapshots and the views using it are stale. */
export interface ProjectionChange {
  name: string;
  /** The file that defined the name before / after, and its content hash; null when none did. */
  oldFile: string | null;
  oldContentHash: string | null;
  newFile: string | null;
  newContentHash: string | null;
}

export interface ReloadReport {
  /** Files looked at again (saved, added, removed), in name order. */
  files: string[];
  /** Projections that changed, appeared or went away (a file that now fails to load takes its name away). */
  changed: ProjectionChange[];
  info: ProjectionFolderInfo;
}

export interface ProjectionCatalog {
  /** Absolute path of the folder. */
  readonly folder: string;
  /** The projections that loaded, in file order (changes on reload). */
  readonly projections: readonly Projection[];
  info(): ProjectionFolderInfo;
  /**
   * Reads the file again (a file name in the folder), or the whole folder: new files load, missing
   * ones are dropped. A reload asked for loads again even when the bytes are the same.
   */
  reload(fileName?: string): Promise<ReloadReport>;
  /**
   * Reloads what the folder watch sees change and reports each reload that changed a file (reloads
   * asked for with reload() are not reported here: their caller has the report). Returns the
   * unsubscribe; the watch stops with the last subscriber. Never throws: when the watch fails,
   * info().watching turns false and the subscribers get one report with no files saying so.
   */
  watch(onChange: (report: ReloadReport) => void): () => void;
  /** Stops watching and disposes every projection (sandbox workers end). */
  close(): Promise<void>;
}

interface Entry {
  file: string;
  kind: 'module' | 'declarative';
  loaded: LoadedProjection;
  /** Null when the file could not be read. */
  contentHash: string | null;
}

interface Resolved {
  modules: ProjectionModuleInfo[];
  projections: Projection[];
  /** Which file (and content) each loaded name comes from. */
  /** By name@version. */
  byName: Map<string, { name: string; file: string; contentHash: string | null }>;
}

const DEFAULT_DEBOUNCE_MS = 150;

/** Projection files of a folder listing, in name order. Hidden files are editors' locks and backups. */
function projectionFiles(names: Iterable<string>): string[] {
  return [...names].filter((name) => !name.startsWith('.') && projectionFileKind(name) !== null).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Refuses a projections folder that is missing or is a file (a LedgerError in people's words). */
export async function checkFolder(folder: string): Promise<void> {
  let stat;
  try {
    stat = await fs.stat(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new LedgerError('FILE_NOT_FOUND', words('errorWords.projections.noFolder', { path: folder }), { folder });
    throw new LedgerError('IO_ERROR', words('errorWords.projections.cannotOpen', { path: folder, error: (error as Error).message }), { folder });
  }
  if (!stat.isDirectory()) {
    throw new LedgerError('INVALID_INPUT', words('errorWords.projections.notAFolder', { path: folder }), { folder });
  }
}

async function listFolder(folder: string): Promise<string[]> {
  try {
    return projectionFiles(await fs.readdir(folder));
  } catch (error) {
    throw new LedgerError('IO_ERROR', words('errorWords.projections.cannotRead', { path: folder, error: (error as Error).message }), { folder });
  }
}

/** Later files with a taken name do not load; a name that is a built-in's is used instead of it. */
function resolve(entries: Map<string, Entry>): Resolved {
  const modules: ProjectionModuleInfo[] = [];
  const projections: Projection[] = [];
  const byName = new Map<string, { name: string; file: string; contentHash: string | null }>();
  for (const file of projectionFiles(entries.keys())) {
    const entry = entries.get(file)!;
    const projection = entry.loaded.projection;
    if (!projection) {
      modules.push(entry.loaded.info);
      continue;
    }
    // Two versions of one projection may sit side by side (library.v1 / library.v2, for a what-if):
    // one name and one version once only.
    const ref = `${projection.name}@${projection.version}`;
    const first = byName.get(ref);
    if (first) {
      modules.push({
        ...entry.loaded.info,
        error: { kind: 'crashed', message: `${first.file} already defines the projection '${projection.name}' version ${projection.version}; this file is not used.`, file },
      });
      continue;
    }
    byName.set(ref, { name: projection.name, file, contentHash: entry.loaded.info.contentHash ?? entry.contentHash });
    projections.push(projection);
    modules.push(isBuiltInName(projection.name) ? { ...entry.loaded.info, overridesBuiltIn: true } : entry.loaded.info);
  }
  // The highest version of a name applies to its streams (it comes first); the others answer to name@version.
  const firstIndex = new Map<string, number>();
  projections.forEach((p, i) => firstIndex.has(p.name) || firstIndex.set(p.name, i));
  projections.sort((a, b) => (a.name === b.name ? b.version - a.version : (firstIndex.get(a.name) as number) - (firstIndex.get(b.name) as number)));
  const shown = modules.map((module) => {
    const newest = projections.find((p) => p.name === module.name);
    return !module.error && newest && module.version !== null && newest.version > module.version ? { ...module, chosenOnly: `${module.name}@${module.version}` } : module;
  });
  return { modules: shown, projections, byName };
}

/** One change per projection name (its versions together), told by its highest version's file. */
function changesBetween(before: Resolved['byName'], after: Resolved['byName']): ProjectionChange[] {
  const byNameOf = (refs: Resolved['byName']) => {
    const out = new Map<string, { ref: string; file: string; contentHash: string | null }[]>();
    for (const [ref, entry] of refs) out.set(entry.name, [...(out.get(entry.name) ?? []), { ref, file: entry.file, contentHash: entry.contentHash }]);
    for (const list of out.values()) list.sort((a, b) => versionOf(b.ref) - versionOf(a.ref));
    return out;
  };
  const was = byNameOf(before);
  const is = byNameOf(after);
  const changes: ProjectionChange[] = [];
  for (const name of new Set([...was.keys(), ...is.keys()])) {
    const old = was.get(name) ?? [];
    const now = is.get(name) ?? [];
    if (JSON.stringify(old) === JSON.stringify(now)) continue;
    changes.push({ name, oldFile: old[0]?.file ?? null, oldContentHash: old[0]?.contentHash ?? null, newFile: now[0]?.file ?? null, newContentHash: now[0]?.contentHash ?? null });
  }
  return changes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const versionOf = (ref: string) => Number(ref.slice(ref.lastIndexOf('@') + 1));

async function dispose(projection: Projection | null): Promise<void> {
  try {
    await projection?.dispose?.();
  } catch {
    // A worker that fails to stop is already gone for our purposes.
  }
}

export async function loadProjectionFolder(dir: string, opts: ProjectionFolderOptions = {}): Promise<ProjectionCatalog> {
  const folder = path.resolve(dir);
  await checkFolder(folder);
  const limits: SandboxLimits = { ...DEFAULT_SANDBOX_LIMITS, ...opts.limits };
  const loaders: ProjectionLoaders = { ...DEFAULT_LOADERS, ...opts.loaders };
  const debounceMs = opts.debounceMs ?? DEFAULT_DEBOUNCE_MS;

  const entries = new Map<string, Entry>();
  let resolved: Resolved = resolve(entries);
  let closed = false;
  // Reloads run one after another: two saves of one file must not race to replace it.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };

  /** The file as it is now: loaded, failed or gone (null). `force` loads unchanged bytes again. */
  async function loadEntry(file: string, previous: Entry | undefined, force: boolean): Promise<Entry | null> {
    const kind = projectionFileKind(file);
    if (!kind) return null;
    const read = await readProjectionFile(folder, file, kind);
    if (!read.ok) {
      if ((await fs.stat(path.join(folder, file)).catch(() => null)) === null) return null;
      return { file, kind, loaded: read.loaded, contentHash: null };
    }
    // A save that did not change the bytes (or a rename's second event) needs no new sandbox.
    if (!force && previous && previous.contentHash === read.contentHash) return previous;
    return { file, kind, loaded: await loadProjectionText(file, kind, read, loaders, limits), contentHash: read.contentHash };
  }

  async function reloadFiles(files: string[], force: boolean): Promise<ReloadReport> {
    if (closed) return { files: [], changed: [], info: info() };
    const replaced: (Projection | null)[] = [];
    const before = resolved;
    const looked: string[] = [];
    const names = projectionFiles(new Set(files));
    // Files load side by side: each module starts a sandbox of its own.
    const loaded = await Promise.all(names.map((file) => loadEntry(file, entries.get(file), force)));
    if (closed) {
      // close() ran while these loaded: the new projections must not outlive the catalog.
      await Promise.all(loaded.map((next, i) => (next && next !== entries.get(names[i]) ? dispose(next.loaded.projection) : undefined)));
      return { files: [], changed: [], info: info() };
    }
    names.forEach((file, i) => {
      const previous = entries.get(file);
      const next = loaded[i];
      // Unchanged bytes, or a name that came and went between two looks (an editor's temporary file).
      if (next === previous || (!next && !previous)) return;
      looked.push(file);
      if (next) entries.set(file, next);
      else entries.delete(file);
      if (previous) replaced.push(previous.loaded.projection);
    });
    resolved = resolve(entries);
    // The new projections are in place before the old ones go: a view never sees none.
    await Promise.all(replaced.map(dispose));
    return { files: looked, changed: changesBetween(before.byName, resolved.byName), info: info() };
  }

  async function reloadAll(force: boolean): Promise<ReloadReport> {
    await checkFolder(folder);
    const present = await listFolder(folder);
    return reloadFiles([...new Set([...present, ...entries.keys()])], force);
  }

  // --- watching -------------------------------------------------------------------------------
  const listeners = new Set<(report: ReloadReport) => void>();
  let watcher: FolderWatcher | null = null;

  const notify = (report: ReloadReport) => {
    if (report.files.length === 0) return;
    for (const listener of [...listeners]) {
      try {
        listener(report);
      } catch {
        // A listener's failure is its own; the others still hear of the change.
      }
    }
  };

  const stopWatching = () => {
    watcher?.close();
    watcher = null;
  };

  /** The watch broke: say so to the subscribers (info().watching is now false) instead of throwing. */
  const watchFailed = () => {
    if (!watcher) return;
    stopWatching();
    const report: ReloadReport = { files: [], changed: [], info: info() };
    for (const listener of [...listeners]) {
      try {
        listener(report);
      } catch {
        // as in notify
      }
    }
  };

  function onFiles(files: Set<string> | 'all') {
    void serial(async () => {
      if (closed || !watcher) return;
      try {
        await checkFolder(folder);
        if (files === 'all') notify(await reloadAll(false));
        else if (files.size > 0) notify(await reloadFiles([...files], false));
      } catch {
        // The folder itself went away or became unreadable: the watch has nothing left to watch.
        watchFailed();
      }
    });
  }

  function startWatching() {
    try {
      watcher = watchFolder(folder, { debounceMs, onFiles, onError: watchFailed, accepts: (name) => projectionFiles([name]).length === 1 });
    } catch {
      // The platform refused (out of inotify watches, a network drive): no hot reload, info says so.
      watcher = null;
    }
  }

  function info(): ProjectionFolderInfo {
    return { folder, modules: resolved.modules, watching: watcher !== null };
  }

  await reloadFiles(await listFolder(folder), true);

  return {
    folder,
    get projections() {
      return resolved.projections;
    },
    info,
    reload: (fileName) =>
      serial(() => {
        if (fileName === undefined) return reloadAll(true);
        if (path.basename(fileName) !== fileName || projectionFileKind(fileName) === null) {
          return Promise.reject(new LedgerError('INVALID_INPUT', words('errorWords.projections.notAFileName', { name: fileName })));
        }
        return reloadFiles([fileName], true);
      }),
    watch(onChange) {
      if (closed) return () => undefined;
      listeners.add(onChange);
      // A watch that failed is tried again for a new subscriber (the folder may be back).
      if (!watcher) startWatching();
      return () => {
        listeners.delete(onChange);
        if (listeners.size === 0) stopWatching();
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      stopWatching();
      listeners.clear();
      await queue;
      const all = [...entries.values()].map((entry) => entry.loaded.projection);
      entries.clear();
      resolved = resolve(entries);
      await Promise.all(all.map(dispose));
    },
  };
}
