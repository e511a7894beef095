// Where the index files live and what they are called: cacheDir/search/<location>-<identity>.db.
// The location part (a hash of where the store is) lets a new identity of the same store find and
// discard its predecessor; the identity part changes whenever the store file was rewritten.
import { clearCacheFolder } from '../../session/cacheFolder.ts';
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
  return clearCacheFolder(path.join(cacheDir, SEARCH_FOLDER));
}
