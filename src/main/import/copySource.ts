// The store a verified copy reads: one already open in the app (read, never closed here), a
// database URL (opened read-only through the PostgreSQL adapter, with an optional mapped table) or a
// store file of any supported format. Also finds out how the source numbers stream versions: the
// copy keeps the viewer's 1-based versions and reports the source's own numbering beside them,
// because rewriting metadata would make the copy say something its source never did.
import path from 'node:path';
import { isPgUrl } from '../adapters/postgres/target.ts';
import { words } from '../../shared/errorWords/index.ts';
import { LedgerError } from '../errors.ts';
import type { EventStoreReader } from '../store/eventStore.ts';

export interface CopySource {
  reader: EventStoreReader;
  /** How the report names the source: an absolute file path, or the URL without its password. */
  name: string;
  /** The source's file (protected from being the copy's target), or null for a database. */
  file: string | null;
  /** source number = copy version + offset, when the source numbers from something other than 1. */
  sourceVersions: { offset: number; note: string } | null;
  /** Closes what this module opened; an open store passed in stays open. */
  release(): Promise<void>;
}

export interface CopySourceOptions {
  input: string;
  source?: EventStoreReader;
  table?: string;
  tableMap?: string[];
}


export async function openCopySource(options: CopySourceOptions): Promise<CopySource> {
  let reader: EventStoreReader;
  let owned = false;
  if (options.source) reader = options.source;
  else {
    if (!isPgUrl(options.input) && (options.table !== undefined || options.tableMap?.length)) {
      throw new LedgerError('INVALID_INPUT', words('errorWords.importRun.tableNeedsUrl', {}));
    }
    // Loaded here: every kind of store's reader (and node-postgres) is for copies, not for files.
    const { openStoreTarget } = await import('../adapters/openStoreTarget.ts');
    reader = await openStoreTarget(isPgUrl(options.input) ? options.input : path.resolve(options.input), { table: options.table, map: options.tableMap });
    owned = true;
  }
  const release = async () => {
    if (owned) {
      owned = false;
      await reader.close();
    }
  };
  try {
    const database = reader.info.kind === 'postgres';
    return {
      reader,
      name: database ? reader.info.path : path.resolve(reader.info.path),
      file: database ? null : path.resolve(reader.info.path),
      sourceVersions: await sourceNumbering(reader),
      release,
    };
  } catch (error) {
    await release();
    throw error;
  }
}

/**
 * Layouts number versions by a fixed rule (Message DB: position + 1), so the first event says it for
 * all: a StoredEvent carries `sourceVersion` only where the source's number differs from the viewer's.
 */
async function sourceNumbering(reader: EventStoreReader): Promise<CopySource['sourceVersions']> {
  const first = (await reader.readAll({ limit: 1 })).items[0];
  if (!first || first.sourceVersion === undefined || first.sourceVersion === first.version) return null;
  const offset = first.sourceVersion - first.version;
  const from = 1 + offset;
  const layout = reader.info.layout?.name ?? reader.info.adapter;
  return {
    offset,
    note: `${layout} numbers each stream's events from ${from}; the copy numbers them from 1, as the viewer does. The source's own number is the copy's version ${offset < 0 ? `minus ${-offset}` : `plus ${offset}`} (the copy's version 1 is the source's ${from}).`,
  };
}
