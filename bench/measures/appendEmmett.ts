// The append row's peer: Emmett's SQLite store (see append.ts for how slices are run).
import { openEmmettStore, toEmmettEvent } from '../lib/emmettStore.ts';
import { sourceBatches } from '../lib/sourceRows.ts';
import type { AppendParams } from './append.ts';
import type { Measurement } from './types.ts';

/**
 * The peer: Emmett's appendToStream, one call (one transaction) per batch of consecutive events.
 * Its API appends to one stream per call, so each batch goes to a stream of its own: Emmett's
 * favourable case (1,000 events per call) rather than our streams' few events per transaction.
 */
export async function appendEmmett(p: AppendParams): Promise<Measurement> {
  const store = openEmmettStore(p.target);
  let ms = 0;
  let units = 0;
  try {
    for (const rows of sourceBatches(p.source, p.fromPosition, p.count, p.batch)) {
      const events = rows.map((r) => toEmmettEvent(r.type, JSON.parse(r.data), JSON.parse(r.metadata), r.recordedAt));
      const started = performance.now();
      await store.appendToStream(`bench-${rows[0].position}`, events);
      ms += performance.now() - started;
      units += rows.length;
    }
  } finally {
    store.close();
  }
  return { ms, units };
}
