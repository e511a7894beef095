// Which store an index belongs to. A file: its path, size, modification time and chain head, so a
// rewritten (or tampered) file never reuses an index of what it held before. A database: the URL
// shown (no password), the format and the tables read; it has no mtime, so the index also keeps a
// checkpoint (the event id at its last position and its count) that open() re-checks.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { EventStoreReader } from '../../store/eventStore.ts';

export async function storeIdentity(store: EventStoreReader): Promise<string> {
  const { info } = store;
  if (info.kind === 'postgres') {
    return JSON.stringify({ kind: 'postgres', url: info.path, format: info.format, tables: info.layout?.tables ?? [] });
  }
  const stat = fs.statSync(info.path);
  const { chainHead } = await store.stats();
  return JSON.stringify({ kind: 'file', path: info.path, size: stat.size, mtimeMs: stat.mtimeMs, chainHead });
}

export function identityKey(identity: string): string {
  return createHash('sha256').update(identity).digest('hex');
}
