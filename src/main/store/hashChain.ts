// The hash chain: each event's hash = sha256(prev_hash ‖ canonical encoding of its fields), so any
// later edit, deletion, insertion or reordering of stored events breaks a link. The encoding is a JSON
// header of the scalar fields, then the stored (canonical) data and metadata text, newline separated:
// canonical JSON never contains a raw newline, so the encoding is unambiguous.
import { createHash, hash } from 'node:crypto';
import { jsonQuote } from './jsonQuote.ts';

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
  return chainHeader(f) + '\n' + f.data + '\n' + f.metadata;
}

function chainHeader(f: Omit<ChainFields, 'data' | 'metadata'>): string {
  return `[${jsonScalar(f.position)},${jsonScalar(f.eventId)},${jsonScalar(f.streamId)},${jsonScalar(f.version)},${jsonScalar(f.type)},${jsonScalar(f.recordedAtMs)}]`;
}

/**
 * The chain hash over data and metadata given as the bytes stored, not as decoded text: for valid
 * UTF-8 it equals chainHash (the writer stores the UTF-8 of its text), while bytes that are not
 * valid UTF-8 — which decode to U+FFFD and would re-encode as EF BF BD — hash as what they are.
 * Verification takes this path only for such rows, so it costs nothing on a clean store. Hex out.
 */
export function chainHashOfStoredBytes(prevHash: Uint8Array, fields: Omit<ChainFields, 'data' | 'metadata'>, data: Uint8Array, metadata: Uint8Array): string {
  return createHash('sha256').update(prevHash).update(chainHeader(fields) + '\n').update(data).update('\n').update(metadata).digest('hex');
}

/**
 * JSON.stringify of one header field, as an element of an array (undefined is null there): the
 * header was JSON.stringify of the array, ~0.7 µs per event. Verification passes fields read from
 * possibly damaged rows, so anything that is not a finite number or a string takes JSON.stringify.
 */
function jsonScalar(value: unknown): string {
  if (typeof value === 'string') return jsonQuote(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return JSON.stringify(value) ?? 'null';
}

/**
 * prev_hash and the encoding are laid out in one reused buffer and hashed by the one-shot
 * crypto.hash: a Hash object per event (createHash) cost ~4 µs, this ~1.5 µs, and appends,
 * verification and the demo generator hash every event. The hex digest is cheaper to get than a
 * Buffer digest; Buffer.from(hex) takes its bytes from Node's small-buffer pool.
 */
const scratch = Buffer.allocUnsafe(64 * 1024);

export function chainHash(prevHash: Uint8Array, fields: ChainFields): Buffer {
  const encoding = chainEncoding(fields);
  // UTF-8 takes at most 3 bytes per UTF-16 unit; larger events take the streaming path.
  if (prevHash.length + encoding.length * 3 > scratch.length) return createHash('sha256').update(prevHash).update(encoding).digest();
  scratch.set(prevHash, 0);
  const length = prevHash.length + scratch.write(encoding, prevHash.length, 'utf8');
  return Buffer.from(hash('sha256', scratch.subarray(0, length), 'hex'), 'hex');
}

/**
 * chainHash for a previous hash given as hex, returning hex: verification reads both hashes as hex
 * from SQLite (a Buffer per blob cost more than the hashing) and compares hex strings.
 */
export function chainHashHex(prevHex: string, fields: ChainFields): string {
  const encoding = chainEncoding(fields);
  const prevBytes = prevHex.length >> 1;
  if (prevBytes + encoding.length * 3 > scratch.length) return createHash('sha256').update(Buffer.from(prevHex, 'hex')).update(encoding).digest('hex');
  const written = scratch.write(prevHex, 0, 'hex');
  const length = written + scratch.write(encoding, written, 'utf8');
  return hash('sha256', scratch.subarray(0, length), 'hex');
}

/** Hex of a stored hash. A damaged or foreign row may hold text or a number there: shown as is, never a crash. */
export function toHex(hash: unknown): string | null {
  if (hash === null || hash === undefined) return null;
  if (hash instanceof Uint8Array) return Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength).toString('hex');
  return String(hash);
}
