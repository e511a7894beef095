// Opens a store read-only for one command and always closes it.
import type { EventStore } from '../../main/store/eventStore.ts';
import { openStore } from '../../main/store/openStore.ts';

export function withStore<T>(file: string, run: (store: EventStore) => T): T {
  const store = openStore(file, { readonly: true });
  try {
    return run(store);
  } finally {
    store.close();
  }
}
