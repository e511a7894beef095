// Opens a store read-only (a file of any supported format, or a database URL) for one command and
// always closes it once the command settles.
import { openStoreTarget } from '../../main/adapters/openStoreTarget.ts';
import type { EventStoreReader } from '../../main/store/eventStore.ts';

export async function withStore<T>(target: string, run: (store: EventStoreReader) => T | Promise<T>): Promise<T> {
  const store = await openStoreTarget(target);
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}
