// Where the index files live and what they are called: cacheDir/search/<location>-<identity>.db.
// The location part (a hash of where the store is) lets a new identity of the same store find and
// discard its predecessor; the identity part changes whenever the store file was rewritten.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { StoreInfo } from '../../../shared/types.ts';

export const SEARCH_FOLDER = 'search';

export function locationKey(info: Pick<StoreInfo, 'kind' | 'path'>): string {
  return createHash('sha256').update(`${info.kind ?? 'file'}\n${info.path}`).digest('hex').slice(0, 16);
}

export function indexFileName(location: string, identity: string): string {
  return `${location}-${identity}.db`;
}

/** "Clear caches": removes every search index (open ones stop answering at their next rebuild). Returns the bytes freed. */
export function clearSearchIndexes(cacheDir: string): number {
  const folder = path.join(cacheDir, SEARCH_FOLDER);
  let freed = 0;
  let names: string[] = [];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return 0;
  }
  for (const name of names) {
    const file = path.join(folder, name);
    try {
      freed += fs.statSync(file).size;
    } catch {
      /* already gone */
    }
    fs.rmSync(file, { force: true, recursive: true });
  }
  fs.rmSync(folder, { force: true, recursive: true });
  return freed;
}
