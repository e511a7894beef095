// Where a store is named by a string (the CLI's FILE argument, the app's start argument): a
// database URL opens the PostgreSQL adapter, anything else is a file opened read-only.
import type { EventStoreReader } from '../store/eventStore.ts';
import { openForViewing, type ViewingOptions } from './openForViewing.ts';

export async function openStoreTarget(target: string, options: ViewingOptions = {}): Promise<EventStoreReader> {
  return openForViewing(target, options);
}
