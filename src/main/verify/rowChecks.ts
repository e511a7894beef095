// What the chain walk reads of each event and the per-row checks that need nothing but the row: the
// hash recomputed at a position (one function, so a schema version with another chain encoding
// switches here) and "is this row clean" (it hashes at its own position, every column has the
// writer's storage type, its bytes are UTF-8 and its derived columns match its metadata). The
// sequential walk (chainWalk.ts) and the hashing workers (chainHashWorker.ts) share this module, so
// both judge a row by the very same code.
import { canonicalJson } from '../store/canonicalJson.ts';
import { chainHash, chainHashHex, chainHashOfStoredBytes, type ChainFields } from '../store/hashChain.ts';
import { expectedDerivedColumns } from './derivedColumns.ts';

/** position, event_id, stream_id, version, type, recorded_at, data, metadata, prev_hash as hex (a
 *  blob) or raw (anything else), hash as hex, actor, correlation_id, causation_id, storage types
 *  of the hashed columns when any is not the writer's (else null). */
export type Row = [number, unknown, unknown, unknown, unknown, unknown, unknown, unknown, string | null, unknown, string | null, unknown, unknown, unknown, string | null];

/** The storage type the append path gives each hashed column (SQLite keeps a value's own type per row). */
export const WRITER_TYPES = { event_id: 'text', stream_id: 'text', version: 'integer', type: 'text', recorded_at: 'integer', data: 'text', metadata: 'text' } as const;
/** NULL when every hashed column has the writer's type (one cheap test per row); else their types as a JSON object. */
const STORAGE_TYPES =
  `CASE WHEN ${Object.entries(WRITER_TYPES).map(([c, t]) => `typeof(${c}) = '${t}'`).join(' AND ')} THEN NULL ` +
  `ELSE json_object(${Object.keys(WRITER_TYPES).map((c) => `'${c}', typeof(${c})`).join(', ')}) END`;

/** Hex of a BLOB column; NULL for any other value (a hash that is not a blob never matches). */
export const hexOf = (column: string) => `CASE WHEN typeof(${column}) = 'blob' THEN lower(hex(${column})) END`;

/** The columns of a Row, in its order. */
export const ROW_COLUMNS =
  `position, event_id, stream_id, version, type, recorded_at, data, metadata, ${hexOf('prev_hash')}, CASE WHEN typeof(prev_hash) = 'blob' THEN NULL ELSE prev_hash END, ` +
  `${hexOf('hash')}, actor, correlation_id, causation_id, ${STORAGE_TYPES}`;

/**
 * ROW_COLUMNS as a hashing worker reads them, with less work per row in SQL: a column read as a JS
 * string is stored as text (better-sqlite3 gives strings for TEXT only), so only the two integer
 * columns need typeof() in SQL; the storage-types column is then NULL or 'other' (the row is not
 * clean, and the walk re-reads it with ROW_COLUMNS), and a prev_hash that is not a blob is not
 * read (such a row is not clean either).
 */
export const WORKER_ROW_COLUMNS =
  `position, event_id, stream_id, version, type, recorded_at, data, metadata, ${hexOf('prev_hash')}, NULL, ` +
  `${hexOf('hash')}, actor, correlation_id, causation_id, CASE WHEN typeof(version) = 'integer' AND typeof(recorded_at) = 'integer' THEN NULL ELSE 'other' END`;

export const text = (value: unknown): string => (typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value));

/** The hashed fields of a row as the chain encodes them (at the row's own position). */
export function fieldsOf(row: Row): ChainFields {
  return {
    position: row[0],
    eventId: row[1] as string,
    streamId: row[2] as string,
    version: row[3] as number,
    type: row[4] as string,
    recordedAtMs: row[5] as number,
    data: text(row[6]),
    metadata: text(row[7]),
  };
}

/** The bytes SQLite stores for data and metadata, when they had to be read as bytes (see needsStoredBytes). */
export interface StoredBytes {
  data: Buffer;
  metadata: Buffer;
}

/**
 * The hash a row's fields give as if recorded at `position` after its stored prev_hash (hex). The
 * one place the chain's per-row hash is recomputed for verification: a schema version with another
 * encoding chooses its function here.
 */
export function recomputedHash(row: Row, fields: ChainFields, position: number, stored: StoredBytes | null): string {
  const prevHex = row[8];
  // A prev_hash that is not a blob (damaged or forged) is hashed over its UTF-8 text, as before.
  const prevBytes = prevHex === null ? Buffer.from(text(row[9]), 'utf8') : null;
  const at = position === fields.position ? fields : { ...fields, position };
  if (stored) return chainHashOfStoredBytes(prevBytes ?? Buffer.from(prevHex as string, 'hex'), at, stored.data, stored.metadata);
  return prevBytes ? chainHash(prevBytes, at).toString('hex') : chainHashHex(prevHex as string, at);
}

/**
 * The hash covers the stored bytes. Text that decodes without U+FFFD is valid UTF-8, so its UTF-8
 * is exactly the stored bytes; a blob, or text holding U+FFFD (maybe decoded from bytes that are
 * not UTF-8), is hashed over the bytes SQLite holds, read again for that row only.
 */
export const needsStoredBytes = (value: unknown): boolean => (typeof value === 'string' ? value.includes('\uFFFD') : value instanceof Uint8Array);

export const DERIVED_KEYS = ['actor', 'correlationId', 'causationId'] as const;
export type DerivedKey = (typeof DERIVED_KEYS)[number];

/**
 * The derived columns that disagree with the metadata of an authentic row (empty when all agree or
 * there is nothing to compare), each with the value the column holds and the one the metadata gives.
 */
export function derivedMismatches(row: Row, metadata: string): { key: DerivedKey; want: string | null; have: unknown }[] {
  let expected: ReturnType<typeof expectedDerivedColumns>;
  try {
    expected = expectedDerivedColumns(metadata, canonicalJson);
  } catch {
    return []; // a field too deep to copy: the append path would have refused it, so nothing to compare
  }
  if (!expected) return [];
  const out: { key: DerivedKey; want: string | null; have: unknown }[] = [];
  const derived = { actor: row[11], correlationId: row[12], causationId: row[13] } as Record<DerivedKey, unknown>;
  for (const key of DERIVED_KEYS) {
    const want = expected[key];
    const have = derived[key] ?? null;
    if (want !== have) out.push({ key, want, have });
  }
  return out;
}

/**
 * Whether the sequential walk would find nothing to say about this row by itself: both hashes are
 * blobs, every hashed column has the writer's type and its text needs no byte re-read, it hashes
 * at its own position to its stored hash, and its derived columns match. (Its links are checked
 * elsewhere, against its neighbours.) Workers report the rows that are not clean; those, and only
 * those, the walk re-reads and checks in full.
 */
export function isCleanRow(row: Row): boolean {
  if (row[8] === null || row[10] === null || row[14] !== null) return false;
  // The text columns as text (the rest of the storage-type test, for rows read with WORKER_ROW_COLUMNS).
  if (typeof row[1] !== 'string' || typeof row[2] !== 'string' || typeof row[4] !== 'string' || typeof row[6] !== 'string' || typeof row[7] !== 'string') return false;
  if (needsStoredBytes(row[6]) || needsStoredBytes(row[7])) return false;
  const fields = fieldsOf(row);
  if (recomputedHash(row, fields, row[0], null) !== row[10]) return false;
  return derivedMismatches(row, fields.metadata).length === 0;
}
