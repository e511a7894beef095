// What an activity entry says about the store it concerns: its lasting key and label (storeKey.ts)
// and its chain head now, read from our store's one-row head table (cheap; null for stores without a chain).
import type { ActivityInput } from '../../shared/evidence.ts';
import { storeKeyOf } from '../evidence/storeKey.ts';
import type { EventStoreReader } from '../store/eventStore.ts';
import { toHex } from '../store/hashChain.ts';
import { sqliteHandleOf } from '../store/sqliteHandle.ts';

export function chainHeadOf(store: EventStoreReader): string | null {
  const db = sqliteHandleOf(store);
  if (!db || store.info.format !== 'ledger') return null;
  try {
    const head = db.prepare('SELECT last_position, head_hash FROM ledger_head WHERE id = 1').get() as { last_position: number; head_hash: unknown } | undefined;
    return head && head.last_position > 0 ? toHex(head.head_hash) : null;
  } catch {
    return null;
  }
}

/** storeKey, storeLabel and chainHead of an entry about `store` (chainHead given when the caller already knows it). */
export function storeFacts(store: EventStoreReader, chainHead?: string | null): Pick<ActivityInput, 'storeKey' | 'storeLabel' | 'chainHead'> {
  const key = storeKeyOf(store);
  return { storeKey: key.key, storeLabel: key.label, chainHead: chainHead === undefined ? chainHeadOf(store) : chainHead };
}
