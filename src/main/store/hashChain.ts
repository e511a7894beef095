// The hash chain: each event's hash = sha256(prev_hash ‖ canonical encoding of its fields), so any
// later edit, deletion, insertion or reordering of stored events breaks a link. The encoding is a JSON
// header of the scalar fields, then the stored (canonical) data and metadata text, newline separated:
// canonical JSON never contains a raw newline, so the encoding is unambiguous.
import { createHash } from 'node:crypto';

export const GENESIS_HASH: Buffer = Buffer.alloc(32);

export interface ChainFields {
  position: number;
  eventId: string;
  streamId: string;
  version: number;
  type: string;
  recordedAtMs: number;
  /** Stored data text (canonical JSON). */
  data: string;
  /** Stored metadata text (canonical JSON). */
  metadata: string;
}

export function chainEncoding(f: ChainFields): string {
  return JSON.stringify([f.position, f.eventId, f.streamId, f.version, f.type, f.recordedAtMs]) + '\n' + f.data + '\n' + f.metadata;
}

export function chainHash(prevHash: Uint8Array, fields: ChainFields): Buffer {
  return createHash('sha256').update(prevHash).update(chainEncoding(fields)).digest();
}

/** Hex of a stored hash. A damaged or foreign row may hold text or a number there: shown as is, never a crash. */
export function toHex(hash: unknown): string | null {
  if (hash === null || hash === undefined) return null;
  if (hash instanceof Uint8Array) return Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength).toString('hex');
  return String(hash);
}
