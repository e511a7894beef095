// Watches a projections folder for saved, added and removed files. Editors save in different ways
// (write in place: 'change'; write a temporary file and rename it over: 'rename' on both names), so
// every event only marks a file name as "look again"; after a quiet moment the names seen are handed
// over in one batch. The catalog then reads each file and decides what changed.
import fs from 'node:fs';

export interface FolderWatcher {
  close(): void;
}

export interface WatchFolderOptions {
  /** Quiet time after the last event before the batch is handed over. */
  debounceMs: number;
  /** File names to look at again (maybe none); 'all' when the platform did not say which file changed. */
  onFiles(files: Set<string> | 'all'): void;
  /** The watch stopped (the folder went away, the platform refused): nothing more will come. */
  onError(error: Error): void;
  /** Which names matter (projection files); the batch leaves the others out. */
  accepts(fileName: string): boolean;
}

export function watchFolder(folder: string, options: WatchFolderOptions): FolderWatcher {
  let pending: Set<string> | 'all' = new Set();
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  const flush = () => {
    timer = null;
    const files = pending;
    pending = new Set();
    if (!closed) options.onFiles(files);
  };

  const fail = (error: Error) => {
    if (closed) return;
    close();
    options.onError(error);
  };

  // Not persistent: a watch must not keep a process alive on its own (the app holds it open anyway).
  const watcher = fs.watch(folder, { persistent: false }, (_event, fileName) => {
    if (closed) return;
    if (fileName == null) pending = 'all';
    else {
      // Other names still wake the batch (with nothing in it): the folder itself being removed
      // arrives as such an event, and the catalog checks the folder on every batch.
      const name = fileName.toString();
      if (options.accepts(name) && pending !== 'all') pending.add(name);
    }
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, options.debounceMs);
  });
  watcher.on('error', (error) => fail(error));

  function close() {
    if (closed) return;
    closed = true;
    if (timer) clearTimeout(timer);
    timer = null;
    watcher.close();
  }
  return { close };
}
