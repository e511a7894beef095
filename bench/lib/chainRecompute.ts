// Stand-in for the verify service (src/main/verify, being built): re-computes the hash chain over
// the store's raw events and compares every stored hash. bench/measures/integrity.ts calls it
// through one import, so measuring the real verify() is a one-line change there.
import type { EventStoreReader } from '../../src/main/store/eventStore.ts';
import { GENESIS_HASH, chainHash } from '../../src/main/store/hashChain.ts';
import { openStore } from '../../src/main/store/openStore.ts';

export interface ChainRecomputeReport {
  checked: number;
  /** Positions whose stored hash differs from the re-computed one (first 100). */
  mismatches: number[];
  headHash: string | null;
}

export async function recomputeChain(target: EventStoreReader | string): Promise<ChainRecomputeReport> {
  const store = typeof target === 'string' ? openStore(target) : target;
  try {
    let prev: Buffer = GENESIS_HASH;
    let checked = 0;
    const mismatches: number[] = [];
    for (const e of store.iterateRaw({ kind: 'all' })) {
      const hash = chainHash(prev, {
        position: e.position,
        eventId: e.eventId,
        streamId: e.streamId,
        version: e.version,
        type: e.type,
        recordedAtMs: Date.parse(e.recordedAt),
        data: e.dataText,
        metadata: e.metadataText,
      });
      if (hash.toString('hex') !== e.hash && mismatches.length < 100) mismatches.push(e.position);
      prev = hash;
      checked++;
    }
    return { checked, mismatches, headHash: checked > 0 ? prev.toString('hex') : null };
  } finally {
    if (typeof target === 'string') store.close();
  }
}
