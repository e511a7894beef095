// Where a store is named by a string (the CLI's FILE argument, the app's start argument): a
// database URL opens the PostgreSQL adapter, anything else is a file opened read-only.
import { words } from '../../shared/errorWords/index.ts';
import { LedgerError } from '../errors.ts';
import type { EventStoreReader } from '../store/eventStore.ts';
import { openForViewing, type ViewingOptions } from './openForViewing.ts';
import { parseTableMapping } from './postgres/layouts/tableMapping.ts';
import { openPostgres } from './postgres/openPostgres.ts';
import { parsePgTarget } from './postgres/target.ts';

export interface StoreTargetOptions extends ViewingOptions {
  /** A database's events table (`schema.table`) and its column mapping (`target=column`). */
  table?: string;
  map?: string[];
}

export async function openStoreTarget(target: string, options: StoreTargetOptions = {}): Promise<EventStoreReader> {
  const database = parsePgTarget(target);
  if (!database) {
    if (options.table !== undefined || options.map?.length) {
      throw new LedgerError('INVALID_INPUT', words('errorWords.importRun.tableNeedsUrlToOpen', {}));
    }
    return openForViewing(target, options);
  }
  const mapped = options.table !== undefined ? parseTableMapping(options.table, options.map ?? []) : undefined;
  return (await openPostgres(database, { mapped })).reader;
}
