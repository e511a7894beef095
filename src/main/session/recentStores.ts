// The recent-files list, kept as a small JSON file in the user's config folder. A damaged or
// unreadable list is treated as empty rather than failing the app.
import fs from 'node:fs';
import path from 'node:path';
import type { RecentStore } from '../../shared/contract.ts';

const MAX_RECENT = 12;

export function createRecentStores(file: string | null) {
  const read = (): { path: string; openedAt: string }[] => {
    if (!file) return [];
    try {
      const parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
      return Array.isArray(parsed) ? parsed.filter((e) => typeof e?.path === 'string' && typeof e?.openedAt === 'string') : [];
    } catch {
      return [];
    }
  };
  return {
    list(): RecentStore[] {
      return read().map((entry) => ({ ...entry, exists: fs.existsSync(entry.path) }));
    },
    add(storePath: string): void {
      if (!file) return;
      const entries = [{ path: storePath, openedAt: new Date().toISOString() }, ...read().filter((e) => e.path !== storePath)].slice(0, MAX_RECENT);
      try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, JSON.stringify(entries, null, 2));
      } catch {
        // Not being able to remember a file must never stop the user from opening it.
      }
    },
  };
}
