// Which projections folder each store uses, remembered in the viewer's config folder (like the
// recent files), keyed by the store's path or database URL: never written beside the store, which
// is audited and read-only. A damaged file reads as "no folder remembered".
import fs from 'node:fs';
import path from 'node:path';

const MAX_REMEMBERED = 200;

interface Entry {
  store: string;
  folder: string;
  setAt: string;
}

export interface ProjectionFolders {
  /** The folder remembered for this store, or null. */
  get(store: string): string | null;
  /** Remembers (or, with null, forgets) the folder of a store. */
  set(store: string, folder: string | null): void;
}

export function createProjectionFolders(file: string | null): ProjectionFolders {
  const read = (): Entry[] => {
    if (!file) return [];
    try {
      const parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
      return Array.isArray(parsed) ? parsed.filter((e) => typeof e?.store === 'string' && typeof e?.folder === 'string' && typeof e?.setAt === 'string') : [];
    } catch {
      return [];
    }
  };
  return {
    get: (store) => read().find((e) => e.store === store)?.folder ?? null,
    set(store, folder) {
      if (!file) return;
      const others = read().filter((e) => e.store !== store);
      const entries = folder === null ? others : [{ store, folder, setAt: new Date().toISOString() }, ...others].slice(0, MAX_REMEMBERED);
      try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, JSON.stringify(entries, null, 2));
      } catch {
        // Not being able to remember the folder must not stop the user from using it now.
      }
    },
  };
}
