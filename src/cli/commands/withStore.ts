// Opens a store read-only (any supported format) for one command and always closes it: after the
// command's promise settles when it is async (an export of more than one chunk), else right away.
import { openForViewing } from '../../main/adapters/openForViewing.ts';
import type { EventStoreReader } from '../../main/store/eventStore.ts';

export function withStore<T>(file: string, run: (store: EventStoreReader) => T): T {
  const store = openForViewing(file);
  let result: T;
  try {
    result = run(store);
  } catch (error) {
    store.close();
    throw error;
  }
  if (result instanceof Promise) return result.finally(() => store.close()) as T;
  store.close();
  return result;
}
