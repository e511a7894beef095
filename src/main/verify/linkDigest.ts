// A digest of the (position, prev_hash, hash) of a run of rows, built the same way by a hashing
// worker and by the walk on its own connection: equal digests mean both read the same links, so
// the worker's verdict on those rows holds for the rows the walk links (a row rewritten between the
// two reads makes them differ, and the walk then checks the range itself). Rows are added in
// batches of text: one digest update per batch instead of one per row.
import type { Hash } from 'node:crypto';

const BATCH = 512;

export function linkDigest(hash: Hash) {
  let parts: string[] = [];
  return {
    add(position: number, prevHex: string | null, hashHex: string | null): void {
      parts.push(`${position}:${prevHex ?? '-'}:${hashHex ?? '-'}`);
      if (parts.length === BATCH) {
        hash.update(parts.join('\n') + '\n');
        parts = [];
      }
    },
    end(): string {
      if (parts.length > 0) hash.update(parts.join('\n') + '\n');
      parts = [];
      return hash.digest('hex');
    },
  };
}
