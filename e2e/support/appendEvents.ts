// Appends events to a store as another process would (for the live-tail journey).
// Run: node e2e/support/appendEvents.ts FILE STREAM TYPE COUNT
import { openStore } from '../../src/main/store/openStore.ts';

const [file, streamId, type, count = '1'] = process.argv.slice(2);
const store = openStore(file, { readonly: false });
try {
  const events = Array.from({ length: Number(count) }, (_, i) => ({ type, data: { note: `appended ${i + 1}` }, metadata: { actor: 'user:live-tail' } }));
  const result = store.append(streamId, events);
  console.log(JSON.stringify(result));
} finally {
  store.close();
}
