// Which file paths the renderer may name. In Electron the renderer is untrusted (a compromised one
// must not read any file's first lines or create files anywhere), so a path it sends is used only
// when main itself vouches for it: main's own dialogs chose it, main's recent list or demo store
// holds it, it is the open store, or the user confirmed it in a native dialog main showed. Browser
// mode keeps typed paths: there the bridge's token is the boundary (see README "Browser mode").
import path from 'node:path';
import { CancelledError } from '../../errors.ts';

/** What a path is wanted for: opening a store, reading an input file, creating a new file. */
export type PathPurpose = 'open' | 'read' | 'create';

export interface PathGrantSources {
  /** Electron confines paths; browser mode does not. */
  confine: boolean;
  /** Paths main keeps on its own account (recent stores, the demo store, the open store). */
  trusted(): Iterable<string>;
  /** Ask the user, in main's own UI, whether the renderer may use `file` for `purpose`. */
  confirm(file: string, purpose: PathPurpose): Promise<boolean>;
}

export interface PathGrants {
  /** Record a path main's own dialog returned, so the renderer may use it afterwards. */
  grant(file: string, purpose: PathPurpose): void;
  /** The absolute path to use, or a FORBIDDEN/CANCELLED error when main does not vouch for it. */
  authorize(file: string, purpose: PathPurpose): Promise<string>;
}

const PURPOSE_WORDS: Record<PathPurpose, string> = { open: 'open', read: 'read', create: 'create' };

export function createPathGrants(sources: PathGrantSources): PathGrants {
  const granted = new Map<string, Set<PathPurpose>>();
  const key = (file: string) => path.resolve(file);
  const has = (file: string, purpose: PathPurpose) => granted.get(key(file))?.has(purpose) ?? false;
  const grant = (file: string, purpose: PathPurpose) => {
    const k = key(file);
    const purposes = granted.get(k) ?? new Set<PathPurpose>();
    purposes.add(purpose);
    // A store the user chose to open may also be read (a verified copy reads its own open store).
    if (purpose === 'open') purposes.add('read');
    granted.set(k, purposes);
  };
  return {
    grant,
    async authorize(file, purpose) {
      const resolved = key(file);
      if (!sources.confine || has(resolved, purpose)) return resolved;
      if (purpose !== 'create') {
        for (const trusted of sources.trusted()) if (key(trusted) === resolved) return resolved;
      }
      if (!(await sources.confirm(resolved, purpose).catch(() => false))) {
        throw new CancelledError(`Permission to ${PURPOSE_WORDS[purpose]} ${resolved}`);
      }
      grant(resolved, purpose);
      return resolved;
    },
  };
}

