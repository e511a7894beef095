// Opens a store read-only (a file of any supported format, or a database URL) for one command and
// always closes it once the command settles.
import { openStoreTarget } from '../../main/adapters/openStoreTarget.ts';
import type { EventStoreReader } from '../../main/store/eventStore.ts';
import type { StoreTarget } from '../args.ts';
import { noteOpenedStore } from '../activity.ts';

export async function withStore<T>(where: string | StoreTarget, run: (store: EventStoreReader) => T | Promise<T>): Promise<T> {
  const { target, table, map } = typeof where === 'string' ? { target: where } : where;
  const store = await openStoreTarget(target, { table, map });
  noteOpenedStore(store); // the activity log names the store a recorded command read
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}
