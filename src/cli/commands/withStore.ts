// Opens a store read-only (any supported format) for one command and always closes it.
import { openForViewing } from '../../main/adapters/openForViewing.ts';
import type { EventStoreReader } from '../../main/store/eventStore.ts';

export function withStore<T>(file: string, run: (store: EventStoreReader) => T): T {
  const store = openForViewing(file);
  try {
    return run(store);
  } finally {
    store.close();
  }
}
